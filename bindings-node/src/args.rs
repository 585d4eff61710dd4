//! The arguments of the hot path (`hot.rs`, `signMany`, tokens): a short string read into a
//! stack buffer (`text.rs`, the one module with `unsafe`) and measured by the core's rules, a
//! token measured before it is copied, an array read one element at a time. A wrong type is
//! the core's reader's `TypeError`, which names the argument.

use std::fmt;

use napi::bindgen_prelude::{FromNapiValue, Object};
use napi::{JsString, JsValue, ValueType};
use unthread_identity as core;
use unthread_identity::bindings::MeasuredText;

use serde::de::DeserializeOwned;

use crate::errors::{Error, Result, from_napi};
use crate::text::Read;
pub use crate::text::TextBuf;

use crate::source::{Js, Value};

impl<'e> Js<'e> {
    /// The `TypeError` for `value`, which is not what `T` reads (a string, an array): the core's
    /// reader words it, as it words every other.
    fn wrong<T: DeserializeOwned>(self, value: Value, what: impl fmt::Display) -> Error {
        match crate::source::from_js::<T>(self.0, value, &what.to_string()) {
            Err(error) => error,
            Ok(_) => crate::errors::internal("a value was read as a type it is not"),
        }
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

    /// `array`, or the `TypeError` naming `what`.
    pub fn list(self, value: Value, what: &str) -> Result<(Object<'static>, u32)> {
        let list = self.array(value)?;
        list.ok_or_else(|| self.wrong::<Vec<serde::de::IgnoredAny>>(value, what))
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
