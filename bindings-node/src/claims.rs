//! `extraClaims` read as the core's [`ClaimSource`](core::bindings::ClaimSource): this file only says what
//! one JavaScript value is. The walk, its depth limit, the cycle check and the number rules are
//! the core's (`claims_from`), the same as Python's.

use napi::ValueType;
use unthread_identity as core;

use crate::args::{Js, Value};
use crate::errors::{self, Result};

struct JsClaim<'e> {
    js: Js<'e>,
    value: Value,
}

impl core::bindings::ClaimSource for JsClaim<'_> {
    type Error = errors::Error;

    fn read(&self) -> Result<core::bindings::ClaimNode<Self>> {
        use core::bindings::ClaimNode as N;
        let (js, value) = (self.js, self.value);
        let claim = |value| JsClaim { js, value };
        Ok(match js.type_of(value)? {
            ValueType::Null => N::Null,
            ValueType::Boolean => N::Bool(js.boolean(value)?),
            ValueType::Number => N::Float(js.number(value)?),
            ValueType::String => js
                .identity_string(value, "options.extraClaims")?
                .map_or(N::NotUnicode, N::Text),
            ValueType::Object if js.is_array(value)? => N::Array(
                js.array(value, "options.extraClaims")?
                    .map(|_, item| Ok(claim(item)))?,
            ),
            ValueType::Object if js.is_plain(value)? => N::Object(
                js.object(value, "options.extraClaims", |key, unicode| {
                    Ok(if unicode {
                        core::bindings::ClaimKey::Text(key.to_owned())
                    } else {
                        core::bindings::ClaimKey::NotUnicode
                    })
                })?
                .unwrap_or_default()
                .into_iter()
                .map(|(key, item)| (key, claim(item)))
                .collect(),
            ),
            ValueType::Object => {
                N::Other(format!("an instance of {}", js.constructor_name(value)?))
            }
            ValueType::BigInt => N::Other("a BigInt (write it as a number or a string)".into()),
            ValueType::Undefined => N::Other("undefined".into()),
            ValueType::Function => N::Other("a function".into()),
            ValueType::Symbol => N::Other("a symbol".into()),
            _ => N::Other("not a JSON value".into()),
        })
    }

    fn same(&self, other: &Self) -> Result<bool> {
        self.js.strict_equals(self.value, other.value)
    }
}

/// `options.extraClaims`: `undefined`/`null` for none, else a plain object of JSON values.
/// A cycle, nesting deeper than the core's limit, or a number JSON cannot carry exactly is
/// `ERR_INVALID_OPTION`; an exception thrown by a getter propagates.
pub fn extra_claims(js: Js, value: Value) -> Result<serde_json::Map<String, serde_json::Value>> {
    let actual = js.type_of(value)?;
    match actual {
        ValueType::Undefined | ValueType::Null => return Ok(serde_json::Map::new()),
        ValueType::Object if !js.is_array(value)? && js.is_plain(value)? => {}
        _ => {
            return Err(errors::type_error(
                js.0,
                "options.extraClaims",
                "a plain object of JSON values",
                actual,
            ));
        }
    }
    core::bindings::claims_from("options.extraClaims", &JsClaim { js, value }).map_err(
        |e| match e {
            core::bindings::ClaimsError::Source(e) => e,
            core::bindings::ClaimsError::Invalid(e) => js.fail(e),
        },
    )
}
