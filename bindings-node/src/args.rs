//! Argument conversion: every value is read by name, so that a wrong type is a `TypeError` that
//! says which argument (`user.email must be a string, received undefined`). No rule about
//! emails, secrets or users is decided here; the core decides, and this module only reads.
//!
//! Safe napi-rs: values are `Unknown`s read through napi-rs's own conversions. The one
//! exception, a short string read into a stack buffer on the hot path, is `text.rs`.

use std::fmt;

use napi::bindgen_prelude::{FromNapiValue, JsObjectValue, Object, Uint8ArraySlice, Unknown};
use napi::{Env, JsString, JsValue, ValueType};
use unthread_identity as core;

use crate::errors::{Result, from_napi, type_error};
use crate::text::Read;
pub use crate::text::TextBuf;

/// A JavaScript value, live for the current call (napi-rs's handle scope of the call). The
/// lifetime is `'static` only so that values can be kept in a call's own collections; none
/// outlives the call.
pub type Value = Unknown<'static>;

/// The JavaScript environment of the current call.
#[derive(Clone, Copy)]
pub struct Js<'e>(pub &'e Env);

/// A string that the core reads with a length limit (an email, a hash): the whole text when it
/// has at most [`core::MAX_EMAIL_INPUT_LEN`] UTF-8 bytes, or, longer than any input the core
/// reads, only its UTF-8 length (the string is not copied).
pub enum Text<'a> {
    Short(&'a str),
    Long {
        utf8_len: usize,
    },
    /// A string with a lone surrogate: it has no UTF-8 form, and names no email or hash.
    NotUnicode,
}

impl<'e> Js<'e> {
    /// A core error, thrown with the values it names as properties (`errors::throw`).
    pub fn fail(self, error: core::Error) -> crate::errors::Error {
        crate::errors::throw(self.0, error)
    }

    pub fn type_of(self, value: Value) -> Result<ValueType> {
        value.get_type().map_err(from_napi)
    }

    /// The `TypeError` for `value`, which is not `expected`.
    fn wrong(self, value: Value, what: impl fmt::Display, expected: &str) -> crate::errors::Error {
        match self.type_of(value) {
            Ok(actual) => type_error(self.0, what, expected, actual),
            Err(error) => error,
        }
    }

    /// `value` as a JavaScript string, or the `TypeError` naming `what`.
    fn js_string(self, value: Value, what: impl fmt::Display) -> Result<JsString<'static>> {
        if self.type_of(value)? != ValueType::String {
            return Err(self.wrong(value, what, "a string"));
        }
        JsString::from_unknown(value).map_err(from_napi)
    }

    /// A string of any length, copied to the heap (names, paths, options).
    /// napi-rs's `String` conversion, after the type check: one allocation, moved to the
    /// caller (a secret's text is moved into the core's zeroizing storage, never copied).
    pub fn string(self, value: Value, what: &str) -> Result<String> {
        if self.type_of(value)? != ValueType::String {
            return Err(self.wrong(value, what, "a string"));
        }
        String::from_unknown(value).map_err(from_napi)
    }

    /// A token, measured by the core's rule (`TokenText`) before it is copied: the UTF-16
    /// length first (V8 knows it without reading the string), then the UTF-8 length.
    pub fn token(self, value: Value) -> Result<core::bindings::TokenText<'static>> {
        let text = self.js_string(value, "jwt")?;
        let units = text.utf16_len().map_err(from_napi)?;
        let utf8_len = || text.utf8_len().map_err(from_napi);
        let read = || self.string(value, "jwt").map(|jwt| Some(jwt.into()));
        core::bindings::TokenText::measure(units, utf8_len, read)
    }

    /// Whether a string has a UTF-8 form (no lone surrogate).
    pub fn is_unicode(self, value: Value, what: impl fmt::Display) -> Result<bool> {
        let units = self.utf16(value, &what.to_string())?;
        Ok(char::decode_utf16(units).all(|c| c.is_ok()))
    }

    /// A string's UTF-16 code units, exactly as JavaScript holds them.
    pub fn utf16(self, value: Value, what: &str) -> Result<Vec<u16>> {
        let utf16 = self
            .js_string(value, what)?
            .into_utf16()
            .map_err(from_napi)?;
        // napi-rs's buffer ends with the NUL that Node-API writes.
        let units = utf16.as_slice();
        Ok(units[..units.len().saturating_sub(1)].to_vec())
    }

    /// A boolean's value (the caller checked its type).
    pub fn boolean(self, value: Value) -> Result<bool> {
        bool::from_unknown(value).map_err(from_napi)
    }

    /// `a === b`.
    pub fn strict_equals(self, a: Value, b: Value) -> Result<bool> {
        self.0.strict_equals(a, b).map_err(from_napi)
    }

    /// The value of a number (the caller checked its type).
    pub fn number(self, value: Value) -> Result<f64> {
        f64::from_unknown(value).map_err(from_napi)
    }

    /// A string that the core reads with a length limit (an email, a hash), read into `buf`
    /// (see [`Text`] and `text.rs`). The type is looked up only when the read fails. A lone
    /// surrogate becomes U+FFFD, as in Node's `crypto`; anything else is an error, never an
    /// empty or shortened string.
    pub fn text<'a>(
        self,
        buf: &'a mut TextBuf,
        value: Value,
        what: impl fmt::Display + Copy,
    ) -> Result<Text<'a>> {
        match crate::text::read(self.0, value, buf).map_err(from_napi)? {
            // U+FFFD in the UTF-8 form: the original's, or a replaced lone surrogate (rare:
            // the UTF-16 form is read only then).
            Read::Short(text) if text.contains('\u{fffd}') && !self.is_unicode(value, what)? => {
                Ok(Text::NotUnicode)
            }
            Read::Short(text) => Ok(Text::Short(text)),
            Read::NotAString => Err(self.wrong(value, what, "a string")),
            // Longer than any input the core reads: measure it, but do not copy it.
            Read::Long => {
                let text = JsString::from_unknown(value).map_err(from_napi)?;
                let utf8_len = text.utf8_len().map_err(from_napi)?;
                Ok(Text::Long { utf8_len })
            }
        }
    }

    /// The bytes of a `Buffer` or `Uint8Array`, or `None` for any other value.
    pub fn uint8_array(self, value: Value) -> Result<Option<Vec<u8>>> {
        if !value.is_typedarray().map_err(from_napi)? {
            return Ok(None);
        }
        // napi-rs refuses a typed array of another kind (not an exception: nothing pends).
        Ok(Uint8ArraySlice::from_unknown(value)
            .ok()
            .map(|bytes| bytes.as_ref().to_vec()))
    }

    /// An array, a Proxy of one included (`Array.isArray` is true for both). Its elements are
    /// read one at a time, so a Proxy claiming a huge length costs nothing before the first
    /// element that is wrong.
    pub fn array(self, value: Value, what: &str) -> Result<JsArray> {
        if !self.is_array(value)? {
            return Err(self.wrong(value, what, "an array"));
        }
        let object = Object::from_unknown(value).map_err(from_napi)?;
        // `napi_get_array_length` refuses a Proxy (without throwing): read its `length`.
        let len = match object.get_array_length() {
            Ok(len) => len,
            Err(_) => {
                let length: Value = self.property(value, "length")?;
                match length.get_type().map_err(from_napi)? {
                    ValueType::Number => u32::from_unknown(length).map_err(from_napi)?,
                    _ => return Err(self.wrong(value, what, "an array")),
                }
            }
        };
        Ok(JsArray { object, len })
    }

    pub fn is_array(self, value: Value) -> Result<bool> {
        if value.is_array().map_err(from_napi)? {
            return Ok(true);
        }
        if self.type_of(value)? != ValueType::Object {
            return Ok(false);
        }
        // `napi_is_array` does not see through a Proxy; `Array.isArray` does.
        crate::realm::is_array(self.0, value)
    }

    /// `value.constructor.name`, for a message; `"another class"` when it cannot be read (a
    /// getter or trap that throws is caught in JavaScript: the message does not need it).
    pub fn constructor_name(self, value: Value) -> Result<String> {
        let name = crate::realm::constructor_name(self.0, value)?;
        Ok(match name {
            Some(name) if !name.is_empty() => name.chars().take(64).collect(),
            _ => "another class".to_owned(),
        })
    }

    /// Whether an object's prototype is `Object.prototype` or `null`.
    pub fn is_plain(self, value: Value) -> Result<bool> {
        let object = Object::from_unknown(value).map_err(from_napi)?;
        // A Proxy's `getPrototypeOf` trap may throw, which propagates.
        let prototype = object.get_prototype().map_err(from_napi)?;
        if prototype.get_type().map_err(from_napi)? == ValueType::Null {
            return Ok(true);
        }
        let object_prototype = Object::new(self.0)
            .and_then(|empty| empty.get_prototype())
            .map_err(from_napi)?;
        self.0
            .strict_equals(prototype, object_prototype)
            .map_err(from_napi)
    }

    pub fn property(self, object: Value, name: &str) -> Result<Value> {
        Object::from_unknown(object)
            .and_then(|object| object.get_named_property(name))
            .map_err(from_napi)
    }

    /// A hash as a Latin-1 JS string: no UTF-8 validation on the way in.
    pub fn hex(self, hash: &core::EmailHash) -> Result<Value> {
        let string = self
            .0
            .create_string_latin1(hash.as_str())
            .map_err(from_napi)?;
        Value::from_unknown(string.to_unknown()).map_err(from_napi)
    }
}

/// `list[index]` in a message, formatted only when an error needs it (no allocation per element
/// of a batch).
#[derive(Clone, Copy)]
pub struct Element<'a>(pub &'a str, pub u32);

impl fmt::Display for Element<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

/// An array whose elements are read on demand.
pub struct JsArray {
    object: Object<'static>,
    len: u32,
}

impl JsArray {
    pub fn len(&self) -> u32 {
        self.len
    }

    /// Element `i`; a Proxy's `get` trap may throw, which propagates.
    pub fn get(&self, i: u32) -> Result<Value> {
        self.object.get_element(i).map_err(from_napi)
    }

    /// Reads every element with `convert`, stopping at the first error. No allocation is sized
    /// by the claimed length.
    pub fn map<T>(&self, mut convert: impl FnMut(u32, Value) -> Result<T>) -> Result<Vec<T>> {
        let mut out = Vec::with_capacity((self.len as usize).min(1024));
        for i in 0..self.len {
            out.push(convert(i, self.get(i)?)?);
        }
        Ok(out)
    }
}
