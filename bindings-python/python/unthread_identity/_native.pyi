"""Type stubs for the compiled core (checked with ``python -m mypy.stubtest``)."""

import os
from collections.abc import Sequence
from typing import Literal, TypedDict, final

from typing_extensions import NotRequired

__version__: str
__all__ = [
    "ExposedSecretVariable",
    "IdentityError",
    "InvalidEmail",
    "InvalidNonce",
    "InvalidOption",
    "InvalidSecret",
    "Signer",
    "__version__",
    "stop_script",
]

class _SignedUser(TypedDict):
    name: NotRequired[str]
    email: str
    emailHash: str

class _UserInput(TypedDict):
    email: str
    name: NotRequired[str | None]

class IdentityError(ValueError):
    """Base class of every unthread_identity error (a ValueError)."""

class InvalidSecret(IdentityError):
    """The secret is empty, missing or unreadable."""

class ExposedSecretVariable(IdentityError):
    """The secret was to be read from a variable that frontend bundlers expose to browsers."""

class InvalidEmail(IdentityError):
    """The email address was refused by the email policy."""

class InvalidNonce(IdentityError):
    """The CSP nonce is malformed."""

class InvalidOption(IdentityError):
    """An option (such as email_policy) has an unknown value."""

@final
class Signer:
    """Signs and verifies email addresses with the identity verification secret."""

    def __new__(
        cls,
        secret: str | bytes,
        *,
        email_policy: Literal["exact", "canonical"] = "exact",
        previous_secrets: Sequence[str | bytes] = ...,
    ) -> Signer: ...
    @staticmethod
    def from_env(
        name: str = ...,
        *,
        email_policy: Literal["exact", "canonical"] = "exact",
        previous_secrets: Sequence[str | bytes] = ...,
    ) -> Signer: ...
    @staticmethod
    def from_file(
        path: str | os.PathLike[str],
        *,
        email_policy: Literal["exact", "canonical"] = "exact",
        previous_secrets: Sequence[str | bytes] = ...,
    ) -> Signer: ...
    def sign(self, email: str) -> str: ...
    def verify(self, email: str, hash: str) -> bool: ...
    def matching_key(self, email: str, hash: str) -> str | None: ...
    def sign_many(self, emails: Sequence[str]) -> list[str]: ...
    def sign_raw(self, data: bytes) -> str: ...
    def user(self, email: str, name: str | None = None) -> _SignedUser: ...
    def start_script(self, user: _UserInput | _SignedUser, nonce: str | None = None) -> str: ...
    @property
    def fingerprint(self) -> str: ...
    @property
    def previous_fingerprints(self) -> list[str]: ...
    @property
    def email_policy(self) -> str: ...

def stop_script(nonce: str | None = None) -> str: ...
