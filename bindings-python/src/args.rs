//! Argument conversion. A value of the wrong type is a `TypeError` that names the argument;
//! text that has no UTF-8 form (a `str` with a lone surrogate) is the core error of its field,
//! and the `UnicodeEncodeError` (whose `args` would hold the whole text, a secret perhaps) is
//! dropped, never chained.
//!
//! One rule per field, the same as Node's (README, "Lone surrogates"):
//! - secret: `InvalidSecret`; email: `InvalidEmail` (sign) or `False` (verify);
//! - name: display text, so a lone surrogate becomes U+FFFD, as Node's strings do;
//! - nonce: `InvalidNonce`; policy and user keys: `InvalidOption`;
//! - variable name and path: `InvalidSecret`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use unthread_identity as core;

use crate::errors::to_py;

/// `TypeError: {what} must be {expected}, not {type}`.
pub fn type_error(what: &str, expected: &str, value: &Bound<'_, PyAny>) -> PyErr {
    let actual = value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "another type".to_owned());
    PyTypeError::new_err(format!("{what} must be {expected}, not {actual}"))
}

/// A `str` argument as UTF-8, or `on_unicode_error` (a core error) for a lone surrogate.
pub fn text<'a>(
    value: &'a Bound<'_, PyAny>,
    what: &str,
    on_unicode_error: impl FnOnce() -> core::Error,
) -> PyResult<&'a str> {
    let Ok(text) = value.cast::<PyString>() else {
        return Err(type_error(what, "str", value));
    };
    // The UnicodeEncodeError is discarded here; only the core error is raised.
    text.to_str().map_err(|_| to_py(on_unicode_error()))
}

/// A file path: `str`, `bytes` or `os.PathLike`, encoded as `os.fsencode` does.
pub fn path(value: &Bound<'_, PyAny>) -> PyResult<std::path::PathBuf> {
    let os = value.py().import("os")?;
    let is_path = value.is_instance_of::<PyString>()
        || value.is_instance_of::<PyBytes>()
        || value.is_instance(&os.getattr("PathLike")?)?;
    if !is_path {
        return Err(type_error("path", "str, bytes or os.PathLike", value));
    }
    let encoded = os
        .call_method1("fsencode", (value,))
        .map_err(|_| to_py(core::Error::InvalidSecretPath))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Ok(std::ffi::OsStr::from_bytes(bytes).into())
    }
    #[cfg(not(unix))]
    {
        let text = std::str::from_utf8(bytes).map_err(|_| to_py(core::Error::InvalidSecretPath))?;
        Ok(text.into())
    }
}
