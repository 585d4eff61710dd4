//! The one error type of the crate.
//!
//! Messages say what was wrong and how to fix it, but never carry the secret, and never echo
//! an email address (it is personal data, and error messages end up in logs). Bindings map
//! [`ErrorKind`] to their own error types once, using [`ErrorKind::code`] as the stable name.

use std::path::PathBuf;

use crate::email::EmailProblem;

/// Everything that can go wrong when loading a secret, checking an email or rendering a script.
///
/// `verify` never returns an error: a malformed hash or an invalid email simply does not
/// verify. Match on [`Error::kind`] for a stable, coarse classification.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The secret has no bytes.
    #[error("the identity verification secret is empty")]
    EmptySecret,

    /// The environment variable that should hold the secret is not set.
    #[error(
        "the environment variable {name} is not set; it should hold the identity verification secret"
    )]
    MissingSecretVariable {
        /// The variable's name.
        name: String,
    },

    /// The environment variable that should hold the secret is not valid Unicode.
    #[error("the environment variable {name} does not hold valid UTF-8 text")]
    NonUnicodeSecretVariable {
        /// The variable's name.
        name: String,
    },

    /// The secret was to be read from a variable that frontend bundlers expose to browsers.
    #[error(
        "refusing to read the secret from {name}: frontend bundlers copy variables that start with \
         {prefix} into the code sent to browsers, and whoever holds the secret can impersonate \
         every user; use a server-only name such as UNTHREAD_IDENTITY_SECRET"
    )]
    ExposedSecretVariable {
        /// The variable's name.
        name: String,
        /// The browser-exposed prefix it starts with.
        prefix: &'static str,
    },

    /// The secret file could not be read.
    #[error("cannot read the secret file {path}: {source}")]
    SecretFile {
        /// The file's path.
        path: PathBuf,
        /// Why it could not be read (never its content).
        #[source]
        source: std::io::Error,
    },

    /// The email address is not one the SDK will sign.
    #[error("invalid email{}: {problem}", at_index(*.index))]
    InvalidEmail {
        /// What is wrong with it.
        problem: EmailProblem,
        /// Its position, when it came from a batch (`sign_many`).
        index: Option<usize>,
    },

    /// The CSP nonce contains characters outside the base64 alphabet, or is empty.
    #[error(
        "invalid nonce: a CSP nonce is 1 to {max} characters of the base64 or base64url alphabet \
         (A-Z a-z 0-9 + / - _, up to two trailing '=')",
        max = crate::script::MAX_NONCE_LEN
    )]
    InvalidNonce,

    /// The name of an email policy is not one the SDK knows.
    #[error("unknown email policy: expected \"exact\" or \"canonical\"")]
    UnknownEmailPolicy,
}

fn at_index(index: Option<usize>) -> String {
    index.map(|i| format!(" at index {i}")).unwrap_or_default()
}

/// A coarse, stable classification of [`Error`], shared by every binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The secret is empty, missing or unreadable.
    InvalidSecret,
    /// The secret was to be read from a browser-exposed variable.
    ExposedSecretVariable,
    /// The email address was refused by the email policy.
    InvalidEmail,
    /// The CSP nonce is malformed.
    InvalidNonce,
    /// An option (such as the email policy) has an unknown value.
    InvalidOption,
}

impl ErrorKind {
    /// The stable code of this kind (`ERR_INVALID_EMAIL`, …), as the Node package's
    /// `error.code` and the test vectors name it.
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::InvalidSecret => "ERR_INVALID_SECRET",
            ErrorKind::ExposedSecretVariable => "ERR_EXPOSED_SECRET_VARIABLE",
            ErrorKind::InvalidEmail => "ERR_INVALID_EMAIL",
            ErrorKind::InvalidNonce => "ERR_INVALID_NONCE",
            ErrorKind::InvalidOption => "ERR_INVALID_OPTION",
        }
    }
}

impl Error {
    /// The kind of this error, for matching and for the bindings' error types.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::EmptySecret
            | Error::MissingSecretVariable { .. }
            | Error::NonUnicodeSecretVariable { .. }
            | Error::SecretFile { .. } => ErrorKind::InvalidSecret,
            Error::ExposedSecretVariable { .. } => ErrorKind::ExposedSecretVariable,
            Error::InvalidEmail { .. } => ErrorKind::InvalidEmail,
            Error::InvalidNonce => ErrorKind::InvalidNonce,
            Error::UnknownEmailPolicy => ErrorKind::InvalidOption,
        }
    }

    /// Shorthand for [`ErrorKind::code`] of [`Error::kind`].
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    pub(crate) fn email(problem: EmailProblem) -> Self {
        Error::InvalidEmail {
            problem,
            index: None,
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
