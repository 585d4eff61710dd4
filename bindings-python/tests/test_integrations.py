"""The integrations' own rules, without a browser: safe HTML in Jinja2 and Django templates,
401 with no session, no-store always, and no identity taken from the request."""

import hashlib
import hmac

import pytest

from unthread_identity import InvalidOption, SafeHTML, Signer, portal_csp, stop_script

SECRET = "integration-secret"
signer = Signer(SECRET)
ADA = {"email": "ada@example.com", "name": "</script><script>alert(1)</script>", "role": "admin"}
ADA_HASH = hmac.new(SECRET.encode(), ADA["email"].encode(), hashlib.sha256).hexdigest()


def test_scripts_are_safe_html_and_plain_str():
    html = signer.start_script(ADA["email"], ADA["name"])
    assert isinstance(html, SafeHTML) and isinstance(html, str)
    assert html.__html__() == str(html) and type(str(html)) is str
    assert isinstance(stop_script(), SafeHTML) and isinstance(signer.page_script(None), SafeHTML)
    assert signer.page_script(None, nonce="abc") == stop_script(nonce="abc")
    assert signer.page_script(ADA["email"], ADA["name"]) == html


def test_jinja2_autoescape_inserts_the_script_as_is():
    jinja2 = pytest.importorskip("jinja2")
    env = jinja2.Environment(autoescape=True)
    html = signer.start_script(ADA["email"], ADA["name"], nonce="abc")
    page = env.from_string("<head>{{ script }}</head><p>{{ name }}</p>").render(script=html, name=ADA["name"])
    assert page.startswith(f"<head>{html}</head>")  # not escaped into visible text
    assert "&lt;/script&gt;" in page  # the plain string still is
    assert page.count("</script>") == 1


def test_django_template_inserts_the_script_as_is():
    pytest.importorskip("django")
    from django.conf import settings

    if not settings.configured:
        settings.configure(TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}])
    import django

    django.setup()
    from django.template import Context, Template

    html = signer.start_script(ADA["email"], ADA["name"])
    page = Template("{{ script }}|{{ name }}").render(Context({"script": html, "name": ADA["name"]}))
    assert page.startswith(f"{html}|") and "&lt;/script&gt;" in page


def test_starlette_endpoint_rules():
    pytest.importorskip("starlette")
    from starlette.applications import Starlette
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from unthread_identity.contrib.starlette import page_script, user_endpoint

    def get_user(request):
        return ADA if request.headers.get("x-test-session") == "ada" else None

    app = Starlette(routes=[Route("/u", user_endpoint(signer, get_user), methods=["GET", "POST"])])
    client = TestClient(app)
    anonymous = client.get("/u", params={"email": "eve@example.com"})
    assert anonymous.status_code == 401 and anonymous.headers["cache-control"] == "no-store"
    mine = client.post("/u?email=eve@example.com", json={"email": "eve@example.com"}, headers={"x-test-session": "ada"})
    assert mine.status_code == 200 and mine.headers["cache-control"] == "no-store"
    assert mine.json() == {"user": {"name": ADA["name"], "email": ADA["email"], "emailHash": ADA_HASH}}
    assert page_script(signer, None) == stop_script()
    assert page_script(signer, ADA, "abc") == signer.start_script(ADA["email"], ADA["name"], nonce="abc")


def test_portal_csp():
    assert portal_csp("acme", nonce="abc") == {
        "origin": "https://acme.unthread.io",
        "origins": ["https://acme.unthread.io"],
        "header": "script-src 'self' 'nonce-abc' https://acme.unthread.io; "
        "connect-src 'self' https://acme.unthread.io; frame-src https://acme.unthread.io; "
        "object-src 'none'; base-uri 'self'",
    }
    import unthread_identity as ui

    with pytest.raises(InvalidOption):
        portal_csp("acme.evil.com")
    for form in ("help.acme.unthread.io", "https://help.acme.unthread.io/"):
        assert portal_csp(form)["origin"] == "https://help.acme.unthread.io"
    with pytest.raises(InvalidOption):
        portal_csp("support.acme.com")
    assert portal_csp("https://support.acme.com", custom_domain=True)["origin"] == "https://support.acme.com"
    with pytest.raises(InvalidOption):
        portal_csp("https://*.acme.com", custom_domain=True)


def test_portal_boot_script_is_safe_html_with_the_documented_boot():
    import unthread_identity as ui

    html = ui.portal_boot_script("https://help.acme.unthread.io", nonce="bm9uY2U=", container="</script><b>")
    assert isinstance(html, ui.SafeHTML) and html.__html__() == str(html)
    assert str(html).endswith('<script nonce="bm9uY2U=" src="https://help.acme.unthread.io/embed.js" async></script>')
    assert 'fetch("/api/portal-token",{method:"GET",credentials:"same-origin",cache:"no-store"})' in html
    assert str(html).count("</script>") == 2
    for token_url in ("//evil.example/t", "/\\evil", "https://evil.example/t"):
        with pytest.raises(InvalidOption):
            ui.portal_boot_script("help.acme.unthread.io", token_url=token_url)
    with pytest.raises(InvalidOption):
        ui.portal_boot_script("https://support.acme.com")
    assert "support.acme.com/embed.js" in ui.portal_boot_script("https://support.acme.com", custom_domain=True)
    with pytest.raises(ui.InvalidNonce):
        ui.portal_boot_script("help.acme.unthread.io", nonce='a"b')


def test_flask_extension_renders_and_serves(monkeypatch):
    from flask import Flask, session

    import unthread_identity as ui
    from unthread_identity.contrib.flask import Unthread

    app = Flask(__name__)
    app.secret_key = "test"
    tokens = ui.TokenSigner("flask-embed-secret-of-32-bytes!!")
    unthread = Unthread(app, get_user=lambda: session.get("user"), signer=ui.Signer("flask-secret"),
                        tokens=tokens, allowed_origins=["http://localhost"],
                        portal_url="https://help.acme.unthread.io", nonce=lambda: "bm9uY2U=")
    app.add_url_rule("/api/portal-token", view_func=unthread.token_view(), methods=["GET", "POST"])
    app.add_url_rule("/api/unthread-user", view_func=unthread.user_view())

    @app.get("/page")
    def page():  # type: ignore[no-untyped-def]
        from flask import render_template_string

        return render_template_string("{{ unthread }}|{{ unthread_embed }}")

    @app.post("/login")
    def login():  # type: ignore[no-untyped-def]
        session["user"] = {"email": "ada@example.com", "name": "Ada"}
        return "ok"

    client = app.test_client()
    out = client.get("/page").get_data(as_text=True)
    assert '(["stop"])' in out and 'src="https://help.acme.unthread.io/embed.js"' in out and "&lt;" not in out
    assert client.get("/api/portal-token").status_code == 401
    assert client.get("/api/unthread-user").status_code == 401
    client.post("/login")
    assert '(["start"' in client.get("/page").get_data(as_text=True)
    ok = client.get("/api/portal-token", headers={"Sec-Fetch-Site": "same-origin"})
    assert ok.status_code == 200 and ok.headers["Cache-Control"] == "no-store"
    assert tokens.verify_token(ok.get_json()["jwt"])["email"] == "ada@example.com"
    assert client.get("/api/portal-token", headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.get("/api/portal-token", headers={"Sec-Fetch-Site": "CROSS-SITE"}).status_code == 403
    assert client.get("/api/portal-token", headers=[("Origin", "http://localhost"), ("Origin", "http://localhost")]).status_code == 403
    assert client.get("/api/unthread-user").get_json()["user"]["email"] == "ada@example.com"
    with pytest.raises(InvalidOption):
        Unthread(get_user=lambda: None, portal_url="support.acme.com")


def test_importing_the_package_needs_no_framework():
    import subprocess
    import sys

    code = "import sys, unthread_identity\nassert not {'django', 'starlette', 'fastapi', 'jinja2'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_python_m_runs_the_cli():
    import json
    import os
    import subprocess
    import sys

    env = {"PATH": os.environ["PATH"], "UNTHREAD_IDENTITY_SECRET": SECRET}
    run = lambda *args: subprocess.run([sys.executable, "-m", "unthread_identity", *args],  # noqa: E731
                                       env=env, capture_output=True, text=True)
    sign = run("sign", "ada@example.com", "--json")
    assert sign.returncode == 0 and json.loads(sign.stdout)["hash"] == ADA_HASH
    explain = run("explain", "Ada@Example.com", ADA_HASH, "--json", "--verbose")
    assert explain.returncode == 1 and json.loads(explain.stdout)["code"] == "EMAIL_LOWERCASED"
    assert run("frobnicate").returncode == 2
    assert SECRET not in sign.stdout + sign.stderr + explain.stdout + explain.stderr


def test_portal_csp_for_development_both_portals_and_an_existing_policy():
    """Issue 27: a development server needs 'unsafe-eval'; an app may have both portals; an app
    that already sends a policy gets the portal's sources merged into it, nothing taken away."""
    dev = portal_csp("acme", nonce="abc", development=True)
    assert "script-src 'self' 'nonce-abc' 'unsafe-eval' https://acme.unthread.io;" in dev["header"]
    both = portal_csp(["acme", "help.acme.unthread.io"])
    assert both["origins"] == ["https://acme.unthread.io", "https://help.acme.unthread.io"]
    assert "frame-src https://acme.unthread.io https://help.acme.unthread.io;" in both["header"]
    merged = portal_csp("help.acme.unthread.io", policy="default-src 'self'; img-src *; frame-src 'none'")
    assert merged["header"] == (
        "default-src 'self'; img-src *; frame-src https://help.acme.unthread.io; "
        "script-src 'self' https://help.acme.unthread.io; connect-src 'self' https://help.acme.unthread.io"
    )
    with pytest.raises(InvalidOption) as two:
        portal_csp("acme", policy="default-src 'self', script-src *")
    assert two.value.option == "policy"


def test_flask_makes_the_nonce_sends_the_csp_and_refuses_to_render_silently_wrong_pages():
    """Issue 27: the extension creates the nonce and sends the CSP (merged into the app's own
    policy), and a template value used without its configuration raises."""
    from flask import Flask, render_template_string, session

    import unthread_identity as ui
    from unthread_identity.contrib.flask import Unthread

    app = Flask(__name__)
    app.secret_key = "test"
    Unthread(app, get_user=lambda: session.get("user"), signer=ui.Signer("flask-secret"), workspace="acme",
             portal_url="https://help.acme.unthread.io")

    @app.get("/page")
    def page():  # type: ignore[no-untyped-def]
        return render_template_string("{{ unthread }}{{ unthread_embed }}")

    @app.get("/own-policy")
    def own_policy():  # type: ignore[no-untyped-def]
        return render_template_string("{{ unthread }}"), {"Content-Security-Policy": "default-src 'self'; img-src *"}

    @app.get("/json")
    def json_view():  # type: ignore[no-untyped-def]
        return {"ok": True}

    client = app.test_client()
    response = client.get("/page")
    header = response.headers["Content-Security-Policy"]
    nonce = header.split("'nonce-")[1].split("'")[0]
    body = response.get_data(as_text=True)
    assert body.count(f'nonce="{nonce}"') == 3, body  # the page script and both boot elements
    assert "https://acme.unthread.io https://help.acme.unthread.io" in header
    assert client.get("/page").headers["Content-Security-Policy"] != header  # a nonce per request
    merged = client.get("/own-policy").headers["Content-Security-Policy"]
    assert merged.startswith("default-src 'self'; img-src *; script-src 'self' 'nonce-")
    assert "Content-Security-Policy" not in client.get("/json").headers

    off = Flask("off")
    off.testing = True  # the error reaches the test, not a 500 page
    Unthread(off, get_user=lambda: {"email": "ada@example.com"}, portal_url="https://help.acme.unthread.io", csp=False)
    off.add_url_rule("/", "page", view_func=lambda: render_template_string("{{ unthread }}"))
    off.add_url_rule("/embed", "embed", view_func=lambda: render_template_string("{{ unthread_embed }}"))
    with pytest.raises(RuntimeError, match="signer"):
        off.test_client().get("/")  # a logged-in page without signer= is an error, not a stop call
    assert "Content-Security-Policy" not in off.test_client().get("/embed").headers
    bare = Flask("bare")
    bare.testing = True
    Unthread(bare, get_user=lambda: None, signer=ui.Signer("s"))
    bare.add_url_rule("/", "page", view_func=lambda: render_template_string("{{ unthread_embed }}"))
    with pytest.raises(RuntimeError, match="portal_url"):
        bare.test_client().get("/")  # never an empty string
    with pytest.raises(TypeError):
        Unthread(get_user=lambda: None)
