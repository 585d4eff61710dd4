#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

// Bottom up: `hex` and `token_error` import no other module; `error` holds a `TokenError`;
// `secret` builds on `error`; `fingerprint` and `email_hash` wrap `hex`; `key` (the HMAC)
// builds on those; `keyring` on `key`; `email` and `user` on `error`; `script` on `user`; `csp`
// on `script`; `signer` ties them together. `token` (the embedded portal's JWTs) builds on
// `key` and `secret`, beside `signer`; `input`, `config` and `endpoint` read the bindings'
// objects into those types.
mod browser_module;
mod config;
mod csp;
mod diagnosis;
mod email;
mod email_hash;
mod embed;
mod endpoint;
mod error;
mod explain;
mod fingerprint;
mod hex;
mod input;
mod key;
mod keyring;
mod named;
mod portal;
mod read;
#[cfg(feature = "schema")]
mod schema;
mod script;
mod secret;
mod signer;
mod source;
mod token;
mod token_error;
mod user;

pub use config::{
    MintConfig, PortalBootConfig, PortalCspConfig, PreviousKeyConfig, ScriptConfig, SecretInput,
    SignerConfig, TimeConfig, TokenSignerConfig,
};
pub use csp::{CspOptions, PortalCsp};
pub use diagnosis::{Diagnosis, DoctorCode};
pub use email::{EmailPolicy, MAX_EMAIL_INPUT_LEN, MAX_EMAIL_LEN};
pub use email_hash::EmailHash;
pub use embed::{BootOptions, DEFAULT_CONTAINER, DEFAULT_TOKEN_PATH, boot_script};
pub use endpoint::{ENDPOINT_METHODS, EndpointResponse, TokenEndpoint, UserEndpoint};
pub use error::{ERROR_CODES, EmailProblem, Error, ErrorCode, ErrorKind, Result};
pub use explain::DiagnosisCode;
pub use fingerprint::{FINGERPRINT_LEN, Fingerprint};
pub use input::{MAX_NUMERIC_USER_ID, TokenUserInput, UserInput};
pub use portal::{PORTAL_DOMAIN, PortalHost};
pub use script::{
    MAX_NONCE_LEN, PORTAL_WAIT_INTERVAL_MS, PORTAL_WAIT_TRIES, script_safe_json, stop_script,
};
pub use secret::{
    BROWSER_EXPOSED_PREFIXES, DEFAULT_SECRET_VARIABLE, MAX_SECRET_FILE_LEN, MIN_HS256_KEY_LEN,
    Secret, SecretEncoding, SecretWarning, exposed_prefix, is_exposed_lookalike,
};
pub use signer::Signer;
pub use token::{
    AllowedOrigins, ClaimNames, DEFAULT_CLOCK_SKEW, DEFAULT_MAX_LIFETIME, DEFAULT_TTL,
    EMBED_SECRET_ALTERNATIVE_VARIABLE, EMBED_SECRET_VARIABLE, MAX_CLAIM_DEPTH, MAX_KID_LEN,
    MAX_TOKEN_LEN, MAX_TTL, MintedToken, Profile, TokenDiagnosis, TokenDiagnosisCode, TokenError,
    TokenOptions, TokenSigner, TokenUser, UnixTime, VerifiedToken,
};
pub use user::{EMAIL_HASH_KEY, EMAIL_KEY, NAME_KEY, SignedUser, UserRef};

/// The one door for the Node and Python bindings (and the repository's conformance tool):
/// readers of their objects, the claim walk, the browser module's source. Not API: it changes
/// without notice; applications use the crate root.
#[doc(hidden)]
pub mod bindings {
    /// The generated part of `unthread-identity/browser`.
    pub fn browser_module() -> String {
        crate::browser_module::source()
    }
    pub use crate::config::{PortalCspAnswer, PortalHosts};
    pub use crate::endpoint::SessionEndpoint;
    pub use crate::explain::NormalForms;
    pub use crate::input::{Identity, PageUser, SessionUserInput, UserId, VariableName};
    pub use crate::read::{RawBytes, fields, read, read_checked, read_pair};
    pub use crate::secret::{Environment, Process, SecretRole};
    pub use crate::signer::MeasuredText;
    pub use crate::source::{Checked, Field, Key, Language, Node, ReadError, Source};
    pub use crate::token::{
        HeaderValues, PROFILE_CLAIMS, ProfileClaim, TokenText, claims_from, not_whole_seconds,
        seconds_from_number,
    };
    pub use crate::user::UserKey;
}

/// The examples of the repository's README, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct RepositoryReadme;
