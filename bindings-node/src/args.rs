//! Argument conversion: every value is read by name, so that a wrong type is a `TypeError` that
//! says which argument (`user.email must be a string, received undefined`). No rule about
//! emails, secrets or users is decided here; the core decides, and this module only reads.

use std::fmt;
use std::mem::MaybeUninit;
use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, ValueType};
use napi::sys;
use unthread_identity as core;

use crate::errors::{Result, check, from_napi, pending, throw_type_error, to_js, type_error};

/// A raw JavaScript value, live for the current call.
pub type Value = sys::napi_value;

/// The JavaScript environment of the current call.
#[derive(Clone, Copy)]
pub struct Js(pub sys::napi_env);

/// The stack buffer of [`Text`]: any input the core reads (1 KiB), plus 4 bytes so that one
/// more character of any width fits, plus the NUL that napi writes.
const TEXT_CAP: usize = core::MAX_EMAIL_INPUT_LEN + 4 + 1;

// The buffer must hold every input that some policy accepts; `Text::Long` relies on it.
const _: () = assert!(core::MAX_EMAIL_INPUT_LEN >= core::MAX_EMAIL_LEN);

/// A string read in one `napi_get_value_string_utf8` call into a caller's stack buffer
/// ([`TextBuf`]), or, when it is longer than any input the core reads, only its UTF-8 length
/// (the string is not copied).
///
/// Exact at every length: V8 writes whole characters only, and stops before one that does
/// not fit. With 4 bytes of room past [`core::MAX_EMAIL_INPUT_LEN`], any string of at most
/// that many bytes is written whole; a longer one writes more than that many bytes. So
/// `len <= MAX_EMAIL_INPUT_LEN` means "complete", and anything else means "longer".
pub enum Text<'a> {
    Short(&'a str),
    Long { utf8_len: usize },
}

/// The buffer of a [`Text`]: left uninitialised (napi writes it) and borrowed, never moved,
/// so that a call neither zeroes nor copies a kilobyte.
pub struct TextBuf([MaybeUninit<u8>; TEXT_CAP]);

impl TextBuf {
    pub fn new() -> Self {
        TextBuf([MaybeUninit::uninit(); TEXT_CAP])
    }
}

impl Js {
    pub fn type_of(self, value: Value) -> Result<ValueType> {
        let mut raw = 0;
        // SAFETY: `env` and `value` are the live handles of this call.
        check(
            unsafe { sys::napi_typeof(self.0, value, &mut raw) },
            "a type",
        )?;
        Ok(ValueType::from(raw))
    }

    /// A string of any length, copied to the heap (names, paths, options).
    pub fn string(self, value: Value, what: &str) -> Result<String> {
        let actual = self.type_of(value)?;
        if actual != ValueType::String {
            return Err(type_error(self.0, what, "a string", actual));
        }
        // SAFETY: the handles are live and the value is a string.
        unsafe { String::from_napi_value(self.0, value) }.map_err(from_napi)
    }

    /// A token of at most `limit` UTF-8 bytes, measured before it is copied; `Err(len)` when
    /// it is longer. The UTF-16 length comes first (V8 knows it without reading the string):
    /// past the core's `MAX_TOKEN_CHARS_MEASURED` the string is too long at once, and `len` is
    /// that count, a lower bound. Nearer the limit `len` is exact.
    pub fn bounded_string(
        self,
        value: Value,
        what: &str,
        limit: usize,
    ) -> Result<std::result::Result<String, usize>> {
        let actual = self.type_of(value)?;
        if actual != ValueType::String {
            return Err(type_error(self.0, what, "a string", actual));
        }
        let mut units = 0;
        // SAFETY: a null buffer asks napi for the length only.
        let status = unsafe {
            sys::napi_get_value_string_utf16(self.0, value, ptr::null_mut(), 0, &mut units)
        };
        check(status, what)?;
        if units > core::MAX_TOKEN_CHARS_MEASURED {
            return Ok(Err(units));
        }
        let mut len = 0;
        // SAFETY: a null buffer asks napi for the length only.
        let status =
            unsafe { sys::napi_get_value_string_utf8(self.0, value, ptr::null_mut(), 0, &mut len) };
        check(status, what)?;
        if len > limit {
            return Ok(Err(len));
        }
        self.string(value, what).map(Ok)
    }

    /// A string that names a user (a token's email or id): `Ok(None)` when it holds a lone
    /// surrogate, which has no UTF-8 form. Replacing it with U+FFFD, as Node's `crypto` does
    /// for text, would give `"a\ud800"` and `"a\udfff"` one identity.
    pub fn identity_string(self, value: Value, what: &str) -> Result<Option<String>> {
        let text = self.string(value, what)?;
        if !text.contains('\u{fffd}') {
            return Ok(Some(text));
        }
        // U+FFFD in the UTF-8 form: the original's, or a replaced lone surrogate.
        let units = self.utf16(value, what)?;
        Ok(char::decode_utf16(units).all(|c| c.is_ok()).then_some(text))
    }

    /// A string's UTF-16 code units, exactly as JavaScript holds them.
    pub fn utf16(self, value: Value, what: &str) -> Result<Vec<u16>> {
        let mut len = 0;
        // SAFETY: a null buffer asks napi for the length only.
        check(
            unsafe {
                sys::napi_get_value_string_utf16(self.0, value, ptr::null_mut(), 0, &mut len)
            },
            what,
        )?;
        let mut units = vec![0u16; len + 1];
        let mut written = 0;
        // SAFETY: the buffer holds `len + 1` units, NUL included; napi writes at most that.
        check(
            unsafe {
                sys::napi_get_value_string_utf16(
                    self.0,
                    value,
                    units.as_mut_ptr(),
                    units.len(),
                    &mut written,
                )
            },
            what,
        )?;
        units.truncate(written);
        Ok(units)
    }

    /// A boolean's value (the caller checked its type).
    pub fn boolean(self, value: Value) -> Result<bool> {
        let mut b = false;
        // SAFETY: live handles; the out-pointer is a local.
        check(
            unsafe { sys::napi_get_value_bool(self.0, value, &mut b) },
            "a boolean",
        )?;
        Ok(b)
    }

    /// `a === b`.
    pub fn strict_equals(self, a: Value, b: Value) -> Result<bool> {
        let mut same = false;
        // SAFETY: live handles.
        check(
            unsafe { sys::napi_strict_equals(self.0, a, b, &mut same) },
            "an object",
        )?;
        Ok(same)
    }

    /// The value of a number (the caller checked its type).
    pub fn number(self, value: Value) -> Result<f64> {
        let mut n = 0.0;
        // SAFETY: live handles; the out-pointer is a local.
        check(
            unsafe { sys::napi_get_value_double(self.0, value, &mut n) },
            "a number",
        )?;
        Ok(n)
    }

    /// A string, or `None` for `undefined` and `null`.
    pub fn optional_string(self, value: Value, what: &str) -> Result<Option<String>> {
        match self.type_of(value)? {
            ValueType::Undefined | ValueType::Null => Ok(None),
            _ => self.string(value, what).map(Some),
        }
    }

    /// A string that the core reads with a length limit (an email, a hash), read into `buf`:
    /// see [`Text`]. `napi_typeof` is called only when the read fails. napi writes UTF-8 (a lone
    /// surrogate becomes U+FFFD); anything else is an error, never an empty or shortened string.
    pub fn text<'a>(
        self,
        buf: &'a mut TextBuf,
        value: Value,
        what: impl fmt::Display + Copy,
    ) -> Result<Text<'a>> {
        let mut len = 0;
        // SAFETY: the buffer holds TEXT_CAP bytes and napi writes at most that many, NUL
        // included; `len` receives the count written before the NUL.
        let status = unsafe {
            sys::napi_get_value_string_utf8(
                self.0,
                value,
                buf.0.as_mut_ptr().cast(),
                TEXT_CAP,
                &mut len,
            )
        };
        if status == sys::Status::napi_string_expected {
            return Err(type_error(self.0, what, "a string", self.type_of(value)?));
        }
        check(status, what)?;
        if len <= core::MAX_EMAIL_INPUT_LEN {
            // SAFETY: napi initialised the first `len` bytes (`len < TEXT_CAP`).
            let bytes = unsafe { std::slice::from_raw_parts(buf.0.as_ptr().cast::<u8>(), len) };
            return std::str::from_utf8(bytes).map(Text::Short).map_err(|_| {
                napi::Error::new("ERR_NAPI", "Node-API returned a string that is not UTF-8")
            });
        }
        // Longer than any input the core reads: measure it, but do not copy it.
        let mut utf8_len = 0;
        // SAFETY: a null buffer asks napi for the length only.
        let status = unsafe {
            sys::napi_get_value_string_utf8(self.0, value, ptr::null_mut(), 0, &mut utf8_len)
        };
        check(status, what)?;
        Ok(Text::Long { utf8_len })
    }

    /// A secret: a string is text (the core's text rules apply); a `Buffer` or `Uint8Array` is
    /// raw bytes. Other typed arrays, `DataView`s and anything else are a `TypeError`: their
    /// bytes depend on the platform's endianness, and they are not what the docs promise.
    pub fn secret(self, value: Value, what: &str) -> Result<core::Secret> {
        let actual = self.type_of(value)?;
        if actual == ValueType::String {
            return core::Secret::new(self.string(value, what)?).map_err(to_js);
        }
        if let Some(bytes) = self.uint8_array(value)? {
            return core::Secret::from_bytes(bytes).map_err(to_js);
        }
        Err(type_error(
            self.0,
            what,
            "a string, a Buffer or a Uint8Array",
            actual,
        ))
    }

    /// The bytes of a `Buffer` or `Uint8Array`, or `None` for any other value.
    pub fn uint8_array(self, value: Value) -> Result<Option<Vec<u8>>> {
        let mut is_typed_array = false;
        // SAFETY: live handles; the out-pointer is a local.
        check(
            unsafe { sys::napi_is_typedarray(self.0, value, &mut is_typed_array) },
            "a typed array",
        )?;
        if !is_typed_array {
            return Ok(None);
        }
        let mut kind = 0;
        let mut len = 0;
        let mut data = ptr::null_mut();
        // SAFETY: `value` is a typed array; napi fills the locals.
        check(
            unsafe {
                sys::napi_get_typedarray_info(
                    self.0,
                    value,
                    &mut kind,
                    &mut len,
                    &mut data,
                    ptr::null_mut(),
                    ptr::null_mut(),
                )
            },
            "a typed array",
        )?;
        if kind != sys::TypedarrayType::uint8_array {
            return Ok(None);
        }
        if len == 0 {
            return Ok(Some(Vec::new()));
        }
        // SAFETY: napi reports `len` bytes at `data`, live for this call.
        Ok(Some(
            unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len) }.to_vec(),
        ))
    }

    /// An array, a Proxy of one included (`Array.isArray` is true for both). Its elements are
    /// read one at a time, so a Proxy claiming a huge length costs nothing before the first
    /// element that is wrong.
    pub fn array(self, value: Value, what: &str) -> Result<JsArray> {
        if !self.is_array(value)? {
            return Err(type_error(self.0, what, "an array", self.type_of(value)?));
        }
        let mut len = 0u32;
        // SAFETY: live handles; napi_get_array_length refuses a Proxy, handled below.
        let status = unsafe { sys::napi_get_array_length(self.0, value, &mut len) };
        if status != sys::Status::napi_ok {
            len = self.proxy_length(value, what)?;
        }
        Ok(JsArray {
            js: self,
            value,
            len,
        })
    }

    pub fn is_array(self, value: Value) -> Result<bool> {
        let mut is_array = false;
        // SAFETY: live handles.
        check(
            unsafe { sys::napi_is_array(self.0, value, &mut is_array) },
            "an array",
        )?;
        if is_array || self.type_of(value)? != ValueType::Object {
            return Ok(is_array);
        }
        // `napi_is_array` does not see through a Proxy; `Array.isArray` does.
        let array = self.global_property("Array")?;
        let is_array_fn = self.property(array, "isArray")?;
        let mut result = ptr::null_mut();
        // SAFETY: live handles; `Array.isArray` takes one argument.
        check(
            unsafe { sys::napi_call_function(self.0, array, is_array_fn, 1, &value, &mut result) },
            "an array",
        )?;
        let mut answer = false;
        // SAFETY: `Array.isArray` returns a boolean.
        check(
            unsafe { sys::napi_get_value_bool(self.0, result, &mut answer) },
            "an array",
        )?;
        Ok(answer)
    }

    fn proxy_length(self, value: Value, what: &str) -> Result<u32> {
        let length = self.property(value, "length")?;
        let mut len = 0u32;
        // SAFETY: live handles; a non-number length fails the call, reported as a type error.
        let status = unsafe { sys::napi_get_value_uint32(self.0, length, &mut len) };
        if status != sys::Status::napi_ok {
            return Err(type_error(self.0, what, "an array", self.type_of(value)?));
        }
        Ok(len)
    }

    /// A plain object (`{…}` or `Object.create(null)`), or `None` for `undefined`/`null`.
    /// Arrays, dates, boxed strings and class instances are a `TypeError`. Its own enumerable
    /// keys are checked with `allow`, which returns the core's error for an unknown one.
    pub fn object<K>(
        self,
        value: Value,
        what: &str,
        allow: impl Fn(&str) -> core::Result<K>,
    ) -> Result<Option<Vec<(K, Value)>>> {
        let actual = self.type_of(value)?;
        match actual {
            ValueType::Undefined | ValueType::Null => return Ok(None),
            ValueType::Object if self.is_plain(value)? => {}
            ValueType::Object => {
                let message = format!(
                    "{what} must be a plain object, received an instance of {}",
                    self.constructor_name(value)
                );
                return Err(throw_type_error(self.0, &message));
            }
            _ => return Err(type_error(self.0, what, "a plain object", actual)),
        }
        let mut keys = ptr::null_mut();
        // SAFETY: live handles; own, enumerable, string keys (as `Object.keys`).
        check(
            unsafe {
                sys::napi_get_all_property_names(
                    self.0,
                    value,
                    sys::KeyCollectionMode::own_only,
                    sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                    sys::KeyConversion::numbers_to_strings,
                    &mut keys,
                )
            },
            what,
        )?;
        let mut fields = Vec::new();
        let keys = self.array(keys, what)?;
        for i in 0..keys.len() {
            let key = keys.get(i, what)?;
            let name = self.string(key, what)?;
            let field = allow(&name).map_err(to_js)?;
            let mut item = ptr::null_mut();
            // SAFETY: live handles; a getter may throw, which `check` passes on.
            check(
                unsafe { sys::napi_get_property(self.0, value, key, &mut item) },
                what,
            )?;
            fields.push((field, item));
        }
        Ok(Some(fields))
    }

    /// `value.constructor.name`, for a message; `"another class"` when it cannot be read.
    pub fn constructor_name(self, value: Value) -> String {
        let name = self
            .property(value, "constructor")
            .and_then(|constructor| self.property(constructor, "name"))
            .and_then(|name| self.string(name, "constructor.name"));
        match name {
            Ok(name) if !name.is_empty() => name.chars().take(64).collect(),
            _ => {
                // A getter or trap that threw: the message does not need it.
                let mut ignored = ptr::null_mut();
                // SAFETY: live handle; clears an exception we chose not to propagate.
                unsafe { sys::napi_get_and_clear_last_exception(self.0, &mut ignored) };
                "another class".to_owned()
            }
        }
    }

    /// Whether an object's prototype is `Object.prototype` or `null`.
    pub fn is_plain(self, value: Value) -> Result<bool> {
        let prototype = self.prototype(value)?;
        if self.type_of(prototype)? == ValueType::Null {
            return Ok(true);
        }
        let mut empty = ptr::null_mut();
        // SAFETY: live handle; creates `{}` to find `Object.prototype`.
        check(
            unsafe { sys::napi_create_object(self.0, &mut empty) },
            "an object",
        )?;
        let object_prototype = self.prototype(empty)?;
        let mut same = false;
        // SAFETY: live handles.
        check(
            unsafe { sys::napi_strict_equals(self.0, prototype, object_prototype, &mut same) },
            "an object",
        )?;
        Ok(same)
    }

    pub fn prototype(self, value: Value) -> Result<Value> {
        let mut prototype = ptr::null_mut();
        // SAFETY: live handles; a Proxy's `getPrototypeOf` trap may throw.
        check(
            unsafe { sys::napi_get_prototype(self.0, value, &mut prototype) },
            "an object",
        )?;
        Ok(prototype)
    }

    fn global_property(self, name: &str) -> Result<Value> {
        let mut global = ptr::null_mut();
        // SAFETY: live handle.
        check(
            unsafe { sys::napi_get_global(self.0, &mut global) },
            "the global",
        )?;
        self.property(global, name)
    }

    pub fn property(self, object: Value, name: &str) -> Result<Value> {
        let key = std::ffi::CString::new(name).map_err(|_| pending())?;
        let mut value = ptr::null_mut();
        // SAFETY: live handles and a NUL-terminated key.
        check(
            unsafe { sys::napi_get_named_property(self.0, object, key.as_ptr(), &mut value) },
            name,
        )?;
        Ok(value)
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
    js: Js,
    value: Value,
    len: u32,
}

impl JsArray {
    pub fn len(&self) -> u32 {
        self.len
    }

    /// Element `i`; a Proxy's `get` trap may throw, which propagates.
    pub fn get(&self, i: u32, what: &str) -> Result<Value> {
        let mut element = ptr::null_mut();
        // SAFETY: live handles.
        check(
            unsafe { sys::napi_get_element(self.js.0, self.value, i, &mut element) },
            what,
        )?;
        Ok(element)
    }

    /// Reads every element with `convert`, stopping at the first error. No allocation is sized
    /// by the claimed length.
    pub fn map<T>(
        &self,
        what: &str,
        mut convert: impl FnMut(u32, Value) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::with_capacity((self.len as usize).min(1024));
        for i in 0..self.len {
            out.push(convert(i, self.get(i, what)?)?);
        }
        Ok(out)
    }
}

/// A 64-digit hex hash returned as a Latin-1 JS string straight from the stack: no `String`
/// allocation and no UTF-8 decoding.
pub struct HexOut(pub core::EmailHash);

impl napi::bindgen_prelude::ToNapiValue for HexOut {
    unsafe fn to_napi_value(env: sys::napi_env, hash: Self) -> napi::Result<sys::napi_value> {
        Js(env)
            .hex(&hash.0)
            .map_err(|error| napi::Error::new(napi::Status::GenericFailure, error.reason))
    }
}

impl Js {
    /// A hash as a Latin-1 JS string straight from the stack.
    pub fn hex(self, hash: &core::EmailHash) -> Result<Value> {
        let hex = hash.as_str();
        let mut raw = ptr::null_mut();
        // SAFETY: `hex` is live for the call; napi copies it into the JS heap.
        check(
            unsafe {
                sys::napi_create_string_latin1(
                    self.0,
                    hex.as_ptr().cast(),
                    hex.len() as isize,
                    &mut raw,
                )
            },
            "the hash",
        )?;
        Ok(raw)
    }
}
