//! A JavaScript value (`Value`, read with napi-rs's own conversions through `Js`), and as the
//! core's `Source`: this file only says what one value is. The core's
//! reader (`core::bindings::read`) decides the rest for options, users and extra claims: keys
//! (camelCase), unknown keys, missing ones, types and their `TypeError` messages, seconds, ids,
//! secrets, the claim walk.

use napi::bindgen_prelude::{
    FromNapiValue, JsObjectValue, KeyCollectionMode, KeyConversion, KeyFilter, Object,
    Uint8ArraySlice, Unknown,
};
use napi::{Env, JsString, JsValue, ValueType};
use serde::de::DeserializeOwned;
use unthread_identity::bindings::{self, Checked, Field, Key, Language, Node, ReadError, Source};

use crate::errors::{self, Result, from_napi, throw};

/// A JavaScript value, live for the current call (napi-rs's handle scope of the call). The
/// lifetime is `'static` only so that values can be kept in a call's own collections; none
/// outlives the call.
pub type Value = Unknown<'static>;

/// The JavaScript environment of the current call.
#[derive(Clone, Copy)]
pub struct Js<'e>(pub &'e Env);

impl<'e> Js<'e> {
    pub fn type_of(self, value: Value) -> Result<ValueType> {
        value.get_type().map_err(from_napi)
    }

    /// A string of any length, copied to the heap in one allocation and moved to the caller
    /// (a secret's text is moved into the core's zeroizing storage, never copied), and whether
    /// it has a UTF-8 form: a lone surrogate reads as U+FFFD, so the UTF-16 form is looked at
    /// only then (rare).
    pub fn string(self, value: Value) -> Result<(String, bool)> {
        let text = String::from_unknown(value).map_err(from_napi)?;
        if !text.contains('\u{fffd}') {
            return Ok((text, true));
        }
        let utf16 = JsString::from_unknown(value).and_then(|s| s.into_utf16());
        let utf16 = utf16.map_err(from_napi)?;
        // napi-rs's buffer ends with the NUL that Node-API writes.
        let units = utf16.as_slice();
        let units = &units[..units.len().saturating_sub(1)];
        let unicode = char::decode_utf16(units.iter().copied()).all(|c| c.is_ok());
        Ok((text, unicode))
    }

    /// An array, a Proxy of one included (`Array.isArray` is true for both), and its length;
    /// `None` for anything else (a Proxy whose `length` is not a number included). Its elements
    /// are read one at a time (`get_element`; a Proxy's trap may throw), so a Proxy claiming a
    /// huge length costs nothing before the first element that is wrong.
    pub fn array(self, value: Value) -> Result<Option<(Object<'static>, u32)>> {
        if !self.is_array(value)? {
            return Ok(None);
        }
        let object = Object::from_unknown(value).map_err(from_napi)?;
        // `napi_get_array_length` refuses a Proxy (without throwing): read its `length`.
        let len = match object.get_array_length() {
            Ok(len) => len,
            Err(_) => {
                let length: Value = object.get_named_property("length").map_err(from_napi)?;
                match self.type_of(length)? {
                    ValueType::Number => u32::from_unknown(length).map_err(from_napi)?,
                    _ => return Ok(None),
                }
            }
        };
        Ok(Some((object, len)))
    }

    pub fn is_array(self, value: Value) -> Result<bool> {
        if value.is_array().map_err(from_napi)? {
            return Ok(true);
        }
        // `napi_is_array` does not see through a Proxy; `Array.isArray` does.
        match self.type_of(value)? {
            ValueType::Object => crate::realm::is_array(self.0, value),
            _ => Ok(false),
        }
    }
}

/// `value`, read as `T` by the core; `path` names it in messages (`"options"`).
pub fn from_js<T: DeserializeOwned>(env: &Env, value: Value, path: &str) -> Result<T> {
    let input = Input { env, value };
    bindings::read(input, path, Language::JavaScript).map_err(|e| read_error(env, e))
}

/// `value`, read as `T`'s input and checked by the core (a secret, a list of origins, the name
/// of an environment variable), whose refusal is thrown with its code.
pub fn checked<T: Checked>(env: &Env, value: Value, path: &str) -> Result<T> {
    let input = Input { env, value };
    bindings::read_checked(input, path, Language::JavaScript).map_err(|e| read_error(env, e))
}

/// Options (`undefined`/`null`: the defaults), read as `T`.
pub fn options<T: DeserializeOwned + Default>(env: &Env, value: Value) -> Result<T> {
    from_js::<Option<T>>(env, value, "options").map(Option::unwrap_or_default)
}

/// A refusal of the core's reader, thrown: a core error with its code, a wrong type as a
/// `TypeError`; an exception that a getter or a Proxy threw is pending already.
fn read_error(env: &Env, error: ReadError<errors::Error>) -> errors::Error {
    match error {
        ReadError::Source(e) => e,
        ReadError::Invalid(e) => throw(env, e),
        ReadError::Type(message) => errors::throw_type_error(env, &message),
    }
}

/// One JavaScript value of the current call.
#[derive(Clone, Copy)]
pub struct Input<'e> {
    env: &'e Env,
    value: Value,
}

impl Source for Input<'_> {
    type Error = errors::Error;

    fn read(&self) -> Result<Node<Self>> {
        let (env, js, value) = (self.env, Js(self.env), self.value);
        let e = from_napi;
        Ok(match js.type_of(value)? {
            ValueType::Undefined => Node::Undefined,
            ValueType::Null => Node::Null,
            ValueType::Boolean => Node::Bool(bool::from_unknown(value).map_err(e)?),
            ValueType::Number => Node::Float(f64::from_unknown(value).map_err(e)?),
            ValueType::String => match js.string(value)? {
                (text, true) => Node::Text(text),
                (text, false) => Node::NotUnicode(text),
            },
            ValueType::Object if js.is_array(value)? => match js.array(value)? {
                Some((array, len)) => {
                    let item = |i| array.get_element(i).map(|value| Input { env, value });
                    Node::List((0..len).map(item).collect::<napi::Result<_>>().map_err(e)?)
                }
                None => Node::Other(self.type_name()?),
            },
            // A Buffer or a Uint8Array; napi-rs refuses a typed array of another kind (not an
            // exception: nothing pends).
            ValueType::Object if value.is_typedarray().map_err(e)? => {
                match Uint8ArraySlice::from_unknown(value) {
                    Ok(bytes) => Node::Bytes(bytes.as_ref().to_vec()),
                    Err(_) => Node::Other(self.type_name()?),
                }
            }
            ValueType::Object if is_plain(env, value)? => Node::Map(
                entries(env, value)?
                    .into_iter()
                    .map(|(key, value)| (key, Input { env, value }))
                    .collect(),
            ),
            ValueType::Object => Node::Other(self.type_name()?),
            ValueType::BigInt => Node::Other("a BigInt (write it as a number or a string)".into()),
            ValueType::Function => Node::Other("a function".into()),
            ValueType::Symbol => Node::Other("a symbol".into()),
            _ => Node::Other("not a JSON value".into()),
        })
    }

    fn same(&self, other: &Self) -> Result<bool> {
        self.env
            .strict_equals(self.value, other.value)
            .map_err(from_napi)
    }

    /// An own property only: a field inherited from a prototype (`Object.prototype.id = …`
    /// elsewhere in an app) is not the object's. A Proxy's trap or a getter may throw.
    fn field(&self, key: &str) -> Result<Field<Self>> {
        if Js(self.env).type_of(self.value)? != ValueType::Object {
            return Ok(Field::NotAnObject);
        }
        let object = Object::from_unknown(self.value).map_err(from_napi)?;
        if !object.has_own_property(key).map_err(from_napi)? {
            return Ok(Field::Absent);
        }
        let value = object.get_named_property(key).map_err(from_napi)?;
        Ok(Field::Present(Input {
            env: self.env,
            value,
        }))
    }

    /// `an instance of {constructor.name}` for an object of a class (the name read in
    /// JavaScript, where a getter that throws is caught: the message does not need it).
    fn type_name(&self) -> Result<String> {
        let (env, value) = (self.env, self.value);
        Ok(match Js(env).type_of(value)? {
            ValueType::Object if !is_plain(env, value)? => {
                let name = crate::realm::constructor_name(env, value)?;
                let name = name.filter(|name| !name.is_empty());
                let name = name.map(|name| name.chars().take(64).collect::<String>());
                format!(
                    "an instance of {}",
                    name.as_deref().unwrap_or("another class")
                )
            }
            other => errors::describe(other).to_owned(),
        })
    }
}

/// Whether an object's prototype is `Object.prototype` or `null`. A Proxy's
/// `getPrototypeOf` trap may throw, which propagates.
fn is_plain(env: &Env, value: Value) -> Result<bool> {
    let e = from_napi;
    let prototype = Object::from_unknown(value)
        .and_then(|o| o.get_prototype())
        .map_err(e)?;
    if prototype.get_type().map_err(e)? == ValueType::Null {
        return Ok(true);
    }
    let object_prototype = Object::new(env)
        .and_then(|empty| empty.get_prototype())
        .map_err(e)?;
    env.strict_equals(prototype, object_prototype).map_err(e)
}

/// A plain object's own, enumerable, string keys (as `Object.keys`), each with its value; a
/// key with a lone surrogate is `NotUnicode`. A getter or a Proxy's trap may throw.
fn entries(env: &Env, value: Value) -> Result<Vec<(Key, Value)>> {
    let object = Object::from_unknown(value).map_err(from_napi)?;
    let keys = object
        .get_all_property_names(
            KeyCollectionMode::OwnOnly,
            KeyFilter::Enumerable,
            KeyConversion::NumbersToStrings,
        )
        .map_err(from_napi)?;
    let (js, mut out) = (Js(env), Vec::new());
    for i in 0..keys.get_array_length().map_err(from_napi)? {
        let key: Value = keys.get_element(i).map_err(from_napi)?;
        if js.type_of(key)? == ValueType::Symbol {
            continue;
        }
        let key_of = match js.string(key)? {
            (text, true) => Key::Text(text),
            (text, false) => Key::NotUnicode(text),
        };
        out.push((key_of, object.get_property(key).map_err(from_napi)?));
    }
    Ok(out)
}
