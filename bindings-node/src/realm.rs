//! What the binding keeps per JavaScript environment (the main thread and each worker), made
//! when the module loads:
//! - `Signer.prototype`, so that the constructor tells `new Signer` from `new Subclass` (a
//!   subclass keeps its `sign`/`verify` overrides; see `hot.rs`);
//! - a tiny JavaScript function that returns its arguments as an array. Node-API has no call
//!   that builds an array from many values, and `napi_set_element` per element costs about
//!   40 ns; passing the values as arguments of one call costs under 20 ns each (PERFORMANCE.md).

use std::ptr;

use napi::sys;
use napi::{Env, JsValue};

use crate::args::{Js, Value};
use crate::errors::{Result, check, from_napi};

/// Values per call of the array builder: far below V8's limit on arguments, so the call never
/// exhausts the stack, and large enough that a call's cost vanishes per element.
const CHUNK: usize = 2048;

/// `(target, ...items)`: `items` as a new array when `target` is null, else appended to
/// `target`. Indexes are assigned, so a patched `Array.prototype.push` is never called.
const ARRAY_BUILDER: &str = "(function (target, ...items) {
  if (target === null) return items
  let n = target.length
  for (let i = 0; i < items.length; i++) target[n++] = items[i]
  return target
})";

struct Realm {
    signer_prototype: sys::napi_ref,
    array_builder: sys::napi_ref,
}

/// Makes this environment's [`Realm`]; `signer_class` is the `Signer` constructor.
pub fn init(env: &Env, signer_class: Value) -> Result<()> {
    let js = Js(env.raw());
    let prototype = js.property(signer_class, "prototype")?;
    let builder = env.run_script::<_, napi::bindgen_prelude::Unknown>(ARRAY_BUILDER);
    let builder = builder.map_err(from_napi)?;
    let realm = Realm {
        signer_prototype: strong_reference(js, prototype)?,
        array_builder: strong_reference(js, builder.raw())?,
    };
    env.set_instance_data(realm, (), |context| {
        // SAFETY: the environment is still valid while its instance data is finalized.
        unsafe {
            sys::napi_delete_reference(context.env.raw(), context.value.signer_prototype);
            sys::napi_delete_reference(context.env.raw(), context.value.array_builder);
        }
    })
    .map_err(from_napi)
}

fn strong_reference(js: Js, value: Value) -> Result<sys::napi_ref> {
    let mut reference = ptr::null_mut();
    // SAFETY: live handles; count 1 keeps the value alive until the realm is finalized.
    check(
        unsafe { sys::napi_create_reference(js.0, value, 1, &mut reference) },
        "the module",
    )?;
    Ok(reference)
}

fn realm(env: &Env) -> Result<&'static Realm> {
    env.get_instance_data::<Realm>()
        .map_err(from_napi)?
        .map(|realm| &*realm)
        .ok_or_else(|| napi::Error::new("ERR_NAPI", "the module was not initialised"))
}

fn value_of(js: Js, reference: sys::napi_ref) -> Result<Value> {
    let mut value = ptr::null_mut();
    // SAFETY: live handle; the realm's references live as long as the environment.
    check(
        unsafe { sys::napi_get_reference_value(js.0, reference, &mut value) },
        "the module",
    )?;
    Ok(value)
}

/// Whether `object` was made by `new Signer` itself (`new.target` was `Signer`), not by a
/// subclass, whose `sign`/`verify` overrides the per-instance functions must not hide.
pub fn made_by_signer_itself(env: &Env, object: Value) -> Result<bool> {
    let js = Js(env.raw());
    let signer_prototype = value_of(js, realm(env)?.signer_prototype)?;
    let mut same = false;
    // SAFETY: live handles.
    check(
        unsafe {
            sys::napi_strict_equals(js.0, js.prototype(object)?, signer_prototype, &mut same)
        },
        "Signer.prototype",
    )?;
    Ok(same)
}

/// A new JavaScript array of `values`, in order.
pub fn array_of(env: &Env, values: &[Value]) -> Result<Value> {
    let js = Js(env.raw());
    let builder = value_of(js, realm(env)?.array_builder)?;
    let mut array = ptr::null_mut();
    // SAFETY: live handle.
    check(unsafe { sys::napi_get_null(js.0, &mut array) }, "an array")?;
    let mut chunks = values.chunks(CHUNK);
    let mut arguments = Vec::with_capacity(values.len().min(CHUNK) + 1);
    loop {
        arguments.clear();
        arguments.push(array);
        arguments.extend_from_slice(chunks.next().unwrap_or_default());
        // SAFETY: live handles; the builder takes any number of arguments and cannot throw
        // (it only reads its arguments and writes to an array it made).
        check(
            unsafe {
                sys::napi_call_function(
                    js.0,
                    builder,
                    builder,
                    arguments.len(),
                    arguments.as_ptr(),
                    &mut array,
                )
            },
            "an array",
        )?;
        if chunks.len() == 0 {
            return Ok(array);
        }
    }
}
