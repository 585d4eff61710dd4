"""The signed-user JSON endpoint: ``path("api/unthread-user", unthread_user)``."""

from django.http import HttpRequest, JsonResponse

from .._endpoint import HEADERS, user_response
from .signer import get_signer, request_user


def unthread_user(request: HttpRequest) -> JsonResponse:
    """``{"user": ...}`` for ``request.user``, ``401`` when anonymous, always ``no-store``."""
    status, body = user_response(get_signer(), request_user(request))
    return JsonResponse(body, status=status, headers=HEADERS)
