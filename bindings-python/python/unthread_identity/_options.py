"""The signers' keyword options, as types. Generated from the core's option structs by `make conformance-table` (core/conformance/src/options.rs): edit their docs in the core, not this file."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypedDict

from ._claims import ClaimNames


class _PreviousKeyRequired(TypedDict):

    secret: str | bytes
    """The secret (decoded with the signer's ``secret_encoding``)."""


class PreviousKey(_PreviousKeyRequired, total=False):
    """A previous key of a ``TokenSigner``: its secret and, when tokens name it, its ``kid``. Any other key raises ``InvalidOption``."""

    kid: str | None
    """The key id that tokens signed with it carry."""


class SignerOptions(TypedDict, total=False):
    """Options for a ``Signer``. Any other key raises ``InvalidOption``."""

    email_policy: Literal["exact", "canonical"] | None
    """``"exact"`` (default): hash the email exactly as given, after validation. ``"canonical"``: trim and lowercase it first, for both the hash and the user object."""

    previous_secrets: Sequence[str | bytes] | None
    """Previous secrets, during a rotation: hashes made with them still verify, new hashes use the primary secret. See ``matching_key``."""


class TokenSignerOptions(TypedDict, total=False):
    """Options for a ``TokenSigner``. Any other key raises ``InvalidOption``."""

    kid: str | None
    """The primary key's id, written in each token's header; name every key when you rotate."""

    secret_encoding: Literal["text", "base64", "hex"] | None
    """How the secret's text gives the key: ``"text"`` (default: its UTF-8 bytes, as most HS256 setups use it, even when it looks like base64), ``"base64"`` or ``"hex"`` (decoded first). ``explain_token`` says when a token was signed with the other choice."""

    previous_keys: Sequence[PreviousKey] | None
    """Keys that still verify, during a rotation; with a ``kid``, tokens are matched by it."""

    ttl_seconds: int | None
    """A token's lifetime, in whole seconds: 300 by default, at most 3600."""

    clock_skew_seconds: int | None
    """``nbf`` is backdated by this, and it is the leeway when verifying: 30 s by default, at most 300."""

    max_lifetime_seconds: int | None
    """The longest ``exp - iat`` accepted when verifying: 3600 s by default."""

    audience: str | None
    """The ``aud`` claim: minted, and required when verifying."""

    issuer: str | None
    """The ``iss`` claim: minted, and required when verifying."""

    claim_names: ClaimNames | None
    """Other names for the claims of the user and the token id."""

    extra_claims: Mapping[str, Any] | None
    """Claims added to every token; they may not reuse a name the SDK sets."""

    email_policy: Literal["exact", "canonical"] | None
    """``"exact"`` (default) or ``"canonical"``, as for ``Signer``."""
