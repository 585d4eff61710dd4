"""The rules of the signed-user JSON endpoint, shared by every Python integration.

- The identity comes only from the app's session (the ``get_user`` callable or
  ``request.user``), never from the request's query or body: a client cannot ask for another
  user's hash.
- No session: ``401``.
- Every answer: ``Cache-Control: no-store`` (no proxy may serve one user's object to another)
  and ``Vary: Cookie``.
- The body is ``{"user": ...}``, or, for the embedded portal's token endpoint,
  ``{"jwt": ..., "expiresAt": ...}``.
- The token endpoint also refuses (``403``) a request from an origin that is not allowed, by the
  core's rule (``AllowedOrigins``), before the session is read.

Signing, minting and validation are the core's (``Signer.user``, ``TokenSigner.mint_token``);
the Node integrations follow the same rules.
"""

from collections.abc import Callable, Mapping
from typing import Any

from .._native import AllowedOrigins, Signer, TokenSigner

HEADERS = {"Cache-Control": "no-store", "Vary": "Cookie"}
TOKEN_HEADERS = {"Cache-Control": "no-store", "Vary": "Cookie, Origin"}


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


def user_response(signer: Signer, value: Any) -> tuple[int, dict[str, Any]]:
    """The status and JSON body for the session's user (or for no user)."""
    user = session_user(value)
    if user is None:
        return 401, {"error": "not logged in"}
    email, name = user
    return 200, {"user": signer.user(email, name)}


def session_user_id(value: Any) -> str | None:
    """A stable id of the session's user, for a token's subject: ``["id"]`` of a mapping, or
    ``.pk`` / ``.id`` of an object (Django's users have ``pk``). None when there is none."""
    if isinstance(value, Mapping):
        found = value.get("id")
    else:
        found = getattr(value, "pk", None)
        if found is None:
            found = getattr(value, "id", None)
    return None if found is None else str(found)


def origin_refused(
    allowed: AllowedOrigins, header_values: Callable[[str], list[bytes] | list[str]]
) -> bool:
    """Whether the request's ``Origin`` / ``Sec-Fetch-Site`` headers are refused.

    ``header_values(name)`` gives every value of that header as it arrived (raw ``bytes`` from
    ASGI, Latin-1 ``str`` from WSGI), so that the core's rule sees a repeated header or bytes
    that are not UTF-8, and refuses them, instead of a framework choosing one value.
    """
    return not allowed.allows(header_values("origin"), header_values("sec-fetch-site"))


def token_response(tokens: TokenSigner, value: Any) -> tuple[int, dict[str, Any]]:
    """The status and JSON body of the token endpoint for the session's user (origin checked)."""
    user = session_user(value)
    if user is None:
        return 401, {"error": "not logged in"}
    email, name = user
    return 200, dict(tokens.mint_token(email, name, id=session_user_id(value)))


FORBIDDEN: tuple[int, dict[str, Any]] = (403, {"error": "origin not allowed"})
