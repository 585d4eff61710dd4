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

/// Maps a core error to its exception class, with the core's message (which never holds the
/// secret or the whole email). No Python exception is chained to it.
pub fn to_py(error: core::Error) -> PyErr {
    let message = error.to_string();
    match error.kind() {
        core::ErrorKind::InvalidSecret => InvalidSecret::new_err(message),
        core::ErrorKind::ExposedSecretVariable => ExposedSecretVariable::new_err(message),
        core::ErrorKind::InvalidEmail => InvalidEmail::new_err(message),
        core::ErrorKind::EmailHashMismatch => EmailHashMismatch::new_err(message),
        core::ErrorKind::InvalidNonce => InvalidNonce::new_err(message),
        core::ErrorKind::InvalidOption => InvalidOption::new_err(message),
        _ => IdentityError::new_err(message),
    }
}
