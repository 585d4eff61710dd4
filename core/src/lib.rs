#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod email;
mod email_hash;
mod error;
mod key;
mod keyring;
mod script;
mod secret;
mod signer;
mod user;

pub use email::{EmailPolicy, EmailProblem, MAX_EMAIL_LEN};
pub use email_hash::EmailHash;
pub use error::{Error, ErrorKind, Result};
pub use script::{MAX_NONCE_LEN, script_safe_json, start_script, stop_script};
pub use secret::{
    BROWSER_EXPOSED_PREFIXES, DEFAULT_SECRET_VARIABLE, FINGERPRINT_LEN, Fingerprint, Secret,
};
pub use signer::Signer;
pub use user::SignedUser;

/// The examples of the repository's README, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct RepositoryReadme;
