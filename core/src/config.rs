//! Options as data: what each options object of the SDK holds, declared once with serde, and
//! turned into the core's types here, with the core's errors.
//!
//! Every struct refuses unknown keys (`deny_unknown_fields`): a typo such as `ttl_second` is an
//! [`Error::UnknownKey`](crate::error::Error::UnknownKey) by construction, never a silently ignored
//! option. Keys are the Rust field names (`ttl_seconds`), as in a JSON or TOML file and in
//! Python's keyword arguments; the Node binding reads the same structs from camelCase
//! (`ttlSeconds`). Every field is optional, so a missing key and an explicit `null` mean the
//! same thing: the default.
//!
//! ```
//! use unthread_identity::{Secret, TokenSignerConfig};
//! let config: TokenSignerConfig = serde_json::from_str(
//!     r#"{ "kid": "2026-12", "ttl_seconds": 120, "audience": "unthread-portal" }"#,
//! )?;
//! let tokens = config.build(Secret::new("an-embed-secret-of-32-bytes-or-more!")?)?;
//! assert_eq!(tokens.kid(), Some("2026-12"));
//! assert!(serde_json::from_str::<TokenSignerConfig>(r#"{ "ttl_second": 120 }"#).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::time::Duration;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::csp::{CspOptions, PortalCsp};
use crate::email::EmailPolicy;
use crate::embed::BootOptions;
use crate::error::Error;
use crate::portal::PortalHost;
use crate::secret::{Secret, SecretEncoding};
use crate::signer::Signer;
use crate::token::{ClaimNames, MintedToken, TokenOptions, TokenSigner, TokenUser, UnixTime};

/// A secret as given: text (the core's text rules apply) or raw bytes. Zeroized on drop; it
/// becomes a [`Secret`] in [`SecretInput::into_secret`], which applies the rules.
pub enum SecretInput {
    /// Text, used as its UTF-8 bytes unless an encoding says otherwise.
    Text(Zeroizing<String>),
    /// Raw key bytes.
    Bytes(Zeroizing<Vec<u8>>),
}

impl SecretInput {
    /// Text, as a binding read it.
    pub fn text(text: impl Into<String>) -> Self {
        SecretInput::Text(Zeroizing::new(text.into()))
    }

    /// Raw bytes, as a binding read them.
    pub fn bytes(bytes: impl Into<Vec<u8>>) -> Self {
        SecretInput::Bytes(Zeroizing::new(bytes.into()))
    }

    /// The secret, checked by the core's rules ([`Secret::new`], [`Secret::from_bytes`]).
    pub fn into_secret(self) -> Result<Secret, Error> {
        match self {
            SecretInput::Text(text) => Secret::new(text.as_str()),
            SecretInput::Bytes(bytes) => Secret::from_bytes(bytes.as_slice()),
        }
    }
}

/// A binding's secret argument: read as text or bytes, then checked by the core's rules.
impl crate::source::Checked for Secret {
    type Input = SecretInput;
    fn check(input: SecretInput) -> Result<Secret, Error> {
        input.into_secret()
    }
}

impl fmt::Debug for SecretInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretInput(<redacted>)")
    }
}

/// What a [`SecretInput`] is expected to be, in every deserializer's messages.
pub const SECRET_EXPECTED: &str = "text or bytes";

impl<'de> Deserialize<'de> for SecretInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SecretVisitor;
        impl Visitor<'_> for SecretVisitor {
            type Value = SecretInput;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(SECRET_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<SecretInput, E> {
                Ok(SecretInput::Text(Zeroizing::new(text.to_owned())))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<SecretInput, E> {
                Ok(SecretInput::Text(Zeroizing::new(text)))
            }
            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<SecretInput, E> {
                Ok(SecretInput::Bytes(Zeroizing::new(bytes.to_vec())))
            }
            fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<SecretInput, E> {
                Ok(SecretInput::Bytes(Zeroizing::new(bytes)))
            }
        }
        deserializer.deserialize_any(SecretVisitor)
    }
}

/// Options for a `Signer`.
///
/// Each binding reads them with the core's reader, and the conformance tool writes their
/// TypeScript interface from this declaration and its docs (`SignerOptions`).
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SignerConfig {
    /// `"exact"` (default): hash the email exactly as given, after validation. `"canonical"`:
    /// trim and lowercase it first, for both the hash and the user object.
    pub email_policy: Option<EmailPolicy>,
    /// Previous secrets, during a rotation: hashes made with them still verify, new hashes use
    /// the primary secret. See `matching_key`.
    pub previous_secrets: Option<Vec<SecretInput>>,
}

impl SignerConfig {
    /// A signer whose secret is read as text from the environment variable `name` (default
    /// `UNTHREAD_IDENTITY_SECRET`; see [`Secret::from_env_var`]), with these options.
    pub fn build_from_env(self, name: Option<&str>) -> Result<Signer, Error> {
        self.build_from_env_in(&crate::secret::Process, name)
    }

    /// [`SignerConfig::build_from_env`] in `env`.
    #[doc(hidden)]
    pub fn build_from_env_in(
        self,
        env: &dyn crate::secret::Environment,
        name: Option<&str>,
    ) -> Result<Signer, Error> {
        let name = name.unwrap_or(crate::secret::DEFAULT_SECRET_VARIABLE);
        let role = crate::secret::SecretRole::Identity;
        self.build(Secret::from_env_var_in(env, name, role)?)
    }

    /// A signer whose secret is read from the file at `path` (see [`Secret::from_file`]).
    pub fn build_from_file(self, path: impl AsRef<std::path::Path>) -> Result<Signer, Error> {
        self.build(Secret::from_file(path)?)
    }

    /// A signer for `secret` with these options.
    pub fn build(self, secret: Secret) -> Result<Signer, Error> {
        let mut signer = Signer::new(secret);
        if let Some(policy) = self.email_policy {
            signer = signer.with_email_policy(policy);
        }
        if let Some(previous) = self.previous_secrets {
            let secrets = previous
                .into_iter()
                .map(SecretInput::into_secret)
                .collect::<Result<Vec<_>, _>>()?;
            signer = signer.with_previous(secrets);
        }
        Ok(signer)
    }
}

/// A previous key of a `TokenSigner`: its secret and, when tokens name it, its `kid`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PreviousKeyConfig {
    /// The secret (decoded with the signer's `secret_encoding`).
    pub secret: SecretInput,
    /// The key id that tokens signed with it carry.
    pub kid: Option<String>,
}

/// Options for a `TokenSigner`.
///
/// They are [`TokenOptions`] plus the keys, with durations in whole seconds; each binding reads
/// them with the core's reader, and the conformance tool writes their TypeScript interface from
/// this declaration and its docs (`TokenSignerOptions`).
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TokenSignerConfig {
    /// The primary key's id, written in each token's header; name every key when you rotate.
    pub kid: Option<String>,
    /// How the secret's text gives the key: `"text"` (default: its UTF-8 bytes, as most HS256
    /// setups use it, even when it looks like base64), `"base64"` or `"hex"` (decoded first).
    /// `explain_token` says when a token was signed with the other choice.
    pub secret_encoding: Option<SecretEncoding>,
    /// Keys that still verify, during a rotation; with a `kid`, tokens are matched by it.
    pub previous_keys: Option<Vec<PreviousKeyConfig>>,
    /// A token's lifetime, in whole seconds: 300 by default, at most 3600.
    #[serde(default, deserialize_with = "seconds")]
    pub ttl_seconds: Option<u64>,
    /// `nbf` is backdated by this, and it is the leeway when verifying: 30 s by default, at
    /// most 300.
    #[serde(default, deserialize_with = "seconds")]
    pub clock_skew_seconds: Option<u64>,
    /// The longest `exp - iat` accepted when verifying: 3600 s by default.
    #[serde(default, deserialize_with = "seconds")]
    pub max_lifetime_seconds: Option<u64>,
    /// The `aud` claim: minted, and required when verifying.
    pub audience: Option<String>,
    /// The `iss` claim: minted, and required when verifying.
    pub issuer: Option<String>,
    /// Other names for the claims of the user and the token id.
    pub claim_names: Option<ClaimNames>,
    /// Claims added to every token; they may not reuse a name the SDK sets.
    pub extra_claims: Option<Map<String, Value>>,
    /// `"exact"` (default) or `"canonical"`, as for `Signer`.
    pub email_policy: Option<EmailPolicy>,
}

impl TokenSignerConfig {
    /// How text secrets are decoded.
    pub fn secret_encoding(&self) -> Result<SecretEncoding, Error> {
        Ok(self.secret_encoding.unwrap_or(SecretEncoding::Text))
    }

    /// A token signer whose secret is read from the environment
    /// ([`TokenSigner::secret_from_env`]: `name`, or the embed secret's variables). The
    /// encoding is checked first, so a bad `secret_encoding` is reported before a missing
    /// variable.
    pub fn build_from_env(self, name: Option<&str>) -> Result<TokenSigner, Error> {
        self.build_from_env_in(&crate::secret::Process, name)
    }

    /// [`TokenSignerConfig::build_from_env`] in `env`.
    #[doc(hidden)]
    pub fn build_from_env_in(
        self,
        env: &dyn crate::secret::Environment,
        name: Option<&str>,
    ) -> Result<TokenSigner, Error> {
        self.secret_encoding()?;
        let secret = TokenSigner::secret_from_env_in(env, name)?;
        self.build(secret)
    }

    /// A token signer for `secret` (decoded with [`secret_encoding`](Self::secret_encoding)
    /// when it is text) with these options.
    pub fn build(self, secret: Secret) -> Result<TokenSigner, Error> {
        let encoding = self.secret_encoding()?;
        let defaults = TokenOptions::default();
        let seconds = |value: Option<u64>, default| value.map_or(default, Duration::from_secs);
        let options = TokenOptions {
            ttl: seconds(self.ttl_seconds, defaults.ttl),
            clock_skew: seconds(self.clock_skew_seconds, defaults.clock_skew),
            max_lifetime: seconds(self.max_lifetime_seconds, defaults.max_lifetime),
            audience: self.audience,
            issuer: self.issuer,
            claim_names: self.claim_names.unwrap_or_default(),
            extra_claims: self.extra_claims.unwrap_or_default(),
            email_policy: self.email_policy.unwrap_or(defaults.email_policy),
        };
        let mut signer = TokenSigner::new(secret.decode(encoding)?, options)?;
        if let Some(kid) = &self.kid {
            signer = signer.with_kid(kid)?;
        }
        for key in self.previous_keys.unwrap_or_default() {
            let secret = key.secret.into_secret()?.decode(encoding)?;
            signer = signer.with_previous_key(secret, key.kid.as_deref())?;
        }
        Ok(signer)
    }
}

/// Options for `mint_token`: a fixed time and id make a token reproducible, for tests.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MintConfig {
    /// `iat`, in whole seconds since 1970 (default: now; milliseconds are refused).
    #[serde(default, deserialize_with = "seconds")]
    pub issued_at: Option<u64>,
    /// `jti`; 128 random bits by default.
    pub jwt_id: Option<String>,
}

impl MintConfig {
    /// `issued_at` as a time, checked.
    pub fn issued_at(&self) -> Result<Option<UnixTime>, Error> {
        self.issued_at.map(UnixTime::from_secs).transpose()
    }

    /// A token for `user` from `tokens`, with these options.
    pub fn mint(&self, tokens: &TokenSigner, user: TokenUser<'_>) -> Result<MintedToken, Error> {
        tokens.mint_with(user, self.issued_at()?, self.jwt_id.as_deref())
    }
}

/// Options for `verify_token` and `explain_token`.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimeConfig {
    /// Check as of this time, in whole seconds since 1970 (default: now).
    #[serde(default, deserialize_with = "seconds")]
    pub now: Option<u64>,
}

impl TimeConfig {
    /// `now`, checked, or the system clock.
    pub fn now(&self) -> Result<UnixTime, Error> {
        self.now.map_or(Ok(UnixTime::now()), UnixTime::from_secs)
    }
}

/// Options for `start_script`, `page_script` and `stop_script`.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScriptConfig {
    /// The page's CSP nonce (base64 or base64url characters); it becomes the `nonce` attribute.
    pub nonce: Option<String>,
}

/// Options of `portal_csp`.
///
/// The last two are [`CspOptions`]'s.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PortalCspConfig {
    /// The page's CSP nonce, put in `script-src` as `'nonce-…'`.
    pub nonce: Option<String>,
    /// True when the host is a custom domain configured in Unthread
    /// (`https://support.acme.com`), not a host under unthread.io.
    pub custom_domain: Option<bool>,
    /// True adds `'unsafe-eval'` to `script-src`, which a development server needs (`next
    /// dev`). Never in production.
    pub development: Option<bool>,
    /// The policy your app already sends: the portal's sources are added to it (`script-src`,
    /// `connect-src`, `frame-src`) instead of a policy of their own.
    pub policy: Option<String>,
}

impl PortalCspConfig {
    /// The portal at `host` (see [`PortalHost::parse`]).
    pub fn host(&self, host: &str) -> Result<PortalHost, Error> {
        PortalHost::parse(host, self.custom_domain.unwrap_or(false))
    }

    /// The sources for every portal in `hosts` (one or more), each read as
    /// [`PortalCspConfig::host`] reads one.
    pub fn csp<S: AsRef<str>>(&self, hosts: &[S]) -> Result<PortalCsp, Error> {
        let mut hosts = hosts.iter().map(|h| self.host(h.as_ref()));
        let first = hosts
            .next()
            .ok_or_else(|| Error::option("host", "expected at least one portal host"))??;
        hosts.try_fold(PortalCsp::from(first), |csp, host| Ok(csp.with_host(host?)))
    }

    /// The header value these options describe, for `csp`.
    pub fn header(&self, csp: &PortalCsp) -> Result<String, Error> {
        csp.policy(&CspOptions {
            nonce: self.nonce.as_deref(),
            development: self.development.unwrap_or(false),
            policy: self.policy.as_deref(),
        })
    }

    /// What the bindings' `portalCsp` / `portal_csp` return for `hosts`.
    #[doc(hidden)]
    pub fn answer(&self, hosts: &PortalHosts) -> Result<PortalCspAnswer, Error> {
        let csp = self.csp(&hosts.0)?;
        Ok(PortalCspAnswer {
            origin: csp.origin().to_owned(),
            origins: csp.origins().map(str::to_owned).collect(),
            header: self.header(&csp)?,
        })
    }
}

/// The name under which [`PortalHosts`] asks for its value.
#[doc(hidden)]
pub const PORTAL_HOSTS: &str = "$unthread_identity::PortalHosts";

/// The hosts of `portalCsp`: one, or a list of them (an app with both portals). For the
/// bindings; in Rust, [`PortalCspConfig::csp`] takes the hosts.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalHosts(pub Vec<String>);

impl<'de> Deserialize<'de> for PortalHosts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Hosts;
        impl<'de> Visitor<'de> for Hosts {
            type Value = PortalHosts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a host or a list of hosts")
            }
            fn visit_str<E: de::Error>(self, host: &str) -> Result<PortalHosts, E> {
                Ok(PortalHosts(vec![host.to_owned()]))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<PortalHosts, A::Error> {
                let mut hosts = Vec::new();
                while let Some(host) = seq.next_element()? {
                    hosts.push(host);
                }
                Ok(PortalHosts(hosts))
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<PortalHosts, D::Error> {
                d.deserialize_any(self)
            }
        }
        deserializer.deserialize_newtype_struct(PORTAL_HOSTS, Hosts)
    }
}

/// What `portalCsp` answers: the (first) portal's origin, every portal's, and the
/// `Content-Security-Policy` value. For the bindings.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PortalCspAnswer {
    /// The (first) portal's origin, `https://…`.
    pub origin: String,
    /// Every portal's origin, in the order given.
    pub origins: Vec<String>,
    /// The header value.
    pub header: String,
}

/// Options of `portal_boot_script`.
///
/// The embedded portal's boot snippet is [`boot_script`](crate::embed::boot_script)'s.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PortalBootConfig {
    /// The portal's host: `https://help.acme.unthread.io` (any host under unthread.io), or a
    /// custom domain with `custom_domain`.
    pub base_url: String,
    /// True when `base_url` is a custom domain configured in Unthread.
    pub custom_domain: Option<bool>,
    /// The token endpoint, a path on this site (default `/api/portal-token`).
    pub token_url: Option<String>,
    /// The CSS selector of the element the portal mounts in (default `#portal`).
    pub container: Option<String>,
    /// The page's CSP nonce, put on both `<script>` elements.
    pub nonce: Option<String>,
}

impl PortalBootConfig {
    /// The boot snippet these options describe.
    pub fn boot_script(self) -> Result<String, Error> {
        let host = PortalHost::parse(&self.base_url, self.custom_domain.unwrap_or(false))?;
        let defaults = BootOptions::default();
        let boot = BootOptions {
            token_path: self.token_url.unwrap_or(defaults.token_path),
            container: self.container.unwrap_or(defaults.container),
            nonce: self.nonce,
        };
        crate::embed::boot_script(&host, &boot)
    }
}

/// A count of seconds: an unsigned integer, or a number that is one (`120.0`, as JavaScript has
/// only numbers and a Python float may be whole). A fraction or a negative number is an option
/// error, by the rule of [`seconds_from_number`](crate::token::seconds_from_number).
fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    struct Seconds;
    impl<'de> Visitor<'de> for Seconds {
        type Value = Option<u64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole, non-negative number of seconds")
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
            Ok(Some(n))
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
            u64::try_from(n)
                .map(Some)
                .map_err(|_| E::custom(crate::token::not_whole_seconds("a number of seconds")))
        }
        fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
            crate::token::seconds_from_number(n, "a number of seconds")
                .map(Some)
                .map_err(E::custom)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_u64(self)
        }
    }
    deserializer.deserialize_option(Seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_refused_at_every_level() {
        for json in [
            r#"{ "ttl_second": 1 }"#,
            r#"{ "claim_names": { "mail": "m" } }"#,
            r#"{ "previous_keys": [{ "secret": "s", "kdi": "x" }] }"#,
        ] {
            let error = serde_json::from_str::<TokenSignerConfig>(json).unwrap_err();
            assert!(
                error.to_string().contains("unknown field"),
                "{json}: {error}"
            );
        }
    }

    #[test]
    fn a_config_builds_the_signer_its_fields_describe() {
        let config: TokenSignerConfig = serde_json::from_str(
            r#"{ "secret_encoding": "hex", "kid": "k1", "ttl_seconds": 60,
                 "previous_keys": [{ "secret": "6f6c642d6b6579", "kid": "k0" }],
                 "claim_names": { "subject": "uid" } }"#,
        )
        .unwrap();
        let signer = config
            .build(Secret::new("6e65772d6b6579").unwrap())
            .unwrap();
        assert_eq!(signer.kid(), Some("k1"));
        assert_eq!(signer.options().ttl, Duration::from_secs(60));
        assert_eq!(signer.options().claim_names.subject, "uid");
        let direct = Secret::from_bytes(b"new-key".to_vec()).unwrap();
        assert_eq!(
            signer.fingerprint().to_string(),
            direct.fingerprint().to_string()
        );
    }

    #[test]
    fn values_are_checked_by_the_core_with_its_errors() {
        let config = |json| serde_json::from_str::<TokenSignerConfig>(json).unwrap();
        let secret = || Secret::new("a-secret").unwrap();
        let code = |config: TokenSignerConfig| config.build(secret()).unwrap_err().code();
        assert_eq!(
            code(config(r#"{ "ttl_seconds": 300000 }"#)),
            "ERR_INVALID_OPTION"
        );
        // The names are real enums: an unknown one is refused as it is read, with the core's words.
        for (json, words) in [
            (
                r#"{ "secret_encoding": "base32" }"#,
                "unknown secret encoding",
            ),
            (r#"{ "email_policy": "loose" }"#, "unknown email policy"),
        ] {
            let error = serde_json::from_str::<TokenSignerConfig>(json).unwrap_err();
            assert!(error.to_string().contains(words), "{error}");
        }
        let empty = r#"{ "previous_keys": [{ "secret": "" }] }"#;
        assert_eq!(code(config(empty)), "ERR_INVALID_SECRET");
    }

    #[test]
    fn a_secret_input_never_shows_its_value() {
        let input: SecretInput = serde_json::from_str(r#""hunter2-secret""#).unwrap();
        assert!(!format!("{input:?}").contains("hunter2"));
    }

    #[test]
    fn portal_csp_takes_one_host_or_a_list_and_answers_in_one_shape() {
        use crate::bindings::Language;
        use crate::read::tests::Json;
        let config = PortalCspConfig::default();
        for (hosts, origins) in [
            (serde_json::json!("acme"), vec!["https://acme.unthread.io"]),
            (
                serde_json::json!(["acme", "beta"]),
                vec!["https://acme.unthread.io", "https://beta.unthread.io"],
            ),
        ] {
            let hosts: PortalHosts =
                crate::read::read(Json(&hosts), "host", Language::JavaScript).unwrap();
            let answer = serde_json::to_value(config.answer(&hosts).unwrap()).unwrap();
            assert_eq!(answer["origins"], serde_json::json!(origins));
            assert_eq!(answer["origin"], origins[0]);
            assert!(answer["header"].as_str().unwrap().contains(origins[0]));
        }
        for (language, message) in [
            (
                Language::JavaScript,
                "host must be a string or an array of strings",
            ),
            (Language::Python, "host must be a str or a list of str"),
        ] {
            let number = serde_json::json!(5);
            match crate::read::read::<PortalHosts, _>(Json(&number), "host", language) {
                Err(crate::source::ReadError::Type(got)) => {
                    assert!(got.starts_with(message), "{got}")
                }
                _ => panic!("a number is no host"),
            }
        }
    }
}
