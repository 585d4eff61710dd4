//! Which pages may fetch a token: the allowed-origins check of every token endpoint.
//!
//! The embedded portal loads only on allowed origins; the endpoint that mints its tokens
//! refuses the others in the same way, so that a page on another site cannot obtain a token
//! with the user's cookies. The rule, once for every integration:
//!
//! - a request with one `Origin` header is allowed when that origin is in the list (compared
//!   after lowercasing scheme and host; `null` is never in the list);
//! - a request without one (a same-origin `GET` in Chromium, or a non-browser client) is
//!   allowed when it has no `Sec-Fetch-Site`, or one that says `same-origin` or `none`
//!   (compared without regard to case);
//! - everything else is foreign and fails closed: two `Origin` headers (even equal ones), an
//!   `Origin` that is not UTF-8 or not an origin, two `Sec-Fetch-Site` headers, or one whose
//!   value is unknown.
//!
//! The rule reads the raw header values (bytes, every occurrence), so that no framework's
//! choice (the first of two headers, a lossy decoding) can change the answer.

use serde::de::{self, Deserialize, Deserializer};

use crate::error::Error;

/// The origins allowed to fetch a token, checked once when configured.
///
/// ```
/// use unthread_identity::AllowedOrigins;
/// let allowed = AllowedOrigins::new(["https://app.example.com"])?;
/// assert!(allowed.allows(Some("https://app.example.com"), None));
/// assert!(!allowed.allows(Some("https://evil.example"), Some("cross-site")));
/// assert!(allowed.allows(None, Some("same-origin")));
/// assert!(!allowed.allows(None, Some("cross-site")));
/// assert!(AllowedOrigins::new(["https://app.example.com/"]).is_err()); // a path is not an origin
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedOrigins(Vec<String>);

impl AllowedOrigins {
    /// The list, each entry `scheme://host[:port]` with `http` or `https` and nothing after
    /// the host (no path, not even `/`). Refused when empty, or with `*` or a malformed entry.
    pub fn new<I>(origins: I) -> Result<Self, Error>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let origins = origins
            .into_iter()
            .map(|origin| normalize(origin.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        if origins.is_empty() {
            return Err(Error::option(
                "allowed origins",
                "allowed origins must list at least one origin, such as https://app.example.com"
                    .to_owned(),
            ));
        }
        Ok(AllowedOrigins(origins))
    }

    /// Whether a request with at most one `Origin` and one `Sec-Fetch-Site` header may
    /// receive a token (see [`AllowedOrigins::allows_headers`] for raw, repeated headers).
    pub fn allows(&self, origin: Option<&str>, sec_fetch_site: Option<&str>) -> bool {
        self.allows_headers(origin.map(str::as_bytes), sec_fetch_site.map(str::as_bytes))
    }

    /// Whether a request may receive a token, from every value of its `Origin` headers and
    /// every value of its `Sec-Fetch-Site` headers, as the bytes that arrived.
    ///
    /// ```
    /// use unthread_identity::AllowedOrigins;
    /// let allowed = AllowedOrigins::new(["https://app.example.com"])?;
    /// let app: &[u8] = b"https://app.example.com";
    /// assert!(allowed.allows_headers([app], []));
    /// assert!(!allowed.allows_headers([app, app], [])); // two Origin headers
    /// assert!(!allowed.allows_headers([&b"https://app.example.com\xff"[..]], []));
    /// assert!(!allowed.allows_headers([], [&b"CROSS-SITE"[..]]));
    /// assert!(allowed.allows_headers([], [&b"same-origin"[..]]));
    /// # Ok::<(), unthread_identity::Error>(())
    /// ```
    pub fn allows_headers<'a, O, S>(&self, origin: O, sec_fetch_site: S) -> bool
    where
        O: IntoIterator<Item = &'a [u8]>,
        S: IntoIterator<Item = &'a [u8]>,
    {
        match one(origin) {
            One::Value(origin) => std::str::from_utf8(origin)
                .ok()
                .and_then(|origin| normalize(origin).ok())
                .is_some_and(|o| self.0.contains(&o)),
            One::Many => false,
            One::None => same_site(sec_fetch_site),
        }
    }

    /// The origins, normalized.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

/// The byte of one character of an HTTP header value that a binding received as text: Node,
/// `fetch` and WSGI decode header bytes as Latin-1, so a character up to U+00FF is that byte. A
/// character above it cannot have come from the wire; it becomes 0xFF, which no origin holds.
fn header_byte(character: char) -> u8 {
    u8::try_from(u32::from(character)).unwrap_or(0xFF)
}

/// The name under which [`HeaderValues`] asks a reader for a header's values.
pub(crate) const HEADER_VALUES: &str = "$unthread_identity::HeaderValues";
/// The name under which one value of [`HeaderValues`] is asked for.
pub(crate) const HEADER_VALUE: &str = "$unthread_identity::HeaderValue";

/// Every value of one request header (`Origin`, `Sec-Fetch-Site`) as bytes, as a binding
/// received them: none (`null`, `None`), one, or a list of them when the header came more than
/// once. A value is text (each character one byte, as Node, `fetch` and WSGI decode the wire) or
/// bytes (ASGI).
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct HeaderValues(pub Vec<Vec<u8>>);

impl HeaderValues {
    /// The values, as [`AllowedOrigins::allows_headers`] takes them.
    pub fn slices(&self) -> impl Iterator<Item = &[u8]> {
        self.0.iter().map(Vec::as_slice)
    }
}

struct HeaderVisitor;

impl<'de> de::Visitor<'de> for HeaderVisitor {
    type Value = HeaderValues;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("header values")
    }
    fn visit_none<E: de::Error>(self) -> Result<HeaderValues, E> {
        Ok(HeaderValues::default())
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<HeaderValues, E> {
        Ok(HeaderValues(vec![text.chars().map(header_byte).collect()]))
    }
    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<HeaderValues, E> {
        Ok(HeaderValues(vec![bytes.to_vec()]))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<HeaderValues, A::Error> {
        let mut values = Vec::new();
        while let Some(HeaderValue(mut one)) = seq.next_element()? {
            values.append(&mut one.0);
        }
        Ok(HeaderValues(values))
    }
}

impl<'de> Deserialize<'de> for HeaderValues {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(HEADER_VALUES, HeaderVisitor)
    }
}

/// One value of a list of them (text or bytes, never a list).
struct HeaderValue(HeaderValues);

impl<'de> Deserialize<'de> for HeaderValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_newtype_struct(HEADER_VALUE, HeaderVisitor)
            .map(HeaderValue)
    }
}

/// Whether a request with no allowed-origin list to check may go on: at most one `Origin`
/// (which cannot be compared without a list), and a `Sec-Fetch-Site` that is absent (an older
/// browser, a server), `same-origin` or `none` (typed in the address bar).
pub(crate) fn same_origin_only<'a>(
    origin: impl IntoIterator<Item = &'a [u8]>,
    sec_fetch_site: impl IntoIterator<Item = &'a [u8]>,
) -> bool {
    !matches!(one(origin), One::Many) && same_site(sec_fetch_site)
}

fn same_site<'a>(sec_fetch_site: impl IntoIterator<Item = &'a [u8]>) -> bool {
    match one(sec_fetch_site) {
        One::None => true,
        One::Value(site) => {
            site.eq_ignore_ascii_case(b"same-origin") || site.eq_ignore_ascii_case(b"none")
        }
        One::Many => false,
    }
}

enum One<'a> {
    None,
    Value(&'a [u8]),
    Many,
}

/// The only value of a header, or none, or "more than one".
fn one<'a>(values: impl IntoIterator<Item = &'a [u8]>) -> One<'a> {
    let mut values = values.into_iter();
    match (values.next(), values.next()) {
        (None, _) => One::None,
        (Some(value), None) => One::Value(value),
        (Some(_), Some(_)) => One::Many,
    }
}

fn normalize(origin: &str) -> Result<String, Error> {
    let invalid = || {
        Error::option(
            "allowed origins",
            format!(
                "{:?} is not an origin: expected scheme://host[:port], such as https://app.example.com",
                origin.chars().take(64).collect::<String>()
            ),
        )
    };
    let (scheme, rest) = origin.split_once("://").ok_or_else(invalid)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(invalid());
    }
    // `host[:port]`, or `[ipv6][:port]`.
    let (host, port) = match rest.strip_prefix('[') {
        Some(v6) => {
            let (inside, after) = v6.split_once(']').ok_or_else(invalid)?;
            let ok =
                !inside.is_empty() && inside.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
            (
                if ok { "v6" } else { "" },
                after
                    .strip_prefix(':')
                    .or(Some(after).filter(|a| !a.is_empty())),
            )
        }
        None => match rest.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        },
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'));
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    if !host_ok || !port_ok {
        return Err(invalid());
    }
    Ok(format!("{scheme}://{}", rest.to_ascii_lowercase()))
}

/// A binding's list of origins (`allowedOrigins`), read as a list of strings, then checked.
impl crate::source::Checked for AllowedOrigins {
    type Input = Vec<String>;
    fn check(origins: Vec<String>) -> Result<Self, Error> {
        AllowedOrigins::new(origins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_exact_up_to_case() {
        let allowed =
            AllowedOrigins::new(["HTTPS://App.Example.com", "http://127.0.0.1:8080"]).unwrap();
        assert!(allowed.allows(Some("https://app.example.com"), Some("same-origin")));
        assert!(allowed.allows(Some("http://127.0.0.1:8080"), None));
        for other in [
            "https://app.example.com:444",
            "http://app.example.com",
            "https://app.example.com.evil.com",
            "null",
            "",
            "https://app.example.com/",
        ] {
            assert!(!allowed.allows(Some(other), None), "{other}");
        }
        assert!(allowed.allows(None, None));
        assert!(allowed.allows(None, Some("none")));
        assert!(!allowed.allows(None, Some("same-site")));
        for site in [
            "CROSS-SITE",
            "Same-Site",
            "cross-site, cross-site",
            "other",
            "",
            "same-origin ",
        ] {
            assert!(!allowed.allows(None, Some(site)), "{site}");
        }
        assert!(allowed.allows(None, Some("Same-Origin")));
        assert!(allowed.allows(None, Some("NONE")));
        let app: &[u8] = b"https://app.example.com";
        assert!(!allowed.allows_headers([app, app], []));
        assert!(!allowed.allows_headers([app, &b"https://evil.example"[..]], []));
        assert!(!allowed.allows_headers(
            [&b"https://app.example.com, https://app.example.com"[..]],
            []
        ));
        assert!(!allowed.allows_headers([&b"https://evil.example\xff"[..]], []));
        assert!(!allowed.allows_headers([&b"https://app.example.com\xff"[..]], []));
        let same: &[u8] = b"same-origin";
        assert!(!allowed.allows_headers([], [same, same]));
        assert!(allowed.allows_headers([app], [&b"cross-site"[..]]));
        for bad in [
            "*",
            "app.example.com",
            "ftp://x",
            "https://x/path",
            "https://",
            "https://x:99999a",
        ] {
            assert!(AllowedOrigins::new([bad]).is_err(), "{bad}");
        }
        assert!(AllowedOrigins::new(Vec::<String>::new()).is_err());
        assert!(AllowedOrigins::new(["http://[::1]:3000", "http://[::1]"]).is_ok());
        assert!(AllowedOrigins::new(["http://[::1]x"]).is_err());
    }
}
