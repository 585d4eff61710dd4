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
use pyo3::types::{PyBytes, PyDict, PyString};
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

/// A `str` argument as UTF-8, or `None` for one with a lone surrogate (which has no UTF-8
/// form): for the core calls that take such text as data (`explain_text`).
pub fn unicode<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Option<&'a str>> {
    let Ok(text) = value.cast::<PyString>() else {
        return Err(type_error(what, "str", value));
    };
    Ok(text.to_str().ok())
}

/// An optional `str` argument (`None` is `None`).
pub fn optional_text<'a>(
    value: Option<&'a Bound<'_, PyAny>>,
    what: &str,
    on_unicode_error: impl FnOnce() -> core::Error,
) -> PyResult<Option<&'a str>> {
    match value {
        None => Ok(None),
        Some(value) if value.is_none() => Ok(None),
        Some(value) => text(value, what, on_unicode_error).map(Some),
    }
}

/// A display name: `str` or `None`; a lone surrogate becomes U+FFFD.
pub fn name(value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(value) if value.is_none() => Ok(None),
        Some(value) => match value.cast::<PyString>() {
            Ok(name) => match name.to_str() {
                Ok(name) => Ok(Some(name.to_owned())),
                Err(_) => replace_surrogates(name).map(Some),
            },
            Err(_) => Err(type_error(what, "str or None", value)),
        },
    }
}

/// The text with each lone surrogate as one U+FFFD, as V8 writes a JS string as UTF-8.
/// (PyO3's `to_string_lossy` gives three, one per byte of the surrogate's encoding.)
fn replace_surrogates(text: &Bound<'_, PyString>) -> PyResult<String> {
    let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // Valid UTF-8 never holds ED A0..BF: that prefix is an encoded surrogate (3 bytes).
        if bytes[i] == 0xed && bytes.get(i + 1).is_some_and(|b| (0xa0..=0xbf).contains(b)) {
            out.extend_from_slice("\u{fffd}".as_bytes());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| PyTypeError::new_err("name could not be encoded"))
}

/// A secret: `str` (text, with the core's text rules) or `bytes` (a raw key).
pub fn secret(value: &Bound<'_, PyAny>, what: &str) -> PyResult<core::Secret> {
    secret_input(value, what)?.into_secret().map_err(to_py)
}

/// A secret as given, for a core config (checked when the config is built).
pub fn secret_input(value: &Bound<'_, PyAny>, what: &str) -> PyResult<core::SecretInput> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(core::SecretInput::bytes(bytes.as_bytes()));
    }
    if !value.is_instance_of::<PyString>() {
        return Err(type_error(what, "str or bytes", value));
    }
    let text = text(value, what, || core::Error::SecretNotUnicode)?;
    Ok(core::SecretInput::text(text))
}

/// The items of an iterable argument that must not be a `str` or `bytes` (which would be taken
/// one character at a time) nor a mapping (whose keys would be taken, its values dropped).
pub fn iterable<'py>(
    value: &Bound<'py, PyAny>,
    what: &str,
    expected: &str,
) -> PyResult<Bound<'py, pyo3::types::PyIterator>> {
    let mapping =
        value.is_instance_of::<PyDict>() || value.cast::<pyo3::types::PyMapping>().is_ok();
    if mapping || value.is_instance_of::<PyString>() || value.is_instance_of::<PyBytes>() {
        return Err(type_error(what, expected, value));
    }
    value
        .try_iter()
        .map_err(|_| type_error(what, expected, value))
}

/// Previous secrets: any iterable of `str`/`bytes` but a `str`, `bytes` or mapping.
pub fn secrets(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<core::SecretInput>> {
    iterable(value, what, "a sequence of str or bytes")?
        .enumerate()
        .map(|(i, item)| secret_input(&item?, &format!("{what}[{i}]")))
        .collect()
}

/// A user id: `str` (an identity: a lone surrogate is refused, see the README), or a whole
/// number (`int`, or a `float` without a fraction) within the core's range
/// (`core::bindings::UserId`), or `None`. `bool`, `bytes` and anything else are a `TypeError`: the same
/// rule as Node's, decided by the core.
///
/// Checked for its type only: `Some(None)` for text with a lone surrogate, which the caller
/// refuses after the other arguments' types are checked (Node's order).
pub fn user_id_text(
    value: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<Option<String>>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    let expected = "str, a whole number of at most 2**53 - 1, or None";
    if value.is_instance_of::<PyString>() {
        return Ok(Some(unicode(value, what)?.map(str::to_owned)));
    }
    let number = if value.is_instance_of::<pyo3::types::PyBool>() {
        None
    } else if value.is_instance_of::<pyo3::types::PyInt>() {
        // Out of i128's range is out of the id's range too.
        value
            .extract::<i128>()
            .ok()
            .and_then(core::bindings::UserId::from_integer)
    } else if value.is_instance_of::<pyo3::types::PyFloat>() {
        core::bindings::UserId::from_number(value.extract::<f64>()?)
    } else {
        None
    };
    match number {
        Some(core::bindings::UserId(id)) => Ok(Some(id.text().map(str::to_owned))),
        None => Err(type_error(what, expected, value)),
    }
}

/// The email policy's name (the core parses it).
pub fn policy(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let policy = optional_text(value, "email_policy", || core::Error::UnknownEmailPolicy)?;
    Ok(policy.map(str::to_owned))
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

/// The fields of a user dict, checked against the core's keys.
pub struct UserFields<'py> {
    pub email: Bound<'py, PyAny>,
    pub name: Option<String>,
    pub email_hash: Option<Bound<'py, PyAny>>,
}

/// `{"email": ..., "name": ..., "emailHash": ...}`: a dict whose keys the core knows.
pub fn user_dict<'py>(value: &Bound<'py, PyAny>) -> PyResult<UserFields<'py>> {
    let Ok(dict) = value.cast::<PyDict>() else {
        return Err(type_error("user", "a str or a dict", value));
    };
    let (mut email, mut name, mut email_hash) = (None, None, None);
    for (key, item) in dict.iter() {
        let key = text(&key, "a user key", || {
            core::Error::unknown_key("user", "\u{fffd}", "name, email, emailHash")
        })?;
        match core::bindings::UserKey::parse(key).map_err(to_py)? {
            core::bindings::UserKey::Email => email = Some(item),
            core::bindings::UserKey::Name => name = self::name(Some(&item), "user['name']")?,
            core::bindings::UserKey::EmailHash => email_hash = Some(item),
        }
    }
    let Some(email) = email else {
        return Err(PyTypeError::new_err(
            "user['email'] must be a str, not missing",
        ));
    };
    Ok(UserFields {
        email,
        name,
        email_hash,
    })
}
