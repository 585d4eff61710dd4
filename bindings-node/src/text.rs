//! The one module with `unsafe` (two blocks): reading a short string argument (an email, a hash)
//! into a stack buffer with one Node-API call.
//!
//! Why it exists: napi-rs's safe `String` conversion makes two calls (`Utf8Length`, then
//! `WriteUtf8`) and a zeroed heap allocation. Measured on `sign`/`verify` (`bench/sign.mjs`, see
//! PERFORMANCE.md): 335 / 410 ns with it, 4.8× / 5.4× `createHmac`, under the 6× target; 229–240
//! / 220–237 ns with this reader, 6.2–6.5× / 8.9–9.0×. Everything else in the binding is safe
//! napi-rs.
//!
//! Exact at every length: V8 writes whole characters only, and stops before one that does not
//! fit. With 4 bytes of room past [`core::MAX_EMAIL_INPUT_LEN`], any string of at most that many
//! bytes is written whole; a longer one writes more than that many bytes. So `len <=
//! MAX_EMAIL_INPUT_LEN` means "complete", and anything else means "longer".
//! `__test__/truncation.test.mjs` checks every length from 1,015 to 1,030 bytes with 1- to
//! 4-byte characters against `createHmac`.

use std::mem::MaybeUninit;

use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, sys};
use unthread_identity as core;

/// Any input the core reads (1 KiB), plus 4 bytes so that one more character of any width
/// fits, plus the NUL that Node-API writes.
const TEXT_CAP: usize = core::MAX_EMAIL_INPUT_LEN + 4 + 1;

// The buffer must hold every input that some policy accepts; `Read::Long` relies on it.
const _: () = assert!(core::MAX_EMAIL_INPUT_LEN >= core::MAX_EMAIL_LEN);

/// The stack buffer of one read: left uninitialised (Node-API writes it) and borrowed, never
/// moved. Zeroing it cost 15 ns of a 250 ns `sign` (`perf`: `memset` 5.9 %), which took `sign`
/// from 6.3× to 5.8–6.1× `createHmac`, at the target's edge.
pub struct TextBuf([MaybeUninit<u8>; TEXT_CAP]);

impl TextBuf {
    pub fn new() -> Self {
        TextBuf([MaybeUninit::uninit(); TEXT_CAP])
    }
}

/// What one read found.
pub enum Read<'a> {
    /// The whole string, of at most `MAX_EMAIL_INPUT_LEN` bytes.
    Short(&'a str),
    /// Longer than any input the core reads: not copied past the buffer.
    Long,
    /// Not a string (`napi_string_expected`): the caller reports its type.
    NotAString,
}

/// Reads `value` into `buf` with one `napi_get_value_string_utf8` call. A lone surrogate
/// becomes U+FFFD (Node-API's UTF-8), as in Node's `crypto`.
pub fn read<'a>(env: &Env, value: Unknown, buf: &'a mut TextBuf) -> napi::Result<Read<'a>> {
    let mut len = 0;
    // SAFETY: `env` and `value` are the live handles of the current call (napi-rs gave them to
    // the caller). The buffer is `TEXT_CAP` bytes and Node-API writes at most `TEXT_CAP` bytes,
    // the NUL included; it stores the count written before the NUL in the local `len`.
    let status = unsafe {
        sys::napi_get_value_string_utf8(
            env.raw(),
            value.raw(),
            buf.0.as_mut_ptr().cast(),
            TEXT_CAP,
            &mut len,
        )
    };
    match status {
        sys::Status::napi_ok => {}
        sys::Status::napi_string_expected => return Ok(Read::NotAString),
        _ => {
            return Err(napi::Error::new(
                napi::Status::from(status),
                "reading a string",
            ));
        }
    }
    if len > core::MAX_EMAIL_INPUT_LEN {
        return Ok(Read::Long);
    }
    // SAFETY: Node-API initialised the first `len` bytes, and `len <= MAX_EMAIL_INPUT_LEN <
    // TEXT_CAP` (checked just above), so the slice lies inside the buffer and is initialised.
    let bytes = unsafe { std::slice::from_raw_parts(buf.0.as_ptr().cast::<u8>(), len) };
    // Validated anyway (about 10 ns): a Node-API bug becomes an error, never an invalid `str`.
    std::str::from_utf8(bytes)
        .map(Read::Short)
        .map_err(|_| napi::Error::new(napi::Status::GenericFailure, "Node-API wrote invalid UTF-8"))
}
