//! Options objects read as the core's config structs (`unthread_identity::TokenSignerConfig`,
//! …) through serde. The structs declare the keys, their types and `deny_unknown_fields`;
//! this file only says how a JavaScript value reads as each serde type, with the binding's
//! checks and messages:
//!
//! - keys are the fields' camelCase names (`ttl_seconds` is `ttlSeconds`); any other key,
//!   snake_case included, is `ERR_INVALID_OPTION`, checked before its value is read;
//! - an object is a plain object (`Js::object`), an array any array or a Proxy of one;
//! - a missing key reads as `undefined`, as in JavaScript: an optional field is `None`, a
//!   required one the `TypeError` of `undefined` (`options.baseUrl must be a string, received
//!   undefined`);
//! - a wrong type is a `TypeError` naming the path (`options.previousKeys[0].secret`); an
//!   unsigned number is a count of seconds (the only one the configs have), and a negative or
//!   fractional one is `ERR_INVALID_OPTION`, as in Python;
//! - a map (`extraClaims`) is read by the core's claim walk (`claims.rs`), with its depth,
//!   cycle and number rules.

use std::fmt;

use napi::ValueType;
use napi::bindgen_prelude::{FromNapiValue, ToNapiValue};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use unthread_identity as core;

use crate::args::{Js, JsArray, Value};
use crate::errors::{self, Result, from_napi, to_js, type_error};

/// `value`, read as `T`; `path` names it in messages (`"options"`).
pub fn from_js<T: DeserializeOwned>(js: Js, value: Value, path: &str) -> Result<T> {
    let de = De {
        js,
        value,
        path: path.to_owned(),
    };
    T::deserialize(de).map_err(|DeError(error, core)| match core {
        // serde's own refusal of an unknown key, thrown here where the environment is at hand,
        // with its values (`object`, `key`) as properties.
        Some(core) => js.fail(*core),
        None => error,
    })
}

/// A binding error: a thrown `TypeError`, a core error or a pending exception; and the core
/// error it is, when serde made it without the environment (an unknown key).
#[derive(Debug)]
pub struct DeError(errors::Error, Option<Box<core::Error>>);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.reason)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    /// Only serde's own checks land here (the reads below make their own errors): a value
    /// that a struct refuses, which is an option error.
    fn custom<T: fmt::Display>(message: T) -> Self {
        DeError::from(napi::Error::new(
            crate::errors::kind_code(core::ErrorKind::InvalidOption),
            message.to_string(),
        ))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let error = || core::Error::unknown_key("option", field, camel_list(expected));
        DeError(to_js(error()), Some(Box::new(error())))
    }
}

impl From<errors::Error> for DeError {
    fn from(error: errors::Error) -> Self {
        DeError(error, None)
    }
}

/// One JavaScript value and where it is.
struct De<'e> {
    js: Js<'e>,
    value: Value,
    path: String,
}

impl De<'_> {
    fn type_of(&self) -> std::result::Result<ValueType, DeError> {
        Ok(self.js.type_of(self.value)?)
    }

    /// The `TypeError` for this value, which is not `expected`.
    fn wrong(&self, expected: &str) -> DeError {
        match self.type_of() {
            Ok(actual) => DeError::from(type_error(self.js.0, &self.path, expected, actual)),
            Err(error) => error,
        }
    }

    fn child(&self, value: Value, path: String) -> Self {
        De {
            js: self.js,
            value,
            path,
        }
    }
}

impl<'de> de::Deserializer<'de> for De<'_> {
    type Error = DeError;

    /// A value of several types: text or bytes (a secret). Anything else is the `TypeError`
    /// that says what the visitor expected, in JavaScript's words.
    fn deserialize_any<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        if self.type_of()? == ValueType::String {
            // Only a secret reads text here: a lone surrogate is refused (see `Js::secret`).
            return match self.js.identity_string(self.value, &self.path)? {
                Some(text) => visitor.visit_string(text),
                None => Err(DeError::from(self.js.fail(core::Error::SecretNotUnicode))),
            };
        }
        if let Some(bytes) = self.js.uint8_array(self.value)? {
            return visitor.visit_byte_buf(bytes);
        }
        let expected = Expected(&visitor).to_string();
        Err(self.wrong(javascript_words(&expected)))
    }

    fn deserialize_option<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        match self.type_of()? {
            ValueType::Undefined | ValueType::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        if self.type_of()? != ValueType::String {
            return Err(self.wrong("a string"));
        }
        visitor.visit_string(self.js.string(self.value, &self.path)?)
    }

    fn deserialize_bool<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        if self.type_of()? != ValueType::Boolean {
            return Err(self.wrong("a boolean"));
        }
        visitor.visit_bool(self.js.boolean(self.value)?)
    }

    /// A count of seconds: a whole, non-negative number.
    fn deserialize_u64<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        if self.type_of()? != ValueType::Number {
            return Err(self.wrong("a number of seconds"));
        }
        let n = f64::from_unknown(self.value).map_err(from_napi)?;
        let seconds =
            core::bindings::seconds_from_number(n, &self.path).map_err(|e| self.js.fail(e))?;
        visitor.visit_u64(seconds)
    }

    fn deserialize_seq<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        let array = self.js.array(self.value, &self.path)?;
        visitor.visit_seq(Elements {
            de: &self,
            array,
            next: 0,
        })
    }

    /// Extra claims: the core's walk makes the JSON object, which serde then reads.
    fn deserialize_map<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        let claims = crate::claims::extra_claims(self.js, self.value)?;
        de::Deserializer::deserialize_any(serde_json::Value::Object(claims), visitor)
            .map_err(de::Error::custom)
    }

    /// Text that names a user (`core::bindings::Identity`): a lone surrogate is `None`, never U+FFFD. A
    /// user id (`core::bindings::UserId`) may also be a whole number (a safe integer).
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        let numbers = match name {
            core::bindings::IDENTITY => false,
            core::bindings::USER_ID => true,
            _ => return visitor.visit_newtype_struct(self),
        };
        let expected = if numbers {
            "a string or a whole number of at most 2^53 - 1"
        } else {
            "a string"
        };
        match self.type_of()? {
            ValueType::String => match self.js.identity_string(self.value, &self.path)? {
                Some(text) => visitor.visit_string(text),
                None => visitor.visit_none(),
            },
            // The core's visitor decides which numbers are ids.
            ValueType::Number if numbers => {
                let n = f64::from_unknown(self.value).map_err(from_napi)?;
                visitor
                    .visit_f64(n)
                    .map_err(|_: DeError| self.wrong(expected))
            }
            _ => Err(self.wrong(expected)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        let object = core::bindings::object_kind(name);
        let entries = if core::bindings::reads_any_object(name) {
            self.js.own_fields(self.value, fields, camel)?
        } else {
            self.js.object(self.value, &self.path, |key, _| {
                fields
                    .iter()
                    .copied()
                    .find(|field| camel(field) == key)
                    .ok_or_else(|| core::Error::unknown_key(object, key, camel_list(fields)))
            })?
        };
        let Some(mut entries) = entries else {
            return Err(self.wrong("a plain object"));
        };
        // A missing key reads as `undefined`.
        let undefined = ().into_unknown(self.js.0).map_err(from_napi)?;
        let undefined = Value::from_unknown(undefined).map_err(from_napi)?;
        for field in fields {
            if !entries.iter().any(|(name, _)| name == field) {
                entries.push((field, undefined));
            }
        }
        visitor.visit_map(Fields {
            de: &self,
            entries: entries.into_iter(),
            value: None,
        })
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u128 f32 f64 char bytes byte_buf unit unit_struct
        tuple tuple_struct enum identifier ignored_any
    }
}

/// The elements of an array, read one at a time.
struct Elements<'a, 'e> {
    de: &'a De<'e>,
    array: JsArray,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> std::result::Result<Option<T::Value>, DeError> {
        if self.next >= self.array.len() {
            return Ok(None);
        }
        let i = self.next;
        self.next += 1;
        let item = self.array.get(i)?;
        let path = format!("{}[{i}]", self.de.path);
        seed.deserialize(self.de.child(item, path)).map(Some)
    }
}

/// The fields of a plain object, as the struct names them.
struct Fields<'a, 'e> {
    de: &'a De<'e>,
    entries: std::vec::IntoIter<(&'static str, Value)>,
    value: Option<(&'static str, Value)>,
}

impl<'de> de::MapAccess<'de> for Fields<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> std::result::Result<Option<K::Value>, DeError> {
        let Some((field, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((field, value));
        seed.deserialize(field.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> std::result::Result<V::Value, DeError> {
        let (field, value) = self
            .value
            .take()
            .ok_or_else(|| <DeError as de::Error>::custom("a value was read before its key"))?;
        let path = format!("{}.{}", self.de.path, camel(field));
        seed.deserialize(self.de.child(value, path))
    }
}

/// A visitor's `expecting`, as text.
struct Expected<'a, V>(&'a V);

impl<'de, V: Visitor<'de>> fmt::Display for Expected<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

/// The core's words for a type, as a JavaScript developer says them.
fn javascript_words(expected: &str) -> &str {
    match expected {
        core::bindings::SECRET_EXPECTED => "a string, a Buffer or a Uint8Array",
        other => other,
    }
}

/// A field's JavaScript name: `ttl_seconds` is `ttlSeconds`.
fn camel(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut upper = false;
    for c in field.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// The JavaScript names of `fields`, comma-separated (for an unknown key's message).
fn camel_list(fields: &[&str]) -> String {
    fields
        .iter()
        .map(|f| camel(f))
        .collect::<Vec<_>>()
        .join(", ")
}
