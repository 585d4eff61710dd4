//! What the binding keeps per JavaScript environment (the main thread and each worker), made
//! when the module loads, in safe napi-rs (references released with the environment):
//! - `Signer.prototype`, so that the constructor tells `new Signer` from `new Subclass` (a
//!   subclass keeps its `sign`/`verify` overrides; see `hot.rs`);
//! - a tiny JavaScript function that cuts one string of 64-digit hashes into an array.
//!   Node-API has no call that builds an array from many values, and an element set per hash
//!   made `signMany` 1.33× a `sign` per email; one string and V8's own slicing keep it near
//!   1.0× (PERFORMANCE.md).

use napi::Env;
use napi::bindgen_prelude::{Function, FunctionRef, JsObjectValue, Object, ObjectRef, Unknown};

use crate::errors::{Result, from_napi};

/// Splits a string of 64-character hashes into an array of them.
const SPLIT_HASHES: &str = "(function (joined) {
  const out = new Array(joined.length / 64)
  for (let i = 0; i < out.length; i++) out[i] = joined.slice(i * 64, i * 64 + 64)
  return out
})";

struct Realm {
    signer_prototype: ObjectRef,
    split_hashes: FunctionRef<String, Unknown<'static>>,
}

/// Makes this environment's [`Realm`]; `signer_class` is the `Signer` constructor.
pub fn init(env: &Env, signer_class: &Object) -> Result<()> {
    let prototype: Object = signer_class
        .get_named_property("prototype")
        .map_err(from_napi)?;
    let split: Function<String, Unknown<'static>> =
        env.run_script(SPLIT_HASHES).map_err(from_napi)?;
    let realm = Realm {
        signer_prototype: prototype.create_ref().map_err(from_napi)?,
        split_hashes: split.create_ref().map_err(from_napi)?,
    };
    env.set_instance_data(realm, (), |context| {
        // Failing only while the environment shuts down, when nothing can use it any more.
        let _ = context.value.signer_prototype.unref(&context.env);
    })
    .map_err(from_napi)
}

fn realm(env: &Env) -> Result<&Realm> {
    env.get_instance_data::<Realm>()
        .map_err(from_napi)?
        .map(|realm| &*realm)
        .ok_or_else(|| napi::Error::new("ERR_NAPI", "the module was not initialised"))
}

/// The array of the 64-digit hashes that `joined` holds, in order.
pub fn hashes_of<'env>(env: &'env Env, joined: String) -> Result<Unknown<'env>> {
    let split = realm(env)?
        .split_hashes
        .borrow_back(env)
        .map_err(from_napi)?;
    let array: Unknown<'static> = split.call(joined).map_err(from_napi)?;
    // Live for this call, as every value the call makes.
    Ok(array)
}

/// Whether `object` was made by `new Signer` itself (`new.target` was `Signer`), not by a
/// subclass, whose `sign`/`verify` overrides the per-instance functions must not hide.
pub fn made_by_signer_itself(env: &Env, object: &Object) -> Result<bool> {
    let signer_prototype = realm(env)?
        .signer_prototype
        .get_value(env)
        .map_err(from_napi)?;
    let prototype: Unknown = object.get_prototype().map_err(from_napi)?;
    env.strict_equals(prototype, signer_prototype)
        .map_err(from_napi)
}
