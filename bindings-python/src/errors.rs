//! The one place core errors become Python exceptions.

use pyo3::PyErr;
use pyo3::exceptions::PyValueError;
use unthread_identity as core;

pyo3::create_exception!(
    unthread_identity,
    IdentityError,
    PyValueError,
    "Base class of every unthread_identity error (a ValueError)."
);
pyo3::create_exception!(
    unthread_identity,
    InvalidSecret,
    IdentityError,
    "The secret is empty, has surrounding whitespace, or is missing or unreadable."
);
pyo3::create_exception!(
    unthread_identity,
    ExposedSecretVariable,
    IdentityError,
    "The secret was to be read from a variable that frontend bundlers expose to browsers."
);
pyo3::create_exception!(
    unthread_identity,
    InvalidEmail,
    IdentityError,
    "The email address was refused by the email policy."
);
pyo3::create_exception!(
    unthread_identity,
    EmailHashMismatch,
    IdentityError,
    "A signed user's emailHash is not the hash of its email under any configured secret."
);
pyo3::create_exception!(
    unthread_identity,
    InvalidNonce,
    IdentityError,
    "The CSP nonce is malformed."
);
pyo3::create_exception!(
    unthread_identity,
    InvalidOption,
    IdentityError,
    "An option has an unknown value, or an options or user dict an unknown key."
);

pyo3::create_exception!(
    unthread_identity,
    InvalidToken,
    IdentityError,
    "A token was refused by TokenSigner.verify_token; its ``code`` says why (ERR_TOKEN_...)."
);

/// One subclass of `InvalidToken` per refusal, named in one pattern: `Token` and the reason,
/// as the code's suffix says it (`ERR_TOKEN_UNKNOWN_KID` is `TokenUnknownKid`).
macro_rules! token_errors {
    ($($name:ident => $code:literal, $doc:literal;)*) => {
        $(pyo3::create_exception!(unthread_identity, $name, InvalidToken, $doc);)*

        /// The class of a token error's code.
        fn token_class(error: &core::TokenError, message: String) -> PyErr {
            match error.code() {
                $($code => $name::new_err(message),)*
                _ => InvalidToken::new_err(message),
            }
        }

        /// Registers the token exception classes on the module.
        pub fn add_token_errors(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
            use pyo3::types::PyModuleMethods;
            let py = m.py();
            m.add("InvalidToken", py.get_type::<InvalidToken>())?;
            $(m.add(stringify!($name), py.get_type::<$name>())?;)*
            Ok(())
        }
    };
}

token_errors! {
    TokenTooLong => "ERR_TOKEN_TOO_LONG", "The token is longer than MAX_TOKEN_LEN.";
    TokenMalformed => "ERR_TOKEN_MALFORMED", "The token is not a JWT (three base64url parts of JSON).";
    TokenAlgorithm => "ERR_TOKEN_ALGORITHM", "The token's alg is not HS256 (none, HS384, RS256, ...).";
    TokenUnknownKid => "ERR_TOKEN_UNKNOWN_KID", "The token's kid names no configured key.";
    TokenSignature => "ERR_TOKEN_SIGNATURE", "The token's signature is by no configured key.";
    TokenClaimType => "ERR_TOKEN_CLAIM_TYPE", "A claim has the wrong type (a time that is not whole seconds).";
    TokenMissingClaim => "ERR_TOKEN_MISSING_CLAIM", "A required claim is missing.";
    TokenLifetime => "ERR_TOKEN_LIFETIME", "exp - iat is above the maximum (exp in milliseconds lands here).";
    TokenIssuedInFuture => "ERR_TOKEN_ISSUED_IN_FUTURE", "iat is in the future, beyond the clock skew.";
    TokenNotYetValid => "ERR_TOKEN_NOT_YET_VALID", "nbf is in the future, beyond the clock skew.";
    TokenExpired => "ERR_TOKEN_EXPIRED", "exp has passed, beyond the clock skew.";
    TokenAudience => "ERR_TOKEN_AUDIENCE", "aud is not the configured audience.";
    TokenIssuer => "ERR_TOKEN_ISSUER", "iss is not the configured issuer.";
}

/// Maps a core error to its exception class, with the core's message (which never holds the
/// secret or the whole email) and its stable ``code`` (``ERR_INVALID_EMAIL``,
/// ``ERR_TOKEN_EXPIRED``, ...), the same as the Node error's. No Python exception is chained.
pub fn to_py(error: core::Error) -> PyErr {
    let message = error.to_string();
    let err = match error.kind() {
        core::ErrorKind::InvalidSecret => InvalidSecret::new_err(message),
        core::ErrorKind::ExposedSecretVariable => ExposedSecretVariable::new_err(message),
        core::ErrorKind::InvalidEmail => InvalidEmail::new_err(message),
        core::ErrorKind::EmailHashMismatch => EmailHashMismatch::new_err(message),
        core::ErrorKind::InvalidNonce => InvalidNonce::new_err(message),
        core::ErrorKind::InvalidOption => InvalidOption::new_err(message),
        core::ErrorKind::InvalidToken => match error.token_error() {
            Some(token) => token_class(token, message),
            None => InvalidToken::new_err(message),
        },
        _ => IdentityError::new_err(message),
    };
    // Setting an attribute on a fresh exception cannot fail in practice; if it did, the
    // exception would still say what is wrong.
    pyo3::Python::attach(|py| {
        let _ = pyo3::types::PyAnyMethods::setattr(err.value(py).as_any(), "code", error.code());
    });
    err
}
