"""FastAPI and Starlette: the signed-user endpoint, and the script for a page.

    from unthread_identity.contrib.starlette import user_endpoint, page_script

    app.add_api_route("/api/unthread-user", user_endpoint(signer, get_user))  # FastAPI
    # Starlette: Route("/api/unthread-user", user_endpoint(signer, get_user))

    # In a Jinja2 route: {"unthread": page_script(signer, get_user(request), nonce)}, then
    # {{ unthread }} in the template: it is safe HTML, inserted without escaping. For the
    # embedded portal: {"unthread_embed": portal_boot_script(PORTAL_URL, nonce=nonce)}.

    # The embedded portal's token endpoint, for its getToken:
    app.add_api_route("/api/portal-token", token_endpoint(tokens, get_user,
                      allowed_origins=["https://app.example.com"]), methods=["GET", "POST"])

``get_user(request)`` returns the logged-in user from the app's own session (a mapping or an
object with ``email`` and ``name``), or None; it may be a coroutine function.
"""

import inspect
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .._html import SafeHTML
from .._native import Signer, TokenEndpoint, TokenSigner, UserEndpoint, portal_boot_script, session_user
from .._types import EndpointResponse
from ._endpoint import refusal

__all__ = ["page_script", "portal_boot_script", "token_endpoint", "user_endpoint"]

GetUser = Callable[[Request], Any]


async def _session_user(get_user: GetUser, request: Request) -> Any:
    """``get_user(request)``, awaited when it is a coroutine function."""
    value = get_user(request)
    return await value if inspect.isawaitable(value) else value


def _response(answer: EndpointResponse) -> Response:
    return Response(answer["body"], status_code=answer["status"], headers=answer["headers"])


def _handler(endpoint: UserEndpoint | TokenEndpoint, get_user: GetUser) -> Callable[[Request], Awaitable[Response]]:
    async def unthread_endpoint(request: Request) -> Response:
        # Every raw value from the ASGI scope (Starlette's `headers.get` keeps the first).
        raw = request.scope.get("headers", [])
        refused = refusal(endpoint, request.method, lambda name: [v for k, v in raw if k.lower() == name.encode()])
        if refused is not None:
            return _response(refused)
        return _response(endpoint.respond(await _session_user(get_user, request)))

    return unthread_endpoint


def user_endpoint(
    signer: Signer, get_user: GetUser, *, allowed_origins: Iterable[str] | None = None
) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint answering ``{"user": ...}`` for the session's user, ``401`` with no session,
    ``403`` from another site (``allowed_origins``, or same-origin only by ``Sec-Fetch-Site``)
    and ``405`` for a method but GET and POST, always with ``Cache-Control: no-store``. It reads
    no email from the request."""
    return _handler(UserEndpoint(signer, allowed_origins), get_user)


def token_endpoint(
    tokens: TokenSigner, get_user: GetUser, *, allowed_origins: Iterable[str]
) -> Callable[[Request], Awaitable[Response]]:
    """The embedded portal's token endpoint: ``{"jwt": ..., "expiresAt": ...}`` for the
    session's user, ``401`` with no session, ``403`` from an origin not in
    ``allowed_origins`` and ``405`` for a method but GET and POST (before the session is
    read), always ``Cache-Control: no-store``."""
    return _handler(TokenEndpoint(tokens, allowed_origins), get_user)


def page_script(signer: Signer, user: Any, nonce: str | None = None) -> SafeHTML:
    """The start script for the session's user, or the stop script when ``user`` is None."""
    found = session_user(user)
    if found is None:
        return signer.page_script(None, nonce=nonce)
    return signer.page_script(found["email"], found["name"], nonce=nonce)
