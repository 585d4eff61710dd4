//! The one place core errors become JavaScript errors.

/// A JavaScript `Error` whose `code` is the core's stable error code (`ERR_INVALID_EMAIL`, …).
pub type Result<T> = napi::Result<T, &'static str>;

/// Maps a core error: its message (which never holds the secret or the whole email) and code.
pub fn to_js(error: unthread_identity::Error) -> napi::Error<&'static str> {
    napi::Error::new(error.code(), error.to_string())
}
