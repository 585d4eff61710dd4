//! The token doctor: decodes a token without trusting it and says what is wrong with it.
//!
//! It runs the same checks as [`TokenSigner::verify`] and, where a check fails, looks further
//! for the usual cause: a signature by another configured key, a secret used base64- or
//! hex-decoded (or not), an `exp` in milliseconds or as a string, a clock ahead or behind.
//! What it returns is codes, times, claim names, `kid`s and fingerprints: never a secret or a
//! MAC. The claims it shows are the token's own, which the caller already has.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Map, Value};

use crate::diagnosis::Diagnosis;
use crate::fingerprint::Fingerprint;
use crate::key::Key;
use crate::secret::{Secret, SecretEncoding};
use crate::token::claims;
use crate::token::jws::{self, ALG, MAX_TOKEN_LEN};
use crate::token::signer::TokenSigner;
use crate::token::time::{MAX_PLAUSIBLE_SECONDS, UnixTime};
use crate::token_error::TokenError;

/// What the doctor found. The codes are stable; the messages may improve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenDiagnosisCode {
    /// It verifies with the primary key.
    Valid,
    /// It verifies with a previous key (fine during a rotation).
    ValidPreviousKey,
    /// Longer than the cap.
    TooLong,
    /// Not a JWT.
    Malformed,
    /// Its `alg` is not HS256.
    Algorithm,
    /// Its `kid` names no configured key.
    UnknownKid,
    /// Its signature is by a configured key other than the one its `kid` names.
    SignedByOtherKey,
    /// Its signature is by a configured secret used in another encoding (decoded from base64
    /// or hex, or not decoded when it should have been).
    SecretEncoding,
    /// Its signature is by no configured key (probably another secret).
    Signature,
    /// A claim has the wrong type (a time as a string or a fraction).
    ClaimType,
    /// `exp` is in milliseconds.
    ExpInMilliseconds,
    /// A required claim is missing.
    MissingClaim,
    /// `exp − iat` is above the maximum.
    Lifetime,
    /// `iat` is in the future.
    IssuedInFuture,
    /// `nbf` is in the future.
    NotYetValid,
    /// `exp` has passed.
    Expired,
    /// `aud` is wrong, missing or unexpected.
    Audience,
    /// `iss` is wrong or missing.
    Issuer,
}

impl crate::diagnosis::sealed::Sealed for TokenDiagnosisCode {}

impl crate::diagnosis::DoctorCode for TokenDiagnosisCode {
    fn as_str(self) -> &'static str {
        TokenDiagnosisCode::as_str(self)
    }
}

impl TokenDiagnosisCode {
    /// The stable code, in `SCREAMING_SNAKE_CASE` (`"EXPIRED"`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenDiagnosisCode::Valid => "VALID",
            TokenDiagnosisCode::ValidPreviousKey => "VALID_PREVIOUS_KEY",
            TokenDiagnosisCode::TooLong => "TOO_LONG",
            TokenDiagnosisCode::Malformed => "MALFORMED",
            TokenDiagnosisCode::Algorithm => "ALGORITHM",
            TokenDiagnosisCode::UnknownKid => "UNKNOWN_KID",
            TokenDiagnosisCode::SignedByOtherKey => "SIGNED_BY_OTHER_KEY",
            TokenDiagnosisCode::SecretEncoding => "SECRET_ENCODING",
            TokenDiagnosisCode::Signature => "SIGNATURE",
            TokenDiagnosisCode::ClaimType => "CLAIM_TYPE",
            TokenDiagnosisCode::ExpInMilliseconds => "EXP_IN_MILLISECONDS",
            TokenDiagnosisCode::MissingClaim => "MISSING_CLAIM",
            TokenDiagnosisCode::Lifetime => "LIFETIME",
            TokenDiagnosisCode::IssuedInFuture => "ISSUED_IN_FUTURE",
            TokenDiagnosisCode::NotYetValid => "NOT_YET_VALID",
            TokenDiagnosisCode::Expired => "EXPIRED",
            TokenDiagnosisCode::Audience => "AUDIENCE",
            TokenDiagnosisCode::Issuer => "ISSUER",
        }
    }
}

/// The doctor's answer for one token: the crate's one [`Diagnosis`] shape.
pub type TokenDiagnosis = Diagnosis<TokenDiagnosisCode>;

// The doctor's entry points are defined here, beside what they run, so that `signer.rs` does
// not import this file (the doctor builds on the signer, not the other way round).
impl TokenSigner {
    /// Decodes a token without trusting it and says what is wrong with it, or that it is
    /// valid. See [`TokenDiagnosis`].
    pub fn explain(&self, jwt: &str) -> TokenDiagnosis {
        self.explain_at(jwt, UnixTime::now())
    }

    /// [`TokenSigner::explain`] as of `now`.
    pub fn explain_at(&self, jwt: &str, now: UnixTime) -> TokenDiagnosis {
        explain(self, jwt, now)
    }
}

/// The doctor's answer for a token of `len` bytes, more than [`MAX_TOKEN_LEN`].
pub(crate) fn too_long(signer: &TokenSigner, len: usize) -> TokenDiagnosis {
    let error = TokenError::TooLong {
        len,
        limit: MAX_TOKEN_LEN,
    };
    let message = format!(
        "{error}; a portal token is a few hundred bytes: is this the whole cookie or page?"
    );
    diagnosis(
        TokenDiagnosisCode::TooLong,
        message,
        None,
        *signer.fingerprint(),
        None,
        signer,
    )
}

fn explain(signer: &TokenSigner, jwt: &str, now: UnixTime) -> TokenDiagnosis {
    let primary = *signer.fingerprint();
    let parts = match jws::split(jwt) {
        Ok(parts) => parts,
        Err(TokenError::TooLong { len, .. }) => return too_long(signer, len),
        Err(error) => {
            let hint = "a JWT is three base64url parts separated by dots: header.payload.signature";
            return diagnosis(
                TokenDiagnosisCode::Malformed,
                format!("{error}; {hint}"),
                None,
                primary,
                None,
                signer,
            );
        }
    };
    let claims = jws::payload(&parts).ok();
    let kid = parts.kid.clone();
    let found = |code, message: String, fingerprint| {
        diagnosis(
            code,
            message,
            kid.clone(),
            fingerprint,
            claims.clone(),
            signer,
        )
    };
    if parts.alg != ALG {
        let why = match parts.alg.as_str() {
            "none" => "an unsigned token (alg none) is never accepted",
            "HS384" | "HS512" => "mint with HS256, the algorithm the embedded portal verifies",
            _ => "the embedded portal uses a shared secret with HS256, not a key pair",
        };
        let message = format!(
            "the token's algorithm is {:?}: {why}",
            jws::shown(&parts.alg)
        );
        return found(TokenDiagnosisCode::Algorithm, message, primary);
    }
    let key = match signer.signing_key(&parts) {
        Ok(key) => key,
        Err(TokenError::UnknownKid { kid }) => {
            let by = any_key(signer, &parts).map_or_else(String::new, |(kid, fp)| {
                format!(
                    " The signature is by the configured key {fp}{kid}, so the kid is mislabelled."
                )
            });
            let message = format!(
                "the token's kid {kid:?} names no configured key (configured: {}).{by}",
                configured_kids(signer)
            );
            return found(TokenDiagnosisCode::UnknownKid, message, primary);
        }
        Err(TokenError::Signature) => return signature_problem(signer, &parts, found),
        Err(error) => return found(TokenDiagnosisCode::Malformed, error.to_string(), primary),
    };
    let fingerprint = *key.key.fingerprint();
    let Some(payload) = &claims else {
        let message = "the payload is not base64url JSON of an object".to_owned();
        return found(TokenDiagnosisCode::Malformed, message, fingerprint);
    };
    match claims::check(payload, signer.checked(), now) {
        Ok(exp) => {
            let left = exp.as_secs().saturating_sub(now.as_secs());
            let previous = !std::ptr::eq(key, signer.keyring().primary());
            let (code, which) = if previous {
                (
                    TokenDiagnosisCode::ValidPreviousKey,
                    " with a previous key: fine while rotating; mint with the primary key",
                )
            } else {
                (TokenDiagnosisCode::Valid, "")
            };
            let message = format!("the token verifies{which}; it expires in {left} s (at {exp})");
            let mut diagnosis = found(code, message, fingerprint);
            diagnosis.valid = true;
            diagnosis
        }
        Err(error) => {
            let (code, message) = claim_problem(payload, &error, signer);
            found(code, message, fingerprint)
        }
    }
}

fn diagnosis(
    code: TokenDiagnosisCode,
    message: String,
    kid: Option<String>,
    fingerprint: Fingerprint,
    claims: Option<Map<String, Value>>,
    signer: &TokenSigner,
) -> TokenDiagnosis {
    let known = signer.known_claims();
    let extra_claims = claims
        .iter()
        .flat_map(|c| c.keys())
        .filter(|k| !known.contains(&k.as_str()))
        .map(|k| k.chars().take(64).collect())
        .collect();
    TokenDiagnosis {
        code,
        message,
        valid: false,
        kid,
        fingerprint,
        extra_claims,
        claims,
    }
}

/// The signature matches no key it was checked against: by another configured key? By a
/// configured secret in another encoding? Else by a secret that is not configured.
fn signature_problem(
    signer: &TokenSigner,
    parts: &jws::Parts<'_>,
    found: impl Fn(TokenDiagnosisCode, String, Fingerprint) -> TokenDiagnosis,
) -> TokenDiagnosis {
    if let Some((kid, fingerprint)) = any_key(signer, parts) {
        let message = format!(
            "the signature is by the configured key {fingerprint}{kid}, not by the key that the \
             token's kid names: the minting side labels its keys differently"
        );
        return found(TokenDiagnosisCode::SignedByOtherKey, message, fingerprint);
    }
    let message = parts.signing_input.as_bytes();
    if let Some(signature) = jws::signature_bytes(parts.signature) {
        for token_key in signer.keyring().entries() {
            for (secret, how) in other_encodings(&token_key.secret) {
                if first_match_key(&Key::new(&secret), message, &signature) {
                    let text = format!(
                        "the token was signed with the configured secret ({}) {how}: use the \
                         secret the same way on both sides (the SDK's default uses its text as \
                         it is)",
                        token_key.key.fingerprint()
                    );
                    return found(
                        TokenDiagnosisCode::SecretEncoding,
                        text,
                        *token_key.key.fingerprint(),
                    );
                }
            }
        }
    }
    let text = format!(
        "the signature is by none of the configured keys (primary fingerprint {}): the minting \
         server probably has another embed secret; compare its fingerprint",
        signer.fingerprint()
    );
    found(TokenDiagnosisCode::Signature, text, *signer.fingerprint())
}

/// A configured key (any `kid`) that made the signature, for the doctor's messages.
fn any_key(signer: &TokenSigner, parts: &jws::Parts<'_>) -> Option<(String, Fingerprint)> {
    let signature = jws::signature_bytes(parts.signature)?;
    let keys = signer.keyring();
    let all = 0..keys.entries().len();
    let key = keys.find_tag(all, parts.signing_input.as_bytes(), &signature)?;
    let kid = key
        .kid
        .as_ref()
        .map_or_else(String::new, |kid| format!(" (kid {kid:?})"));
    Some((kid, *key.key.fingerprint()))
}

fn first_match_key(key: &Key, message: &[u8], signature: &[u8; 32]) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(key.tag(message).ct_eq(signature))
}

/// The secret's bytes read another way: decoded from base64 or hex when it looks like that,
/// and encoded as base64 or hex (when the other side decoded it and this side did not).
fn other_encodings(secret: &Secret) -> Vec<(Secret, &'static str)> {
    let mut out = Vec::new();
    // Only text can have been decoded on the other side; raw bytes are a key already.
    let decodings = if secret.is_text() {
        [
            (SecretEncoding::Base64, "base64-decoded"),
            (SecretEncoding::Hex, "hex-decoded"),
        ]
        .as_slice()
    } else {
        &[]
    };
    for &(encoding, how) in decodings {
        if let Ok(decoded) = secret.duplicate().decode(encoding) {
            out.push((decoded, how));
        }
    }
    let bytes = secret.expose();
    for (text, how) in [
        (STANDARD.encode(bytes), "as base64 text"),
        (URL_SAFE_NO_PAD.encode(bytes), "as base64url text"),
        (::hex::encode(bytes), "as hex text"),
    ] {
        if let Ok(encoded) = Secret::from_bytes(text.into_bytes()) {
            out.push((encoded, how));
        }
    }
    out
}

fn configured_kids(signer: &TokenSigner) -> String {
    let kids: Vec<String> = signer
        .keyring()
        .entries()
        .iter()
        .filter_map(|k| k.kid.as_ref().map(|kid| format!("{kid:?}")))
        .collect();
    if kids.is_empty() {
        "no key has a kid".to_owned()
    } else {
        kids.join(", ")
    }
}

fn claim_problem(
    claims: &Map<String, Value>,
    error: &TokenError,
    signer: &TokenSigner,
) -> (TokenDiagnosisCode, String) {
    let skew = signer.checked().skew;
    match error {
        TokenError::ClaimType { claim, .. } => {
            let hint = match claims.get(claim.as_str()) {
                Some(Value::String(_)) => " (it is a string: write the number itself)",
                Some(Value::Number(_)) => " (it has a fraction or a sign: write whole seconds)",
                _ => "",
            };
            (TokenDiagnosisCode::ClaimType, format!("{error}{hint}"))
        }
        TokenError::Lifetime { .. }
            if claims::seconds(claims, "exp")
                .ok()
                .flatten()
                .is_some_and(|exp| exp > MAX_PLAUSIBLE_SECONDS) =>
        {
            (
                TokenDiagnosisCode::ExpInMilliseconds,
                "the token's exp is in milliseconds: JWT times are seconds (in JavaScript, \
                 Math.floor(Date.now() / 1000))"
                    .to_owned(),
            )
        }
        TokenError::Lifetime { .. } | TokenError::ExpiresBeforeIssued { .. } => (
            TokenDiagnosisCode::Lifetime,
            format!("{error}: mint short-lived tokens, one per page load"),
        ),
        TokenError::MissingClaim { .. } => (
            TokenDiagnosisCode::MissingClaim,
            format!("{error}; check the claim names configured on both sides"),
        ),
        TokenError::IssuedInFuture { .. } => (
            TokenDiagnosisCode::IssuedInFuture,
            format!(
                "{error}: the minting server's clock is ahead (beyond the {skew} s skew); sync it with NTP"
            ),
        ),
        TokenError::NotYetValid { .. } => (
            TokenDiagnosisCode::NotYetValid,
            format!(
                "{error}: the minting server's clock is ahead, or nbf is not backdated; sync clocks with NTP"
            ),
        ),
        TokenError::Expired { .. } => (
            TokenDiagnosisCode::Expired,
            format!(
                "{error}: fetch a fresh token (the endpoint sends no-store; is a cache or proxy serving an old one?)"
            ),
        ),
        TokenError::Audience => (
            TokenDiagnosisCode::Audience,
            format!(
                "{error}; the aud configured here is {:?}",
                signer.options().audience
            ),
        ),
        TokenError::Issuer => (
            TokenDiagnosisCode::Issuer,
            format!(
                "{error}; the iss configured here is {:?}",
                signer.options().issuer
            ),
        ),
        // `claims::check` gives none of these (they are found before the claims are read),
        // but each has its own code, so that a new reason cannot fall into another's.
        TokenError::TooLong { .. } => (TokenDiagnosisCode::TooLong, error.to_string()),
        TokenError::Malformed { .. } => (TokenDiagnosisCode::Malformed, error.to_string()),
        TokenError::Algorithm { .. } => (TokenDiagnosisCode::Algorithm, error.to_string()),
        TokenError::UnknownKid { .. } => (TokenDiagnosisCode::UnknownKid, error.to_string()),
        TokenError::Signature => (TokenDiagnosisCode::Signature, error.to_string()),
    }
}
