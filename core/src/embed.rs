//! The embedded portal's boot snippet, as Unthread documents it, rendered safely.
//!
//! The page defines a queue stub, queues `UnthreadPortal('boot', { baseUrl, getToken,
//! container })`, and loads `embed.js` from the portal's host, which drains the queue. The
//! snippet's `getToken` is a same-origin `GET` of the token endpoint (the documented call),
//! never cached (`cache: 'no-store'`), that resolves `null` on `401` (nobody is logged in) and
//! rejects with the status on any other failure:
//!
//! ```text
//! <script nonce="N">window.UnthreadPortal=window.UnthreadPortal||function(){…push(arguments)};
//! UnthreadPortal("boot",{baseUrl:"https://help.acme.unthread.io",getToken:function(){…},
//! container:"#portal"});</script>
//! <script nonce="N" src="https://help.acme.unthread.io/embed.js" async></script>
//! ```
//!
//! Every value is written as script-safe JSON (no `<`, `>`, `&`, U+2028, U+2029), the code
//! itself has none of them, and the host is a validated [`PortalHost`], so no option can end
//! the element or point the script anywhere else.

use crate::error::Error;
use crate::portal::PortalHost;
use crate::script::{check_nonce, script_safe_json};

/// The token endpoint's path when none is given: the one Unthread's snippet fetches.
pub const DEFAULT_TOKEN_PATH: &str = "/api/portal-token";
/// The container when none is given: the `<div id="portal">` of Unthread's snippet.
pub const DEFAULT_CONTAINER: &str = "#portal";

/// The longest token path and container selector accepted, in bytes.
pub(crate) const MAX_OPTION_LEN: usize = 2048;

/// The boot snippet's options. Start from the defaults:
///
/// ```
/// use unthread_identity::{BootOptions, PortalHost, boot_script};
/// let host = PortalHost::new("help.acme.unthread.io")?;
/// let html = boot_script(&host, &BootOptions { nonce: Some("cmFuZG9t".into()), ..BootOptions::default() })?;
/// assert!(html.starts_with(r#"<script nonce="cmFuZG9t">window.UnthreadPortal="#));
/// assert!(html.contains(r#"fetch("/api/portal-token",{method:"GET""#));
/// assert!(html.ends_with(
///     r#"<script nonce="cmFuZG9t" src="https://help.acme.unthread.io/embed.js" async></script>"#
/// ));
/// let bad = BootOptions { token_path: "//evil.example/t".into(), ..BootOptions::default() };
/// assert!(boot_script(&host, &bad).is_err()); // another origin: never
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BootOptions {
    /// The token endpoint, a path on the page's own origin ([`DEFAULT_TOKEN_PATH`]).
    pub token_path: String,
    /// The CSS selector of the element the portal mounts in ([`DEFAULT_CONTAINER`]).
    pub container: String,
    /// The page's CSP nonce, put on both `<script>` elements.
    pub nonce: Option<String>,
}

impl Default for BootOptions {
    fn default() -> Self {
        BootOptions {
            token_path: DEFAULT_TOKEN_PATH.to_owned(),
            container: DEFAULT_CONTAINER.to_owned(),
            nonce: None,
        }
    }
}

/// The queue stub, the boot call and the `embed.js` element, for the portal at `host`.
pub fn boot_script(host: &PortalHost, options: &BootOptions) -> Result<String, Error> {
    check_token_path(&options.token_path)?;
    check_container(&options.container)?;
    let nonce = match &options.nonce {
        Some(nonce) => {
            check_nonce(nonce)?;
            format!(" nonce=\"{nonce}\"")
        }
        None => String::new(),
    };
    let text = |s: &str| script_safe_json(&serde_json::Value::from(s));
    let (base, path) = (text(host.origin()), text(&options.token_path));
    let container = text(&options.container);
    let get_token = token_fetch(&path, "\"GET\"");
    Ok(format!(
        "<script{nonce}>{QUEUE_STUB}UnthreadPortal(\"boot\",{{baseUrl:{base},\
         getToken:function(){{{get_token}}},container:{container}}});\
         </script><script{nonce} src=\"{origin}/embed.js\" async></script>",
        origin = host.origin(),
    ))
}

/// Unthread's queue stub, as its snippet defines it: calls made before `embed.js` has loaded
/// wait in `UnthreadPortal.q`. The browser module (`unthread-identity/browser`) runs this same
/// text ([`crate::browser_module`]).
pub(crate) const QUEUE_STUB: &str = "window.UnthreadPortal=window.UnthreadPortal||function(){\
    (window.UnthreadPortal.q=window.UnthreadPortal.q||[]).push(arguments)};";

/// The body of `getToken`: a fetch of the token endpoint that is never cached, resolves the
/// JWT, `null` on 401 (nobody is logged in), and rejects with the status otherwise. `path` and
/// `method` are JavaScript expressions: JSON text in the snippet, parameters in the browser
/// module, so both run this one text.
pub(crate) fn token_fetch(path: &str, method: &str) -> String {
    format!(
        "return fetch({path},{{method:{method},credentials:\"same-origin\",cache:\"no-store\"}})\
         .then(function(r){{if(r.status===401){{return null}}if(!r.ok){{throw new Error(\
         \"unthread-identity: the token endpoint answered \"+r.status)}}\
         return r.json().then(function(d){{return d.jwt}})}})"
    )
}

/// A path on the page's own origin: `/` first, then printable ASCII without `\`, and never
/// `//` or `/\` at the start (which a browser reads as another host).
pub(crate) fn check_token_path(path: &str) -> Result<(), Error> {
    let bytes = path.as_bytes();
    let ok = bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/' | b'\\'))
        && path.len() <= MAX_OPTION_LEN
        && bytes
            .iter()
            .all(|&b| (0x21..=0x7e).contains(&b) && b != b'\\');
    if ok {
        Ok(())
    } else {
        Err(Error::option(
            "token path",
            "expected a path on this site, such as /api/portal-token (it starts with one '/', \
             and holds printable ASCII without spaces or '\\')",
        ))
    }
}

/// A CSS selector: any text without control characters, at most 2 KiB (it is written as JSON,
/// so no character can break out).
pub(crate) fn check_container(container: &str) -> Result<(), Error> {
    let ok = !container.trim().is_empty()
        && container.len() <= MAX_OPTION_LEN
        && !container.chars().any(char::is_control);
    if ok {
        Ok(())
    } else {
        Err(Error::option(
            "container",
            "expected a CSS selector such as #portal, without control characters",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_is_exact_and_escaped() {
        let host = PortalHost::new("help.acme.unthread.io").unwrap();
        let options = BootOptions {
            container: "</script><b>".into(),
            ..BootOptions::default()
        };
        let html = boot_script(&host, &options).unwrap();
        assert_eq!(html.matches("</script>").count(), 2, "{html}");
        assert!(html.contains(r#"container:"\u003c/script\u003e\u003cb\u003e""#));
        assert!(!html.contains("<b>"));
        let code = &html["<script>".len()..html.find("</script>").unwrap()];
        assert!(!code.contains(['<', '>', '&']), "{code}");
    }

    #[test]
    fn paths_stay_on_this_origin() {
        for good in ["/api/portal-token", "/t", "/a/b?c=d&e=%20", "/"] {
            assert!(check_token_path(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "api/portal-token",
            "//evil.example/t",
            "/\\evil.example",
            "https://evil.example/t",
            "/a b",
            "/a\nb",
            "/é",
            "javascript:alert(1)",
        ] {
            assert!(check_token_path(bad).is_err(), "{bad}");
        }
        for bad in ["", " ", "#a\nb", "#a\u{0}"] {
            assert!(check_container(bad).is_err(), "{bad:?}");
        }
    }
}
