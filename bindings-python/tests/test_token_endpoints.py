"""The token endpoints' rules, without a browser: 403 from another origin (before the session
is read), 401 with no session, no-store always, and the identity from the session only."""

import jwt  # PyJWT, a test dependency only
import pytest

import unthread_identity as ui
from unthread_identity import AllowedOrigins, TokenSigner

EMBED = "endpoint-embed-secret"
APP = "https://app.example.com"
tokens = TokenSigner(EMBED, kid="k1")
ADA = {"email": "ada@example.com", "name": "Ada", "id": 42, "role": "admin"}


def claims_of(token: str) -> dict:
    return jwt.decode(token, EMBED, algorithms=["HS256"])


def test_allowed_origins():
    allowed = AllowedOrigins(["HTTPS://App.Example.com"])
    assert allowed.origins == [APP]
    assert allowed.allows(APP) and not allowed.allows("null")
    assert allowed.allows(None, "same-origin") and not allowed.allows(None, "cross-site")
    for bad in ([], ["*"], [f"{APP}/"], ["app.example.com"]):
        with pytest.raises(ui.InvalidOption):
            AllowedOrigins(bad)
    with pytest.raises(TypeError):
        AllowedOrigins(APP)  # type: ignore[arg-type]


def test_starlette_token_endpoint():
    pytest.importorskip("starlette")
    from starlette.applications import Starlette
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from unthread_identity.contrib.starlette import token_endpoint

    reads = []

    def get_user(request):
        reads.append(1)
        return ADA if request.headers.get("x-test-session") == "ada" else None

    endpoint = token_endpoint(tokens, get_user, allowed_origins=[APP])
    client = TestClient(Starlette(routes=[Route("/t", endpoint, methods=["GET", "POST"])]))
    session = {"x-test-session": "ada"}
    evil = client.post("/t", headers={**session, "origin": "https://evil.example"})
    assert evil.status_code == 403 and evil.headers["cache-control"] == "no-store"
    assert client.get("/t", headers={**session, "sec-fetch-site": "cross-site"}).status_code == 403
    # Raw header values, as ASGI gives them: two Origins, bytes that are not UTF-8, case.
    for raw in ([("origin", APP), ("origin", APP)], [("origin", APP), ("origin", "https://evil.example")],
                [("origin", APP.encode() + b"\xff")], [("sec-fetch-site", "CROSS-SITE")],
                [("sec-fetch-site", "same-origin"), ("sec-fetch-site", "same-origin")]):
        refused = client.get("/t", headers=[*session.items(), *raw])
        assert refused.status_code == 403, raw
    assert reads == [], "a refused origin is answered before the session is read"
    anonymous = client.post("/t", headers={"origin": APP})
    assert anonymous.status_code == 401 and anonymous.headers["cache-control"] == "no-store"
    ok = client.post("/t?email=eve@example.com", json={"email": "eve@example.com"},
                     headers={**session, "origin": APP})
    assert ok.status_code == 200 and ok.headers["cache-control"] == "no-store"
    assert "Origin" in ok.headers["vary"]
    body = ok.json()
    assert list(body) == ["jwt", "expiresAt"]
    claims = claims_of(body["jwt"])
    assert claims["sub"] == "42" and claims["email"] == ADA["email"] and claims["exp"] == body["expiresAt"]
    assert "role" not in claims
    with pytest.raises(ui.InvalidOption):
        token_endpoint(tokens, get_user, allowed_origins=[])


def test_django_token_view(monkeypatch):
    pytest.importorskip("django")
    from django.conf import settings

    if not settings.configured:
        settings.configure(TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}])
    import django

    django.setup()
    from django.core.exceptions import ImproperlyConfigured
    from django.test import RequestFactory, override_settings

    from unthread_identity.contrib.django.views import portal_token

    monkeypatch.setenv("UNTHREAD_PORTAL_EMBED_SECRET", EMBED)

    class User:
        is_authenticated = True
        pk = 7
        email = "ada@example.com"

        def get_full_name(self):
            return "Ada"

    class Anonymous:
        is_authenticated = False

    factory = RequestFactory()

    def request(user, **headers):
        r = factory.post("/api/portal-token?email=eve@example.com", {"email": "eve@example.com"}, headers=headers)
        r.user = user
        return r

    with override_settings(UNTHREAD_PORTAL_ALLOWED_ORIGINS=[APP]):
        assert portal_token(request(User(), origin="https://evil.example")).status_code == 403
        anonymous = portal_token(request(Anonymous(), origin=APP))
        assert anonymous.status_code == 401 and anonymous["Cache-Control"] == "no-store"
        ok = portal_token(request(User(), origin=APP))
        assert ok.status_code == 200 and ok["Cache-Control"] == "no-store"
        import json

        claims = claims_of(json.loads(ok.content)["jwt"])
        assert claims["sub"] == "7" and claims["email"] == "ada@example.com" and claims["name"] == "Ada"
    with override_settings(UNTHREAD_PORTAL_ALLOWED_ORIGINS=None), pytest.raises(ImproperlyConfigured):
        portal_token(request(User(), origin=APP))


def test_the_endpoints_decide_in_the_core():
    """The same decisions as Node's TokenEndpoint/UserEndpoint: 405, 403, 401, headers, body."""
    endpoint = ui.TokenEndpoint(tokens, [APP])
    put = endpoint.refusal("PUT", None, None)
    assert put is not None and put["status"] == 405 and put["headers"]["allow"] == "GET, POST"
    assert endpoint.refusal("GET", [b"https://evil.example"], None)["status"] == 403  # type: ignore[index]
    assert endpoint.refusal("GET", [APP.encode(), APP.encode()], None)["status"] == 403  # type: ignore[index]
    # Methods are case-sensitive (RFC 9110 section 9.1): a lowercase get is refused.
    assert endpoint.refusal("get", APP, None)["status"] == 405  # type: ignore[index]
    assert endpoint.refusal("GET", APP, None) is None
    anonymous = endpoint.respond(None)
    assert anonymous == {"status": 401, "headers": {"cache-control": "no-store", "vary": "Cookie, Origin",
                                                    "content-type": "application/json; charset=utf-8"},
                         "body": '{"error":"not logged in"}'}
    ok = endpoint.respond({"email": "ada@example.com", "name": "Ada", "id": "42", "role": "x"})
    assert ok["status"] == 200 and claims_of(__import__("json").loads(ok["body"])["jwt"])["sub"] == "42"
    # A value the core refuses is its 500, never an exception each framework renders its way.
    refused = endpoint.respond({"email": "ada@example.com", "id": "user\ud800"})
    assert refused["status"] == 500 and refused["body"] == '{"error":"ERR_INVALID_OPTION"}'
    assert refused["headers"]["cache-control"] == "no-store"
    users = ui.UserEndpoint(ui.Signer("endpoint-secret"))
    assert users.respond(None)["status"] == 401
    assert users.respond({"email": "ada@example.com"})["body"].startswith('{"user":{"email":"ada@example.com"')
    assert users.respond({"email": "not an email"})["status"] == 500
    assert users.refusal("GET", None, [b"cross-site"])["status"] == 403  # type: ignore[index]


def test_django_reads_the_custom_domain_setting_by_the_core_rule():
    """``"False"`` read from the environment is a string: refused, never custom-domain mode."""
    from django.test import override_settings

    from unthread_identity.contrib.django.templatetags.unthread import unthread_embed

    context = {"request": None}
    with override_settings(UNTHREAD_PORTAL_URL="https://evil.example", UNTHREAD_PORTAL_CUSTOM_DOMAIN="False"):
        with pytest.raises(TypeError):
            unthread_embed(context)
    with override_settings(UNTHREAD_PORTAL_URL="help.acme.unthread.io", UNTHREAD_PORTAL_CUSTOM_DOMAIN=False):
        assert "https://help.acme.unthread.io/embed.js" in str(unthread_embed(context))
