//! The one place core errors become Python exceptions. The classes are the core's table
//! (`ERROR_CODES`: one class per code, under `IdentityError` or `InvalidToken`), made when the
//! module loads; an error carries its `code` and the values it names (`exp`, `now`, `claim`,
//! `kid`, `option`, `index`, …) as attributes, as PyJWT keeps `.claim`.

use std::collections::HashMap;
use std::ffi::CString;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;
use unthread_identity as core;

pyo3::create_exception!(
    unthread_identity,
    IdentityError,
    PyValueError,
    "Base class of every unthread_identity error (a ValueError)."
);
pyo3::create_exception!(
    unthread_identity,
    InvalidToken,
    IdentityError,
    "A token was refused by TokenSigner.verify_token; its ``code`` says why (ERR_TOKEN_...)."
);

/// The class of each code, made once from the core's table.
static CLASSES: PyOnceLock<HashMap<&'static str, Py<PyType>>> = PyOnceLock::new();

fn classes(py: Python<'_>) -> PyResult<&HashMap<&'static str, Py<PyType>>> {
    CLASSES.get_or_try_init(py, || {
        let mut classes = HashMap::new();
        for entry in core::ERROR_CODES {
            let base = match entry.parent {
                "InvalidToken" => py.get_type::<InvalidToken>(),
                _ => py.get_type::<IdentityError>(),
            };
            let name = CString::new(format!("unthread_identity.{}", entry.class))?;
            let doc = CString::new(entry.doc)?;
            let class = PyErr::new_type(py, &name, Some(&doc), Some(&base), None)?;
            classes.insert(entry.code, class);
        }
        Ok(classes)
    })
}

/// Registers the base classes and every code's class on the module.
pub fn add_classes(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("IdentityError", py.get_type::<IdentityError>())?;
    m.add("InvalidToken", py.get_type::<InvalidToken>())?;
    let by_code = pyo3::types::PyDict::new(py);
    for entry in core::ERROR_CODES {
        let class = classes(py)?[entry.code].bind(py);
        m.add(entry.class, class)?;
        by_code.set_item(entry.code, class)?;
    }
    m.add("ERROR_CODES", by_code)
}

/// The class of `code` (the core's table names every code the core gives).
pub fn class<'py>(py: Python<'py>, code: &str) -> Bound<'py, PyType> {
    match classes(py).ok().and_then(|c| c.get(code)) {
        Some(class) => class.bind(py).clone(),
        None => py.get_type::<IdentityError>(),
    }
}

/// Maps a core error to its exception class, with the core's message (which never holds the
/// secret or the whole email), its stable ``code`` (``ERR_INVALID_EMAIL``,
/// ``ERR_TOKEN_EXPIRED``, ...), the same as the Node error's, and the values it names as
/// attributes. No Python exception is chained.
pub fn to_py(error: core::Error) -> PyErr {
    Python::attach(|py| {
        let code = error.code();
        let err = PyErr::from_type(class(py, code), error.to_string());
        // Setting attributes on a fresh exception cannot fail in practice; if it did, the
        // exception would still say what is wrong.
        let value = err.value(py);
        let _ = value.setattr("code", code);
        for (name, field) in error.fields() {
            if let Ok(field) = crate::json::to_py_value(py, &field) {
                let _ = value.setattr(name.as_str(), field);
            }
        }
        err
    })
}
