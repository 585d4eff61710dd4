"""Glue shared by every Python integration. Every HTTP decision (401, 403, 405, ``no-store``,
``Vary``, the body) is the core's (``UserEndpoint``, ``TokenEndpoint``), the same as Node's;
this module only reads the app's user (a mapping or an object) and writes nothing itself.
"""

from collections.abc import Callable, Mapping
from typing import Any

from .._native import TokenEndpoint, UserEndpoint
from .._types import EndpointResponse


def session_user(value: Any) -> tuple[str, str | None] | None:
    """The email and name of what the session says is the logged-in user, or None.

    A mapping gives ``["email"]`` and ``.get("name")``; an object gives ``.email`` and ``.name``
    (or ``get_full_name()``, as Django's users have). Other fields are not the SDK's.
    """
    if value is None:
        return None
    if isinstance(value, Mapping):
        return value["email"], value.get("name")
    name = getattr(value, "name", None)
    if name is None and callable(getattr(value, "get_full_name", None)):
        name = value.get_full_name() or None
    return value.email, name


def session_user_id(value: Any) -> str | None:
    """A stable id of the session's user, for a token's subject: ``["id"]`` of a mapping or
    ``.id`` of an object, as in Node (``user.id``). None when there is none. (Django's adapter
    passes ``user.pk``, which is Django's name for it.)"""
    found = value.get("id") if isinstance(value, Mapping) else getattr(value, "id", None)
    return None if found is None else str(found)


def user_response(endpoint: UserEndpoint, value: Any) -> EndpointResponse:
    """The user endpoint's answer for the session's user (or for none)."""
    user = session_user(value)
    return endpoint.respond(None) if user is None else endpoint.respond(*user)


def token_refusal(
    endpoint: TokenEndpoint, method: str, header_values: Callable[[str], list[bytes] | list[str]]
) -> EndpointResponse | None:
    """The token endpoint's refusal of the request, before the session is read, or None.

    ``header_values(name)`` gives every value of that header as it arrived (raw ``bytes`` from
    ASGI, Latin-1 ``str`` from WSGI), so that the core sees a repeated header or bytes that are
    not UTF-8, and refuses them, instead of a framework choosing one value.
    """
    return endpoint.refusal(method, header_values("origin"), header_values("sec-fetch-site"))


def token_response(endpoint: TokenEndpoint, value: Any, user_id: str | None = None) -> EndpointResponse:
    """The token endpoint's answer for the session's user (or for none)."""
    user = session_user(value)
    if user is None:
        return endpoint.respond(None)
    email, name = user
    return endpoint.respond(email, name, id=user_id if user_id is not None else session_user_id(value))
