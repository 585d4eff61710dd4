//! What one JavaScript value is, read with napi-rs's own conversions: for the core's reader
//! (`source.rs`), which decides every rule, and for the hot path (`hot.rs`), which reads a
//! short string into a stack buffer (`text.rs`, the one module with `unsafe`). A wrong type is
//! a `TypeError` that names the argument.

use std::fmt;

use napi::bindgen_prelude::{FromNapiValue, JsObjectValue, Object, Unknown};
use napi::{Env, JsString, JsValue, ValueType};
use unthread_identity as core;
use unthread_identity::bindings::MeasuredText;

use serde::de::DeserializeOwned;

use crate::errors::{Error, Result, from_napi};
use crate::text::Read;
pub use crate::text::TextBuf;

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

    /// The `TypeError` for `value`, which is not what `T` reads (a string, an array): the core's
    /// reader words it, as it words every other.
    fn wrong<T: DeserializeOwned>(self, value: Value, what: impl fmt::Display) -> Error {
        match crate::source::from_js::<T>(self.0, value, &what.to_string()) {
            Err(error) => error,
            Ok(_) => crate::errors::internal("a value was read as a type it is not"),
        }
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

    /// A token, measured by the core's rule (`TokenText`) before it is copied: the UTF-16
    /// length first (V8 knows it without reading the string), then the UTF-8 length.
    pub fn token(self, value: Value) -> Result<core::bindings::TokenText<'static>> {
        if self.type_of(value)? != ValueType::String {
            return Err(self.wrong::<String>(value, "jwt"));
        }
        let text = JsString::from_unknown(value).map_err(from_napi)?;
        let units = text.utf16_len().map_err(from_napi)?;
        let utf8_len = || text.utf8_len().map_err(from_napi);
        let read = || Ok(Some(String::from_unknown(value).map_err(from_napi)?.into()));
        core::bindings::TokenText::measure(units, utf8_len, read)
    }

    /// A string that the core reads with a length limit (an email, a hash), read into `buf`
    /// (`text.rs`) and measured as the core's `MeasuredText`: a string longer than any input
    /// the core reads is measured, not copied. The type is looked up only when the read
    /// fails; anything but a string is an error, never an empty or shortened string.
    pub fn text<'a>(
        self,
        buf: &'a mut TextBuf,
        value: Value,
        what: impl fmt::Display + Copy,
    ) -> Result<MeasuredText<'a>> {
        match crate::text::read(self.0, value, buf).map_err(from_napi)? {
            // U+FFFD in the UTF-8 form: the original's, or a replaced lone surrogate (rare:
            // the UTF-16 form is read only then).
            Read::Short(text) if text.contains('\u{fffd}') && !self.string(value)?.1 => {
                Ok(MeasuredText::NotUnicode)
            }
            Read::Short(text) => Ok(MeasuredText::Short(text)),
            Read::NotAString => Err(self.wrong::<String>(value, what)),
            Read::Long => {
                let text = JsString::from_unknown(value).map_err(from_napi)?;
                Ok(MeasuredText::Long(text.utf8_len().map_err(from_napi)?))
            }
        }
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

    /// `array`, or the `TypeError` naming `what`.
    pub fn list(self, value: Value, what: &str) -> Result<(Object<'static>, u32)> {
        let list = self.array(value)?;
        list.ok_or_else(|| self.wrong::<Vec<serde::de::IgnoredAny>>(value, what))
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

    /// A hash as a Latin-1 JS string: no UTF-8 validation on the way in.
    pub fn hex(self, hash: &core::EmailHash) -> Result<Value> {
        let string = self.0.create_string_latin1(hash.as_str());
        Value::from_unknown(string.map_err(from_napi)?.to_unknown()).map_err(from_napi)
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
