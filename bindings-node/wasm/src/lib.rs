//! The core as WebAssembly, for runtimes that cannot load the native addon (workerd, Vercel's
//! edge-light, Next.js edge routes). `wasm/api.mjs` gives it the Node package's API.
//!
//! One entry point, [`call`]: JavaScript writes a request, `{ op, this, args, now }` as JSON,
//! into memory from [`alloc`] and reads the answer's JSON back: `{ "ok": … }`, `{ "error": {
//! code, message, fields } }` for a core error, or `{ "type": message }` for a `TypeError`.
//! Every argument is read by the core's own reader (`core::bindings::read`), as the addon reads
//! a JavaScript value: the same keys, checks and messages. Values JSON cannot carry arrive as
//! markers (`json.rs`). The clock is JavaScript's `Date.now()`, sent with every request: the
//! core never reads `SystemTime` here (it traps on wasm32).
//!
//! `unsafe` is confined to the ABI: memory handed to and from JavaScript.

#![deny(clippy::undocumented_unsafe_blocks)]

mod json;
mod ops;

/// Memory for JavaScript to write `len` bytes into; consumed by [`call`].
#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Frees an answer of [`call`].
///
/// # Safety
/// `ptr` and `len` are an answer of [`call`] that was not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn release(ptr: *mut u8, len: usize) {
    // SAFETY: the caller passes back an answer of `len` bytes that `call` leaked.
    drop(unsafe { Vec::from_raw_parts(ptr, 0, len) });
}

/// The answer to the request JavaScript wrote at `ptr` (`len` bytes of UTF-8 JSON), as JSON
/// text: the result is `ptr << 32 | len`, freed with [`release`]. The request is consumed.
///
/// # Safety
/// `ptr` is an allocation of [`alloc`] of `len` bytes that JavaScript filled.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn call(ptr: *mut u8, len: usize) -> u64 {
    // SAFETY: JavaScript wrote `len` bytes into an allocation of that size from `alloc`.
    let request = unsafe { Vec::from_raw_parts(ptr, len, len) };
    let mut bytes = ops::answer(&request).into_bytes().into_boxed_slice();
    let (ptr, len) = (bytes.as_mut_ptr(), bytes.len());
    std::mem::forget(bytes);
    ((ptr as u64) << 32) | len as u64
}

/// The hot path of `signer.sign(email)` for a well-formed string: the email's UTF-8 at
/// `ptr`/`len` (borrowed), the hash's 64 hex digits written at `out`. Returns 0, or 1 when the
/// email is refused: JavaScript then asks [`call`], which gives the error in full. No JSON.
///
/// # Safety
/// `ptr` is valid for `len` bytes and `out` for 64, both allocations of [`alloc`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sign_email(
    handle: usize,
    ptr: *const u8,
    len: usize,
    out: *mut u8,
) -> u32 {
    // SAFETY: JavaScript passes its own buffers from `alloc`, `len` bytes filled, 64 writable.
    let (email, out) = unsafe {
        (
            std::slice::from_raw_parts(ptr, len),
            std::slice::from_raw_parts_mut(out, 64),
        )
    };
    ops::sign_email(handle, email, out)
}

/// The hot path of `signer.verify(email, hash)` for two well-formed strings (borrowed, as in
/// [`sign_email`]): 1 for a match, 0 for none.
///
/// # Safety
/// Each pointer is valid for its length, in allocations of [`alloc`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn verify_email(
    handle: usize,
    email: *const u8,
    email_len: usize,
    hash: *const u8,
    hash_len: usize,
) -> u32 {
    // SAFETY: JavaScript passes its own buffers from `alloc`, filled to these lengths.
    let (email, hash) = unsafe {
        (
            std::slice::from_raw_parts(email, email_len),
            std::slice::from_raw_parts(hash, hash_len),
        )
    };
    ops::verify_email(handle, email, hash)
}

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "env")]
unsafe extern "C" {
    /// `crypto.getRandomValues` over `len` bytes of this module's memory at `ptr`.
    fn random_fill(ptr: *mut u8, len: usize);
}

/// getrandom's custom backend (`--cfg getrandom_backend="custom"`): the runtime's randomness.
///
/// # Safety
/// `dest` is valid for `len` bytes, as getrandom promises.
#[cfg(target_arch = "wasm32")]
#[unsafe(no_mangle)]
unsafe extern "Rust" fn __getrandom_v03_custom(
    dest: *mut u8,
    len: usize,
) -> Result<(), getrandom::Error> {
    // SAFETY: getrandom hands over `len` writable bytes at `dest`; JavaScript fills them.
    unsafe { random_fill(dest, len) };
    Ok(())
}
