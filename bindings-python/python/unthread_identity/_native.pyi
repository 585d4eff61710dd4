"""Type stubs for the compiled core (checked with ``python -m mypy.stubtest``)."""

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, final, overload

from typing_extensions import Unpack

from ._claims import MintKeywords
from ._html import SafeHTML
from ._options import SignerOptions, TokenSignerOptions
from ._types import (
    Diagnosis,
    EndpointResponse,
    MintedToken,
    PageUser,
    PortalCsp,
    SignedUser,
    TokenDiagnosis,
    UserInput,
)

__version__: str
MAX_TOKEN_LEN: int
ERROR_CODES: dict[str, type[IdentityError]]
"""Every stable code the SDK raises, and its class (the core's one error table)."""
__all__ = [
    "AllowedOrigins",
    "ERROR_CODES",
    "EmailHashMismatch",
    "ExposedSecretVariable",
    "IdentityError",
    "InvalidEmail",
    "InvalidNonce",
    "InvalidOption",
    "InvalidSecret",
    "InternalError",
    "InvalidToken",
    "MAX_TOKEN_LEN",
    "Signer",
    "TokenAlgorithm",
    "TokenAudience",
    "TokenClaimType",
    "TokenEndpoint",
    "TokenExpired",
    "TokenIssuedInFuture",
    "TokenIssuer",
    "TokenLifetime",
    "TokenMalformed",
    "TokenMissingClaim",
    "TokenNotYetValid",
    "TokenSignature",
    "TokenSigner",
    "TokenTooLong",
    "TokenUnknownKid",
    "UserEndpoint",
    "__version__",
    "portal_boot_script",
    "portal_csp",
    "run_cli",
    "session_user",
    "stop_script",
]

_Policy = Literal["exact", "canonical"]

class IdentityError(ValueError):
    """Base class of every unthread_identity error (a ValueError)."""

    code: str
    """The stable code, the Node error's ``code``: ``ERR_INVALID_EMAIL``, ``ERR_TOKEN_EXPIRED``..."""

# The classes of the core's error table (ERROR_CODES), one per code; each carries ``code`` and the
# values it names as attributes. test_errors.py holds this list to the table.

class InvalidSecret(IdentityError):
    """The secret is empty, has surrounding whitespace, or is missing or unreadable."""

class ExposedSecretVariable(IdentityError):
    """The secret was to be read from a variable that frontend bundlers expose to browsers."""

class InvalidEmail(IdentityError):
    """The email address was refused by the email policy."""

class EmailHashMismatch(IdentityError):
    """A signed user's emailHash is not the hash of its email under any configured secret."""

class InvalidNonce(IdentityError):
    """The CSP nonce is malformed."""

class InvalidOption(IdentityError):
    """An option has an unknown value, or an options or user object an unknown key."""

class InternalError(IdentityError):
    """The system failed the SDK (no randomness for a token id); not the caller's mistake."""

class InvalidToken(IdentityError):
    """A token was refused by TokenSigner.verify_token; its ``code`` says why (ERR_TOKEN_...)."""

class TokenTooLong(InvalidToken):
    """The token is longer than MAX_TOKEN_LEN."""

    len: int
    limit: int

class TokenMalformed(InvalidToken):
    """The token is not a JWT (three base64url parts of JSON)."""

    reason: str

class TokenAlgorithm(InvalidToken):
    """The token's alg is not HS256 (none, HS384, RS256, ...)."""

    alg: str

class TokenUnknownKid(InvalidToken):
    """The token's kid names no configured key."""

    kid: str

class TokenSignature(InvalidToken):
    """The token's signature is by no configured key."""

class TokenClaimType(InvalidToken):
    """A claim has the wrong type (a time that is not whole seconds, a jti that is not text)."""

    claim: str
    expected: str

class TokenMissingClaim(InvalidToken):
    """A required claim is missing."""

    claim: str

class TokenLifetime(InvalidToken):
    """exp - iat is above the maximum (exp in milliseconds lands here), or exp is before iat."""

class TokenIssuedInFuture(InvalidToken):
    """iat is in the future, beyond the clock skew."""

    iat: int
    now: int
    leeway: int

class TokenNotYetValid(InvalidToken):
    """nbf is in the future, beyond the clock skew."""

    nbf: int
    now: int
    leeway: int

class TokenExpired(InvalidToken):
    """exp has passed, beyond the clock skew."""

    exp: int
    now: int
    ago: int

class TokenAudience(InvalidToken):
    """aud is not the configured audience."""

class TokenIssuer(InvalidToken):
    """iss is not the configured issuer."""

@final
class Signer:
    """Signs and verifies email addresses with the identity verification secret.

    Build it once at start-up and share it across threads: the HMAC key state is
    precomputed, and the secret appears in no repr, str or exception.
    """

    def __new__(
        cls,
        secret: str | bytes,
        **options: Unpack[SignerOptions],
    ) -> Signer:
        """A signer for ``secret``: ``str`` (refused when empty or with surrounding
        whitespace) or ``bytes`` (a raw key). ``email_policy`` is ``"exact"`` (the default)
        or ``"canonical"``; ``previous_secrets`` still verify during a rotation."""

    @staticmethod
    def from_env(
        name: str | None = None,
        **options: Unpack[SignerOptions],
    ) -> Signer:
        """A signer whose secret is read, as text, from the environment variable ``name``
        (default ``UNTHREAD_IDENTITY_SECRET``)."""

    @staticmethod
    def from_file(
        path: str | bytes | os.PathLike[str] | os.PathLike[bytes],
        **options: Unpack[SignerOptions],
    ) -> Signer:
        """A signer whose secret is read from a text file (regular, at most 4 KiB; BOM and
        one trailing newline removed)."""

    def sign(self, email: str) -> str:
        """The hash of ``email``: HMAC-SHA256 as 64 lowercase hex digits."""

    def verify(self, email: str, hash: str) -> bool:
        """Whether ``hash`` is the hash of ``email`` under any configured secret (constant
        time, either hex case); ``False`` for anything malformed."""

    def matching_key(self, email: str, hash: str) -> str | None:
        """The fingerprint of the secret that made ``hash``, or None."""

    def explain(self, email: str, hash: str) -> Diagnosis:
        """Why ``hash`` does or does not verify for ``email``: a stable code, one sentence and
        the fingerprint of the secret concerned."""

    def sign_many(self, emails: Iterable[str]) -> list[str]:
        """Signs a batch; ``InvalidEmail`` names the index of the first invalid one."""

    def sign_raw(self, data: bytes) -> str:
        """HMAC-SHA256 of raw bytes with no email policy, for vectors and diagnostics."""

    def user(self, email: str, name: str | None = None) -> SignedUser:
        """The signed user dict for the portal's ``start`` call."""

    @overload
    def start_script(self, user: SignedUser | UserInput, *, nonce: str | None = None) -> SafeHTML:
        """A ``<script>`` element that starts the portal for a signed user (its hash checked,
        never recomputed) or a dict with ``email`` and ``name``; templates insert it as is."""

    @overload
    def start_script(self, user: str, name: str | None = None, *, nonce: str | None = None) -> SafeHTML:
        """A ``<script>`` element that starts the portal for an email and ``name``."""

    @overload
    def page_script(self, user: SignedUser | UserInput | None, *, nonce: str | None = None) -> SafeHTML:
        """``start_script`` when a user is logged in, ``stop_script`` when ``user`` is None."""

    @overload
    def page_script(self, user: str | None, name: str | None = None, *, nonce: str | None = None) -> SafeHTML:
        """``start_script`` for an email and name, ``stop_script`` when ``user`` is None."""

    @property
    def fingerprint(self) -> str:
        """The fingerprint of the primary secret (12 hex digits)."""

    @property
    def previous_fingerprints(self) -> list[str]:
        """The fingerprints of the previous secrets."""

    @property
    def email_policy(self) -> _Policy:
        """The email policy in force."""

    @property
    def warnings(self) -> list[str]:
        """What is worth fixing about where the secrets came from; empty when all is well."""

@final
class TokenSigner:
    """Mints and verifies the embedded portal's short-lived HS256 tokens with the embed secret."""

    def __new__(
        cls,
        secret: str | bytes,
        **options: Unpack[TokenSignerOptions],
    ) -> TokenSigner: ...
    @staticmethod
    def from_env(
        name: str | None = None,
        **options: Unpack[TokenSignerOptions],
    ) -> TokenSigner:
        """A token signer whose secret is read from ``UNTHREAD_PORTAL_EMBED_SECRET``."""

    def mint_token(
        self, email: str, name: str | None = None, **fields: Unpack[MintKeywords]
    ) -> MintedToken:
        """A token for the logged-in user: ``{"jwt": ..., "expiresAt": ...}``; the keywords are
        the user's other fields (``id``, profile claims) and the mint options."""

    def verify_token(self, jwt: str, *, now: int | None = None) -> dict[str, Any]:
        """The claims of a valid token; raises a subclass of ``InvalidToken``."""

    def explain_token(self, jwt: str, *, now: int | None = None) -> TokenDiagnosis:
        """What is wrong with a token, decoded without trusting it."""

    @property
    def fingerprint(self) -> str:
        """The fingerprint of the primary key (12 hex digits)."""

    @property
    def kid(self) -> str | None:
        """The primary key's ``kid``."""

    @property
    def ttl_seconds(self) -> int:
        """The lifetime of a minted token, in seconds."""

    @property
    def warnings(self) -> list[str]:
        """What is worth fixing about the keys (an embed secret shorter than 32 bytes, ...)."""

@final
class AllowedOrigins:
    """The origins allowed to fetch a token, checked once; ``allows`` is the endpoint's check."""

    def __new__(cls, origins: Iterable[str]) -> AllowedOrigins: ...
    def allows(
        self,
        origin: str | bytes | Iterable[str | bytes] | None,
        sec_fetch_site: str | bytes | Iterable[str | bytes] | None = None,
    ) -> bool:
        """Whether a request with these ``Origin`` and ``Sec-Fetch-Site`` headers may get a token.

        Each is every value of that header as it arrived (``bytes`` from ASGI, Latin-1 ``str``
        from WSGI). Two ``Origin`` headers, one that is not UTF-8, two ``Sec-Fetch-Site``
        headers or an unknown one are refused."""

    @property
    def origins(self) -> list[str]:
        """The origins, normalized."""

@final
class UserEndpoint:
    """The classic portal's signed-user endpoint: its HTTP answers, decided by the core."""

    def __new__(cls, signer: Signer, allowed_origins: Iterable[str] | None = None) -> UserEndpoint: ...
    def refusal(
        self,
        method: str,
        origin: str | bytes | Iterable[str | bytes] | None,
        sec_fetch_site: str | bytes | Iterable[str | bytes] | None,
    ) -> EndpointResponse | None:
        """405 or 403 before the session is read, or None to go on."""

    def respond(self, user: Any) -> EndpointResponse:
        """The answer for the session's user (a mapping or an object with ``email`` and
        ``name``; other fields ignored), or for None when nobody is logged in."""

@final
class TokenEndpoint:
    """The embedded portal's token endpoint: its HTTP answers, decided by the core."""

    def __new__(cls, tokens: TokenSigner, allowed_origins: Iterable[str]) -> TokenEndpoint: ...
    def refusal(
        self,
        method: str,
        origin: str | bytes | Iterable[str | bytes] | None,
        sec_fetch_site: str | bytes | Iterable[str | bytes] | None,
    ) -> EndpointResponse | None:
        """405 or 403 before the session is read, or None to go on."""

    def respond(self, user: Any) -> EndpointResponse:
        """The answer for the session's user (a mapping or an object with ``email``, ``name``
        and ``id``, the subject; other fields ignored), or for None when nobody is logged in."""

def session_user(user: Any) -> PageUser | None:
    """The page's user, read from the session's user as the endpoints read it."""

def stop_script(nonce: str | None = None) -> SafeHTML:
    """A ``<script>`` element that stops the portal: render it on every logged-out page."""

def portal_csp(
    host: str | Sequence[str],
    *,
    nonce: str | None = None,
    custom_domain: bool = False,
    development: bool = False,
    policy: str | None = None,
) -> PortalCsp:
    """The portal's CSP origins and a header value with their script, connect and frame sources,
    ``object-src 'none'`` and ``base-uri 'self'``; a list of hosts for both portals,
    ``custom_domain=True`` for a custom domain, ``development=True`` for ``'unsafe-eval'``, and
    ``policy`` to add the sources to the policy the app already sends."""

def portal_boot_script(
    base_url: str,
    *,
    custom_domain: bool = False,
    token_url: str | None = None,
    container: str | None = None,
    nonce: str | None = None,
) -> SafeHTML:
    """The embedded portal's boot snippet (queue stub, boot call with a GET ``getToken``, and
    the ``embed.js`` element), escaped for a ``<script>`` element."""

def run_cli(args: list[str]) -> int:
    """Runs the ``unthread-identity`` command with ``args`` and returns its exit code."""
