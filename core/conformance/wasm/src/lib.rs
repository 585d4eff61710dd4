//! The core's conformance runner as a WebAssembly module with a plain C ABI, for
//! `replay.mjs` beside this crate: JavaScript writes an operation and its input (JSON, lone
//! surrogates as `\udXXX` escapes, as `JSON.stringify` writes them) into memory from
//! [`alloc`], calls [`run`], and reads the answer's JSON text back. No wasm-bindgen: one
//! import, `env.random_fill` (`crypto.getRandomValues`), and none for the clock, because no
//! path of the core may read `SystemTime` under wasm32 (it traps there).
//!
//! `unsafe` is confined to the ABI: raw pointers handed to and from JavaScript.

#![deny(clippy::undocumented_unsafe_blocks)]

use unthread_identity_conformance::{run, wire};

/// Memory for JavaScript to write `len` bytes into; freed by [`run`] or [`release`].
#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Frees what [`alloc`] or [`run`] returned.
///
/// # Safety
/// `ptr` and `len` are an allocation of this module that was not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn release(ptr: *mut u8, len: usize) {
    // SAFETY: the caller passes back an allocation of `len` bytes made by `alloc` or `run`.
    drop(unsafe { Vec::from_raw_parts(ptr, 0, len) });
}

/// The core's answer (`{"ok": …}` or `{"error": CODE}`) to operation `op` on `input`, as
/// JSON text: the result is `ptr << 32 | len`, freed with [`release`]. Both arguments are
/// consumed.
///
/// # Safety
/// Each (ptr, len) pair is an allocation of [`alloc`] that JavaScript filled with UTF-8.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn run(op: *mut u8, op_len: usize, input: *mut u8, input_len: usize) -> u64 {
    // SAFETY: JavaScript wrote `op_len` and `input_len` bytes into allocations of that size.
    let (op, input) = unsafe {
        (
            Vec::from_raw_parts(op, op_len, op_len),
            Vec::from_raw_parts(input, input_len, input_len),
        )
    };
    let answer = match (String::from_utf8(op), String::from_utf8(input)) {
        (Ok(op), Ok(input)) => answer(&op, &input),
        _ => r#"{"error":"not UTF-8"}"#.to_owned(),
    };
    let mut bytes = answer.into_bytes().into_boxed_slice();
    let (ptr, len) = (bytes.as_mut_ptr(), bytes.len());
    std::mem::forget(bytes);
    ((ptr as u64) << 32) | len as u64
}

fn answer(op: &str, input: &str) -> String {
    // Lone surrogates arrive as `\udXXX` escapes: read as `wire`'s stand-ins, as the Rust replay
    // reads the table, and written back as escapes.
    match serde_json::from_str::<serde_json::Value>(&wire::unescape(input)) {
        Ok(input) => wire::escape(&run::run(op, &input).to_string()),
        Err(_) => r#"{"error":"input is not JSON"}"#.to_owned(),
    }
}

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "env")]
unsafe extern "C" {
    /// `crypto.getRandomValues` over `len` bytes of this module's memory at `ptr`.
    fn random_fill(ptr: *mut u8, len: usize);
}

/// getrandom's custom backend (`--cfg getrandom_backend="custom"`): the page's randomness.
///
/// # Safety
/// `dest` is valid for `len` bytes, as getrandom promises.
#[cfg(target_arch = "wasm32")]
#[unsafe(no_mangle)]
unsafe extern "Rust" fn __getrandom_v03_custom(
    dest: *mut u8,
    len: usize,
) -> Result<(), getrandom::Error> {
    // SAFETY: getrandom hands a writable buffer of `len` bytes; the import fills exactly that.
    unsafe { random_fill(dest, len) };
    Ok(())
}
