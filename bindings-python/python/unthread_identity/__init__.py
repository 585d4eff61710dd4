"""Identity verification for the Unthread Customer Portal.

The server signs the logged-in user's email with HMAC-SHA256 and the portal's identity
verification secret; the page passes the hash in the user object of
``window.$unthread.helpCenter("start", ...)``, and calls ``stop`` at logout.

>>> from unthread_identity import Signer
>>> signer = Signer("demo-identity-secret")
>>> user = signer.user("ada@example.com", name="Ada Lovelace")
>>> signer.verify(user["email"], user["emailHash"])
True
>>> signer.start_script(user, nonce="cmFuZG9t").startswith('<script nonce="cmFuZG9t">')
True

Every rule lives in the Rust core; this package converts arguments and maps errors. The
compiled module's names are listed once, in ``_native.pyi``; the user dict types in
``_types.py``, those of the token's user and claims and the signers' options generated from the
core in ``_claims.py`` and ``_options.py``.
"""

from ._native import *  # noqa: F403
from ._native import __all__ as _native_all
from ._html import SafeHTML
from ._types import (
    ClaimNames,
    Diagnosis,
    EndpointResponse,
    MintKeywords,
    MintedToken,
    PortalCsp,
    PreviousKey,
    ProfileClaims,
    SignedUser,
    SignerOptions,
    TokenDiagnosis,
    TokenSignerOptions,
    UserInput,
)

__all__ = [
    *_native_all,
    "ClaimNames",
    "Diagnosis",
    "EndpointResponse",
    "MintKeywords",
    "MintedToken",
    "PortalCsp",
    "PreviousKey",
    "ProfileClaims",
    "SafeHTML",
    "SignedUser",
    "SignerOptions",
    "TokenDiagnosis",
    "TokenSignerOptions",
    "UserInput",
]
