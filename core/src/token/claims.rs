//! The claims: the user going in, the payload written, and the checks on the way back.

use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::error::Error;
use crate::fingerprint::Fingerprint;
use crate::token::options::Checked;
use crate::token::profile::Profile;
use crate::token::time::UnixTime;
use crate::token_error::TokenError;

/// The user a token is minted for: taken from your session, never from the request.
///
/// ```
/// use unthread_identity::TokenUser;
/// let user = TokenUser::new("ada@example.com").with_name(Some("Ada")).with_id(Some("u_42"));
/// # let _ = user;
/// ```
#[derive(Debug, Clone, Copy)]
pub struct TokenUser<'a> {
    pub(crate) email: &'a str,
    pub(crate) id: Option<&'a str>,
    pub(crate) profile: Profile<'a>,
}

impl<'a> TokenUser<'a> {
    /// A user known by email; the email is also the subject unless an id is given.
    pub fn new(email: &'a str) -> Self {
        TokenUser {
            email,
            id: None,
            profile: Profile::default(),
        }
    }

    /// The display name, put in the name claim: the profile claim most users have.
    #[must_use]
    pub fn with_name(mut self, name: Option<&'a str>) -> Self {
        self.profile.name = name;
        self
    }

    /// The user's profile claims, each put in the token under its name in
    /// [`ClaimNames`](crate::ClaimNames).
    #[must_use]
    pub fn with_profile(mut self, profile: Profile<'a>) -> Self {
        self.profile = profile;
        self
    }

    /// The error for a user id that has no UTF-8 form (a JavaScript or Python string with a
    /// lone surrogate; Rust's `&str` cannot hold one). An identity is refused, never replaced
    /// with U+FFFD, so that `"user\u{d800}"` and `"user\u{dfff}"` cannot become one subject.
    /// For the bindings; `what` is the argument's name in their language.
    #[doc(hidden)]
    pub fn id_not_unicode(what: &str) -> Error {
        Error::option(
            "user id",
            format!(
                "{what} is not valid Unicode text (it contains a lone surrogate); a user id is \
             refused rather than replaced, so that two ids cannot become one subject"
            ),
        )
    }

    /// A stable user id, put in the subject claim instead of the email.
    #[must_use]
    pub fn with_id(mut self, id: Option<&'a str>) -> Self {
        self.id = id;
        self
    }
}

/// A minted token and when it expires. `Debug` does not show the token: it is a credential
/// for a few minutes, and logs outlive that.
///
/// It serializes as the token endpoint's body, `{"jwt": "...", "expiresAt": 1800000300}`
/// (`expiresAt` in whole seconds), so a handler can return it as JSON directly:
///
/// ```
/// use unthread_identity::{Secret, TokenOptions, TokenSigner, TokenUser};
/// let tokens = TokenSigner::new(Secret::new("embed-secret")?, TokenOptions::default())?;
/// let minted = tokens.mint(TokenUser::new("ada@example.com"))?;
/// let body = serde_json::to_value(&minted).unwrap();
/// assert_eq!(body["expiresAt"], minted.expires_at.as_secs());
/// assert_eq!(body["jwt"], minted.jwt.as_str());
/// assert_eq!(body.as_object().unwrap().len(), 2);
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Clone, serde::Serialize)]
pub struct MintedToken {
    /// The compact JWT, for `{ jwt }` in the endpoint's answer.
    pub jwt: String,
    /// Its `exp`.
    #[serde(rename = "expiresAt")]
    pub expires_at: UnixTime,
    /// Its `iat` (not in the endpoint's body).
    #[serde(skip)]
    pub issued_at: UnixTime,
}

impl fmt::Debug for MintedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MintedToken")
            .field("jwt", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .field("issued_at", &self.issued_at)
            .finish()
    }
}

/// The claims of a token that passed every check.
#[derive(Debug, Clone)]
pub struct VerifiedToken {
    /// Every claim of the payload.
    pub claims: Map<String, Value>,
    /// The payload as the JSON text it was decoded from (for a binding whose own JSON parser
    /// is the fastest way to its native objects).
    #[doc(hidden)]
    pub payload_json: String,
    /// The header's `kid`, if any.
    pub kid: Option<String>,
    /// The fingerprint of the key that signed it.
    pub fingerprint: Fingerprint,
    /// Its `exp`.
    pub expires_at: UnixTime,
}

/// The payload of a minted token, written in this order: subject, email, the profile claims
/// given (`name`), `iat`, `nbf`, `exp`, token id, `aud` and `iss` (when configured), then the
/// extra claims.
pub(crate) struct Payload<'a> {
    pub checked: &'a Checked,
    pub subject: &'a str,
    pub email: &'a str,
    pub profile: Profile<'a>,
    pub issued_at: UnixTime,
    pub expires_at: UnixTime,
    pub jwt_id: &'a str,
}

impl Serialize for Payload<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let options = &self.checked.options;
        let names = &options.claim_names;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(&names.subject, self.subject)?;
        map.serialize_entry(&names.email, self.email)?;
        for (name, value) in names.profile().into_iter().zip(self.profile.values()) {
            if let Some(value) = value {
                map.serialize_entry(name, value)?;
            }
        }
        map.serialize_entry("iat", &self.issued_at.as_secs())?;
        map.serialize_entry("nbf", &self.issued_at.minus(self.checked.skew).as_secs())?;
        map.serialize_entry("exp", &self.expires_at.as_secs())?;
        map.serialize_entry(&names.jwt_id, self.jwt_id)?;
        if let Some(audience) = &options.audience {
            map.serialize_entry("aud", audience)?;
        }
        if let Some(issuer) = &options.issuer {
            map.serialize_entry("iss", issuer)?;
        }
        for (key, value) in &options.extra_claims {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Checks the claims of a token whose signature verified; returns its `exp`.
pub(crate) fn check(
    claims: &Map<String, Value>,
    checked: &Checked,
    now: UnixTime,
) -> Result<UnixTime, TokenError> {
    let exp = seconds(claims, "exp")?;
    let iat = seconds(claims, "iat")?;
    let nbf = seconds(claims, "nbf")?;
    let names = &checked.options.claim_names;
    for name in [&names.subject, &names.email] {
        match claims.get(name.as_str()) {
            Some(Value::String(_)) => {}
            None => {
                return Err(TokenError::MissingClaim {
                    claim: name.clone(),
                });
            }
            Some(_) => {
                return Err(TokenError::ClaimType {
                    claim: name.clone(),
                    expected: "a string",
                });
            }
        }
    }
    // The token id is optional, but when present it is text (as PyJWT requires).
    if claims
        .get(names.jwt_id.as_str())
        .is_some_and(|v| !v.is_string())
    {
        return Err(TokenError::ClaimType {
            claim: names.jwt_id.clone(),
            expected: "a string",
        });
    }
    let missing = |claim: &str| TokenError::MissingClaim {
        claim: claim.to_owned(),
    };
    let exp = exp.ok_or_else(|| missing("exp"))?;
    let iat = iat.ok_or_else(|| missing("iat"))?;
    let (now, leeway) = (now.as_secs(), checked.skew);
    // No leeway here: a token cannot expire before it was issued, whatever the clocks say.
    if exp < iat {
        return Err(TokenError::ExpiresBeforeIssued { iat, exp });
    }
    let lifetime = exp - iat;
    if lifetime > checked.max_lifetime {
        return Err(TokenError::Lifetime {
            lifetime,
            max: checked.max_lifetime,
        });
    }
    if iat > now.saturating_add(leeway) {
        return Err(TokenError::IssuedInFuture { iat, now, leeway });
    }
    if let Some(nbf) = nbf.filter(|&nbf| nbf > now.saturating_add(leeway)) {
        return Err(TokenError::NotYetValid { nbf, now, leeway });
    }
    if exp.saturating_add(leeway) <= now {
        return Err(TokenError::Expired {
            exp,
            now,
            ago: now - exp,
        });
    }
    check_audience(claims.get("aud"), checked.options.audience.as_deref())?;
    match (claims.get("iss"), checked.options.issuer.as_deref()) {
        (None, None) => {}
        (Some(Value::String(iss)), Some(expected)) if iss == expected => {}
        _ => return Err(TokenError::Issuer),
    }
    // `exp` is at most `iat` + the max lifetime, and `iat` at most now + the skew: plausible
    // seconds, so this cannot fail.
    UnixTime::from_secs(exp).map_err(|_| TokenError::Lifetime {
        lifetime,
        max: checked.max_lifetime,
    })
}

fn check_audience(aud: Option<&Value>, expected: Option<&str>) -> Result<(), TokenError> {
    let ok = match (aud, expected) {
        (None, None) => true,
        (Some(Value::String(aud)), Some(expected)) => aud == expected,
        (Some(Value::Array(auds)), Some(expected)) => auds.iter().any(|a| a == expected),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(TokenError::Audience)
    }
}

/// A time claim: absent, or a non-negative integer (JSON `1.5`, `"1700000000"` and `-1` are
/// refused: this SDK never writes them, and a verifier that guesses units is how
/// milliseconds slip through).
pub(crate) fn seconds(claims: &Map<String, Value>, claim: &str) -> Result<Option<u64>, TokenError> {
    match claims.get(claim) {
        None => Ok(None),
        Some(Value::Number(n)) if n.is_u64() => Ok(n.as_u64()),
        Some(_) => Err(TokenError::ClaimType {
            claim: claim.to_owned(),
            expected: "a whole number of seconds since 1970",
        }),
    }
}
