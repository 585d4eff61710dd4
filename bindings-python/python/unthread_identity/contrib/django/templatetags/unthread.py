"""``{% load unthread %}``.

``{% unthread_start %}`` renders the start call for ``request.user`` when it is authenticated
and the stop call when it is not, so a base template needs this one tag to clear the portal on
every logged-out page. ``{% unthread_stop %}`` always renders the stop call (a logout page).
Both use the CSP nonce of ``request.csp_nonce`` (django-csp) or the context's ``csp_nonce``,
and return safe HTML (no ``|safe`` needed).

``{% unthread_embed %}`` renders the embedded portal's boot snippet (Unthread's queue stub, the
boot call whose ``getToken`` GETs the token endpoint, and ``embed.js``) for the portal of the
setting ``UNTHREAD_PORTAL_URL`` (``"https://help.acme.unthread.io"``; a custom domain needs
``UNTHREAD_PORTAL_CUSTOM_DOMAIN = True``), with the token path of ``UNTHREAD_PORTAL_TOKEN_URL``
(default ``/api/portal-token``) and the container ``#portal``; ``container=`` and
``token_url=`` override them: ``{% unthread_embed container="#help" %}``.
"""

from typing import Any

from django import template

from ..signer import get_signer, portal_settings, request_nonce, request_user, session_fields
from ...._html import SafeHTML
from ...._native import portal_boot_script, session_user, stop_script

register = template.Library()


@register.simple_tag(takes_context=True)
def unthread_start(context: Any) -> SafeHTML:
    request = context.get("request")
    nonce = request_nonce(request, context)
    found = session_user(session_fields(request_user(request)))
    if found is None:
        return stop_script(nonce=nonce)
    return get_signer().start_script(found["email"], found["name"], nonce=nonce)


@register.simple_tag(takes_context=True)
def unthread_stop(context: Any) -> SafeHTML:
    return stop_script(nonce=request_nonce(context.get("request"), context))


@register.simple_tag(takes_context=True)
def unthread_embed(context: Any, container: str | None = None, token_url: str | None = None) -> SafeHTML:
    base_url, custom_domain, default_token_url = portal_settings()
    return portal_boot_script(
        base_url,
        custom_domain=custom_domain,
        token_url=token_url or default_token_url,
        container=container,
        nonce=request_nonce(context.get("request"), context),
    )
