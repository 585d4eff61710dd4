"""The project's one ``Signer``, built from the settings on first use."""

from functools import lru_cache

from django.conf import settings

from ..._native import Signer


def get_signer() -> Signer:
    """The signer for the current settings (built once per settings value)."""
    variable = getattr(settings, "UNTHREAD_IDENTITY_SECRET_VARIABLE", "UNTHREAD_IDENTITY_SECRET")
    policy = getattr(settings, "UNTHREAD_IDENTITY_EMAIL_POLICY", "exact")
    return _signer(variable, policy)


@lru_cache(maxsize=4)
def _signer(variable: str, policy: str) -> Signer:
    return Signer.from_env(variable, email_policy=policy)  # type: ignore[arg-type]


def request_user(request: object) -> object | None:
    """``request.user`` when it is authenticated, else None."""
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def request_nonce(request: object, context: object = None) -> str | None:
    """The CSP nonce: ``request.csp_nonce`` (django-csp) or the template's ``csp_nonce``."""
    nonce = getattr(request, "csp_nonce", None)
    if nonce is None and context is not None:
        nonce = context.get("csp_nonce")  # type: ignore[attr-defined]
    return str(nonce) if nonce is not None else None
