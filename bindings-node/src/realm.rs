//! What the binding keeps per JavaScript environment (the main thread and each worker), made
//! when the module loads, in safe napi-rs (references released with the environment):
//! - `Signer.prototype`, so that the constructor tells `new Signer` from `new Subclass` (a
//!   subclass keeps its `sign`/`verify` overrides; see `hot.rs`);
//! - a tiny JavaScript function that cuts one string of 64-digit hashes into an array.
//!   Node-API has no call that builds an array from many values, and an element set per hash
//!   made `signMany` 1.33× a `sign` per email; one string and V8's own slicing keep it near
//!   1.0× (PERFORMANCE.md);
//! - `JSON.parse`, with which the binding returns every object it builds from JSON (V8 makes
//!   the object from the text faster than a property set per field through Node-API);
//! - `Array.isArray` (which sees through a Proxy, as `napi_is_array` does not) and a reader of
//!   `value.constructor.name` that catches what a getter throws, for messages: Node-API has no
//!   safe call that clears an exception.

use napi::bindgen_prelude::{
    FromNapiValue, Function, FunctionRef, JsObjectValue, JsValuesTupleIntoVec, Object, ObjectRef,
    Unknown,
};
use napi::{Env, JsValue};

use crate::errors::{Result, from_napi};

/// Splits a string of 64-character hashes into an array of them.
const SPLIT_HASHES: &str = "(function (joined) {
  const out = new Array(joined.length / 64)
  for (let i = 0; i < out.length; i++) out[i] = joined.slice(i * 64, i * 64 + 64)
  return out
})";

/// `value.constructor.name` when it is a string, else `null`; never throws.
const CONSTRUCTOR_NAME: &str = "(function (value) {
  try {
    const name = value.constructor.name
    return typeof name === 'string' ? name : null
  } catch {
    return null
  }
})";

struct Realm {
    /// Without napi-rs's leak check: the finalizer below releases it, and where a runtime
    /// tears the environment down before that can work (Deno at exit), the environment frees
    /// it anyway, so the check's "ObjectRef is not unref" line would be noise on every run.
    signer_prototype: ObjectRef<false>,
    split_hashes: FunctionRef<String, Unknown<'static>>,
    json_parse: FunctionRef<String, Unknown<'static>>,
    is_array: FunctionRef<Unknown<'static>, bool>,
    constructor_name: FunctionRef<Unknown<'static>, Option<String>>,
}

/// Makes this environment's [`Realm`]; `signer_class` is the `Signer` constructor.
pub fn init(env: &Env, signer_class: &Object) -> Result<()> {
    let prototype: Object = signer_class
        .get_named_property("prototype")
        .map_err(from_napi)?;
    let split: Function<String, Unknown<'static>> =
        env.run_script(SPLIT_HASHES).map_err(from_napi)?;
    let json_parse = global_function(env, "JSON", "parse").map_err(from_napi)?;
    let is_array = global_function(env, "Array", "isArray").map_err(from_napi)?;
    let constructor_name: Function<Unknown<'static>, Option<String>> =
        env.run_script(CONSTRUCTOR_NAME).map_err(from_napi)?;
    let realm = Realm {
        signer_prototype: prototype.create_ref::<false>().map_err(from_napi)?,
        split_hashes: split.create_ref().map_err(from_napi)?,
        json_parse,
        is_array,
        constructor_name: constructor_name.create_ref().map_err(from_napi)?,
    };
    env.set_instance_data(realm, (), |context| {
        // Failing only while the environment shuts down, when nothing can use it any more.
        let _ = context.value.signer_prototype.unref(&context.env);
    })
    .map_err(from_napi)
}

/// `globalThis[object][name]`, one of the environment's own functions, as the module found it
/// when it loaded (no script is compiled for it).
fn global_function<A: JsValuesTupleIntoVec, R: FromNapiValue>(
    env: &Env,
    object: &str,
    name: &str,
) -> napi::Result<FunctionRef<A, R>> {
    let object: Unknown = env.get_global()?.get_named_property(object)?;
    let function: Function<A, R> = object.coerce_to_object()?.get_named_property(name)?;
    function.create_ref()
}

fn realm(env: &Env) -> Result<&Realm> {
    env.get_instance_data::<Realm>()
        .map_err(from_napi)?
        .map(|realm| &*realm)
        .ok_or_else(|| crate::errors::internal("the module was not initialised"))
}

/// Calls the realm's function that `pick` chooses with `arg`.
fn call<A: JsValuesTupleIntoVec, R: FromNapiValue>(
    env: &Env,
    pick: impl FnOnce(&Realm) -> &FunctionRef<A, R>,
    arg: A,
) -> Result<R> {
    let function = pick(realm(env)?).borrow_back(env).map_err(from_napi)?;
    function.call(arg).map_err(from_napi)
}

/// The array of the 64-digit hashes that `joined` holds, in order (live for this call, as
/// every value the call makes).
pub fn hashes_of(env: &Env, joined: String) -> Result<Unknown<'static>> {
    call(env, |realm| &realm.split_hashes, joined)
}

/// `JSON.parse(text)`, with the environment's `JSON.parse` as the module found it when it loaded.
pub fn json_parse(env: &Env, text: String) -> Result<Unknown<'static>> {
    call(env, |realm| &realm.json_parse, text)
}

/// Whether `object` was made by `new Signer` itself (`new.target` was `Signer`), not by a
/// subclass, whose `sign`/`verify` overrides the per-instance functions must not hide.
pub fn made_by_signer_itself(env: &Env, object: &Object) -> Result<bool> {
    let signer_prototype = realm(env)?.signer_prototype.get_value(env);
    let prototype: Unknown = object.get_prototype().map_err(from_napi)?;
    let signer_prototype = signer_prototype.map_err(from_napi)?;
    env.strict_equals(prototype, signer_prototype)
        .map_err(from_napi)
}

/// `Array.isArray(value)`: true for an array and for a Proxy of one.
pub fn is_array(env: &Env, value: Unknown<'static>) -> Result<bool> {
    call(env, |realm| &realm.is_array, value)
}

/// `value.constructor.name`, or `None` when it is not a string or reading it throws.
pub fn constructor_name(env: &Env, value: Unknown<'static>) -> Result<Option<String>> {
    call(env, |realm| &realm.constructor_name, value)
}
