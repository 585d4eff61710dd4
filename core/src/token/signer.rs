//! [`TokenSigner`]: mint, verify and explain HS256 tokens with the embed secret.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use subtle::ConstantTimeEq;

use crate::error::Error;
use crate::fingerprint::Fingerprint;
use crate::keyring::{KeyEntry, Keyring};
use crate::secret::{MIN_HS256_KEY_LEN, Secret, SecretRole, SecretWarning};
use crate::token::claims::{self, MintedToken, Payload, TokenUser, VerifiedToken};
use crate::token::jws::{self, ALG, MAX_TOKEN_LEN};
use crate::token::options::{Checked, TokenOptions};
use crate::token::time::UnixTime;
use crate::token_error::TokenError;

/// The environment variable [`TokenSigner::from_env`] reads the embed secret from.
pub const EMBED_SECRET_VARIABLE: &str = "UNTHREAD_PORTAL_EMBED_SECRET";
/// The other name one version of Unthread's page gives the embed secret; read when
/// [`EMBED_SECRET_VARIABLE`] is not set.
pub const EMBED_SECRET_ALTERNATIVE_VARIABLE: &str = "PORTAL_EMBED_SECRET";

/// The longest `kid`, user id and token id accepted, in bytes: the header's limit.
const MAX_ID_LEN: usize = jws::MAX_KID_LEN;

/// Mints and verifies the embedded portal's tokens (HS256 JWTs) with the embed secret.
///
/// Build it once: the HMAC key state is precomputed, as for [`Signer`](crate::Signer), and
/// `Debug` shows fingerprints and key ids, never a secret.
///
/// ```
/// use unthread_identity::{Secret, TokenOptions, TokenSigner, TokenUser};
/// let tokens = TokenSigner::new(Secret::new("embed-secret")?, TokenOptions::default())?
///     .with_kid("2026-11")?;
/// let minted = tokens.mint(TokenUser::new("ada@example.com").with_name(Some("Ada")))?;
/// let verified = tokens.verify(&minted.jwt).expect("a fresh token verifies");
/// assert_eq!(verified.claims["email"], "ada@example.com");
/// assert_eq!(verified.kid.as_deref(), Some("2026-11"));
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Clone)]
pub struct TokenSigner {
    /// The primary key (it mints) first, then the previous keys (they only verify): the
    /// keyring of hash mode, whose entries carry a `kid` here.
    keys: Keyring,
    checked: Checked,
    warnings: Vec<SecretWarning>,
}

impl fmt::Debug for TokenSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<_> = self
            .keys
            .entries()
            .iter()
            .map(|k| (k.kid.as_deref(), k.key.fingerprint().as_str()))
            .collect();
        f.debug_struct("TokenSigner")
            .field("keys", &keys)
            .field("ttl", &self.checked.ttl)
            .finish_non_exhaustive()
    }
}

impl TokenSigner {
    /// A token signer for the embed secret, with `options` checked once (an option error for
    /// a TTL above an hour, a fractional second, a claim name taken twice, …).
    ///
    /// The secret is used as the bytes of its text, as Unthread's dashboard shows it. If your
    /// secret is documented as base64 or hex, decode it explicitly with
    /// [`Secret::decode`](crate::Secret::decode) first.
    pub fn new(secret: Secret, options: TokenOptions) -> Result<Self, Error> {
        let warnings = key_warnings(&secret);
        Ok(TokenSigner {
            keys: Keyring::new(secret),
            checked: options.check()?,
            warnings,
        })
    }

    /// A token signer whose embed secret is read from `UNTHREAD_PORTAL_EMBED_SECRET` (or
    /// `PORTAL_EMBED_SECRET`: see [`TokenSigner::secret_from_env`]).
    pub fn from_env(options: TokenOptions) -> Result<Self, Error> {
        Self::new(Self::secret_from_env(None)?, options)
    }

    /// The embed secret from the environment variable `name`, or by default from
    /// `UNTHREAD_PORTAL_EMBED_SECRET`, else `PORTAL_EMBED_SECRET` (the name one version of
    /// Unthread's page uses). Both set to different values is an error that names both and
    /// shows neither. The rules of [`Secret::from_env_var`] apply (no browser-exposed prefix,
    /// no surrounding whitespace), and a missing variable is named as the embed secret's.
    pub fn secret_from_env(name: Option<&str>) -> Result<Secret, Error> {
        Self::secret_from_env_in(&crate::secret::Process, name)
    }

    /// [`TokenSigner::secret_from_env`] in `env`.
    #[doc(hidden)]
    pub fn secret_from_env_in(
        env: &dyn crate::secret::Environment,
        name: Option<&str>,
    ) -> Result<Secret, Error> {
        let read = |name| Secret::from_env_var_in(env, name, SecretRole::Embed);
        if let Some(name) = name {
            return read(name);
        }
        let (first, second) = (EMBED_SECRET_VARIABLE, EMBED_SECRET_ALTERNATIVE_VARIABLE);
        match (env.var(first), env.var(second)) {
            (Some(a), Some(b)) => {
                let (a, b) = (
                    zeroize::Zeroizing::new(a.into_encoded_bytes()),
                    zeroize::Zeroizing::new(b.into_encoded_bytes()),
                );
                // Compared in constant time, as any secret is.
                if !bool::from(a.as_slice().ct_eq(b.as_slice())) {
                    return Err(Error::ConflictingSecretVariables { first, second });
                }
                read(first)
            }
            (None, Some(_)) => read(second),
            _ => read(first),
        }
    }

    /// What is worth fixing about the keys (a key shorter than 32 bytes, a secret file that
    /// others can read), as [`Signer::warnings`](crate::Signer::warnings) for hash mode.
    pub fn warnings(&self) -> &[SecretWarning] {
        &self.warnings
    }

    /// Names the primary key: minted tokens carry `kid` in their header, and a verifier picks
    /// the key by it. Name every key when you rotate.
    pub fn with_kid(mut self, kid: &str) -> Result<Self, Error> {
        let kid = self.check_kid(kid)?;
        self.keys.primary_mut().kid = Some(kid);
        Ok(self)
    }

    /// Adds a previous key, which verifies but never mints: tokens minted before a rotation
    /// keep verifying until they expire. With a `kid`, a token is checked against the key its
    /// header names; without one, against every key, in constant time.
    pub fn with_previous_key(mut self, secret: Secret, kid: Option<&str>) -> Result<Self, Error> {
        let kid = kid.map(|kid| self.check_kid(kid)).transpose()?;
        self.warnings.extend(key_warnings(&secret));
        self.keys.push(secret, kid);
        Ok(self)
    }

    fn check_kid(&self, kid: &str) -> Result<String, Error> {
        if kid.is_empty() || kid.len() > MAX_ID_LEN || kid.chars().any(char::is_control) {
            return Err(Error::option(
                "kid",
                format!("a kid is 1 to {MAX_ID_LEN} bytes of text without control characters"),
            ));
        }
        if self.keys.position_of_kid(kid).is_some() {
            return Err(Error::option(
                "kid",
                format!("the kid {kid:?} names two keys"),
            ));
        }
        Ok(kid.to_owned())
    }

    /// The fingerprint of the primary key (the same function as a [`Secret`]'s).
    pub fn fingerprint(&self) -> &Fingerprint {
        self.keys.primary().key.fingerprint()
    }

    /// The primary key's `kid`.
    pub fn kid(&self) -> Option<&str> {
        self.keys.primary().kid.as_deref()
    }

    /// The previous keys: `(kid, fingerprint)`, in the order they were added.
    pub fn previous_keys(&self) -> impl ExactSizeIterator<Item = (Option<&str>, &Fingerprint)> {
        self.keys
            .previous()
            .iter()
            .map(|k| (k.kid.as_deref(), k.key.fingerprint()))
    }

    /// The options in force.
    pub fn options(&self) -> &TokenOptions {
        &self.checked.options
    }

    /// Mints a token for the logged-in user, now, with a random token id from the OS.
    pub fn mint(&self, user: TokenUser<'_>) -> Result<MintedToken, Error> {
        self.mint_with(user, None, None)
    }

    /// [`TokenSigner::mint`] with the time or the token id fixed when given: the reproducible
    /// form that the bindings' `issuedAt` / `jwtId` options reach, for tests. The time
    /// defaults to now and the id to 16 random bytes from the OS, base64url.
    pub fn mint_with(
        &self,
        user: TokenUser<'_>,
        issued_at: Option<UnixTime>,
        jwt_id: Option<&str>,
    ) -> Result<MintedToken, Error> {
        let random_id;
        let jwt_id = match jwt_id {
            Some(id) => id,
            None => {
                let mut id = [0u8; 16];
                getrandom::fill(&mut id).map_err(|_| Error::RandomUnavailable)?;
                random_id = URL_SAFE_NO_PAD.encode(id);
                &random_id
            }
        };
        self.mint_at(user, issued_at.unwrap_or_else(UnixTime::now), jwt_id)
    }

    /// Mints a token at `issued_at` with the token id `jwt_id`: what `mint_with` resolves to.
    fn mint_at(
        &self,
        user: TokenUser<'_>,
        issued_at: UnixTime,
        jwt_id: &str,
    ) -> Result<MintedToken, Error> {
        let options = &self.checked.options;
        let email = options.email_policy.apply(user.email)?;
        for (what, value) in [("user id", user.id), ("token id", Some(jwt_id))] {
            if value.is_some_and(|v| v.is_empty() || v.len() > MAX_ID_LEN) {
                return Err(Error::option(
                    what,
                    format!("a {what} is 1 to {MAX_ID_LEN} bytes"),
                ));
            }
        }
        let expires_at = issued_at.plus(self.checked.ttl);
        let payload = Payload {
            checked: &self.checked,
            subject: user.id.unwrap_or(&email),
            email: &email,
            profile: user.profile,
            issued_at,
            expires_at,
            jwt_id,
        };
        let payload = serde_json::to_string(&payload)
            .map_err(|_| Error::option("claims", "the claims cannot be written as JSON"))?;
        let primary = self.keys.primary();
        let jwt = jws::encode(
            &primary.key,
            &jws::header_json(primary.kid.as_deref()),
            &payload,
        );
        if jwt.len() > MAX_TOKEN_LEN {
            return Err(Error::option(
                "claims",
                format!(
                    "the token would be {} bytes, more than the {MAX_TOKEN_LEN} a verifier accepts: \
                 shorten the name or the extra claims",
                    jwt.len()
                ),
            ));
        }
        Ok(MintedToken {
            jwt,
            expires_at,
            issued_at,
        })
    }

    /// Verifies a token now. See [`TokenSigner::verify_at`].
    pub fn verify(&self, jwt: &str) -> Result<VerifiedToken, Error> {
        self.verify_at(jwt, UnixTime::now())
    }

    /// Verifies a token as of `now`: the length, the algorithm (HS256 only), the key (`kid`),
    /// the signature in constant time, then the claims: types, required claims, lifetime,
    /// `iat`, `nbf` and `exp` with the clock skew as leeway, `aud` and `iss`.
    ///
    /// A refusal is [`Error::Token`], whose [`TokenError`] says why; [`Error::code`] gives its
    /// stable code (`ERR_TOKEN_EXPIRED`, …).
    pub fn verify_at(&self, jwt: &str, now: UnixTime) -> Result<VerifiedToken, Error> {
        Ok(self.verified(jwt, now)?)
    }

    fn verified(&self, jwt: &str, now: UnixTime) -> Result<VerifiedToken, TokenError> {
        let parts = jws::split(jwt)?;
        let key = self.signing_key(&parts)?;
        let (claims, payload_json) = jws::payload_with_text(&parts)?;
        let expires_at = claims::check(&claims, &self.checked, now)?;
        Ok(VerifiedToken {
            claims,
            payload_json,
            kid: parts.kid,
            fingerprint: *key.key.fingerprint(),
            expires_at,
        })
    }

    /// The key that made the signature, after the algorithm and `kid` checks.
    pub(crate) fn signing_key(&self, parts: &jws::Parts<'_>) -> Result<&KeyEntry, TokenError> {
        if parts.alg != ALG {
            return Err(TokenError::Algorithm {
                alg: jws::shown(&parts.alg),
            });
        }
        let candidates = match &parts.kid {
            Some(kid) => {
                let index = self
                    .keys
                    .position_of_kid(kid)
                    .ok_or_else(|| TokenError::UnknownKid { kid: kid.clone() })?;
                index..index + 1
            }
            None => 0..self.keys.entries().len(),
        };
        let signature = jws::signature_bytes(parts.signature).ok_or(TokenError::Signature)?;
        self.keys
            .find_tag(candidates, parts.signing_input.as_bytes(), &signature)
            .ok_or(TokenError::Signature)
    }

    pub(crate) fn keyring(&self) -> &Keyring {
        &self.keys
    }

    pub(crate) fn checked(&self) -> &Checked {
        &self.checked
    }

    /// The names of the claims this signer writes, for the doctor's "extra claims".
    pub(crate) fn known_claims(&self) -> Vec<&str> {
        let options = &self.checked.options;
        let mut known = options.claim_names.all();
        known.extend(["iat", "nbf", "exp", "aud", "iss"]);
        known.extend(options.extra_claims.keys().map(String::as_str));
        known
    }
}

/// What is worth fixing about a key: shorter than RFC 7518 §3.2 allows, and where its secret
/// came from.
fn key_warnings(secret: &Secret) -> Vec<SecretWarning> {
    let len = secret.expose().len();
    let short = (len < MIN_HS256_KEY_LEN).then_some(SecretWarning::ShortKey { len });
    short
        .into_iter()
        .chain(secret.warnings().iter().cloned())
        .collect()
}
