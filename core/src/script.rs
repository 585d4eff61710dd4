//! Rendering the portal calls into a page, safe inside a `<script>` element.
//!
//! The call waits for the portal: it runs at once when `window.$unthread.helpCenter` exists,
//! and otherwise retries every [`PORTAL_WAIT_INTERVAL_MS`] ms, [`PORTAL_WAIT_TRIES`] times,
//! so a script placed before Unthread's embed code (or run before it has loaded) starts the
//! portal instead of throwing. The page's own code is this one expression, written once:
//!
//! ```text
//! (function(a){var n=0;(function t(){var u=window.$unthread,h=(u||{}).helpCenter;
//! if(typeof h==="function"){h.apply(u,a)}else if(200>n++){setTimeout(t,50)}})()})(ARGS);
//! ```
//!
//! It has no `<` or `&`, so the whole element body is free of both, not only the JSON.
//!
//! JSON is not safe in HTML as it is: a name such as `</script><script>alert(1)</script>`
//! closes the element early, and U+2028/U+2029 end a line in older JavaScript parsers. Every
//! `<`, `>`, `&`, U+2028 and U+2029 is therefore written as a `\uXXXX` escape, which any JSON or
//! JavaScript parser reads back as the same character. Those characters only ever occur inside
//! JSON strings, so escaping them in the serialised text is exact.

use crate::error::Error;
use crate::user::SignedUser;

/// The longest nonce accepted, in characters.
pub const MAX_NONCE_LEN: usize = 256;

/// How long a rendered call waits between two looks for the portal's API, in milliseconds.
pub const PORTAL_WAIT_INTERVAL_MS: u32 = 50;
/// How many more times it looks before giving up (200 × 50 ms: 10 seconds).
pub const PORTAL_WAIT_TRIES: u32 = 200;

/// A complete `<script>` element that starts the portal for `user`, with the user object as
/// script-safe JSON: `<script nonce="…">(function(a){…})(["start",{"user":{…}}]);</script>`.
/// Reached through [`Signer::start_script`](crate::Signer::start_script), which signs or
/// checks the user first.
pub(crate) fn start_script(user: &SignedUser, nonce: Option<&str>) -> Result<String, Error> {
    let mut args = String::from("[\"start\",{\"user\":");
    escape_into(&user.to_json(), &mut args);
    args.push_str("}]");
    element(&portal_call(&args), nonce)
}

/// A complete `<script>` element that stops the portal, clearing the user's ticket history from
/// the browser: `helpCenter("stop")`, waiting for the portal like the start call. Render it on
/// every logged-out page, not only after the logout click.
pub fn stop_script(nonce: Option<&str>) -> Result<String, Error> {
    element(&portal_call("[\"stop\"]"), nonce)
}

/// `window.$unthread.helpCenter(...args)`, now or as soon as the embed code defines it.
fn portal_call(args: &str) -> String {
    format!(
        "(function(a){{var n=0;(function t(){{var u=window.$unthread,h=(u||{{}}).helpCenter;\
         if(typeof h===\"function\"){{h.apply(u,a)}}else if({PORTAL_WAIT_TRIES}>n++)\
         {{setTimeout(t,{PORTAL_WAIT_INTERVAL_MS})}}}})()}})({args});"
    )
}

/// `value` as compact JSON that is safe inside a `<script>` element.
///
/// It takes a [`serde_json::Value`], whose serialisation cannot fail (its map keys are
/// strings), so this function has no error and no panic.
///
/// ```
/// use unthread_identity::script_safe_json;
/// let json = script_safe_json(&serde_json::json!({"name": "</script>"}));
/// assert_eq!(json, r#"{"name":"\u003c/script\u003e"}"#);
/// ```
pub fn script_safe_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    escape_into(&value.to_string(), &mut out);
    out
}

/// Writes JSON text with `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX` escapes.
fn escape_into(json: &str, out: &mut String) {
    out.reserve(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
}

fn element(code: &str, nonce: Option<&str>) -> Result<String, Error> {
    Ok(match nonce {
        Some(nonce) => {
            check_nonce(nonce)?;
            format!("<script nonce=\"{nonce}\">{code}</script>")
        }
        None => format!("<script>{code}</script>"),
    })
}

/// A CSP nonce: the `base64-value` of CSP Level 3, 1*( ALPHA / DIGIT / "+" / "/" / "-" / "_" )
/// followed by at most two "=".
pub(crate) fn check_nonce(nonce: &str) -> Result<(), Error> {
    let body = nonce.trim_end_matches('=');
    let padding = nonce.len() - body.len();
    let valid = !body.is_empty()
        && nonce.len() <= MAX_NONCE_LEN
        && padding <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'));
    if valid {
        Ok(())
    } else {
        Err(Error::InvalidNonce {
            max_len: MAX_NONCE_LEN,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces() {
        for good in ["a", "abc+/==", "A-_9", "x="] {
            assert!(check_nonce(good).is_ok(), "{good}");
        }
        let too_long = "a".repeat(MAX_NONCE_LEN + 1);
        for bad in [
            "",
            "=",
            "a===",
            "a b",
            "a\"",
            "a>",
            "é",
            "a=b",
            too_long.as_str(),
        ] {
            assert!(check_nonce(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn stop() {
        let call = r#"(function(a){var n=0;(function t(){var u=window.$unthread,h=(u||{}).helpCenter;if(typeof h==="function"){h.apply(u,a)}else if(200>n++){setTimeout(t,50)}})()})(["stop"]);"#;
        assert_eq!(
            stop_script(None).unwrap(),
            format!("<script>{call}</script>")
        );
        assert_eq!(
            stop_script(Some("n0nce")).unwrap(),
            format!(r#"<script nonce="n0nce">{call}</script>"#)
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(
            script_safe_json(&serde_json::json!("<&>\u{2028}\u{2029}'\"")),
            r#""\u003c\u0026\u003e\u2028\u2029'\"""#
        );
    }
}
