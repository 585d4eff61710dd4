"""FastAPI and Starlette: the signed-user endpoint, and the script for a page.

    from unthread_identity.contrib.starlette import user_endpoint, page_script

    app.add_api_route("/api/unthread-user", user_endpoint(signer, get_user))  # FastAPI
    # Starlette: Route("/api/unthread-user", user_endpoint(signer, get_user))

    # In a Jinja2 route: {"unthread": page_script(signer, get_user(request), nonce)}, then
    # {{ unthread }} in the template: it is safe HTML, inserted without escaping.

``get_user(request)`` returns the logged-in user from the app's own session (a mapping or an
object with ``email`` and ``name``), or None; it may be a coroutine function.
"""

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from .._html import SafeHTML
from .._native import Signer
from ._endpoint import HEADERS, session_user, user_response

GetUser = Callable[[Request], Any]


def user_endpoint(signer: Signer, get_user: GetUser) -> Callable[[Request], Awaitable[JSONResponse]]:
    """An endpoint answering ``{"user": ...}`` for the session's user, ``401`` with no session,
    always with ``Cache-Control: no-store``. It reads no email from the request."""

    async def unthread_user(request: Request) -> JSONResponse:
        value = get_user(request)
        if inspect.isawaitable(value):
            value = await value
        status, body = user_response(signer, value)
        return JSONResponse(body, status_code=status, headers=HEADERS)

    return unthread_user


def page_script(signer: Signer, user: Any, nonce: str | None = None) -> SafeHTML:
    """The start script for the session's user, or the stop script when ``user`` is None."""
    found = session_user(user)
    if found is None:
        return signer.page_script(None, nonce=nonce)
    email, name = found
    return signer.page_script(email, name, nonce=nonce)
