"""The project's one ``Signer``, built from the settings on first use."""

from functools import lru_cache

from django.conf import settings

from ..._native import Signer, TokenEndpoint, TokenSigner, UserEndpoint


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


def session_fields(user: object | None) -> dict[str, object] | None:
    """A Django user as the core reads a session's user: ``email``, ``name`` (Django's
    ``get_full_name()``) and ``id`` (``pk``, Django's name for the primary key)."""
    if user is None:
        return None
    get_full_name = getattr(user, "get_full_name", None)
    name = get_full_name() if callable(get_full_name) else getattr(user, "name", None)
    return {"email": getattr(user, "email", None), "name": name or None, "id": getattr(user, "pk", None)}


def request_nonce(request: object, context: object = None) -> str | None:
    """The CSP nonce: ``request.csp_nonce`` (django-csp) or the template's ``csp_nonce``."""
    nonce = getattr(request, "csp_nonce", None)
    if nonce is None and context is not None:
        nonce = context.get("csp_nonce")  # type: ignore[attr-defined]
    return str(nonce) if nonce is not None else None


def get_token_signer() -> TokenSigner:
    """The project's ``TokenSigner`` for the embedded portal: its secret from the variable named
    by ``UNTHREAD_PORTAL_EMBED_SECRET_VARIABLE`` (by default ``UNTHREAD_PORTAL_EMBED_SECRET``,
    else ``PORTAL_EMBED_SECRET``), its ``kid`` from ``UNTHREAD_PORTAL_KID`` (optional)."""
    variable = getattr(settings, "UNTHREAD_PORTAL_EMBED_SECRET_VARIABLE", None)
    return _token_signer(variable, getattr(settings, "UNTHREAD_PORTAL_KID", None))


@lru_cache(maxsize=4)
def _token_signer(variable: str | None, kid: str | None) -> TokenSigner:
    return TokenSigner.from_env(variable, kid=kid)


def get_user_endpoint() -> UserEndpoint:
    """The signed-user endpoint of the project's ``Signer`` (its HTTP decisions are the core's)."""
    return _user_endpoint(get_signer())


@lru_cache(maxsize=4)
def _user_endpoint(signer: Signer) -> UserEndpoint:
    return UserEndpoint(signer)


def get_token_endpoint() -> TokenEndpoint:
    """The token endpoint of the project's ``TokenSigner``, for the origins of
    ``UNTHREAD_PORTAL_ALLOWED_ORIGINS`` (required), such as ``["https://app.example.com"]``."""
    origins = getattr(settings, "UNTHREAD_PORTAL_ALLOWED_ORIGINS", None)
    if origins is None:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "set UNTHREAD_PORTAL_ALLOWED_ORIGINS to the origins of your pages, "
            'such as ["https://app.example.com"]'
        )
    return _token_endpoint(get_token_signer(), tuple(origins))


@lru_cache(maxsize=4)
def _token_endpoint(tokens: TokenSigner, origins: tuple[str, ...]) -> TokenEndpoint:
    return TokenEndpoint(tokens, origins)


def portal_settings() -> tuple[str, object, str | None]:
    """``UNTHREAD_PORTAL_URL`` (required for ``{% unthread_embed %}``),
    ``UNTHREAD_PORTAL_CUSTOM_DOMAIN`` (default False) and ``UNTHREAD_PORTAL_TOKEN_URL``."""
    base_url = getattr(settings, "UNTHREAD_PORTAL_URL", None)
    if base_url is None:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            'set UNTHREAD_PORTAL_URL to the embedded portal\'s host, such as "https://help.acme.unthread.io"'
        )
    # Passed as it is: the core's rule refuses anything but a bool ("False" read from the
    # environment is a string, and would otherwise turn custom-domain mode on).
    custom = getattr(settings, "UNTHREAD_PORTAL_CUSTOM_DOMAIN", False)
    return base_url, custom, getattr(settings, "UNTHREAD_PORTAL_TOKEN_URL", None)
