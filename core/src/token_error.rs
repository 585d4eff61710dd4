//! Why a token was refused. One variant, and one stable code, per reason. On the ground floor
//! beside `error.rs`, whose `Error::Token` holds it: token mode builds on both.
//!
//! The messages name the claim and the times involved, never the secret, and never say more
//! about the signature than "it does not match".

use thiserror::Error;

/// Why [`TokenSigner::verify`](crate::TokenSigner::verify) refused a token.
///
/// It serializes as its fields (`{"exp": …, "now": …, "ago": …}` for `Expired`), which the
/// bindings put on their errors as properties ([`TokenError::fields`]).
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum TokenError {
    /// Longer than [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN); refused before any decoding.
    #[error("the token is at least {len} bytes long, more than the {limit} accepted")]
    TooLong {
        /// Its length in bytes, or a lower bound of it: a binding that counts characters to
        /// avoid reading 64 MiB of text gives that count (exact for ASCII).
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// Not three base64url parts, or a header or payload that is not a JSON object.
    #[error("the token is malformed: {reason}")]
    Malformed {
        /// What is wrong, in a few words.
        reason: &'static str,
    },
    /// The header's `alg` is not `HS256` (`none`, `HS384`, `RS256`, …).
    #[error("the token's algorithm {alg:?} is refused: only HS256 is accepted")]
    Algorithm {
        /// The header's `alg`, shortened to 32 characters.
        alg: String,
    },
    /// The header names a `kid` that no configured key has.
    #[error("the token's key id {kid:?} is not one of the configured keys")]
    UnknownKid {
        /// The header's `kid`, whole (a longer one than
        /// [`MAX_KID_LEN`](crate::MAX_KID_LEN) is `Malformed`).
        kid: String,
    },
    /// The signature was not made with any configured key (or not with the one `kid` names).
    #[error("the token's signature does not match")]
    Signature,
    /// A claim has the wrong type: a time that is not a whole number of seconds (a string, a
    /// fraction, a negative number), or a user claim that is not a string.
    #[error("the token's {claim} claim is not {expected}")]
    ClaimType {
        /// The claim's name.
        claim: String,
        /// What it should be.
        expected: &'static str,
    },
    /// A required claim is missing.
    #[error("the token has no {claim} claim")]
    MissingClaim {
        /// The claim's name.
        claim: String,
    },
    /// `exp − iat` is longer than the maximum (an `exp` in milliseconds lands here).
    #[error("the token lives {lifetime} seconds (exp - iat), more than the {max} accepted")]
    Lifetime {
        /// `exp − iat`, in seconds.
        lifetime: u64,
        /// The maximum accepted.
        max: u64,
    },
    /// `exp` is before `iat`: the token expired before it was issued.
    #[error("the token expires at {exp}, before it was issued ({iat})")]
    ExpiresBeforeIssued {
        /// The `iat` claim.
        iat: u64,
        /// The `exp` claim.
        exp: u64,
    },
    /// `iat` is in the future, beyond the clock skew.
    #[error("the token was issued at {iat}, after now ({now}) plus {leeway} s of clock skew")]
    IssuedInFuture {
        /// The `iat` claim.
        iat: u64,
        /// The time of the check.
        now: u64,
        /// The leeway allowed.
        leeway: u64,
    },
    /// `nbf` is in the future, beyond the clock skew.
    #[error("the token is not valid before {nbf}, after now ({now}) plus {leeway} s of clock skew")]
    NotYetValid {
        /// The `nbf` claim.
        nbf: u64,
        /// The time of the check.
        now: u64,
        /// The leeway allowed.
        leeway: u64,
    },
    /// `exp` has passed, beyond the clock skew.
    #[error("the token expired at {exp}, {ago} s before now ({now})")]
    Expired {
        /// The `exp` claim.
        exp: u64,
        /// The time of the check.
        now: u64,
        /// How long ago it expired.
        ago: u64,
    },
    /// `aud` is missing, not the configured audience, or present when none is configured.
    #[error("the token's audience (aud) is not the one configured")]
    Audience,
    /// `iss` is missing or not the configured issuer.
    #[error("the token's issuer (iss) is not the one configured")]
    Issuer,
}

impl TokenError {
    /// The values this refusal names (`exp`, `now`, `claim`, `kid`, …), for the bindings'
    /// error properties: jose's `JWTClaimValidationFailed.claim`, PyJWT's `.claim`. Empty for
    /// a refusal that names none (`Signature`).
    pub fn fields(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(fields)) => fields,
            _ => serde_json::Map::new(),
        }
    }

    /// The stable code (`ERR_TOKEN_EXPIRED`, …), the Node error's `code` and the Python
    /// exception's `code`.
    pub const fn code(&self) -> &'static str {
        match self {
            TokenError::TooLong { .. } => "ERR_TOKEN_TOO_LONG",
            TokenError::Malformed { .. } => "ERR_TOKEN_MALFORMED",
            TokenError::Algorithm { .. } => "ERR_TOKEN_ALGORITHM",
            TokenError::UnknownKid { .. } => "ERR_TOKEN_UNKNOWN_KID",
            TokenError::Signature => "ERR_TOKEN_SIGNATURE",
            TokenError::ClaimType { .. } => "ERR_TOKEN_CLAIM_TYPE",
            TokenError::MissingClaim { .. } => "ERR_TOKEN_MISSING_CLAIM",
            TokenError::Lifetime { .. } | TokenError::ExpiresBeforeIssued { .. } => {
                "ERR_TOKEN_LIFETIME"
            }
            TokenError::IssuedInFuture { .. } => "ERR_TOKEN_ISSUED_IN_FUTURE",
            TokenError::NotYetValid { .. } => "ERR_TOKEN_NOT_YET_VALID",
            TokenError::Expired { .. } => "ERR_TOKEN_EXPIRED",
            TokenError::Audience => "ERR_TOKEN_AUDIENCE",
            TokenError::Issuer => "ERR_TOKEN_ISSUER",
        }
    }
}
