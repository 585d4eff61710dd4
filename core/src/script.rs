//! Rendering the portal calls into a page, safe inside a `<script>` element.
//!
//! JSON is not safe in HTML as it is: a name such as `</script><script>alert(1)</script>`
//! closes the element early, and U+2028/U+2029 end a line in older JavaScript parsers. Every
//! `<`, `>`, `&`, U+2028 and U+2029 is therefore written as a `\uXXXX` escape, which any JSON or
//! JavaScript parser reads back as the same character. Those characters only ever occur inside
//! JSON strings, so escaping them in the serialised text is exact.

use serde::Serialize;

use crate::error::Error;
use crate::user::SignedUser;

/// The longest nonce accepted, in characters.
pub const MAX_NONCE_LEN: usize = 256;

/// A complete `<script>` element that starts the portal for `user`:
/// `<script nonce="…">window.$unthread.helpCenter("start",{"user":{…}});</script>`.
///
/// `nonce` is the page's CSP nonce (base64 or base64url); anything else is an error rather
/// than text placed in an attribute.
///
/// ```
/// use unthread_identity::{Secret, Signer, start_script};
/// let signer = Signer::new(Secret::new("demo-secret")?);
/// let user = signer.user("ada@example.com", Some("</script><script>alert(1)</script>"))?;
/// let html = start_script(&user, Some("r4nd0m+Nonce/=="))?;
/// assert!(html.starts_with(r#"<script nonce="r4nd0m+Nonce/==">window.$unthread.helpCenter("start",{"user":{"name":"\u003c/script\u003e"#));
/// assert_eq!(html.matches("</script>").count(), 1);
/// assert!(start_script(&user, Some(r#"x" onload="alert(1)"#)).is_err());
/// # Ok::<(), unthread_identity::Error>(())
/// ```
pub fn start_script(user: &SignedUser, nonce: Option<&str>) -> Result<String, Error> {
    #[derive(Serialize)]
    struct Start<'a> {
        user: &'a SignedUser,
    }
    let call = format!(
        "window.$unthread.helpCenter(\"start\",{});",
        script_safe_json(&Start { user })
    );
    element(&call, nonce)
}

/// A complete `<script>` element that stops the portal at logout, clearing the user's ticket
/// history from the browser: `<script>window.$unthread.helpCenter("stop");</script>`.
pub fn stop_script(nonce: Option<&str>) -> Result<String, Error> {
    element("window.$unthread.helpCenter(\"stop\");", nonce)
}

/// Serialises `value` as compact JSON that is safe inside a `<script>` element.
pub fn script_safe_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).expect("the portal's objects always serialise");
    let mut out = String::with_capacity(json.len() + 16);
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
    out
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
fn check_nonce(nonce: &str) -> Result<(), Error> {
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
        Err(Error::InvalidNonce)
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
        assert_eq!(
            stop_script(None).unwrap(),
            r#"<script>window.$unthread.helpCenter("stop");</script>"#
        );
        assert_eq!(
            stop_script(Some("n0nce")).unwrap(),
            r#"<script nonce="n0nce">window.$unthread.helpCenter("stop");</script>"#
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(
            script_safe_json(&"<&>\u{2028}\u{2029}'\""),
            r#""\u003c\u0026\u003e\u2028\u2029'\"""#
        );
    }
}
