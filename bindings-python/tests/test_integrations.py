"""The integrations' own rules, without a browser: safe HTML in Jinja2 and Django templates,
401 with no session, no-store always, and no identity taken from the request."""

import hashlib
import hmac

import pytest

from unthread_identity import SafeHTML, Signer, portal_csp, stop_script

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
        "header": "script-src 'self' 'nonce-abc' https://acme.unthread.io; "
        "connect-src 'self' https://acme.unthread.io; frame-src https://acme.unthread.io",
    }
    import unthread_identity as ui

    with pytest.raises(ui.InvalidOption):
        portal_csp("acme.evil.com")


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
