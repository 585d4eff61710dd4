//! Where the portal is served from: one validated `https` origin, for the CSP helper
//! ([`PortalCsp`](crate::PortalCsp)) and the embedded portal's boot snippet
//! ([`boot_script`](crate::boot_script)).
//!
//! Unthread serves a workspace's portals from `https://<workspace>.unthread.io` (the Customer
//! Portal) and `https://help.<workspace>.unthread.io` (the embedded portal), or from a custom
//! domain the workspace configured (`https://support.acme.com`). A host under `unthread.io` is
//! accepted in any of its forms; any other host only through
//! [`PortalHost::custom_domain`], so that a typo cannot silently point a CSP or a script tag at
//! another site.

use crate::error::Error;

/// The portal's domain, under which each workspace has its hosts.
pub const PORTAL_DOMAIN: &str = "unthread.io";

/// The longest host name (RFC 1035).
pub(crate) const MAX_HOST_LEN: usize = 253;

/// A portal's origin, `https://HOST[:PORT]`, validated label by label.
///
/// ```
/// use unthread_identity::PortalHost;
/// for form in ["acme", "acme.unthread.io", "https://acme.unthread.io/"] {
///     assert_eq!(PortalHost::new(form)?.origin(), "https://acme.unthread.io");
/// }
/// let embedded = PortalHost::new("https://help.acme.unthread.io")?;
/// assert_eq!(embedded.origin(), "https://help.acme.unthread.io");
/// assert!(PortalHost::new("support.acme.com").is_err()); // not unthread.io: say so explicitly
/// let custom = PortalHost::custom_domain("https://support.acme.com")?;
/// assert_eq!(custom.origin(), "https://support.acme.com");
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalHost {
    origin: String,
}

impl PortalHost {
    /// A host under `unthread.io`: the workspace alone (`acme`, read as `acme.unthread.io`),
    /// or a full host of any depth (`acme.unthread.io`, `help.acme.unthread.io`), each with or
    /// without `https://` and a trailing `/`. No port, path, query or other scheme.
    pub fn new(host: &str) -> Result<Self, Error> {
        let invalid = || Error::InvalidPortalHost {
            custom_domain: false,
        };
        let host = strip(host).ok_or_else(invalid)?.to_ascii_lowercase();
        let full = if host.contains('.') {
            host
        } else {
            format!("{host}.{PORTAL_DOMAIN}")
        };
        let under = full
            .strip_suffix(PORTAL_DOMAIN)
            .and_then(|rest| rest.strip_suffix('.'))
            .ok_or_else(invalid)?;
        if !valid_host(&full) || under.is_empty() {
            return Err(invalid());
        }
        Ok(PortalHost {
            origin: format!("https://{full}"),
        })
    }

    /// A custom domain the workspace configured in Unthread: `https://support.acme.com` (or
    /// without the scheme), a host name of at least two labels, with a port only when one is
    /// given (`:8443`). No path, no wildcard, no IP address, no other scheme.
    pub fn custom_domain(origin: &str) -> Result<Self, Error> {
        let invalid = || Error::InvalidPortalHost {
            custom_domain: true,
        };
        let authority = strip(origin).ok_or_else(invalid)?.to_ascii_lowercase();
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority.as_str(), None),
        };
        let port_ok = port.is_none_or(|p| {
            !p.is_empty()
                && p.len() <= 5
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n > 0)
        });
        let labels = host.split('.').count();
        if !port_ok || labels < 2 || ends_in_a_number(host) || !valid_host(host) {
            return Err(invalid());
        }
        Ok(PortalHost {
            origin: format!("https://{authority}"),
        })
    }

    /// [`PortalHost::custom_domain`] when `custom_domain` is set, else [`PortalHost::new`]: what
    /// the bindings' `customDomain` / `custom_domain` option chooses.
    pub fn parse(host: &str, custom_domain: bool) -> Result<Self, Error> {
        if custom_domain {
            Self::custom_domain(host)
        } else {
            Self::new(host)
        }
    }

    /// `https://HOST[:PORT]`, lowercase.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

/// The authority of `https://AUTHORITY[/]` or `AUTHORITY[/]`; `None` for another scheme or
/// anything after the authority.
fn strip(text: &str) -> Option<&str> {
    let rest = match text.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => rest,
        Some(_) => return None,
        None => text,
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    (!rest.is_empty() && !rest.contains(['/', '?', '#', '@', '\\'])).then_some(rest)
}

/// Whether a browser reads `host` as an IPv4 address: the WHATWG URL standard's "ends in a
/// number" check, so that `0x7f.0x1`, `1.2.3.0x4`, `0177.1` and `2130706433` are addresses
/// (of 127.0.0.1 and so on), not domains. The last label (after one trailing dot) is a number
/// when it is all decimal digits, or `0x`/`0X` followed by hex digits only (possibly none).
pub(crate) fn ends_in_a_number(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    let last = host.rsplit('.').next().unwrap_or(host);
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let hex = last.strip_prefix("0x").or_else(|| last.strip_prefix("0X"));
    hex.is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A DNS host name: labels of 1 to 63 letters, digits and inner hyphens, 253 bytes at most.
fn valid_host(host: &str) -> bool {
    host.len() <= MAX_HOST_LEN
        && host.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unthread_hosts_in_every_form() {
        for (form, origin) in [
            ("acme", "https://acme.unthread.io"),
            ("ACME", "https://acme.unthread.io"),
            ("acme.unthread.io", "https://acme.unthread.io"),
            ("https://acme.unthread.io/", "https://acme.unthread.io"),
            ("help.acme.unthread.io", "https://help.acme.unthread.io"),
            (
                "HTTPS://Help.Acme.Unthread.io",
                "https://help.acme.unthread.io",
            ),
            ("a.b.c.unthread.io", "https://a.b.c.unthread.io"),
        ] {
            assert_eq!(PortalHost::new(form).unwrap().origin(), origin, "{form}");
        }
        for bad in [
            "",
            "-acme",
            "acme-",
            "a b",
            "acme.evil.com",
            "unthread.io",
            "https://unthread.io",
            "acme.unthread.io.evil.com",
            "evilunthread.io",
            "acme.unthread.io:8443",
            "x;script-src *",
            "http://acme.unthread.io",
            "https://acme.unthread.io/embed.js",
            "help..acme.unthread.io",
            "*.acme.unthread.io",
            "acme.unthread.io?x",
            "user@acme.unthread.io",
            "acme\"unthread.io",
        ] {
            assert!(PortalHost::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn custom_domains_only_when_asked() {
        for (form, origin) in [
            ("https://support.acme.com", "https://support.acme.com"),
            ("support.acme.com/", "https://support.acme.com"),
            (
                "https://Support.Acme.com:8443",
                "https://support.acme.com:8443",
            ),
        ] {
            assert_eq!(PortalHost::custom_domain(form).unwrap().origin(), origin);
        }
        for bad in [
            "http://support.acme.com",
            "https://*.acme.com",
            "https://support.acme.com/portal",
            "https://localhost",
            "https://127.0.0.1",
            "https://support.acme.com:",
            "https://support.acme.com:0",
            "https://support.acme.com:99999",
            "https://support acme.com",
            "https://support.acme.com'",
            // The forms a browser parses as IPv4 (WHATWG URL, "ends in a number").
            "https://0x7f.0x1",
            "https://1.2.3.0x4",
            "https://0177.0.0.1",
            "https://acme.0x",
            "https://acme.0XfF",
            "https://2130706433.com.1",
        ] {
            assert!(PortalHost::custom_domain(bad).is_err(), "{bad}");
        }
    }
}
