//! The Content-Security-Policy sources that the portal needs.
//!
//! Unthread's docs: the portal needs `https://YOUR_SUBDOMAIN.unthread.io` in `script-src`,
//! `connect-src` and `frame-src`. The rendered start and stop scripts are inline, so a page with
//! a CSP also needs their nonce in `script-src`.

use crate::error::Error;
use crate::script::check_nonce;

/// The portal's domain, under which each workspace has its subdomain.
pub const PORTAL_DOMAIN: &str = "unthread.io";

/// The CSP sources for one portal, `https://SUBDOMAIN.unthread.io`.
///
/// ```
/// use unthread_identity::PortalCsp;
/// let csp = PortalCsp::new("acme")?;
/// assert_eq!(csp.origin(), "https://acme.unthread.io");
/// assert_eq!(
///     csp.header(Some("cmFuZG9t"))?,
///     "script-src 'self' 'nonce-cmFuZG9t' https://acme.unthread.io; \
///      connect-src 'self' https://acme.unthread.io; frame-src https://acme.unthread.io"
/// );
/// assert!(PortalCsp::new("acme.evil.com").is_err());
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalCsp {
    origin: String,
}

impl PortalCsp {
    /// The sources for the portal of `subdomain`: `acme`, `acme.unthread.io` or
    /// `https://acme.unthread.io`. Anything else (another domain, a path, a port) is
    /// `InvalidOption`: a CSP source is no place for free text.
    pub fn new(subdomain: &str) -> Result<Self, Error> {
        let host = subdomain.strip_prefix("https://").unwrap_or(subdomain);
        let host = host.strip_suffix('/').unwrap_or(host);
        let label = host
            .strip_suffix(PORTAL_DOMAIN)
            .and_then(|rest| rest.strip_suffix('.'))
            .unwrap_or(host)
            .to_ascii_lowercase();
        let valid = (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !valid {
            return Err(Error::InvalidPortalSubdomain);
        }
        Ok(PortalCsp {
            origin: format!("https://{label}.{PORTAL_DOMAIN}"),
        })
    }

    /// `https://SUBDOMAIN.unthread.io`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The directives and the source each needs, to merge into an existing policy.
    pub fn directives(&self) -> [(&'static str, &str); 3] {
        [
            ("script-src", &self.origin),
            ("connect-src", &self.origin),
            ("frame-src", &self.origin),
        ]
    }

    /// A complete header value for a page that has no policy of its own: the portal's sources,
    /// `'self'` for the page's own scripts and requests, and the nonce of the inline scripts.
    pub fn header(&self, nonce: Option<&str>) -> Result<String, Error> {
        let nonce = match nonce {
            Some(nonce) => {
                check_nonce(nonce)?;
                format!(" 'nonce-{nonce}'")
            }
            None => String::new(),
        };
        let origin = &self.origin;
        Ok(format!(
            "script-src 'self'{nonce} {origin}; connect-src 'self' {origin}; frame-src {origin}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subdomain_forms() {
        for form in [
            "acme",
            "ACME",
            "acme.unthread.io",
            "https://acme.unthread.io/",
        ] {
            assert_eq!(
                PortalCsp::new(form).unwrap().origin(),
                "https://acme.unthread.io"
            );
        }
        for bad in [
            "",
            "-acme",
            "acme-",
            "a b",
            "acme.evil.com",
            "acme.unthread.io:8443",
            "x;script-src *",
            "http://acme.unthread.io",
        ] {
            assert!(PortalCsp::new(bad).is_err(), "{bad}");
        }
    }
}
