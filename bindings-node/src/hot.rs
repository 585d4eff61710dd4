//! `sign` and `verify`, the calls a login flow makes on every request, at the Node-API floor.
//!
//! A napi-rs class method pays for napi-rs's per-call class bookkeeping and a `napi_unwrap`
//! (about 200 ns in napi-rs 3.16, more than the HMAC itself). So the constructor also gives each
//! `Signer` its own `sign` and `verify`: plain Node-API functions whose data pointer is the
//! signer's core (an `Arc`), defined as non-enumerable own properties, as methods are. A call
//! then costs what Node-API costs: read the arguments, call the core, return a string. The
//! figures and the designs that were measured are in `PERFORMANCE.md`; keep the two in step.
//!
//! The prototype methods stay (for `Signer.prototype.sign.call(signer, …)` and for subclasses,
//! which keep their overrides because they get no own properties), and they run the same
//! [`sign`] and [`verify`] below: one implementation, two entry points.
//!
//! This is the binding's only `extern "C"` code. Each `unsafe` block says why it holds.

use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;
use std::sync::Arc;

use napi::bindgen_prelude::ToNapiValue;
use napi::sys;
use unthread_identity as core;

use crate::args::{HexOut, Js, Text, TextBuf, Value};
use crate::errors::{Result, check, to_js};

/// The hash of `email`: what `signer.sign(email)` returns.
pub fn sign(js: Js, signer: &core::Signer, email: Value) -> Result<HexOut> {
    let mut buf = TextBuf::new();
    let email = js.text(&mut buf, email, "email")?;
    let hash = with_email(signer, &email, |email| signer.sign(email))?;
    hash.map(HexOut).map_err(to_js)
}

/// Whether `hash` is the hash of `email`: what `signer.verify(email, hash)` returns.
pub fn verify(js: Js, signer: &core::Signer, email: Value, hash: Value) -> Result<bool> {
    let (mut email_buf, mut hash_buf) = (TextBuf::new(), TextBuf::new());
    let email = js.text(&mut email_buf, email, "email")?;
    let hash = js.text(&mut hash_buf, hash, "hash")?;
    Ok(match (email, hash) {
        (Text::Short(email), Text::Short(hash)) => signer.verify(email, hash),
        // An email of more than 1 KiB is refused by every policy, and a hash of more than
        // 1 KiB is not 64 digits: neither verifies.
        _ => false,
    })
}

/// Runs `f` on a short email; a long one gets the core's length error without being read.
pub fn with_email<T>(
    signer: &core::Signer,
    email: &Text,
    f: impl FnOnce(&str) -> core::Result<T>,
) -> Result<core::Result<T>> {
    match email {
        Text::Short(email) => Ok(f(email)),
        Text::Long { utf8_len } => match signer.email_policy().check_len(*utf8_len) {
            Err(error) => Ok(Err(error)),
            // Unreachable: a long text exceeds MAX_EMAIL_INPUT_LEN, the largest limit.
            Ok(()) => Err(napi::Error::new("ERR_NAPI", "an email was not read whole")),
        },
    }
}

/// Defines `sign` and `verify` on `object` (a new `Signer`), bound to `signer`.
pub fn install(js: Js, object: Value, signer: &Arc<core::Signer>) -> Result<()> {
    let properties = [
        property(c"sign", function(js, c"sign", sign_callback, signer)?),
        property(c"verify", function(js, c"verify", verify_callback, signer)?),
    ];
    // SAFETY: live handles; the descriptors and their names outlive the call.
    check(
        unsafe { sys::napi_define_properties(js.0, object, properties.len(), properties.as_ptr()) },
        "the signer",
    )
}

/// As a class method is defined: writable, configurable, not enumerable.
fn property(name: &'static std::ffi::CStr, value: Value) -> sys::napi_property_descriptor {
    sys::napi_property_descriptor {
        utf8name: name.as_ptr(),
        name: ptr::null_mut(),
        method: None,
        getter: None,
        setter: None,
        value,
        attributes: sys::PropertyAttributes::writable | sys::PropertyAttributes::configurable,
        data: ptr::null_mut(),
    }
}

type Callback = unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> sys::napi_value;

/// A JS function running `callback` with one strong reference to `signer` as its data, released
/// when the function is collected.
fn function(
    js: Js,
    name: &'static std::ffi::CStr,
    callback: Callback,
    signer: &Arc<core::Signer>,
) -> Result<Value> {
    let data = Arc::into_raw(Arc::clone(signer))
        .cast_mut()
        .cast::<c_void>();
    let mut function = ptr::null_mut();
    // SAFETY: live handle; `name` is NUL-terminated (length -1 = up to the NUL).
    let created = check(
        unsafe {
            sys::napi_create_function(js.0, name.as_ptr(), -1, Some(callback), data, &mut function)
        },
        "the signer",
    );
    // SAFETY: `data` came from `Arc::into_raw`; the finalizer takes that reference back once
    // the function is garbage; when creating or attaching fails, it is taken back here.
    let attached = created.and_then(|()| {
        check(
            unsafe {
                sys::napi_add_finalizer(
                    js.0,
                    function,
                    data,
                    Some(release),
                    ptr::null_mut(),
                    ptr::null_mut(),
                )
            },
            "the signer",
        )
    });
    if let Err(error) = attached {
        // SAFETY: no finalizer owns `data`, so this is its only release.
        drop(unsafe { Arc::from_raw(data.cast::<core::Signer>()) });
        return Err(error);
    }
    Ok(function)
}

unsafe extern "C" fn release(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    // SAFETY: `data` is the `Arc::into_raw` of `function`; a finalizer runs once.
    drop(unsafe { Arc::from_raw(data.cast::<core::Signer>()) });
}

/// The function's arguments (missing ones are `undefined`) and its signer.
///
/// # Safety
/// `info` is the callback info of a function made by [`function`], live for this call.
unsafe fn arguments<'a, const N: usize>(
    js: Js,
    info: sys::napi_callback_info,
) -> Result<([Value; N], &'a core::Signer)> {
    let mut argc = N;
    let mut argv = [ptr::null_mut(); N];
    let mut data = ptr::null_mut();
    // SAFETY: `argv` has room for `argc` values; napi fills missing ones with `undefined`.
    check(
        unsafe {
            sys::napi_get_cb_info(
                js.0,
                info,
                &mut argc,
                argv.as_mut_ptr(),
                ptr::null_mut(),
                &mut data,
            )
        },
        "the arguments",
    )?;
    // SAFETY: `data` is the function's `Arc<core::Signer>`, which lives while the function
    // does, and the function is running.
    Ok((argv, unsafe { &*data.cast::<core::Signer>() }))
}

unsafe extern "C" fn sign_callback(env: sys::napi_env, info: sys::napi_callback_info) -> Value {
    let js = Js(env);
    call(env, || {
        // SAFETY: `info` is this call's, for a function made by `function`.
        let ([email], signer) = unsafe { arguments::<1>(js, info) }?;
        let hash = sign(js, signer, email)?;
        // SAFETY: live handle.
        unsafe { HexOut::to_napi_value(env, hash) }.map_err(crate::errors::from_napi)
    })
}

unsafe extern "C" fn verify_callback(env: sys::napi_env, info: sys::napi_callback_info) -> Value {
    let js = Js(env);
    call(env, || {
        // SAFETY: `info` is this call's, for a function made by `function`.
        let ([email, hash], signer) = unsafe { arguments::<2>(js, info) }?;
        let verified = verify(js, signer, email, hash)?;
        // SAFETY: live handle.
        unsafe { bool::to_napi_value(env, verified) }.map_err(crate::errors::from_napi)
    })
}

/// Runs a callback body: an error is thrown as the class methods throw it (code and message),
/// and a panic, which the core does not have, becomes an error instead of unwinding into V8.
fn call(env: sys::napi_env, body: impl FnOnce() -> Result<Value>) -> Value {
    let error = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => return value,
        Ok(Err(error)) => error,
        Err(_) => napi::Error::new("ERR_INTERNAL", "unthread-identity panicked"),
    };
    // SAFETY: live handle; a pending exception is left as it is.
    unsafe { napi::JsError::from(error).throw_into(env) };
    ptr::null_mut()
}
