//! `extra_claims` read as the core's [`ClaimSource`](core::bindings::ClaimSource): this file only says what
//! one Python value is. The walk, its depth limit, the cycle check and the number rules are the
//! core's (`claims_from`), the same as Node's.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use unthread_identity as core;

use crate::args;
use crate::errors::to_py;

struct PyClaim<'py>(Bound<'py, PyAny>);

impl<'py> core::bindings::ClaimSource for PyClaim<'py> {
    type Error = PyErr;

    fn read(&self) -> PyResult<core::bindings::ClaimNode<Self>> {
        use core::bindings::ClaimNode as N;
        let value = &self.0;
        Ok(if value.is_none() {
            N::Null
        } else if let Ok(b) = value.cast::<PyBool>() {
            N::Bool(b.is_true())
        } else if value.is_instance_of::<PyInt>() {
            // An int beyond i128 is refused by the core like any integer JSON cannot carry.
            value.extract::<i128>().map_or(N::HugeInteger, N::Integer)
        } else if let Ok(f) = value.cast::<PyFloat>() {
            N::Float(f.value())
        } else if let Ok(text) = value.cast::<PyString>() {
            match text.to_str() {
                Ok(text) => N::Text(text.to_owned()),
                Err(_) => N::NotUnicode,
            }
        } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
            N::Array(
                value
                    .try_iter()?
                    .map(|item| item.map(PyClaim))
                    .collect::<PyResult<_>>()?,
            )
        } else if let Ok(dict) = value.cast::<PyDict>() {
            N::Object(
                dict.iter()
                    .map(|(key, item)| {
                        let key = match key.cast::<PyString>() {
                            Ok(key) => key
                                .to_str()
                                .map_or(core::bindings::ClaimKey::NotUnicode, |key| {
                                    core::bindings::ClaimKey::Text(key.to_owned())
                                }),
                            Err(_) => core::bindings::ClaimKey::Other(format!(
                                "an instance of {}",
                                type_name(&key)
                            )),
                        };
                        (key, PyClaim(item))
                    })
                    .collect(),
            )
        } else {
            N::Other(format!("an instance of {}", type_name(value)))
        })
    }

    fn same(&self, other: &Self) -> PyResult<bool> {
        Ok(self.0.is(&other.0))
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "value of another type".to_owned())
}

/// `extra_claims`: a dict of JSON values. A cycle, nesting deeper than the core's limit, or a
/// number JSON cannot carry exactly (`nan`, `2**64 + 1`) is `InvalidOption`.
pub fn extra_claims(
    value: &Bound<'_, PyAny>,
) -> PyResult<serde_json::Map<String, serde_json::Value>> {
    if !value.is_instance_of::<PyDict>() {
        return Err(args::type_error(
            "extra_claims",
            "a dict of JSON values",
            value,
        ));
    }
    core::bindings::claims_from("extra_claims", &PyClaim(value.clone())).map_err(|e| match e {
        core::bindings::ClaimsError::Source(e) => e,
        core::bindings::ClaimsError::Invalid(e) => to_py(e),
    })
}
