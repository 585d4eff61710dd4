//! `sign` and `verify`, the calls a login flow makes on every request, close to the Node-API
//! floor, in safe napi-rs.
//!
//! A napi-rs class method pays for napi-rs's per-call class bookkeeping and a `napi_unwrap`
//! (about 240 ns in napi-rs 3.16, more than the HMAC itself). So the constructor also gives
//! each `Signer` its own `sign` and `verify`: napi-rs closures that own the signer's core (an
//! `Arc`), defined as non-enumerable own properties, as methods are. A call then costs what a
//! napi-rs function costs: read the arguments, call the core, return a string. The figures and
//! the designs that were measured are in `PERFORMANCE.md`; keep the two in step.
//!
//! The prototype methods stay (for `Signer.prototype.sign.call(signer, …)` and for subclasses,
//! which keep their overrides because they get no own properties), and they run the same
//! [`sign`] and [`verify`] below: one implementation, two entry points.
//!
//! No raw Node-API here: napi-rs creates the functions and frees each closure (and with it the
//! signer's reference) when its function is collected.

use std::sync::Arc;

use napi::bindgen_prelude::{
    FromNapiValue, FunctionCallContext, JsObjectValue, Object, ToNapiValue,
};
use napi::{Env, JsValue, Property, PropertyAttributes};
use unthread_identity as core;

use crate::errors::throw;

use crate::args::TextBuf;
use crate::errors::Result;
use crate::source::{Js, Value};

/// The hash of `email`: what `signer.sign(email)` returns.
pub fn sign(env: &Env, signer: &core::Signer, email: Value) -> Result<Value> {
    let mut buf = TextBuf::new();
    let email = Js(env).text(&mut buf, email, "email")?;
    Js(env).hex(&signer.sign_measured(email).map_err(|e| throw(env, e))?)
}

/// Whether `hash` is the hash of `email`: what `signer.verify(email, hash)` returns.
pub fn verify(env: &Env, signer: &core::Signer, email: Value, hash: Value) -> Result<bool> {
    let (mut email_buf, mut hash_buf) = (TextBuf::new(), TextBuf::new());
    let email = Js(env).text(&mut email_buf, email, "email")?;
    Ok(signer.verify_measured(email, Js(env).text(&mut hash_buf, hash, "hash")?))
}

/// Defines `sign` and `verify` on `object` (a new `Signer`), bound to `signer`: napi-rs
/// closures that own a reference to the core signer (released when the functions are
/// collected), defined as a class method is: writable, configurable, not enumerable.
pub fn install(env: &Env, mut object: Object, signer: &Arc<core::Signer>) -> Result<()> {
    let e = crate::errors::from_napi;
    let for_sign = Arc::clone(signer);
    let sign_fn = env
        .create_function_from_closure::<(), Value, _>("sign", move |ctx: FunctionCallContext| {
            let email = argument(&ctx, 0)?;
            sign(ctx.env, &for_sign, email).map_err(|error| thrown(ctx.env, error))
        })
        .map_err(e)?;
    let for_verify = Arc::clone(signer);
    let verify_fn = env
        .create_function_from_closure::<(), bool, _>("verify", move |ctx: FunctionCallContext| {
            let (email, hash) = (argument(&ctx, 0)?, argument(&ctx, 1)?);
            verify(ctx.env, &for_verify, email, hash).map_err(|error| thrown(ctx.env, error))
        })
        .map_err(e)?;
    let properties = [
        method("sign", &sign_fn).map_err(e)?,
        method("verify", &verify_fn).map_err(e)?,
    ];
    object.define_properties(&properties).map_err(e)
}

/// A property that holds a method, as a class's: writable, configurable, not enumerable.
fn method<'env>(name: &str, function: &impl JsValue<'env>) -> napi::Result<Property> {
    let method = PropertyAttributes::Writable | PropertyAttributes::Configurable;
    let property = Property::new().with_utf8_name(name)?.with_value(function);
    Ok(property.with_property_attributes(method))
}

/// Argument `i`; a missing one is `undefined`, which the read refuses as the class methods do.
fn argument(ctx: &FunctionCallContext, i: usize) -> napi::Result<Value> {
    match i < ctx.length() {
        true => ctx.get::<Value>(i),
        false => ().into_unknown(ctx.env).and_then(Value::from_unknown),
    }
}

/// A binding error, thrown as the class methods throw it (its code and message), reported to
/// napi-rs as the exception now pending, so that it throws nothing more.
fn thrown(env: &Env, error: crate::errors::Error) -> napi::Error {
    if error.status != "PendingException" {
        // Throwing fails only while the environment shuts down; nothing could catch it then.
        let _ = env.throw_error(&error.reason, Some(error.status));
    }
    napi::Error::new(napi::Status::PendingException, "")
}
