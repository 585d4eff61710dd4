"""The JSON endpoints: ``path("api/unthread-user", unthread_user)`` for the signed user, and
``path("api/portal-token", portal_token)`` for the embedded portal's ``getToken``."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .._endpoint import (
    FORBIDDEN,
    HEADERS,
    TOKEN_HEADERS,
    origin_refused,
    token_response,
    user_response,
)
from .signer import get_allowed_origins, get_signer, get_token_signer, request_user


def unthread_user(request: HttpRequest) -> JsonResponse:
    """``{"user": ...}`` for ``request.user``, ``401`` when anonymous, always ``no-store``."""
    status, body = user_response(get_signer(), request_user(request))
    return JsonResponse(body, status=status, headers=HEADERS)


# A POST changes nothing here: it mints a token for the session's own user. The Origin check
# below, by the core's rule, is what CSRF protection would add, and the page's getToken need
# not carry a CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def portal_token(request: HttpRequest) -> JsonResponse:
    """``{"jwt": ..., "expiresAt": ...}`` for ``request.user``, ``401`` when anonymous, ``403``
    from an origin not in ``UNTHREAD_PORTAL_ALLOWED_ORIGINS``, always ``no-store``."""
    # WSGI gives each header once, as Latin-1 text (a repeated header joined by ","): the core
    # refuses a joined or non-UTF-8 value.
    def values(name: str) -> list[str]:
        value = request.META.get("HTTP_" + name.upper().replace("-", "_"))
        return [] if value is None else [value]

    if origin_refused(get_allowed_origins(), values):
        status, body = FORBIDDEN
    else:
        status, body = token_response(get_token_signer(), request_user(request))
    return JsonResponse(body, status=status, headers=TOKEN_HEADERS)
