//! A Python object as the core's `Source`: this file only says what one value is. The core's
//! reader (`core::bindings::read`) decides the rest for keyword options, users and extra
//! claims: keys, unknown keys (``InvalidOption``), missing ones, types and their `TypeError`
//! messages, seconds, ids, secrets, the claim walk. Text with no UTF-8 form (a `str` with a lone
//! surrogate) is never a `UnicodeEncodeError` (whose `args` would hold the whole text, a secret
//! perhaps): the core refuses it or shows it with U+FFFD, by the rule of its field.

use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde::de::DeserializeOwned;
use unthread_identity as core;
use unthread_identity::bindings::{Checked, Field, Key, Language, Node, ReadError, Source};

use crate::errors::to_py;

/// `value`, read as `T` by the core; `path` names it in messages (`""` for keyword arguments,
/// whose names stand alone).
pub fn from_py<T: DeserializeOwned>(value: &Bound<'_, PyAny>, path: &str) -> PyResult<T> {
    let input = Input(value.clone());
    core::bindings::read(input, path, Language::Python).map_err(raise)
}

/// `value`, read as `T`'s input and checked by the core (a secret, a list of origins, the name
/// of an environment variable), whose refusal is raised as its exception.
pub fn checked<T: Checked>(value: &Bound<'_, PyAny>, path: &str) -> PyResult<T> {
    let input = Input(value.clone());
    core::bindings::read_checked(input, path, Language::Python).map_err(raise)
}

/// Keyword arguments that are a user's fields and options, read as both by the core.
pub fn pair_from_py<A: DeserializeOwned, B: DeserializeOwned>(
    value: &Bound<'_, PyDict>,
) -> PyResult<(A, B)> {
    let input = Input(value.as_any().clone());
    core::bindings::read_pair(input, "", Language::Python).map_err(raise)
}

fn raise(error: ReadError<PyErr>) -> PyErr {
    match error {
        ReadError::Source(e) => e,
        ReadError::Invalid(e) => to_py(e),
        ReadError::Type(message) => PyTypeError::new_err(message),
    }
}

/// Keyword options (`None`: none given), read as `T`.
pub fn options<T: DeserializeOwned + Default>(options: Option<&Bound<'_, PyDict>>) -> PyResult<T> {
    options.map_or_else(|| Ok(T::default()), |dict| from_py(dict.as_any(), ""))
}

/// An optional argument (`None` when not given), read as `T` (an `Option`).
pub fn optional<T: DeserializeOwned + Default>(
    value: Option<&Bound<'_, PyAny>>,
    path: &str,
) -> PyResult<T> {
    value.map_or_else(|| Ok(T::default()), |value| from_py(value, path))
}

/// An optional argument (`None` when not given or given as None), read as `T` and checked.
pub fn optional_checked<T: Checked>(
    value: Option<&Bound<'_, PyAny>>,
    path: &str,
) -> PyResult<Option<T>> {
    value.map_or(Ok(None), |value| checked(value, path))
}

/// One Python object.
#[derive(Clone)]
pub struct Input<'py>(Bound<'py, PyAny>);

impl Source for Input<'_> {
    type Error = PyErr;

    fn read(&self) -> PyResult<Node<Self>> {
        let value = &self.0;
        Ok(if value.is_none() {
            Node::Null
        } else if let Ok(b) = value.cast::<PyBool>() {
            Node::Bool(b.is_true())
        } else if value.is_instance_of::<PyInt>() {
            value
                .extract::<i128>()
                .map_or(Node::HugeInteger, Node::Integer)
        } else if let Ok(f) = value.cast::<PyFloat>() {
            Node::Float(f.value())
        } else if let Ok(text) = value.cast::<PyString>() {
            match text.to_str() {
                Ok(text) => Node::Text(text.to_owned()),
                Err(_) => Node::NotUnicode(replace_surrogates(text)?),
            }
        } else if let Ok(bytes) = value.cast::<PyBytes>() {
            Node::Bytes(bytes.as_bytes().to_vec())
        } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
            let items = value.try_iter()?.map(|item| item.map(Input));
            Node::List(items.collect::<PyResult<_>>()?)
        } else if let Ok(dict) = value.cast::<PyDict>() {
            let key = |key: &Bound<'_, PyAny>| -> PyResult<Key> {
                Ok(match key.cast::<PyString>() {
                    Ok(text) => match text.to_str() {
                        Ok(text) => Key::Text(text.to_owned()),
                        Err(_) => Key::NotUnicode(replace_surrogates(text)?),
                    },
                    Err(_) => Key::Other(format!("an instance of {}", type_name(key))),
                })
            };
            let entries = dict.iter().map(|(k, v)| Ok((key(&k)?, Input(v))));
            Node::Map(entries.collect::<PyResult<_>>()?)
        } else {
            Node::Other(format!("an instance of {}", type_name(value)))
        })
    }

    fn same(&self, other: &Self) -> PyResult<bool> {
        Ok(self.0.is(&other.0))
    }

    /// A mapping's item, or any other object's attribute (a Flask-Login user, a dataclass).
    fn field(&self, key: &str) -> PyResult<Field<Self>> {
        let value = &self.0;
        let scalar = value.is_instance_of::<PyString>()
            || value.is_instance_of::<PyBytes>()
            || value.is_instance_of::<PyInt>()
            || value.is_instance_of::<PyFloat>();
        if scalar {
            return Ok(Field::NotAnObject);
        }
        let found = match value.cast::<PyMapping>() {
            Ok(mapping) => match mapping.get_item(key) {
                Ok(item) => Some(item),
                Err(e) if e.is_instance_of::<PyKeyError>(value.py()) => None,
                Err(e) => return Err(e),
            },
            Err(_) => value.getattr_opt(key)?,
        };
        Ok(found.map_or(Field::Absent, |item| Field::Present(Input(item))))
    }

    fn type_name(&self) -> PyResult<String> {
        Ok(type_name(&self.0))
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    let name = value.get_type().name().map(|name| name.to_string());
    name.unwrap_or_else(|_| "another type".to_owned())
}

/// The text with each lone surrogate as one U+FFFD, as V8 writes a JS string as UTF-8.
/// (PyO3's `to_string_lossy` gives three, one per byte of the surrogate's encoding.)
fn replace_surrogates(text: &Bound<'_, PyString>) -> PyResult<String> {
    let encoded = text.call_method1("encode", ("utf-16-le", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    let units = bytes
        .chunks_exact(2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]));
    Ok(char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect())
}
