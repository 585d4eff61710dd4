//! The one place errors become JavaScript errors.
//!
//! - A core error becomes an `Error` whose `code` is the core's stable code
//!   (`ERR_INVALID_EMAIL`, …) and whose message is the core's (it never holds the secret or the
//!   whole email), and the values it names (`exp`, `now`, `claim`, `kid`, `option`, `key`,
//!   `index`, …) are its properties too ([`throw`], which every call site uses).
//! - A value of the wrong type is a programmer error: a `TypeError` with code
//!   `ERR_INVALID_ARG_TYPE` that names the argument, as Node's own APIs do. It is thrown at once,
//!   and the returned error only tells napi-rs that an exception is pending.
//! - An exception that JavaScript threw while being read (a getter, a Proxy trap) propagates
//!   unchanged.

use napi::Env;
use napi::bindgen_prelude::ValueType;
use unthread_identity as core;

/// napi-rs's error whose status is the JavaScript `code`.
pub type Error = napi::Error<&'static str>;
/// The binding's result type.
pub type Result<T> = napi::Result<T, &'static str>;

/// napi-rs's status string for "an exception is already pending: do not throw another".
const PENDING: &str = "PendingException";

/// Throws a core error with the values it names as properties (`error.exp`, `error.claim`),
/// as jose's `JWTClaimValidationFailed` keeps `claim`; returns the error that says it is
/// pending. Falls back to napi-rs's error (the code and the message) when the object cannot
/// be built.
pub fn throw(env: &Env, error: core::Error) -> Error {
    let fields = error.fields();
    let build = || -> napi::Result<()> {
        let mut object = env.create_error(napi::Error::from_reason(error.to_string()))?;
        object.set("code", error.code())?;
        for (name, value) in &fields {
            // As JSON.parse makes it, like every value the binding returns: a time in seconds
            // is a JavaScript number, not the BigInt that napi-rs gives a u64 above 2^32.
            let value = crate::token::json_value(env, value).map_err(|e| e.reason);
            object.set(name.as_str(), value.map_err(napi::Error::from_reason)?)?;
        }
        env.throw(object)
    };
    if fields.is_empty() || build().is_err() {
        return napi::Error::new(error.code(), error.to_string());
    }
    pending()
}

/// napi-rs's conversions failed (a string that could not be read, a module not initialised):
/// the core's internal code.
pub fn internal(reason: impl Into<String>) -> Error {
    napi::Error::new(
        core::ErrorKind::Internal.code().unwrap_or_default(),
        reason.into(),
    )
}

/// An exception is pending in `env` (thrown here, or by JavaScript code we called).
pub fn pending() -> Error {
    napi::Error::new(PENDING, "an exception is pending")
}

/// Maps an error of napi-rs's own conversions.
pub fn from_napi(error: napi::Error) -> Error {
    if error.status == napi::Status::PendingException {
        return pending();
    }
    internal(error.reason.clone())
}

/// Throws a `TypeError` with code `ERR_INVALID_ARG_TYPE` and the given message.
pub fn throw_type_error(env: &Env, message: &str) -> Error {
    // Throwing fails only while the environment shuts down; nothing could catch it then.
    let _ = env.throw_type_error(message, Some("ERR_INVALID_ARG_TYPE"));
    pending()
}

pub fn describe(value_type: ValueType) -> &'static str {
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
        ValueType::BigInt => "a bigint",
        _ => "a value of another type",
    }
}
