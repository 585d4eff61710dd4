//! Argument conversion that throws `TypeError` for a value of the wrong type.
//!
//! napi-rs's own conversions throw a plain `Error` (code `StringExpected`, …); a wrong argument
//! type is a programmer error, which JavaScript reports as `TypeError` with code
//! `ERR_INVALID_ARG_TYPE`, as Node's own APIs do. Every argument passes through [`Arg`], so this
//! mapping is written once.

use napi::bindgen_prelude::{Buffer, FromNapiValue, TypeName, ValueType};
use napi::{Env, Status, sys};

/// A value of type `T`, checked with `typeof` before it is converted.
pub struct Arg<T>(pub T);

impl<T: FromNapiValue + TypeName> FromNapiValue for Arg<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let actual = type_of(env, value)?;
        if actual != T::value_type() {
            return Err(type_error(env, describe(T::value_type()), actual));
        }
        // SAFETY: `env` and `value` come from napi-rs, and the type was checked above.
        unsafe { T::from_napi_value(env, value) }.map(Arg)
    }
}

impl<T: TypeName> TypeName for Arg<T> {
    fn type_name() -> &'static str {
        T::type_name()
    }
    fn value_type() -> ValueType {
        T::value_type()
    }
}

/// An optional value: `undefined` and `null` are `None`, anything else must be a `T`.
pub struct OptionalArg<T>(pub Option<T>);

impl<T: FromNapiValue + TypeName> FromNapiValue for OptionalArg<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        match type_of(env, value)? {
            ValueType::Undefined | ValueType::Null => Ok(OptionalArg(None)),
            // SAFETY: as for `Arg`.
            _ => {
                unsafe { Arg::<T>::from_napi_value(env, value) }.map(|Arg(v)| OptionalArg(Some(v)))
            }
        }
    }
}

/// A secret: a string, or a `Buffer`/`Uint8Array` of raw bytes.
pub enum SecretArg {
    Text(String),
    Bytes(Buffer),
}

impl FromNapiValue for SecretArg {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let actual = type_of(env, value)?;
        // SAFETY: `env` and `value` come from napi-rs; each conversion matches the checked type.
        unsafe {
            if actual == ValueType::String {
                return String::from_napi_value(env, value).map(SecretArg::Text);
            }
            let mut is_typed_array = false;
            sys::napi_is_typedarray(env, value, &mut is_typed_array);
            let mut is_buffer = false;
            sys::napi_is_buffer(env, value, &mut is_buffer);
            if is_buffer || is_typed_array {
                return Buffer::from_napi_value(env, value).map(SecretArg::Bytes);
            }
        }
        Err(type_error(env, "a string or a Buffer", actual))
    }
}

impl SecretArg {
    pub fn into_secret(self) -> unthread_identity::Result<unthread_identity::Secret> {
        match self {
            SecretArg::Text(text) => unthread_identity::Secret::new(text),
            SecretArg::Bytes(bytes) => unthread_identity::Secret::new(&bytes[..]),
        }
    }
}

fn type_of(env: sys::napi_env, value: sys::napi_value) -> napi::Result<ValueType> {
    let mut raw = 0;
    // SAFETY: `env` and `value` are the live handles napi-rs passed to `from_napi_value`.
    let status = unsafe { sys::napi_typeof(env, value, &mut raw) };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::new(
            Status::InvalidArg,
            "cannot read the argument's type",
        ));
    }
    Ok(ValueType::from(raw))
}

/// Throws a `TypeError` now and returns the error that tells napi-rs one is pending.
fn type_error(env: sys::napi_env, expected: &str, actual: ValueType) -> napi::Error {
    let message = format!("expected {expected}, received {}", describe(actual));
    // Throwing can only fail while the environment is shutting down; nothing can catch it then.
    let _ = Env::from_raw(env).throw_type_error(&message, Some("ERR_INVALID_ARG_TYPE"));
    napi::Error::new(Status::PendingException, message)
}

fn describe(value_type: ValueType) -> &'static str {
    match value_type {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a symbol",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        ValueType::External => "an external",
        _ => "a value of another type",
    }
}

/// A string argument read in one `napi_get_value_string_utf8` call into a stack buffer (every
/// valid email fits), falling back to a heap `String` for longer text. napi-rs's `String` asks
/// for the length first, then copies: two calls and an allocation on every login.
pub struct ShortStr {
    buf: [u8; SHORT_STR_CAP],
    len: usize,
    long: Option<String>,
}

const SHORT_STR_CAP: usize = 1024;

impl ShortStr {
    pub fn as_str(&self) -> &str {
        match &self.long {
            Some(long) => long,
            // napi writes valid UTF-8 (lone surrogates become U+FFFD) and never splits a char.
            None => std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default(),
        }
    }
}

impl FromNapiValue for ShortStr {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let actual = type_of(env, value)?;
        if actual != ValueType::String {
            return Err(type_error(env, describe(ValueType::String), actual));
        }
        let mut out = ShortStr {
            buf: [0; SHORT_STR_CAP],
            len: 0,
            long: None,
        };
        // SAFETY: the buffer is SHORT_STR_CAP bytes; napi writes at most that, NUL included.
        let status = unsafe {
            sys::napi_get_value_string_utf8(
                env,
                value,
                out.buf.as_mut_ptr().cast(),
                SHORT_STR_CAP,
                &mut out.len,
            )
        };
        if status != sys::Status::napi_ok {
            return Err(napi::Error::new(
                Status::StringExpected,
                "cannot read the string",
            ));
        }
        if out.len >= SHORT_STR_CAP - 1 {
            // It may have been cut: read it whole.
            // SAFETY: as above; the type was checked.
            out.long = Some(unsafe { String::from_napi_value(env, value) }?);
        }
        Ok(out)
    }
}

/// A 64-digit hex hash returned as a Latin-1 JS string straight from the stack: no `String`
/// allocation and no UTF-8 decoding.
pub struct HexOut(pub unthread_identity::EmailHash);

impl napi::bindgen_prelude::ToNapiValue for HexOut {
    unsafe fn to_napi_value(env: sys::napi_env, hash: Self) -> napi::Result<sys::napi_value> {
        let hex = hash.0.as_str();
        let mut raw = std::ptr::null_mut();
        // SAFETY: `hex` is live for the call; napi copies it into the JS heap.
        let status = unsafe {
            sys::napi_create_string_latin1(env, hex.as_ptr().cast(), hex.len() as isize, &mut raw)
        };
        if status != sys::Status::napi_ok {
            return Err(napi::Error::new(
                Status::GenericFailure,
                "cannot create the hash string",
            ));
        }
        Ok(raw)
    }
}
