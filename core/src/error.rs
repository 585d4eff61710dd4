//! The one error type of the crate. The ground floor: it imports no other module.
//!
//! Messages say what was wrong and how to fix it, but never carry the secret, and never echo
//! an email address (it is personal data, and error messages end up in logs). Bindings map
//! [`ErrorKind`] to their own error types once, using [`ErrorKind::code`] as the stable name.
//! Limits that a message quotes travel in the error itself, so this file needs no other module.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong when loading a secret, checking an email or rendering a script.
///
/// `verify` never returns an error: a malformed hash or an invalid email simply does not
/// verify. Match on [`Error::kind`] for a stable, coarse classification.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The secret has no bytes, or (as text) only whitespace.
    #[error("the secret is empty or only whitespace")]
    EmptySecret,

    /// A text secret starts or ends with whitespace.
    #[error(
        "the secret starts or ends with whitespace; a newline or space pasted into an \
         environment variable or file changes every hash and token, so remove it"
    )]
    SecretWhitespace,

    /// A text secret holds an invisible character: a byte-order mark or a zero-width one.
    #[error(
        "the secret holds an invisible character (a soft hyphen, a byte-order mark or a \
         zero-width space, joiner or non-joiner: U+00AD, U+FEFF, U+200B, U+200C, U+200D, \
         U+2060), which copy-paste adds and which changes every hash and token; paste the \
         secret again as plain text"
    )]
    SecretInvisibleCharacter,

    /// A text secret cannot be encoded as UTF-8 (a string with a lone surrogate, from a binding).
    #[doc(hidden)] // only a binding's text can be invalid Unicode
    #[error(
        "the secret is not valid Unicode text (it contains a lone \
         surrogate); pass the secret exactly as the Unthread dashboard shows it"
    )]
    SecretNotUnicode,

    /// The environment variable that should hold the secret is not set.
    #[error(
        "the environment variable {name} is not set; it should hold {secret}{}",
        exposed_hint(exposed)
    )]
    MissingSecretVariable {
        /// The variable's name.
        name: String,
        /// Which secret it should hold.
        secret: &'static str,
        /// Variables that are set, look like this secret, and have a browser-exposed prefix.
        exposed: Vec<String>,
    },

    /// Two variables that may hold the same secret are both set, to different values.
    #[error(
        "{first} and {second} are both set, to different values; keep the one that holds the \
         secret Unthread shows and unset the other"
    )]
    ConflictingSecretVariables {
        /// The name read first.
        first: &'static str,
        /// The other name.
        second: &'static str,
    },

    /// The name of the environment variable cannot be used (a lone surrogate, from a binding).
    #[doc(hidden)] // only a binding's text can be invalid Unicode
    #[error("the name of the secret's environment variable is not valid Unicode text")]
    InvalidVariableName,

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

    /// The secret file cannot be read in a build that has no file system (the WebAssembly
    /// build, on an edge runtime).
    #[error(
        "cannot read the secret file {path}: this runtime has no file system; read the secret \
         from the environment (fromEnv, from_env) or pass it to the constructor"
    )]
    NoFileSystem {
        /// The file's path.
        path: PathBuf,
    },

    /// The secret file's path cannot be used (a lone surrogate, from a binding).
    #[doc(hidden)] // only a binding's text can be invalid Unicode
    #[error("the secret file's path is not valid text and cannot be opened")]
    InvalidSecretPath,

    /// The secret "file" is a directory, a FIFO, a socket or a device.
    #[error("the secret file {path} is not a regular file")]
    SecretFileNotRegular {
        /// The file's path.
        path: PathBuf,
    },

    /// The secret file is larger than any secret.
    #[error(
        "the secret file {path} is larger than {limit} bytes; a secret is one short line of text"
    )]
    SecretFileTooLarge {
        /// The file's path.
        path: PathBuf,
        /// The largest size accepted, in bytes.
        limit: usize,
    },

    /// The email address is not one the SDK will sign.
    #[error("invalid email{}: {problem}", index_suffix(*.index))]
    InvalidEmail {
        /// What is wrong with it.
        problem: EmailProblem,
        /// Its position, when it came from a batch (`sign_many`).
        index: Option<usize>,
    },

    /// A user object's `emailHash` is not the hash of its email under any configured secret.
    #[error(
        "the user object's email hash does not verify for its email; sign the user again \
         instead of passing a hash from elsewhere"
    )]
    EmailHashMismatch,

    /// The CSP nonce contains characters outside the base64 alphabet, or is empty.
    #[error(
        "invalid nonce: a CSP nonce is 1 to {max_len} characters of the base64 or base64url \
         alphabet (A-Z a-z 0-9 + / - _, up to two trailing '=')"
    )]
    InvalidNonce {
        /// The longest nonce accepted, in characters.
        max_len: usize,
    },

    /// The portal's host is not a host under unthread.io, or not a valid custom domain (a CSP
    /// source and a script URL are no place for free text).
    #[error("{}", portal_host_hint(*custom_domain))]
    InvalidPortalHost {
        /// Whether it was given as a custom domain.
        custom_domain: bool,
    },

    /// The secret's text is not valid in the encoding it was said to be in.
    #[error(
        "the secret is not valid {encoding}; leave the encoding as text unless the secret is documented as {encoding}"
    )]
    SecretEncoding {
        /// `"base64"` or `"hex"`.
        encoding: &'static str,
    },

    /// The name of a secret encoding is not one the SDK knows.
    #[error("unknown secret encoding: expected \"text\", \"base64\" or \"hex\"")]
    UnknownSecretEncoding,

    /// An option is out of range (a token's lifetime, a `kid`, extra claims, allowed origins,
    /// the boot snippet's token path), or a minted token would be refused by its verifier.
    #[error("invalid {option}: {reason}")]
    InvalidOption {
        /// The option, in words (`ttl`, `kid`, `extra claims`, …): stable, for matching.
        option: &'static str,
        /// What is wrong, and the value when it is not secret.
        reason: String,
    },

    /// A time is after the year 5138 (10¹¹ seconds since 1970): a timestamp in milliseconds.
    #[error(
        "a time of {seconds} seconds since 1970 is after the year 5138: it looks like \
         milliseconds; give whole seconds"
    )]
    TimeOutOfRange {
        /// The time given.
        seconds: u64,
    },

    /// A token was refused: its [`TokenError`](crate::TokenError) says why, with its own code.
    #[error(transparent)]
    Token(#[from] crate::token_error::TokenError),

    /// The operating system's random number generator failed (a token id cannot be drawn).
    #[error("the operating system's random number generator is unavailable")]
    RandomUnavailable,

    /// The name of an email policy is not one the SDK knows.
    #[error("unknown email policy: expected \"exact\" or \"canonical\"")]
    UnknownEmailPolicy,

    /// An options or user object has a key that the SDK does not know (a typo, usually).
    #[error("unknown {object} key {key:?}: expected one of {expected}")]
    UnknownKey {
        /// Which object: `"option"` or `"user"`.
        object: &'static str,
        /// The key, shortened to 64 characters.
        key: String,
        /// The keys that are accepted, comma-separated.
        expected: String,
    },
}

fn portal_host_hint(custom_domain: bool) -> &'static str {
    if custom_domain {
        "invalid custom portal domain: expected https://HOST or https://HOST:PORT, with a host \
         name of two labels or more (such as https://support.acme.com), no path, no wildcard"
    } else {
        "invalid portal host: expected your workspace's host under unthread.io, such as \
         \"acme\", \"acme.unthread.io\" or \"https://help.acme.unthread.io\"; a custom domain \
         (https://support.acme.com) must be given as one (customDomain / custom_domain / \
         PortalHost::custom_domain)"
    }
}

fn index_suffix(index: Option<usize>) -> String {
    index.map(|i| format!(" at index {i}")).unwrap_or_default()
}

fn exposed_hint(exposed: &[String]) -> String {
    if exposed.is_empty() {
        return String::new();
    }
    format!(
        ". {} is set, but frontend bundlers copy such variables into the code sent to browsers: \
         move the secret to a server-only variable, and rotate it, since it may have been \
         shipped already",
        exposed.join(", ")
    )
}

/// What is wrong with an email address. The text names the problem and where it is, never the
/// address itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EmailProblem {
    /// The address is empty.
    Empty,
    /// The address is longer than the policy accepts.
    TooLong {
        /// Its length in UTF-8 bytes.
        len: usize,
        /// The limit it exceeds, in UTF-8 bytes.
        limit: usize,
    },
    /// The address contains a control character (U+0000–U+001F, U+007F–U+009F).
    ControlCharacter {
        /// The byte offset of the first one.
        offset: usize,
    },
    /// The address starts or ends with whitespace (the canonical policy trims it).
    SurroundingWhitespace,
    /// The address has no `@`.
    MissingAt,
    /// The text cannot be encoded as UTF-8 (a string with a lone surrogate, from a binding).
    NotUnicode,
}

impl fmt::Display for EmailProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmailProblem::Empty => f.write_str("the address is empty"),
            EmailProblem::TooLong { len, limit } => write!(
                f,
                "the address is {len} bytes long; the limit is {limit} bytes of UTF-8"
            ),
            EmailProblem::ControlCharacter { offset } => {
                write!(f, "the address contains a control character at byte {offset}")
            }
            EmailProblem::SurroundingWhitespace => f.write_str(
                "the address starts or ends with whitespace; trim it, or use the \"canonical\" email policy",
            ),
            EmailProblem::MissingAt => f.write_str("the address has no '@'"),
            EmailProblem::NotUnicode => f.write_str(
                "the address is not valid Unicode text (it contains a lone surrogate) and has no UTF-8 form",
            ),
        }
    }
}

/// A coarse, stable classification of [`Error`], shared by every binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The secret is empty, has surrounding whitespace, or is missing or unreadable.
    InvalidSecret,
    /// The secret was to be read from a browser-exposed variable.
    ExposedSecretVariable,
    /// The email address was refused by the email policy.
    InvalidEmail,
    /// A signed user object's hash does not belong to its email.
    EmailHashMismatch,
    /// The CSP nonce is malformed.
    InvalidNonce,
    /// An option has an unknown value, or an options or user object an unknown key.
    InvalidOption,
    /// A token was refused by `TokenSigner::verify` (each reason has its own code, see
    /// [`Error::code`]).
    InvalidToken,
    /// The system failed the SDK (no randomness for a token id); not the caller's mistake.
    Internal,
}

impl ErrorKind {
    /// The stable code of this kind's errors (`ERR_INVALID_EMAIL`, …); `None` for
    /// [`ErrorKind::InvalidToken`], whose every reason has its own code
    /// ([`TokenError::code`](crate::token_error::TokenError::code)).
    pub const fn code(self) -> Option<&'static str> {
        Some(match self {
            ErrorKind::InvalidSecret => "ERR_INVALID_SECRET",
            ErrorKind::ExposedSecretVariable => "ERR_EXPOSED_SECRET_VARIABLE",
            ErrorKind::InvalidEmail => "ERR_INVALID_EMAIL",
            ErrorKind::EmailHashMismatch => "ERR_EMAIL_HASH_MISMATCH",
            ErrorKind::InvalidNonce => "ERR_INVALID_NONCE",
            ErrorKind::InvalidOption => "ERR_INVALID_OPTION",
            ErrorKind::InvalidToken => return None,
            ErrorKind::Internal => "ERR_INTERNAL",
        })
    }
}

/// One stable error code, as every language names it: `error.code` in Node and Python, and
/// the Python exception class that carries it (a subclass of `parent`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorCode {
    /// The code (`ERR_TOKEN_EXPIRED`).
    pub code: &'static str,
    /// The Python class (`TokenExpired`).
    pub class: &'static str,
    /// Its parent class: `IdentityError` (the base, a `ValueError`) or `InvalidToken`.
    pub parent: &'static str,
    /// What it means, the class's docstring.
    pub doc: &'static str,
}

const fn code(
    code: &'static str,
    class: &'static str,
    parent: &'static str,
    doc: &'static str,
) -> ErrorCode {
    ErrorCode {
        code,
        class,
        parent,
        doc,
    }
}

/// Every code [`Error::code`] can give, once: the bindings build their error classes and
/// `.code` from this list, and a test holds every variant to it.
pub const ERROR_CODES: &[ErrorCode] = &[
    code(
        "ERR_INVALID_SECRET",
        "InvalidSecret",
        "IdentityError",
        "The secret is empty, has surrounding whitespace, or is missing or unreadable.",
    ),
    code(
        "ERR_EXPOSED_SECRET_VARIABLE",
        "ExposedSecretVariable",
        "IdentityError",
        "The secret was to be read from a variable that frontend bundlers expose to browsers.",
    ),
    code(
        "ERR_INVALID_EMAIL",
        "InvalidEmail",
        "IdentityError",
        "The email address was refused by the email policy.",
    ),
    code(
        "ERR_EMAIL_HASH_MISMATCH",
        "EmailHashMismatch",
        "IdentityError",
        "A signed user's emailHash is not the hash of its email under any configured secret.",
    ),
    code(
        "ERR_INVALID_NONCE",
        "InvalidNonce",
        "IdentityError",
        "The CSP nonce is malformed.",
    ),
    code(
        "ERR_INVALID_OPTION",
        "InvalidOption",
        "IdentityError",
        "An option has an unknown value, or an options or user object an unknown key.",
    ),
    code(
        "ERR_INTERNAL",
        "InternalError",
        "IdentityError",
        "The system failed the SDK (no randomness for a token id); not the caller's mistake.",
    ),
    code(
        "ERR_TOKEN_TOO_LONG",
        "TokenTooLong",
        "InvalidToken",
        "The token is longer than MAX_TOKEN_LEN.",
    ),
    code(
        "ERR_TOKEN_MALFORMED",
        "TokenMalformed",
        "InvalidToken",
        "The token is not a JWT (three base64url parts of JSON).",
    ),
    code(
        "ERR_TOKEN_ALGORITHM",
        "TokenAlgorithm",
        "InvalidToken",
        "The token's alg is not HS256 (none, HS384, RS256, ...).",
    ),
    code(
        "ERR_TOKEN_UNKNOWN_KID",
        "TokenUnknownKid",
        "InvalidToken",
        "The token's kid names no configured key.",
    ),
    code(
        "ERR_TOKEN_SIGNATURE",
        "TokenSignature",
        "InvalidToken",
        "The token's signature is by no configured key.",
    ),
    code(
        "ERR_TOKEN_CLAIM_TYPE",
        "TokenClaimType",
        "InvalidToken",
        "A claim has the wrong type (a time that is not whole seconds, a jti that is not text).",
    ),
    code(
        "ERR_TOKEN_MISSING_CLAIM",
        "TokenMissingClaim",
        "InvalidToken",
        "A required claim is missing.",
    ),
    code(
        "ERR_TOKEN_LIFETIME",
        "TokenLifetime",
        "InvalidToken",
        "exp - iat is above the maximum (exp in milliseconds lands here), or exp is before iat.",
    ),
    code(
        "ERR_TOKEN_ISSUED_IN_FUTURE",
        "TokenIssuedInFuture",
        "InvalidToken",
        "iat is in the future, beyond the clock skew.",
    ),
    code(
        "ERR_TOKEN_NOT_YET_VALID",
        "TokenNotYetValid",
        "InvalidToken",
        "nbf is in the future, beyond the clock skew.",
    ),
    code(
        "ERR_TOKEN_EXPIRED",
        "TokenExpired",
        "InvalidToken",
        "exp has passed, beyond the clock skew.",
    ),
    code(
        "ERR_TOKEN_AUDIENCE",
        "TokenAudience",
        "InvalidToken",
        "aud is not the configured audience.",
    ),
    code(
        "ERR_TOKEN_ISSUER",
        "TokenIssuer",
        "InvalidToken",
        "iss is not the configured issuer.",
    ),
];

impl Error {
    /// The kind of this error, for matching and for the bindings' error types.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::EmptySecret
            | Error::SecretWhitespace
            | Error::SecretInvisibleCharacter
            | Error::SecretNotUnicode
            | Error::MissingSecretVariable { .. }
            | Error::ConflictingSecretVariables { .. }
            | Error::InvalidVariableName
            | Error::NonUnicodeSecretVariable { .. }
            | Error::SecretFile { .. }
            | Error::NoFileSystem { .. }
            | Error::InvalidSecretPath
            | Error::SecretFileNotRegular { .. }
            | Error::SecretFileTooLarge { .. }
            | Error::SecretEncoding { .. } => ErrorKind::InvalidSecret,
            Error::ExposedSecretVariable { .. } => ErrorKind::ExposedSecretVariable,
            Error::InvalidEmail { .. } => ErrorKind::InvalidEmail,
            Error::EmailHashMismatch => ErrorKind::EmailHashMismatch,
            Error::InvalidNonce { .. } => ErrorKind::InvalidNonce,
            Error::RandomUnavailable => ErrorKind::Internal,
            Error::Token(_) => ErrorKind::InvalidToken,
            Error::UnknownEmailPolicy
            | Error::UnknownSecretEncoding
            | Error::InvalidOption { .. }
            | Error::TimeOutOfRange { .. }
            | Error::UnknownKey { .. }
            | Error::InvalidPortalHost { .. } => ErrorKind::InvalidOption,
        }
    }

    /// The stable code: [`ErrorKind::code`] of [`Error::kind`], and for a refused token the
    /// code of its reason (`ERR_TOKEN_EXPIRED`, …, see [`TokenError::code`]).
    ///
    /// [`TokenError::code`]: crate::TokenError::code
    pub fn code(&self) -> &'static str {
        match self {
            Error::Token(error) => error.code(),
            other => other.kind().code().unwrap_or("ERR_INTERNAL"),
        }
    }

    /// The values this error names, for the bindings' error properties: a token refusal's
    /// ([`TokenError::fields`](crate::token_error::TokenError::fields): `exp`, `now`,
    /// `claim`, `kid`, …), the `option` of an invalid option, the `key` of an unknown one, the
    /// `index` of a batch's email. Never the secret or the whole email.
    pub fn fields(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut fields = serde_json::Map::new();
        let mut put = |name: &str, value: serde_json::Value| {
            fields.insert(name.to_owned(), value);
        };
        match self {
            Error::Token(error) => return error.fields(),
            Error::InvalidEmail {
                index: Some(index), ..
            } => put("index", (*index).into()),
            Error::InvalidOption { option, .. } => put("option", (*option).into()),
            Error::UnknownKey { object, key, .. } => {
                put("object", (*object).into());
                put("key", key.as_str().into());
            }
            Error::TimeOutOfRange { seconds } => put("seconds", (*seconds).into()),
            _ => {}
        }
        fields
    }

    /// Why a token was refused, when this is a refused token.
    pub fn token_error(&self) -> Option<&crate::token_error::TokenError> {
        match self {
            Error::Token(error) => Some(error),
            _ => None,
        }
    }

    /// An option out of range: `option` names it, `reason` says what is wrong.
    pub fn option(option: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidOption {
            option,
            reason: reason.into(),
        }
    }

    /// An invalid email, outside a batch.
    pub fn email(problem: EmailProblem) -> Self {
        Error::InvalidEmail {
            problem,
            index: None,
        }
    }

    /// The same error, at `index` of a batch (`sign_many`). Only an email error records it.
    #[must_use]
    pub fn at_index(self, index: usize) -> Self {
        match self {
            Error::InvalidEmail { problem, .. } => Error::InvalidEmail {
                problem,
                index: Some(index),
            },
            other => other,
        }
    }

    /// An unknown key of an options (`object = "option"`) or user (`"user"`) object. The key is
    /// shortened to 64 characters, so a huge or hostile key cannot flood a log.
    #[doc(hidden)]
    pub fn unknown_key(object: &'static str, key: &str, expected: impl Into<String>) -> Self {
        Error::UnknownKey {
            object,
            key: key.chars().take(64).collect(),
            expected: expected.into(),
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token_error::TokenError;

    /// One error of every kind and every token reason: each code is in the table, once.
    #[test]
    fn every_code_is_in_the_one_table() {
        let token = |t: TokenError| Error::Token(t);
        let errors = [
            Error::EmptySecret,
            Error::ExposedSecretVariable {
                name: "NEXT_PUBLIC_X".into(),
                prefix: "NEXT_PUBLIC_",
            },
            Error::email(EmailProblem::MissingAt),
            Error::EmailHashMismatch,
            Error::InvalidNonce { max_len: 1 },
            Error::option("ttl", "too long"),
            Error::RandomUnavailable,
            token(TokenError::TooLong { len: 2, limit: 1 }),
            token(TokenError::Malformed { reason: "x" }),
            token(TokenError::Algorithm { alg: "none".into() }),
            token(TokenError::UnknownKid { kid: "k".into() }),
            token(TokenError::Signature),
            token(TokenError::ClaimType {
                claim: "exp".into(),
                expected: "a number",
            }),
            token(TokenError::MissingClaim {
                claim: "exp".into(),
            }),
            token(TokenError::Lifetime {
                lifetime: 9,
                max: 1,
            }),
            token(TokenError::IssuedInFuture {
                iat: 9,
                now: 1,
                leeway: 0,
            }),
            token(TokenError::NotYetValid {
                nbf: 9,
                now: 1,
                leeway: 0,
            }),
            token(TokenError::Expired {
                exp: 1,
                now: 9,
                ago: 8,
            }),
            token(TokenError::Audience),
            token(TokenError::Issuer),
        ];
        let codes: Vec<&str> = errors.iter().map(Error::code).collect();
        let table: Vec<&str> = ERROR_CODES.iter().map(|c| c.code).collect();
        assert_eq!(codes, table, "one error per code, in the table's order");
        let mut classes: Vec<&str> = ERROR_CODES.iter().map(|c| c.class).collect();
        classes.sort_unstable();
        classes.dedup();
        assert_eq!(classes.len(), ERROR_CODES.len(), "one class per code");
        for kind_code in ERROR_CODES.iter().filter(|c| c.parent == "IdentityError") {
            assert!(!kind_code.code.starts_with("ERR_TOKEN_"), "{kind_code:?}");
        }
    }

    #[test]
    fn fields_name_the_values_and_never_the_message() {
        let expired = Error::Token(TokenError::Expired {
            exp: 1,
            now: 9,
            ago: 8,
        });
        assert_eq!(
            serde_json::Value::Object(expired.fields()),
            serde_json::json!({ "exp": 1, "now": 9, "ago": 8 })
        );
        assert!(Error::Token(TokenError::Signature).fields().is_empty());
        let option = Error::option("ttl", "too long").fields();
        assert_eq!(option["option"], "ttl");
        let batch = Error::email(EmailProblem::MissingAt).at_index(3).fields();
        assert_eq!(batch["index"], 3);
    }
}
