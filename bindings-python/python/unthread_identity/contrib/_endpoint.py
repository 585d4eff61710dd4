"""Glue shared by every Python integration. Every HTTP decision (401, 403, 405, 500,
``no-store``, ``Vary``, the body) and the reading of the app's user (its ``email``, ``name`` and
``id``; other fields ignored) are the core's (``UserEndpoint``, ``TokenEndpoint``), the same as
Node's; this module only passes the request's method and headers.
"""

from collections.abc import Callable

from .._native import TokenEndpoint, UserEndpoint
from .._types import EndpointResponse


def refusal(
    endpoint: UserEndpoint | TokenEndpoint,
    method: str,
    header_values: Callable[[str], list[bytes] | list[str]],
) -> EndpointResponse | None:
    """The endpoint's refusal of the request, before the session is read, or None.

    ``header_values(name)`` gives every value of that header as it arrived (raw ``bytes`` from
    ASGI, Latin-1 ``str`` from WSGI), so that the core sees a repeated header or bytes that are
    not UTF-8, and refuses them, instead of a framework choosing one value.
    """
    return endpoint.refusal(method, header_values("origin"), header_values("sec-fetch-site"))
