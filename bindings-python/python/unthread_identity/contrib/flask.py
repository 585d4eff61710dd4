"""Flask: the page scripts for templates, the signed-user endpoint and the token endpoint.

    from flask import Flask, g, session
    from unthread_identity import Signer, TokenSigner
    from unthread_identity.contrib.flask import Unthread

    app = Flask(__name__)
    unthread = Unthread(
        app,
        get_user=lambda: session.get("user"),        # from your own session, or None
        signer=Signer.from_env(),                     # the classic portal
        workspace="acme",                             # its host, for the CSP
        tokens=TokenSigner.from_env(),                # the embedded portal
        allowed_origins=["https://app.example.com"],  # who may fetch a token
        portal_url="https://help.acme.unthread.io",   # the embedded portal's host
    )
    app.add_url_rule("/api/unthread-user", view_func=unthread.user_view())
    app.add_url_rule("/api/portal-token", view_func=unthread.token_view(), methods=["GET", "POST"])

In a template, ``{{ unthread }}`` is the page script (the start call for the logged-in user,
the stop call when nobody is) and ``{{ unthread_embed }}`` the embedded portal's boot snippet;
both are safe HTML, inserted with autoescape on and no ``|safe``. Either one, used without what
it needs (``signer=`` for a logged-in user, ``portal_url=``), raises instead of rendering a
silently wrong page.

The CSP, unless ``csp=False``: each request gets a nonce (``g.unthread_nonce``, or your
``nonce=`` function's), which both scripts carry, and each HTML response a
``Content-Security-Policy`` naming the portals (``workspace``, ``portal_url``) and the nonce,
merged into the policy the response already has (``portal_csp(..., policy=...)``), so that an
app's own policy keeps everything it allowed.

The endpoints follow the same rules as every other integration: the identity only from the
session, ``401`` without one, ``403`` from a foreign origin before the session is read, always
``Cache-Control: no-store``.
"""

import secrets
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Response, g, request

from .._html import SafeHTML
from .._native import (
    Signer,
    TokenEndpoint,
    TokenSigner,
    UserEndpoint,
    portal_boot_script,
    portal_csp,
    session_user,
    stop_script,
)
from .._types import EndpointResponse
from ._endpoint import refusal

__all__ = ["Unthread"]


class Unthread:
    """The extension. Pass ``app`` now, or call ``init_app(app)`` later (application factory)."""

    def __init__(
        self,
        app: Flask | None = None,
        *,
        get_user: Callable[[], Any],
        signer: Signer | None = None,
        tokens: TokenSigner | None = None,
        allowed_origins: Iterable[str] | None = None,
        portal_url: str | None = None,
        custom_domain: bool = False,
        token_url: str | None = None,
        container: str | None = None,
        nonce: Callable[[], str | None] | None = None,
        workspace: str | None = None,
        csp: bool = True,
    ) -> None:
        if not callable(get_user):
            raise TypeError("get_user must be a function that returns the session's user or None")
        if signer is None and tokens is None and portal_url is None:
            raise TypeError("Unthread needs signer= (the classic portal), or tokens= and portal_url= (the embedded one)")
        self.get_user = get_user
        self.signer = signer
        self.tokens = tokens
        self.allowed_origins = None if allowed_origins is None else list(allowed_origins)
        # Checked now, so that a bad list fails at start-up, not at the first request.
        self.token_endpoint = (
            TokenEndpoint(tokens, self.allowed_origins)
            if tokens is not None and self.allowed_origins is not None
            else None
        )
        self.portal_url = portal_url
        self.custom_domain = custom_domain
        self.token_url = token_url
        self.container = container
        self.csp = csp
        # The portals the CSP names: the classic one's workspace (always under unthread.io: its
        # origin, which reads as itself whether or not custom_domain is set), the embedded one.
        classic = None if workspace is None else portal_csp(workspace)["origin"]
        self.csp_hosts = [h for h in (classic, portal_url) if h is not None]
        # Without a nonce function of the app's, the extension makes one per request.
        self.nonce = nonce if nonce is not None else (_request_nonce if csp else None)
        if portal_url is not None:  # also checked now, with the same rules as at render time
            portal_boot_script(portal_url, custom_domain=custom_domain, token_url=token_url,
                               container=container)
        if csp and self.csp_hosts:  # the hosts are checked now too
            portal_csp(self.csp_hosts, custom_domain=custom_domain)
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Registers the template values ``unthread`` and ``unthread_embed``, and, unless
        ``csp=False``, the nonce and the ``Content-Security-Policy`` of each HTML response."""
        app.extensions["unthread_identity"] = self
        app.context_processor(self._template_values)
        if self.csp and self.csp_hosts:
            app.after_request(self._csp_header)

    def _csp_header(self, response: Response) -> Response:
        if response.mimetype == "text/html":
            header = portal_csp(self.csp_hosts, nonce=self.nonce() if self.nonce else None,
                                custom_domain=self.custom_domain,
                                policy=response.headers.get("Content-Security-Policy"))["header"]
            response.headers["Content-Security-Policy"] = header
        return response

    def page_script(self) -> SafeHTML:
        """The start call for the session's user, or the stop call when nobody is logged in."""
        nonce = self.nonce() if self.nonce else None
        found = session_user(self.get_user())
        if found is None:
            return stop_script(nonce=nonce)
        if self.signer is None:
            # Never the stop call for a logged-in user: that would silently sign nobody in.
            raise RuntimeError("Unthread(signer=...) is needed for {{ unthread }} on a logged-in page")
        return self.signer.start_script(found["email"], found["name"], nonce=nonce)

    def embed_script(self) -> SafeHTML:
        """The embedded portal's boot snippet for ``portal_url``."""
        if self.portal_url is None:
            raise RuntimeError("Unthread(portal_url=...) is needed for {{ unthread_embed }}")
        return portal_boot_script(
            self.portal_url,
            custom_domain=self.custom_domain,
            token_url=self.token_url,
            container=self.container,
            nonce=self.nonce() if self.nonce else None,
        )

    def _template_values(self) -> dict[str, Any]:
        # Both always: a template that uses one without its configuration raises (see
        # embed_script), where Jinja would render an unknown name as nothing.
        return {"unthread": _Lazy(self.page_script), "unthread_embed": _Lazy(self.embed_script)}

    def user_view(self) -> Callable[[], Response]:
        """``{"user": ...}`` for the session's user, ``401`` without one, always ``no-store``."""
        if self.signer is None:
            raise RuntimeError("Unthread(signer=...) is needed for the user endpoint")
        return self._view(UserEndpoint(self.signer, self.allowed_origins), "unthread_user")

    def token_view(self) -> Callable[[], Response]:
        """``{"jwt", "expiresAt"}`` for the session's user, ``401`` without one, ``403`` from an
        origin that is not allowed (before the session is read), always ``no-store``."""
        endpoint = self.token_endpoint
        if endpoint is None:
            raise RuntimeError("Unthread(tokens=..., allowed_origins=[...]) is needed for the token endpoint")
        return self._view(endpoint, "portal_token")

    def _view(self, endpoint: UserEndpoint | TokenEndpoint, name: str) -> Callable[[], Response]:
        def view() -> Response:
            # WSGI gives each header once, as Latin-1 text (a repeated one joined by ","):
            # every value Werkzeug has goes to the core's rule.
            refused = refusal(endpoint, request.method, request.headers.getlist)
            if refused is not None:
                return _response(refused)
            return _response(endpoint.respond(self.get_user()))

        view.__name__ = name
        return view


class _Lazy:
    """A template value rendered only when the template uses it (``__html__``, as MarkupSafe
    reads it), so a page that shows neither script costs nothing."""

    def __init__(self, render: Callable[[], SafeHTML]) -> None:
        self._render = render

    def __html__(self) -> str:
        return self._render().__html__()

    def __str__(self) -> str:
        return str(self._render())


def _request_nonce() -> str:
    """This request's CSP nonce, made on first use: 16 random bytes, base64url."""
    nonce: str | None = g.get("unthread_nonce")
    if nonce is None:
        nonce = g.unthread_nonce = secrets.token_urlsafe(16)
    return nonce


def _response(answer: EndpointResponse) -> Response:
    return Response(answer["body"], status=answer["status"], headers=answer["headers"])
