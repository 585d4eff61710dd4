"""The token's user and claims, as types. Generated from the core by `make conformance-table` (core/conformance/src/types.rs): edit the core, not this file."""

from typing import TypedDict


class ProfileClaims(TypedDict, total=False):
    """The user's profile claims: each one given is put in the token, under its name in
    ``claim_names``."""

    name: str | None
    """The user's display name."""


class ClaimNames(TypedDict, total=False):
    """Other names for the claims of the user and the token id."""

    subject: str
    """Default ``sub``."""

    email: str
    """Default ``email``."""

    name: str
    """Default ``name``."""

    jwt_id: str
    """Default ``jti``."""


class MintKeywords(TypedDict, total=False):
    """The keywords of ``TokenSigner.mint_token``: the user's fields after ``email`` and
    ``name``, and the mint options."""

    id: str | int | None
    """A stable user id, the subject claim instead of the email: a string, or a whole number of at most 2^53 - 1 (a database key), which is its decimal text."""

    issued_at: int | None
    """``iat``, in whole seconds since 1970 (default: now; milliseconds are refused)."""

    jwt_id: str | None
    """``jti``; 128 random bits by default."""
