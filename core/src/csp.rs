//! The Content-Security-Policy sources that the portal needs.
//!
//! Unthread's docs: the portal needs its origin (`https://YOUR_SUBDOMAIN.unthread.io`, or the
//! embedded portal's `https://help.YOUR_SUBDOMAIN.unthread.io`, or a custom domain) in
//! `script-src` (its `embed.js`), `connect-src` and `frame-src`. The rendered scripts are
//! inline, so a page with a CSP also needs their nonce in `script-src`.
//!
//! An app may have both portals (the classic one on some pages, the embedded one on others):
//! [`PortalCsp::with_host`] names both. A development server that evaluates code (`next dev`,
//! React's development build) needs `'unsafe-eval'`: [`CspOptions::development`]. And an app
//! that already sends a policy gets the portal's sources merged into it
//! ([`CspOptions::policy`]) rather than a second header.

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
    hosts: Vec<PortalHost>,
}

/// How [`PortalCsp::policy`] writes the header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CspOptions<'a> {
    /// The nonce of the page's inline scripts, added to `script-src`.
    pub nonce: Option<&'a str>,
    /// Adds `'unsafe-eval'` to `script-src`, which a development server needs (`next dev`,
    /// React's development build). Never in production: it lets a string run as code.
    pub development: bool,
    /// The app's own policy, to which the portal's sources are added (see
    /// [`PortalCsp::policy`]); `None` for the complete policy of [`PortalCsp::header`].
    pub policy: Option<&'a str>,
}

/// The longest existing policy accepted, in bytes.
const MAX_POLICY_LEN: usize = 8192;

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

    /// The same sources for one more portal: the classic and the embedded portal, say.
    ///
    /// ```
    /// use unthread_identity::{PortalCsp, PortalHost};
    /// let both = PortalCsp::new("acme")?.with_host(PortalHost::new("help.acme.unthread.io")?);
    /// assert!(both.header(None)?.starts_with(
    ///     "script-src 'self' https://acme.unthread.io https://help.acme.unthread.io;"
    /// ));
    /// # Ok::<(), unthread_identity::Error>(())
    /// ```
    #[must_use]
    pub fn with_host(mut self, host: PortalHost) -> Self {
        if !self.hosts.contains(&host) {
            self.hosts.push(host);
        }
        self
    }

    /// `https://HOST[:PORT]` of the first portal.
    pub fn origin(&self) -> &str {
        self.hosts[0].origin()
    }

    /// The origins of every portal, in the order given.
    pub fn origins(&self) -> impl ExactSizeIterator<Item = &str> {
        self.hosts.iter().map(PortalHost::origin)
    }

    /// The directives and the source each needs (for the first portal), to merge into an
    /// existing policy by hand; [`PortalCsp::policy`] does it for every portal.
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
        self.policy(&CspOptions {
            nonce,
            ..CspOptions::default()
        })
    }

    /// The header value with these options: [`PortalCsp::header`]'s complete policy, or, with
    /// [`CspOptions::policy`], the app's own policy with the portal's sources added. Each of
    /// `script-src` (with the nonce, and `'unsafe-eval'` in development), `connect-src` and
    /// `frame-src` gets the origins it lacks; a directive the policy does not have is added
    /// only where the policy restricts it through its fallback (`default-src`, and
    /// `child-src` for frames), starting from the fallback's sources, so that nothing the page
    /// allowed is taken away; `'none'` is dropped from a directive that gains a source.
    ///
    /// ```
    /// use unthread_identity::{CspOptions, PortalCsp};
    /// let csp = PortalCsp::new("help.acme.unthread.io")?;
    /// let merged = csp.policy(&CspOptions {
    ///     nonce: Some("cmFuZG9t"),
    ///     policy: Some("default-src 'self'; img-src *; frame-src 'none'"),
    ///     ..CspOptions::default()
    /// })?;
    /// assert_eq!(
    ///     merged,
    ///     "default-src 'self'; img-src *; frame-src https://help.acme.unthread.io; \
    ///      script-src 'self' 'nonce-cmFuZG9t' https://help.acme.unthread.io; \
    ///      connect-src 'self' https://help.acme.unthread.io"
    /// );
    /// # Ok::<(), unthread_identity::Error>(())
    /// ```
    pub fn policy(&self, options: &CspOptions<'_>) -> Result<String, Error> {
        if let Some(nonce) = options.nonce {
            check_nonce(nonce)?;
        }
        let mut script: Vec<String> = Vec::new();
        if let Some(nonce) = options.nonce {
            script.push(format!("'nonce-{nonce}'"));
        }
        if options.development {
            script.push("'unsafe-eval'".to_owned());
        }
        let origins: Vec<String> = self.origins().map(str::to_owned).collect();
        script.extend(origins.iter().cloned());
        let Some(policy) = options.policy else {
            let list = |sources: &[String]| sources.join(" ");
            return Ok(format!(
                "script-src 'self' {}; connect-src 'self' {}; frame-src {}; object-src 'none'; \
                 base-uri 'self'",
                list(&script),
                list(&origins),
                list(&origins)
            ));
        };
        let mut directives = parse_policy(policy)?;
        for (name, fallbacks, add) in [
            ("script-src", &["default-src"][..], &script),
            ("connect-src", &["default-src"][..], &origins),
            ("frame-src", &["child-src", "default-src"][..], &origins),
        ] {
            let at = match directives.iter().position(|(n, _)| n == name) {
                Some(at) => at,
                None => {
                    let Some(from) = fallbacks
                        .iter()
                        .find_map(|f| directives.iter().find(|(n, _)| n == f))
                    else {
                        continue; // not restricted: the portal is allowed already
                    };
                    let sources = from.1.clone();
                    directives.push((name.to_owned(), sources));
                    directives.len() - 1
                }
            };
            let sources = &mut directives[at].1;
            sources.retain(|s| !s.eq_ignore_ascii_case("'none'"));
            for source in add {
                if !sources.iter().any(|s| s == source) {
                    sources.push(source.clone());
                }
            }
        }
        Ok(directives
            .iter()
            .map(|(name, sources)| {
                std::iter::once(name.as_str())
                    .chain(sources.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("; "))
    }
}

/// An existing policy as its directives, names lowercased, sources as written. One policy
/// only (no `,`), printable ASCII, at most 8 KiB: a header value the app sends.
fn parse_policy(policy: &str) -> Result<Vec<(String, Vec<String>)>, Error> {
    let invalid = |reason: &str| Error::option("policy", reason.to_owned());
    if policy.len() > MAX_POLICY_LEN {
        return Err(invalid("expected a policy of at most 8 KiB"));
    }
    if !policy
        .bytes()
        .all(|b| (0x20..=0x7e).contains(&b) || b == b'\t')
    {
        return Err(invalid(
            "expected a Content-Security-Policy header value: printable ASCII, no line breaks",
        ));
    }
    if policy.contains(',') {
        return Err(invalid(
            "expected one policy: a ',' joins two, which each apply (send the portal's sources in the one that restricts them)",
        ));
    }
    let mut directives: Vec<(String, Vec<String>)> = Vec::new();
    for directive in policy.split(';') {
        let mut tokens = directive.split_ascii_whitespace();
        let Some(name) = tokens.next() else { continue };
        let name = name.to_ascii_lowercase();
        // A repeated directive is ignored by browsers after its first occurrence: keep that.
        if directives.iter().any(|(n, _)| *n == name) {
            continue;
        }
        directives.push((name, tokens.map(str::to_owned).collect()));
    }
    Ok(directives)
}

impl From<PortalHost> for PortalCsp {
    fn from(host: PortalHost) -> Self {
        PortalCsp { hosts: vec![host] }
    }
}
