//! The identity verification secret: loading, redaction, zeroizing and fingerprinting.

use std::fmt;
use std::path::Path;

use zeroize::Zeroizing;

use crate::error::Error;
use crate::key::Key;

/// The environment variable [`Secret::from_env`] reads.
pub const DEFAULT_SECRET_VARIABLE: &str = "UNTHREAD_IDENTITY_SECRET";

/// Prefixes of environment variables that frontend bundlers (Next.js, Vite, Create React App,
/// Expo, Gatsby, Nuxt, SvelteKit/Astro) inline into the JavaScript they send to browsers.
pub const BROWSER_EXPOSED_PREFIXES: [&str; 7] = [
    "NEXT_PUBLIC_",
    "VITE_",
    "REACT_APP_",
    "EXPO_PUBLIC_",
    "GATSBY_",
    "NUXT_PUBLIC_",
    "PUBLIC_",
];

/// The identity verification secret generated when the portal settings are saved.
///
/// It never leaves the server: whoever holds it can impersonate every user. `Debug` and
/// `Display` show only its [fingerprint](Secret::fingerprint), and its bytes are overwritten
/// with zeros when it is dropped.
///
/// ```
/// use unthread_identity::Secret;
/// let secret = Secret::new("demo-secret")?;
/// assert!(!format!("{secret:?} {secret}").contains("demo-secret"));
/// # Ok::<(), unthread_identity::Error>(())
/// ```
pub struct Secret {
    bytes: Zeroizing<Vec<u8>>,
}

impl Secret {
    /// Takes the secret's bytes (a `String`, `&str`, `Vec<u8>` or `&[u8]`). An owned value is
    /// moved in, not copied, so no stray copy is left behind. An empty secret is an error.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Result<Self, Error> {
        let bytes = Zeroizing::new(bytes.into());
        if bytes.is_empty() {
            return Err(Error::EmptySecret);
        }
        Ok(Secret { bytes })
    }

    /// Reads the secret from `UNTHREAD_IDENTITY_SECRET`.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_env_var(DEFAULT_SECRET_VARIABLE)
    }

    /// Reads the secret from the environment variable `name`.
    ///
    /// A name that frontend bundlers expose to browsers (see [`BROWSER_EXPOSED_PREFIXES`]) is
    /// refused before the variable is read, whatever it holds.
    ///
    /// ```
    /// use unthread_identity::{ErrorKind, Secret};
    /// let err = Secret::from_env_var("NEXT_PUBLIC_UNTHREAD_SECRET").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::ExposedSecretVariable);
    /// ```
    pub fn from_env_var(name: &str) -> Result<Self, Error> {
        check_variable_name(name)?;
        let value = std::env::var_os(name).ok_or_else(|| Error::MissingSecretVariable {
            name: name.to_owned(),
        })?;
        let value = value
            .into_string()
            .map_err(|_| Error::NonUnicodeSecretVariable {
                name: name.to_owned(),
            })?;
        Self::new(value)
    }

    /// Reads the secret from a file (a mounted secret-manager file, say). One trailing `\n` or
    /// `\r\n` is removed, as editors and `echo` add one; anything else is kept.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let mut bytes =
            Zeroizing::new(std::fs::read(path).map_err(|source| Error::SecretFile {
                path: path.to_owned(),
                source,
            })?);
        if bytes.ends_with(b"\n") {
            bytes.pop();
            if bytes.ends_with(b"\r") {
                bytes.pop();
            }
        }
        // `Zeroizing<Vec<u8>>` zeroizes its whole capacity on drop, the trimmed bytes included.
        if bytes.is_empty() {
            return Err(Error::EmptySecret);
        }
        Ok(Secret { bytes })
    }

    /// A short id of the secret that can be logged and compared, but not reversed.
    ///
    /// It is the first 6 bytes (12 lowercase hex digits) of
    /// `HMAC-SHA256(key = secret, message = "unthread-identity fingerprint v1")`. The message
    /// has no `@`, so it can never be an email that this SDK signs: a fingerprint is never part
    /// of a valid email hash.
    pub fn fingerprint(&self) -> Fingerprint {
        Key::new(self).fingerprint().clone()
    }

    pub(crate) fn expose(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret(fingerprint={})", self.fingerprint())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[redacted secret {}]", self.fingerprint())
    }
}

fn check_variable_name(name: &str) -> Result<(), Error> {
    let upper = name.to_ascii_uppercase();
    match BROWSER_EXPOSED_PREFIXES
        .iter()
        .find(|prefix| upper.starts_with(*prefix))
    {
        Some(prefix) => Err(Error::ExposedSecretVariable {
            name: name.to_owned(),
            prefix,
        }),
        None => Ok(()),
    }
}

/// The number of hex digits in a [`Fingerprint`].
pub const FINGERPRINT_LEN: usize = 12;

/// A short, non-reversible id of a secret: see [`Secret::fingerprint`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; FINGERPRINT_LEN]);

impl Fingerprint {
    pub(crate) fn from_tag(tag: &[u8; 32]) -> Self {
        let mut hex = [0u8; FINGERPRINT_LEN];
        hex::encode_to_slice(&tag[..FINGERPRINT_LEN / 2], &mut hex)
            .expect("the buffer is exactly twice the input");
        Fingerprint(hex)
    }

    /// The fingerprint as 12 lowercase hex digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("hex digits are ASCII")
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({})", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn empty_is_refused() {
        assert!(matches!(Secret::new(""), Err(Error::EmptySecret)));
        assert!(matches!(Secret::new(Vec::new()), Err(Error::EmptySecret)));
    }

    #[test]
    fn exposed_prefixes_are_refused_whatever_the_case() {
        for name in [
            "VITE_UNTHREAD",
            "next_public_secret",
            "PUBLIC_X",
            "GATSBY_A",
        ] {
            let err = Secret::from_env_var(name).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::ExposedSecretVariable, "{name}");
            assert!(err.to_string().contains("browsers"));
        }
    }

    #[test]
    fn missing_variable_is_named() {
        let err = Secret::from_env_var("UNTHREAD_IDENTITY_TEST_SURELY_UNSET").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSecret);
        assert!(
            err.to_string()
                .contains("UNTHREAD_IDENTITY_TEST_SURELY_UNSET")
        );
    }

    #[test]
    fn file_loses_one_trailing_newline_only() {
        let dir = std::env::temp_dir().join(format!("uid-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (content, expected) in [
            (&b"abc\n"[..], &b"abc"[..]),
            (b"abc\r\n", b"abc"),
            (b"abc\n\n", b"abc\n"),
            (b" abc ", b" abc "),
        ] {
            let path = dir.join("s");
            std::fs::write(&path, content).unwrap();
            assert_eq!(Secret::from_file(&path).unwrap().expose(), expected);
        }
        std::fs::write(dir.join("e"), "\n").unwrap();
        assert!(matches!(
            Secret::from_file(dir.join("e")),
            Err(Error::EmptySecret)
        ));
        let err = Secret::from_file(dir.join("missing")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSecret);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn fingerprint_is_stable_and_short() {
        let a = Secret::new("a").unwrap().fingerprint();
        assert_eq!(a, Secret::new(b"a".to_vec()).unwrap().fingerprint());
        assert_ne!(a, Secret::new("b").unwrap().fingerprint());
        assert_eq!(a.as_str().len(), FINGERPRINT_LEN);
    }
}
