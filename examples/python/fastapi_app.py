"""FastAPI with a Jinja2 template: the whole flow in a real app.

Run: UNTHREAD_IDENTITY_SECRET=... .venv/bin/python examples/python/fastapi_app.py
(PORT defaults to 8000, UNTHREAD_PORTAL_SUBDOMAIN to "acme"). With UNTHREAD_PORTAL_EMBED_SECRET
set, it also serves the embedded portal's token endpoint.
"""

import os
import pathlib
import secrets

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from unthread_identity import Signer, TokenSigner, portal_boot_script, portal_csp
from unthread_identity.contrib.starlette import page_script, token_endpoint, user_endpoint

signer = Signer.from_env()  # UNTHREAD_IDENTITY_SECRET, once, at start-up
SUBDOMAIN = os.environ.get("UNTHREAD_PORTAL_SUBDOMAIN", "acme")
# The embedded portal's host (Unthread: Settings -> Portal -> Embed).
PORTAL_URL = os.environ.get("UNTHREAD_PORTAL_URL", "https://help.acme.unthread.io")
templates = Jinja2Templates(directory=pathlib.Path(__file__).with_name("templates"))


def get_user(request: Request) -> dict[str, str] | None:
    return request.session.get("user")  # from your own session, never from the request


app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=secrets.token_hex(32))
app.add_api_route("/api/unthread-user", user_endpoint(signer, get_user), methods=["GET"])
PORT = int(os.environ.get("PORT", "8000"))
if os.environ.get("UNTHREAD_PORTAL_EMBED_SECRET"):
    # The embedded portal: its getToken fetches {"jwt", "expiresAt"} from here (a GET, as
    # Unthread's snippet does; POST too).
    tokens = TokenSigner.from_env()  # UNTHREAD_PORTAL_EMBED_SECRET
    origins = [os.environ.get("APP_ORIGIN", f"http://127.0.0.1:{PORT}")]
    app.add_api_route(
        "/api/portal-token",
        token_endpoint(tokens, get_user, allowed_origins=origins),
        methods=["GET", "POST"],
    )


@app.get("/", response_class=HTMLResponse)
def page(request: Request) -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    # A safe-HTML object: {{ unthread }} inserts it as is, with autoescape on and no |safe.
    unthread = page_script(signer, get_user(request), nonce)
    response = templates.TemplateResponse(
        request, "page.html", {"unthread": unthread, "user": get_user(request)}
    )
    response.headers["Content-Security-Policy"] = portal_csp(SUBDOMAIN, nonce=nonce)["header"]
    return response


@app.get("/embedded", response_class=HTMLResponse)
def embedded(request: Request) -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    # Unthread's boot snippet, safe HTML: {{ unthread_embed }} inserts it as is.
    boot = portal_boot_script(PORTAL_URL, nonce=nonce)
    response = templates.TemplateResponse(request, "embedded.html", {"unthread_embed": boot})
    response.headers["Content-Security-Policy"] = portal_csp(PORTAL_URL, nonce=nonce)["header"]
    return response


@app.post("/login")
def login(request: Request) -> RedirectResponse:
    # A test login: your real login authenticates the user, then stores who they are.
    request.session["user"] = {"email": "zoë.test@exämple.com", "name": "</script><script>window.pwned=1</script>"}
    return RedirectResponse("/", status_code=303)


@app.post("/logout")
def logout(request: Request) -> RedirectResponse:
    request.session.clear()
    return RedirectResponse("/", status_code=303)


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=PORT, log_level="warning")
