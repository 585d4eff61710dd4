"""The JSON endpoints: ``path("api/unthread-user", unthread_user)`` for the signed user, and
``path("api/portal-token", portal_token)`` for the embedded portal's ``getToken``. Every HTTP
decision is the core's (``UserEndpoint``, ``TokenEndpoint``); these views only adapt it."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from ..._native import TokenEndpoint, UserEndpoint
from ..._types import EndpointResponse
from .._endpoint import refusal
from .signer import get_token_endpoint, get_user_endpoint, request_user, session_fields


def _response(answer: EndpointResponse) -> HttpResponse:
    return HttpResponse(answer["body"], status=answer["status"], headers=answer["headers"])


def _values(request: HttpRequest) -> Callable[[str], list[str]]:
    # WSGI gives each header once, as Latin-1 text (a repeated header joined by ","): the core
    # refuses a joined or non-UTF-8 value.
    def values(name: str) -> list[str]:
        value = request.META.get("HTTP_" + name.upper().replace("-", "_"))
        return [] if value is None else [value]

    return values


def _answer(endpoint: UserEndpoint | TokenEndpoint, request: HttpRequest) -> HttpResponse:
    refused = refusal(endpoint, request.method or "GET", _values(request))
    if refused is not None:
        return _response(refused)
    return _response(endpoint.respond(session_fields(request_user(request))))


# A POST changes nothing here: it answers for the session's own user. The Origin check of the
# core's refusal step is what CSRF protection would add, and the page's fetch need not carry a
# CSRF token.
@csrf_exempt
def unthread_user(request: HttpRequest) -> HttpResponse:
    """``{"user": ...}`` for ``request.user``, ``401`` when anonymous, ``403`` from another site,
    ``405`` for a method but GET and POST, always ``no-store``."""
    return _answer(get_user_endpoint(), request)


@csrf_exempt
def portal_token(request: HttpRequest) -> HttpResponse:
    """``{"jwt": ..., "expiresAt": ...}`` for ``request.user`` (its ``pk`` as the subject),
    ``401`` when anonymous, ``403`` from an origin not in ``UNTHREAD_PORTAL_ALLOWED_ORIGINS``,
    ``405`` for a method but GET and POST, always ``no-store``."""
    return _answer(get_token_endpoint(), request)
