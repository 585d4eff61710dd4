"""The JSON endpoints: ``path("api/unthread-user", unthread_user)`` for the signed user, and
``path("api/portal-token", portal_token)`` for the embedded portal's ``getToken``. Every HTTP
decision is the core's (``UserEndpoint``, ``TokenEndpoint``); these views only adapt it."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from ..._types import EndpointResponse
from .._endpoint import token_refusal, token_response, user_response
from .signer import get_token_endpoint, get_user_endpoint, request_user


def _response(answer: EndpointResponse) -> HttpResponse:
    return HttpResponse(answer["body"], status=answer["status"], headers=answer["headers"])


def unthread_user(request: HttpRequest) -> HttpResponse:
    """``{"user": ...}`` for ``request.user``, ``401`` when anonymous, always ``no-store``."""
    return _response(user_response(get_user_endpoint(), request_user(request)))


# A POST changes nothing here: it mints a token for the session's own user. The Origin check
# below, by the core's rule, is what CSRF protection would add, and the page's getToken need
# not carry a CSRF token.
@csrf_exempt
def portal_token(request: HttpRequest) -> HttpResponse:
    """``{"jwt": ..., "expiresAt": ...}`` for ``request.user`` (its ``pk`` as the subject),
    ``401`` when anonymous, ``403`` from an origin not in ``UNTHREAD_PORTAL_ALLOWED_ORIGINS``,
    ``405`` for a method but GET and POST, always ``no-store``."""
    endpoint = get_token_endpoint()

    # WSGI gives each header once, as Latin-1 text (a repeated header joined by ","): the core
    # refuses a joined or non-UTF-8 value.
    def values(name: str) -> list[str]:
        value = request.META.get("HTTP_" + name.upper().replace("-", "_"))
        return [] if value is None else [value]

    refused = token_refusal(endpoint, request.method or "GET", values)
    if refused is not None:
        return _response(refused)
    user = request_user(request)
    user_id = None if user is None else str(getattr(user, "pk"))
    return _response(token_response(endpoint, user, user_id))
