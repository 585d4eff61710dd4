//! Token mode, for Unthread's embedded portal: short-lived HS256 JSON Web Tokens.
//!
//! The server mints a token for the logged-in user with the **embed secret**
//! (`UNTHREAD_PORTAL_EMBED_SECRET`, a different secret from the identity verification one),
//! and the page's `getToken` fetches it from an endpoint. Unlike an email hash, which is valid
//! forever once leaked, a token expires in minutes (5 by default).
//!
//! HS256 is HMAC-SHA256 over `base64url(header) "." base64url(claims)` (RFC 7515, 7519), so
//! the token is signed with the same precomputed HMAC key as the email hashes: no general JWT
//! crate, no RSA dependency tree for one algorithm.
//!
//! - [`TokenSigner`] mints ([`TokenSigner::mint`]), verifies ([`TokenSigner::verify`]) and
//!   diagnoses ([`TokenSigner::explain`]) tokens.
//! - [`TokenOptions`] holds the lifetime, clock skew, audience, issuer, claim names and extra
//!   claims; [`ClaimNames`] renames the user claims, so the payload can follow Unthread's
//!   contract when it is published, without a new release.
//! - Times are [`UnixTime`] (whole seconds since the epoch) and whole-second durations: a
//!   millisecond timestamp cannot be passed where seconds are meant.
//! - Every verification failure is a distinct [`TokenError`] with a stable code.

mod claim_value;
mod claims;
mod diagnosis;
mod jws;
mod options;
mod origin;
mod profile;
mod signer;
mod text;
pub(crate) mod time;

pub use crate::token_error::TokenError;
pub use claim_value::{MAX_CLAIM_DEPTH, claims_from};
pub use claims::{MintedToken, TokenUser, VerifiedToken};
pub use diagnosis::{TokenDiagnosis, TokenDiagnosisCode};
pub use jws::{MAX_KID_LEN, MAX_TOKEN_LEN};
pub use options::{
    ClaimNames, DEFAULT_CLOCK_SKEW, DEFAULT_MAX_LIFETIME, DEFAULT_TTL, MAX_TTL, TokenOptions,
};
pub(crate) use origin::same_origin_only;
pub use origin::{AllowedOrigins, HeaderValues};
pub(crate) use origin::{HEADER_VALUE, HEADER_VALUES};
pub(crate) use profile::profile_claims;
pub use profile::{PROFILE_CLAIMS, Profile, ProfileClaim};
pub use signer::{EMBED_SECRET_ALTERNATIVE_VARIABLE, EMBED_SECRET_VARIABLE, TokenSigner};
pub use text::TokenText;
pub use time::{UnixTime, not_whole_seconds, seconds_from_number};
