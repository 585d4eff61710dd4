"""Flask: the whole flow in a real app, with ``unthread_identity.contrib.flask``.

Run: UNTHREAD_IDENTITY_SECRET=... .venv/bin/python examples/python/flask_app.py
(PORT defaults to 8000, UNTHREAD_PORTAL_SUBDOMAIN to "acme", UNTHREAD_PORTAL_URL to
"https://help.acme.unthread.io"). With UNTHREAD_PORTAL_EMBED_SECRET set, it also serves the
embedded portal's token endpoint and page.
"""

import os
import secrets

from flask import Flask, redirect, render_template_string, session

from unthread_identity import Signer, TokenSigner
from unthread_identity.contrib.flask import Unthread

PORT = int(os.environ.get("PORT", "8000"))
SUBDOMAIN = os.environ.get("UNTHREAD_PORTAL_SUBDOMAIN", "acme")
# The embedded portal's host (Unthread: Settings -> Portal -> Embed).
PORTAL_URL = os.environ.get("UNTHREAD_PORTAL_URL", "https://help.acme.unthread.io")
EMBEDDED = bool(os.environ.get("UNTHREAD_PORTAL_EMBED_SECRET"))

app = Flask(__name__)
app.secret_key = secrets.token_hex(32)
unthread = Unthread(
    app,
    get_user=lambda: session.get("user"),  # from your own session, never from the request
    signer=Signer.from_env(),  # UNTHREAD_IDENTITY_SECRET, once, at start-up
    workspace=SUBDOMAIN,  # the classic portal's host, for the CSP
    tokens=TokenSigner.from_env() if EMBEDDED else None,  # UNTHREAD_PORTAL_EMBED_SECRET
    allowed_origins=[os.environ.get("APP_ORIGIN", f"http://127.0.0.1:{PORT}")],
    portal_url=PORTAL_URL,
    # The extension makes each request's CSP nonce and sends the Content-Security-Policy
    # naming both portals (csp=False to do it yourself).
)
app.add_url_rule("/api/unthread-user", view_func=unthread.user_view())
if EMBEDDED:
    # The embedded portal's getToken GETs it, as Unthread's snippet does (POST works too).
    app.add_url_rule("/api/portal-token", view_func=unthread.token_view(), methods=["GET", "POST"])


PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Flask + Unthread</title>
<!-- Unthread's embed code from the dashboard goes here -->
{{ unthread }}
</head><body>
{% if user %}<p id="who">Logged in as {{ user.name }}</p>
<form method="post" action="/logout"><button id="logout">Log out</button></form>
{% else %}<form method="post" action="/login"><button id="login">Log in</button></form>{% endif %}
</body></html>"""

EMBEDDED_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Flask + the embedded portal</title>
{{ unthread_embed }}
</head><body><div id="portal"></div></body></html>"""


@app.get("/")
def page() -> str:
    return render_template_string(PAGE, user=session.get("user"))


@app.get("/embedded")
def embedded() -> str:
    return render_template_string(EMBEDDED_PAGE)


@app.post("/login")
def login():  # type: ignore[no-untyped-def]
    # A test login: your real login authenticates the user, then stores who they are.
    session["user"] = {"email": "zoë.test@exämple.com", "name": "</script><script>window.pwned=1</script>"}
    return redirect("/", code=303)


@app.post("/logout")
def logout():  # type: ignore[no-untyped-def]
    session.clear()
    return redirect("/", code=303)


if __name__ == "__main__":
    from werkzeug.serving import run_simple

    run_simple("127.0.0.1", PORT, app, threaded=True)
