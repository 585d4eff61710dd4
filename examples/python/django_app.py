"""Django in one file: ``{% load unthread %}`` and ``{% unthread_start %}`` in a real app.

Run: UNTHREAD_IDENTITY_SECRET=... .venv/bin/python examples/python/django_app.py
(PORT defaults to 8000). Users and sessions are Django's own (an in-memory SQLite database).
With UNTHREAD_PORTAL_EMBED_SECRET set, it also serves the embedded portal's token endpoint.
"""

import os
import secrets
import sys

from django.conf import settings

PORT = os.environ.get("PORT", "8000")
settings.configure(
    DEBUG=False,
    SECRET_KEY=secrets.token_hex(32),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    # One in-memory database shared by runserver's threads (a plain ":memory:" is one per
    # connection, so per thread).
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                           "NAME": "file:unthread-example?mode=memory&cache=shared",
                           "OPTIONS": {"uri": True}}},
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "unthread_identity.contrib.django",
    ],
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        __name__ + ".csp_nonce",
    ],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {
        "context_processors": [
            "django.template.context_processors.request",
            "django.contrib.auth.context_processors.auth",
        ],
        "loaders": [("django.template.loaders.locmem.Loader", {"page.html": """<!doctype html>
{% load unthread %}
<html><head><meta charset="utf-8"><title>Django + Unthread</title>
<!-- Unthread's embed code from the dashboard goes here -->
{% unthread_start %}
</head><body>
{% if user.is_authenticated %}<p id="who">Logged in as {{ user.get_full_name }}</p>
<form method="post" action="/logout"><button id="logout">Log out</button></form>
{% else %}<form method="post" action="/login"><button id="login">Log in</button></form>{% endif %}
</body></html>""", "embedded.html": """<!doctype html>
{% load unthread %}
<html><head><meta charset="utf-8"><title>Django + the embedded portal</title>
{% unthread_embed %}
</head><body><div id="portal"></div></body></html>"""})],
    }}],
    UNTHREAD_IDENTITY_SECRET_VARIABLE="UNTHREAD_IDENTITY_SECRET",
    # The token endpoint's allowed origins: the origins of your pages.
    UNTHREAD_PORTAL_ALLOWED_ORIGINS=[os.environ.get("APP_ORIGIN", f"http://127.0.0.1:{PORT}")],
    # The embedded portal's host, for {% unthread_embed %} (Unthread: Settings -> Portal -> Embed).
    UNTHREAD_PORTAL_URL=os.environ.get("UNTHREAD_PORTAL_URL", "https://help.acme.unthread.io"),
)

import django  # noqa: E402

django.setup()

from django.contrib.auth import login, logout  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.shortcuts import redirect, render  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

from unthread_identity import portal_csp  # noqa: E402
from unthread_identity.contrib.django.views import portal_token, unthread_user  # noqa: E402

SUBDOMAIN = os.environ.get("UNTHREAD_PORTAL_SUBDOMAIN", "acme")


def csp_nonce(get_response):
    """A nonce per request (django-csp sets request.csp_nonce the same way)."""

    def middleware(request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = get_response(request)
        # The classic portal's pages allow its host; the embedded portal's page allows its own.
        host = settings.UNTHREAD_PORTAL_URL if request.path == "/embedded" else SUBDOMAIN
        response["Content-Security-Policy"] = portal_csp(host, nonce=request.csp_nonce)["header"]
        return response

    return middleware


def page(request):
    return render(request, "page.html")


def embedded(request):
    return render(request, "embedded.html")


@csrf_exempt  # a test login; keep Django's CSRF protection on your real forms
def login_view(request):
    user, _ = User.objects.get_or_create(
        username="zoe", defaults={"email": "zoë.test@exämple.com", "first_name": "</script><script>window.pwned=1</script>"}
    )
    login(request, user)
    return redirect("/")


@csrf_exempt
def logout_view(request):
    logout(request)
    return redirect("/")


urlpatterns = [
    path("", page),
    path("embedded", embedded),
    path("login", login_view),
    path("logout", logout_view),
    path("api/unthread-user", unthread_user),
]
if os.environ.get("UNTHREAD_PORTAL_EMBED_SECRET"):
    urlpatterns.append(path("api/portal-token", portal_token))  # the embedded portal's getToken

if __name__ == "__main__":
    from django.core.management import execute_from_command_line  # noqa: E402

    call_command("migrate", verbosity=0)
    # runserver keeps this process's in-memory database, migrated above, with --noreload. It
    # is threaded: a browser's idle keep-alive connection must not block other requests.
    execute_from_command_line([sys.argv[0], "runserver", f"127.0.0.1:{PORT}", "--noreload"])
