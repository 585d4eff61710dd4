//! The Content-Security-Policy sources that the portal needs.
//!
//! Unthread's docs: the portal needs its origin (`https://YOUR_SUBDOMAIN.unthread.io`, or the
//! embedded portal's `https://help.YOUR_SUBDOMAIN.unthread.io`, or a custom domain) in
//! `script-src` (its `embed.js`), `connect-src` and `frame-src`. The rendered scripts are
//! inline, so a page with a CSP also needs their nonce in `script-src`.

use crate::error::Error;
use crate::portal::PortalHost;
use crate::script::check_nonce;

/// The CSP sources for one portal.
///
/// ```
/// use unthread_identity::PortalCsp;
/// let csp = PortalCsp::new("help.acme.unthread.io")?;
/// assert_eq!(csp.origin(), "https://help.acme.unthread.io");
/// assert_eq!(
///     csp.header(Some("cmFuZG9t"))?,
///     "script-src 'self' 'nonce-cmFuZG9t' https://help.acme.unthread.io; \
///      connect-src 'self' https://help.acme.unthread.io; \
///      frame-src https://help.acme.unthread.io; object-src 'none'; base-uri 'self'"
/// );
/// assert_eq!(PortalCsp::new("acme")?.origin(), "https://acme.unthread.io");
/// assert!(PortalCsp::new("acme.evil.com").is_err());
/// assert_eq!(
///     PortalCsp::custom_domain("https://support.acme.com")?.origin(),
///     "https://support.acme.com"
/// );
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalCsp {
    host: PortalHost,
}

impl PortalCsp {
    /// The sources for a portal under `unthread.io`, in any form [`PortalHost::new`] takes
    /// (`acme`, `acme.unthread.io`, `help.acme.unthread.io`, with or without `https://`).
    pub fn new(host: &str) -> Result<Self, Error> {
        PortalHost::new(host).map(Self::from)
    }

    /// The sources for a portal on a custom domain (see [`PortalHost::custom_domain`]).
    pub fn custom_domain(origin: &str) -> Result<Self, Error> {
        PortalHost::custom_domain(origin).map(Self::from)
    }

    /// `https://HOST[:PORT]`.
    pub fn origin(&self) -> &str {
        self.host.origin()
    }

    /// The directives and the source each needs, to merge into an existing policy.
    pub fn directives(&self) -> [(&'static str, &str); 3] {
        let origin = self.origin();
        [
            ("script-src", origin),
            ("connect-src", origin),
            ("frame-src", origin),
        ]
    }

    /// A complete header value for a page that has no policy of its own: the portal's sources,
    /// `'self'` for the page's own scripts and requests, the nonce of the inline scripts, no
    /// plugins (`object-src 'none'`) and no `<base>` pointing elsewhere (`base-uri 'self'`).
    pub fn header(&self, nonce: Option<&str>) -> Result<String, Error> {
        let nonce = match nonce {
            Some(nonce) => {
                check_nonce(nonce)?;
                format!(" 'nonce-{nonce}'")
            }
            None => String::new(),
        };
        let origin = self.origin();
        Ok(format!(
            "script-src 'self'{nonce} {origin}; connect-src 'self' {origin}; \
             frame-src {origin}; object-src 'none'; base-uri 'self'"
        ))
    }
}

impl From<PortalHost> for PortalCsp {
    fn from(host: PortalHost) -> Self {
        PortalCsp { host }
    }
}
