"""``{% load unthread %}``.

``{% unthread_start %}`` renders the start call for ``request.user`` when it is authenticated
and the stop call when it is not, so a base template needs this one tag to clear the portal on
every logged-out page. ``{% unthread_stop %}`` always renders the stop call (a logout page).
Both use the CSP nonce of ``request.csp_nonce`` (django-csp) or the context's ``csp_nonce``,
and return safe HTML (no ``|safe`` needed).
"""

from typing import Any

from django import template

from ..._endpoint import session_user
from ..signer import get_signer, request_nonce, request_user
from ...._html import SafeHTML
from ...._native import stop_script

register = template.Library()


@register.simple_tag(takes_context=True)
def unthread_start(context: Any) -> SafeHTML:
    request = context.get("request")
    nonce = request_nonce(request, context)
    found = session_user(request_user(request))
    if found is None:
        return stop_script(nonce=nonce)
    email, name = found
    return get_signer().start_script(email, name, nonce=nonce)


@register.simple_tag(takes_context=True)
def unthread_stop(context: Any) -> SafeHTML:
    return stop_script(nonce=request_nonce(context.get("request"), context))
