"""The rules of the signed-user JSON endpoint, shared by every Python integration.

- The identity comes only from the app's session (the ``get_user`` callable or
  ``request.user``), never from the request's query or body: a client cannot ask for another
  user's hash.
- No session: ``401``.
- Every answer: ``Cache-Control: no-store`` (no proxy may serve one user's object to another)
  and ``Vary: Cookie``.
- The body is ``{"user": ...}``, an envelope that a token mode can later fill with
  ``{"jwt": ..., "expiresAt": ...}``.

Signing and validation are the core's (``Signer.user``); the Node integrations follow the same
rules.
"""

from collections.abc import Mapping
from typing import Any

from .._native import Signer

HEADERS = {"Cache-Control": "no-store", "Vary": "Cookie"}


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
