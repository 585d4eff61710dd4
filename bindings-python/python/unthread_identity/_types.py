"""The user dicts of the portal's ``start`` call, as types (the shape itself is the core's).

Written with ``total=False`` subclasses rather than ``NotRequired``, so that the package needs
nothing beyond the standard library on Python 3.10.
"""

from typing import TypedDict

from ._claims import ClaimNames, MintKeywords, ProfileClaims
from ._options import PreviousKey, SignerOptions, TokenSignerOptions

# Generated in _claims.py and _options.py, re-exported.
__all__ = [
    "ClaimNames",
    "MintKeywords",
    "PreviousKey",
    "ProfileClaims",
    "SignerOptions",
    "TokenSignerOptions",
]


class _SignedUserRequired(TypedDict):
    email: str
    emailHash: str


class SignedUser(_SignedUserRequired, total=False):
    """What ``Signer.user`` returns: keys ``name`` (when given), ``email``, ``emailHash``."""

    name: str


class _UserInputRequired(TypedDict):
    email: str


class UserInput(_UserInputRequired, total=False):
    """A user to sign: the logged-in user's email (from the session) and an optional name."""

    name: str | None


class PortalCsp(TypedDict):
    """What ``portal_csp`` returns: the (first) portal's origin, every portal's, and a
    Content-Security-Policy value."""

    origin: str
    origins: list[str]
    header: str


class PageUser(TypedDict):
    """The page's user from ``session_user``: ``email`` and ``name``."""

    email: str
    name: str | None


class EndpointResponse(TypedDict):
    """What ``UserEndpoint.respond`` and ``TokenEndpoint.refusal`` / ``respond`` return: write
    the status, every header and the body (JSON text)."""

    status: int
    headers: dict[str, str]
    body: str


class Diagnosis(TypedDict):
    """What ``Signer.explain`` (an email hash) or ``TokenSigner.explain_token`` (a token) found:
    one shape for both; the token details are None and empty for a hash."""

    code: str
    message: str
    valid: bool
    fingerprint: str
    kid: str | None
    extra_claims: list[str]
    claims: dict[str, object] | None


class MintedToken(TypedDict):
    """What ``TokenSigner.mint_token`` returns: the JSON a token endpoint sends."""

    jwt: str
    expiresAt: int


TokenDiagnosis = Diagnosis
"""What ``TokenSigner.explain_token`` found: the one ``Diagnosis`` shape."""
