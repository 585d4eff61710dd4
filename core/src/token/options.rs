//! What a [`TokenSigner`](crate::TokenSigner) puts in a token and accepts from one.

use std::time::Duration;

use serde_json::{Map, Value};

use crate::email::EmailPolicy;
use crate::error::Error;
use crate::token::profile::{PROFILE_CLAIMS, profile_claims};
use crate::token::time::whole_seconds;

/// How long a token lives by default: 5 minutes.
pub const DEFAULT_TTL: Duration = Duration::from_secs(300);
/// The longest lifetime a token may be minted with: 1 hour. A longer one is an option error
/// (a TTL in milliseconds lands here).
pub const MAX_TTL: Duration = Duration::from_secs(3600);
/// How far `nbf` is backdated, and the leeway when checking `exp`, `nbf` and `iat`: 30 s, for
/// clocks that disagree between the server, the portal and the browser.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(30);
/// The longest lifetime (`exp − iat`) a verified token may have: 1 hour. This also refuses an
/// `exp` written in milliseconds.
pub const DEFAULT_MAX_LIFETIME: Duration = Duration::from_secs(3600);

/// The registered claims whose names are fixed: a mapping or an extra claim may not take them.
pub(crate) const FIXED_CLAIMS: [&str; 5] = ["iat", "nbf", "exp", "aud", "iss"];

macro_rules! claim_names {
    ($( $(#[doc = $doc:literal])* $field:ident, )*) => {
        /// The names of the claims that carry the user and the token's id.
        ///
        /// The defaults are the registered JWT names, `email`, and each profile claim's field
        /// (`name`; see `profile.rs`). Unthread has not published its claim names; when it does,
        /// rename here instead of waiting for a release:
        ///
        /// ```
        /// use unthread_identity::ClaimNames;
        /// let names = ClaimNames { email: "user_email".into(), ..ClaimNames::default() };
        /// assert_eq!(names.subject, "sub");
        /// ```
        ///
        /// As an option (`claim_names`, `claimNames`) it is read with each missing name at its
        /// default and any other key refused:
        ///
        /// ```
        /// let names: unthread_identity::ClaimNames = serde_json::from_str(r#"{ "subject": "uid" }"#)?;
        /// assert_eq!((names.subject.as_str(), names.jwt_id.as_str()), ("uid", "jti"));
        /// assert!(serde_json::from_str::<unthread_identity::ClaimNames>(r#"{ "mail": "m" }"#).is_err());
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct ClaimNames {
            /// The user's id, or their email when no id is given (default `sub`).
            pub subject: String,
            /// The user's email, after the email policy (default `email`).
            pub email: String,
            $(
                $(#[doc = $doc])*
                #[doc = concat!("\n\nThe claim's name when the user has one (default `", stringify!($field), "`).")]
                pub $field: String,
            )*
            /// The token's random id (default `jti`).
            pub jwt_id: String,
        }

        impl Default for ClaimNames {
            fn default() -> Self {
                ClaimNames {
                    subject: "sub".into(),
                    email: "email".into(),
                    $( $field: stringify!($field).into(), )*
                    jwt_id: "jti".into(),
                }
            }
        }

        impl ClaimNames {
            /// The profile claims' names, in the order of `PROFILE_CLAIMS`.
            pub(crate) fn profile(&self) -> [&str; PROFILE_CLAIMS.len()] {
                [$(&self.$field),*]
            }
        }
    };
}

profile_claims!(claim_names);

impl ClaimNames {
    /// Every name: subject, email, the profile claims, the token id.
    pub(crate) fn all(&self) -> Vec<&str> {
        let mut all = vec![self.subject.as_str(), &self.email];
        all.extend(self.profile());
        all.push(&self.jwt_id);
        all
    }
}

/// The options of a [`TokenSigner`](crate::TokenSigner). Start from the defaults:
///
/// ```
/// use std::time::Duration;
/// use unthread_identity::TokenOptions;
/// let options = TokenOptions { ttl: Duration::from_secs(120), ..TokenOptions::default() };
/// # let _ = options;
/// ```
#[derive(Debug, Clone)]
pub struct TokenOptions {
    /// How long a minted token lives ([`DEFAULT_TTL`]; at most [`MAX_TTL`]; whole seconds).
    pub ttl: Duration,
    /// `nbf` is `iat` minus this, and verification allows this much clock difference
    /// ([`DEFAULT_CLOCK_SKEW`]; whole seconds).
    pub clock_skew: Duration,
    /// The longest `exp − iat` accepted when verifying ([`DEFAULT_MAX_LIFETIME`]).
    pub max_lifetime: Duration,
    /// The `aud` claim minted, and required when verifying. `None`: not minted, and a token
    /// that has one is refused.
    pub audience: Option<String>,
    /// The `iss` claim minted, and required when verifying.
    pub issuer: Option<String>,
    /// The names of the user and id claims.
    pub claim_names: ClaimNames,
    /// Claims added to every token, after the standard ones. They may not reuse a name above.
    pub extra_claims: Map<String, Value>,
    /// The email policy applied to the user's email before it goes into the token.
    pub email_policy: EmailPolicy,
}

impl Default for TokenOptions {
    fn default() -> Self {
        TokenOptions {
            ttl: DEFAULT_TTL,
            clock_skew: DEFAULT_CLOCK_SKEW,
            max_lifetime: DEFAULT_MAX_LIFETIME,
            audience: None,
            issuer: None,
            claim_names: ClaimNames::default(),
            extra_claims: Map::new(),
            email_policy: EmailPolicy::default(),
        }
    }
}

/// The options, checked once and in whole seconds.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    pub ttl: u64,
    pub skew: u64,
    pub max_lifetime: u64,
    pub options: TokenOptions,
}

impl TokenOptions {
    pub(crate) fn check(self) -> Result<Checked, Error> {
        let ttl = whole_seconds(self.ttl, "ttl")?;
        let skew = whole_seconds(self.clock_skew, "clock skew")?;
        let max_lifetime = whole_seconds(self.max_lifetime, "max lifetime")?;
        if ttl == 0 || self.ttl > MAX_TTL {
            return Err(Error::option(
                "ttl",
                format!(
                    "ttl must be between 1 and {} seconds, got {ttl}{}",
                    MAX_TTL.as_secs(),
                    if ttl >= 60_000 {
                        " (is it in milliseconds?)"
                    } else {
                        ""
                    }
                ),
            ));
        }
        if skew > 300 {
            return Err(Error::option(
                "clock skew",
                format!("clock skew must be at most 300 seconds, got {skew}"),
            ));
        }
        if max_lifetime < ttl {
            return Err(Error::option(
                "max lifetime",
                format!("max lifetime ({max_lifetime} s) must be at least the ttl ({ttl} s)"),
            ));
        }
        for (what, value) in [("audience", &self.audience), ("issuer", &self.issuer)] {
            if value.as_deref() == Some("") {
                return Err(Error::option(what, format!("{what} must not be empty")));
            }
        }
        let names = self.claim_names.all();
        for (i, name) in names.iter().enumerate() {
            if name.is_empty() || FIXED_CLAIMS.contains(name) || names[..i].contains(name) {
                return Err(Error::option(
                    "claim names",
                    format!(
                        "claim name {name:?} is empty, repeated, or one of iat, nbf, exp, aud, iss"
                    ),
                ));
            }
        }
        if let Some(key) = self
            .extra_claims
            .keys()
            .find(|key| FIXED_CLAIMS.contains(&key.as_str()) || names.contains(&key.as_str()))
        {
            return Err(Error::option(
                "extra claims",
                format!(
                    "extra claim {:?} would replace a claim the SDK sets",
                    key.chars().take(64).collect::<String>()
                ),
            ));
        }
        Ok(Checked {
            ttl,
            skew,
            max_lifetime,
            options: self,
        })
    }
}
