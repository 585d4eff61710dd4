//! The identity verification secret: loading, validation, redaction and zeroizing.
//!
//! The ground floor with `error.rs`: it imports no other module of the crate. Its fingerprint
//! is an HMAC, so [`Secret::fingerprint`] is defined with the HMAC key, in `key.rs`.

use std::ffi::OsStr;
use std::fmt;
use std::io::Read;
use std::path::Path;

use zeroize::Zeroizing;

use crate::error::Error;

/// The environment variable [`Secret::from_env`] reads.
pub const DEFAULT_SECRET_VARIABLE: &str = "UNTHREAD_IDENTITY_SECRET";

/// Prefixes of environment variables that frontend tools inline into the JavaScript they send
/// to browsers. Each comes from its tool's documentation on exposing variables to the client:
///
/// | prefix | tool |
/// |---|---|
/// | `NEXT_PUBLIC_` | Next.js ("Bundling environment variables for the browser") |
/// | `VITE_` | Vite (`envPrefix` default) |
/// | `REACT_APP_` | Create React App ("Adding custom environment variables") |
/// | `EXPO_PUBLIC_` | Expo ("Environment variables in Expo") |
/// | `GATSBY_` | Gatsby ("Client-side JavaScript" environment variables) |
/// | `NUXT_PUBLIC_` | Nuxt 3 (`runtimeConfig.public` overrides) |
/// | `NUXT_ENV_` | Nuxt 2 (variables injected into the client) |
/// | `PUBLIC_` | SvelteKit (`$env/static/public`), Astro |
/// | `VUE_APP_` | Vue CLI ("only variables that start with `VUE_APP_` are embedded") |
/// | `NX_PUBLIC_` | Nx 19+ (variables available to the browser bundle) |
/// | `NG_APP_` | Angular through `@ngx-env/builder` |
/// | `STORYBOOK_` | Storybook ("Using environment variables") |
/// | `SNOWPACK_PUBLIC_` | Snowpack (`import.meta.env`) |
/// | `REDWOOD_ENV_` | RedwoodJS (variables available to the web side) |
/// | `SANITY_STUDIO_` | Sanity Studio ("Environment variables") |
/// | `RAZZLE_` | Razzle (client-side variables) |
/// | `PLASMO_PUBLIC_` | Plasmo (browser extension bundles) |
/// | `BUN_PUBLIC_` | Bun's bundler (`env: "BUN_PUBLIC_*"`) |
/// | `WXT_` | WXT (extension framework on Vite) |
/// | `TAURI_` | Tauri (`envPrefix` of its Vite templates: `TAURI_`, `TAURI_ENV_`) |
/// | `UMI_APP_` | Umi (variables available in the browser) |
/// | `GRIDSOME_` | Gridsome (client-side environment variables) |
/// | `PREACT_APP_` | Preact CLI (variables exposed to the bundle) |
/// | `RENDERER_VITE_` | electron-vite (the renderer's `envPrefix`) |
pub const BROWSER_EXPOSED_PREFIXES: [&str; 24] = [
    "NEXT_PUBLIC_",
    "VITE_",
    "REACT_APP_",
    "EXPO_PUBLIC_",
    "GATSBY_",
    "NUXT_PUBLIC_",
    "NUXT_ENV_",
    "PUBLIC_",
    "VUE_APP_",
    "NX_PUBLIC_",
    "NG_APP_",
    "STORYBOOK_",
    "SNOWPACK_PUBLIC_",
    "REDWOOD_ENV_",
    "SANITY_STUDIO_",
    "RAZZLE_",
    "PLASMO_PUBLIC_",
    "BUN_PUBLIC_",
    "WXT_",
    "TAURI_",
    "UMI_APP_",
    "GRIDSOME_",
    "PREACT_APP_",
    "RENDERER_VITE_",
];

/// Characters that copy-paste brings along unseen (soft hyphen, zero-width space, non-joiner
/// and joiner, word joiner, byte-order mark). They are not Unicode whitespace, so `trim` keeps
/// them, and one of them in a secret changes every hash and token as surely as a pasted
/// newline. The soft hyphen is here because word processors and web pages insert it at line
/// breaks and render it as nothing.
pub(crate) const INVISIBLE_CHARACTERS: [char; 6] = [
    '\u{00AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

/// The shortest key RFC 7518 §3.2 allows for HS256, in bytes: an embed secret shorter than
/// this gets a [`SecretWarning::ShortKey`] (not an error: demos use short secrets).
pub const MIN_HS256_KEY_LEN: usize = 32;

/// Which secret an environment variable should hold, for the message when it is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[doc(hidden)]
pub enum SecretRole {
    /// The identity verification secret (hash mode).
    Identity,
    /// The embedded portal's embed secret (token mode).
    Embed,
}

impl SecretRole {
    pub(crate) const fn describe(self) -> &'static str {
        match self {
            SecretRole::Identity => "the identity verification secret",
            SecretRole::Embed => {
                "the embedded portal's embed secret (Unthread: Settings → Portal → Embed)"
            }
        }
    }
}

/// The largest secret file read, in bytes. Unthread's secret is one short line; anything larger
/// is the wrong file, and reading it whole would only waste memory.
pub const MAX_SECRET_FILE_LEN: usize = 4096;

/// Something about where a secret came from that is worth fixing, though it still works.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretWarning {
    /// The secret file can be read by its group or by other users.
    FileReadableByOthers {
        /// The file's permission bits (for example `0o644`).
        mode: u32,
    },
    /// An HS256 key shorter than [`MIN_HS256_KEY_LEN`] bytes (RFC 7518 §3.2).
    ShortKey {
        /// Its length in bytes.
        len: usize,
    },
}

impl fmt::Display for SecretWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretWarning::FileReadableByOthers { mode } => write!(
                f,
                "the secret file can be read by other users (mode {mode:o}); restrict it with \
                 chmod 600"
            ),
            SecretWarning::ShortKey { len } => write!(
                f,
                "the embed secret is {len} bytes; RFC 7518 (section 3.2) asks for at least \
                 {MIN_HS256_KEY_LEN} bytes for HS256: use the secret Unthread generated"
            ),
        }
    }
}

/// The identity verification secret generated when the portal settings are saved.
///
/// It never leaves the server: whoever holds it can impersonate every user. `Debug` and
/// `Display` show nothing of it (log its [fingerprint](Secret::fingerprint) instead), and its
/// bytes are overwritten with zeros when it is dropped.
///
/// ```
/// use unthread_identity::Secret;
/// let secret = Secret::new("demo-secret")?;
/// assert!(!format!("{secret:?} {secret}").contains("demo-secret"));
/// assert!(Secret::new("demo-secret\n").is_err()); // a pasted newline would change every hash
/// # Ok::<(), unthread_identity::Error>(())
/// ```
pub struct Secret {
    bytes: Zeroizing<Vec<u8>>,
    warnings: Vec<SecretWarning>,
    /// Whether the bytes are text (from `new`, the environment or a file), which `decode` may
    /// read as base64 or hex; raw bytes (`from_bytes`) are a key already.
    text: bool,
}

impl Secret {
    /// Takes a text secret, as the Unthread dashboard shows it. An owned `String` is moved in,
    /// not copied. It is refused when empty, only whitespace, or with leading or trailing
    /// whitespace: a newline pasted into an environment variable silently changes every hash.
    pub fn new(text: impl Into<String>) -> Result<Self, Error> {
        let bytes = Zeroizing::new(text.into().into_bytes());
        check_text(&bytes)?;
        Ok(Secret::of(bytes))
    }

    /// Takes the secret's raw bytes (a key that is not text). Only an empty key is refused.
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Result<Self, Error> {
        let bytes = Zeroizing::new(bytes.into());
        if bytes.is_empty() {
            return Err(Error::EmptySecret);
        }
        Ok(Secret {
            text: false,
            ..Secret::of(bytes)
        })
    }

    /// Reads the secret from `UNTHREAD_IDENTITY_SECRET`.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_env_var(DEFAULT_SECRET_VARIABLE)
    }

    /// Reads the secret from the environment variable `name`, as text (see [`Secret::new`]).
    ///
    /// A name that frontend bundlers expose to browsers (see [`BROWSER_EXPOSED_PREFIXES`]) is
    /// refused before the variable is read, whatever it holds. When `name` is not set but a
    /// variable that looks like this secret is set under such a name, the error names it.
    ///
    /// ```
    /// use unthread_identity::{ErrorKind, Secret};
    /// let err = Secret::from_env_var("NEXT_PUBLIC_UNTHREAD_SECRET").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::ExposedSecretVariable);
    /// ```
    pub fn from_env_var(name: &str) -> Result<Self, Error> {
        Self::from_env_var_in(&Process, name, SecretRole::Identity)
    }

    /// [`Secret::from_env_var`] in `env`, saying which secret is missing.
    #[doc(hidden)]
    pub fn from_env_var_in(
        env: &dyn Environment,
        name: &str,
        role: SecretRole,
    ) -> Result<Self, Error> {
        check_variable_name(name)?;
        let value = env.var(name).ok_or_else(|| Error::MissingSecretVariable {
            name: name.to_owned(),
            secret: role.describe(),
            exposed: exposed_lookalikes(env.names().into_iter()),
        })?;
        let value = Zeroizing::new(value.into_encoded_bytes());
        if std::str::from_utf8(&value).is_err() {
            return Err(Error::NonUnicodeSecretVariable {
                name: name.to_owned(),
            });
        }
        check_text(&value)?;
        Ok(Secret::of(value))
    }

    /// Reads a text secret from a file (a mounted secret-manager file, say).
    ///
    /// A UTF-8 byte-order mark and one trailing `\n` or `\r\n` are removed, as editors and `echo`
    /// add them; then the rules of [`Secret::new`] apply. Anything but a regular file (a FIFO,
    /// which would block, a directory, a device) is refused, and so is a file larger than
    /// [`MAX_SECRET_FILE_LEN`]. A file that other users can read gives a
    /// [warning](Secret::warnings).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let io_error = |source: std::io::Error| match source.kind() {
            std::io::ErrorKind::Unsupported => Error::NoFileSystem {
                path: path.to_owned(),
            },
            _ => Error::SecretFile {
                path: path.to_owned(),
                source,
            },
        };
        let not_regular = || Error::SecretFileNotRegular {
            path: path.to_owned(),
        };
        // Checked before opening: opening a FIFO for reading blocks until a writer comes.
        if !std::fs::metadata(path).map_err(io_error)?.is_file() {
            return Err(not_regular());
        }
        let file = std::fs::File::open(path).map_err(io_error)?;
        let metadata = file.metadata().map_err(io_error)?;
        if !metadata.is_file() {
            return Err(not_regular());
        }
        let mut bytes = Zeroizing::new(Vec::with_capacity(MAX_SECRET_FILE_LEN + 1));
        file.take(MAX_SECRET_FILE_LEN as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
        if bytes.len() > MAX_SECRET_FILE_LEN {
            return Err(Error::SecretFileTooLarge {
                path: path.to_owned(),
                limit: MAX_SECRET_FILE_LEN,
            });
        }
        // `Zeroizing<Vec<u8>>` zeroizes its whole capacity on drop, removed bytes included.
        if bytes.starts_with(b"\xef\xbb\xbf") {
            bytes.drain(..3);
        }
        if bytes.ends_with(b"\n") {
            bytes.pop();
            if bytes.ends_with(b"\r") {
                bytes.pop();
            }
        }
        check_text(&bytes)?;
        let mut secret = Secret::of(bytes);
        secret.warnings.extend(permission_warning(&metadata));
        Ok(secret)
    }

    /// What is worth fixing about where this secret came from (see [`SecretWarning`]).
    pub fn warnings(&self) -> &[SecretWarning] {
        &self.warnings
    }

    /// The key bytes that this text secret encodes, when the secret is documented as base64
    /// or hex. [`SecretEncoding::Text`] keeps it as it is, and so does a secret made with
    /// [`Secret::from_bytes`]: raw bytes are a key already, whatever the encoding says.
    ///
    /// This is a known trap: most HS256 secrets are used as the bytes of the string the
    /// dashboard shows, even when that string looks like base64. Decode only when the
    /// provider says so; `explain` on a token tells which of the two a token was signed with.
    ///
    /// ```
    /// use unthread_identity::{Secret, SecretEncoding};
    /// let key = Secret::new("c2VjcmV0LWJ5dGVz")?.decode(SecretEncoding::Base64)?;
    /// assert_eq!(key.fingerprint(), Secret::from_bytes(*b"secret-bytes")?.fingerprint());
    /// assert!(Secret::new("not base64!")?.decode(SecretEncoding::Base64).is_err());
    /// let raw = Secret::from_bytes(*b"not base64!")?;
    /// assert_eq!(raw.fingerprint(), raw.decode(SecretEncoding::Base64)?.fingerprint());
    /// # Ok::<(), unthread_identity::Error>(())
    /// ```
    pub fn decode(self, encoding: SecretEncoding) -> Result<Secret, Error> {
        let decoded = match encoding {
            _ if !self.text => return Ok(self),
            SecretEncoding::Text => return Ok(self),
            SecretEncoding::Base64 => decode_base64(&self.bytes),
            SecretEncoding::Hex => ::hex::decode(&*self.bytes).ok(),
        };
        let bytes = Zeroizing::new(decoded.ok_or(Error::SecretEncoding {
            encoding: encoding.as_str(),
        })?);
        if bytes.is_empty() {
            return Err(Error::EmptySecret);
        }
        Ok(Secret {
            bytes,
            warnings: self.warnings.clone(),
            text: false,
        })
    }

    fn of(bytes: Zeroizing<Vec<u8>>) -> Self {
        Secret {
            bytes,
            warnings: Vec::new(),
            text: true,
        }
    }

    /// Whether this secret is text that `decode` may read as base64 or hex.
    pub(crate) fn is_text(&self) -> bool {
        self.text
    }

    pub(crate) fn expose(&self) -> &[u8] {
        &self.bytes
    }

    /// A second copy, zeroized on drop like the first (a cloned `Signer` needs its own).
    pub(crate) fn duplicate(&self) -> Secret {
        Secret {
            bytes: Zeroizing::new(self.bytes.to_vec()),
            warnings: self.warnings.clone(),
            text: self.text,
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted secret]")
    }
}

/// How the text of a secret encodes its key bytes (see [`Secret::decode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SecretEncoding {
    /// The key is the UTF-8 bytes of the text (the default, and what Unthread's snippets do).
    #[default]
    Text,
    /// The text is base64 (standard or URL-safe alphabet, padding optional) of the key.
    Base64,
    /// The text is hex (either case) of the key.
    Hex,
}

impl SecretEncoding {
    /// `"text"`, `"base64"` or `"hex"`, the names the bindings take.
    pub const fn as_str(self) -> &'static str {
        match self {
            SecretEncoding::Text => "text",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Hex => "hex",
        }
    }
}

impl std::str::FromStr for SecretEncoding {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self, Error> {
        match name {
            "text" => Ok(SecretEncoding::Text),
            "base64" => Ok(SecretEncoding::Base64),
            "hex" => Ok(SecretEncoding::Hex),
            _ => Err(Error::UnknownSecretEncoding),
        }
    }
}

fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    use base64::Engine;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    let config =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    [
        GeneralPurpose::new(&base64::alphabet::STANDARD, config),
        GeneralPurpose::new(&base64::alphabet::URL_SAFE, config),
    ]
    .iter()
    .find_map(|engine| engine.decode(text).ok())
}

/// The rules for a secret given as text: not empty, no surrounding whitespace, no invisible
/// character anywhere (see [`INVISIBLE_CHARACTERS`]).
fn check_text(bytes: &[u8]) -> Result<(), Error> {
    let (blank, padded, invisible) = match std::str::from_utf8(bytes) {
        Ok(text) => (
            text.trim().is_empty(),
            text.trim().len() != text.len(),
            text.contains(INVISIBLE_CHARACTERS),
        ),
        // Not UTF-8 (a file of raw bytes): only ASCII whitespace can be recognised.
        Err(_) => (false, bytes.trim_ascii().len() != bytes.len(), false),
    };
    if blank {
        Err(Error::EmptySecret)
    } else if padded {
        Err(Error::SecretWhitespace)
    } else if invisible {
        Err(Error::SecretInvisibleCharacter)
    } else {
        Ok(())
    }
}

fn check_variable_name(name: &str) -> Result<(), Error> {
    match exposed_prefix(name) {
        Some(prefix) => Err(Error::ExposedSecretVariable {
            name: name.to_owned(),
            prefix,
        }),
        None => Ok(()),
    }
}

/// The browser-exposed prefix (see [`BROWSER_EXPOSED_PREFIXES`]) that the variable `name`
/// starts with, whatever its case.
///
/// ```
/// assert_eq!(unthread_identity::exposed_prefix("vite_unthread"), Some("VITE_"));
/// assert_eq!(unthread_identity::exposed_prefix("UNTHREAD_IDENTITY_SECRET"), None);
/// ```
pub fn exposed_prefix(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase();
    BROWSER_EXPOSED_PREFIXES
        .into_iter()
        .find(|prefix| upper.starts_with(prefix))
}

/// Whether the variable `name` looks like an Unthread secret under a browser-exposed prefix,
/// such as `NEXT_PUBLIC_UNTHREAD_SECRET`.
pub fn is_exposed_lookalike(name: &str) -> bool {
    exposed_prefix(name).is_some() && name.to_ascii_uppercase().contains("UNTHREAD")
}

/// Where a secret's environment variable is read: the process's own ([`Process`]), or the
/// variables a binding hands over (an edge runtime's `process.env`, which WebAssembly cannot
/// read itself).
#[doc(hidden)]
pub trait Environment {
    /// The variable's value, if it is set.
    fn var(&self, name: &str) -> Option<std::ffi::OsString>;
    /// The names of every variable that is set.
    fn names(&self) -> Vec<std::ffi::OsString>;
}

/// The process's environment (`std::env`).
#[doc(hidden)]
pub struct Process;

impl Environment for Process {
    fn var(&self, name: &str) -> Option<std::ffi::OsString> {
        std::env::var_os(name)
    }
    fn names(&self) -> Vec<std::ffi::OsString> {
        std::env::vars_os().map(|(name, _)| name).collect()
    }
}

impl Environment for std::collections::BTreeMap<String, String> {
    fn var(&self, name: &str) -> Option<std::ffi::OsString> {
        self.get(name).map(Into::into)
    }
    fn names(&self) -> Vec<std::ffi::OsString> {
        self.keys().map(Into::into).collect()
    }
}

/// Names (not values) of set variables that look like an Unthread secret under an exposed
/// prefix.
fn exposed_lookalikes(names: impl Iterator<Item = std::ffi::OsString>) -> Vec<String> {
    let mut found: Vec<String> = names
        .filter_map(|name| OsStr::to_str(&name).map(str::to_owned))
        .filter(|name| is_exposed_lookalike(name))
        .collect();
    found.sort();
    found
}

#[cfg(unix)]
fn permission_warning(metadata: &std::fs::Metadata) -> Option<SecretWarning> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o777;
    (mode & 0o044 != 0).then_some(SecretWarning::FileReadableByOthers { mode })
}

#[cfg(not(unix))]
fn permission_warning(_: &std::fs::Metadata) -> Option<SecretWarning> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn empty_or_blank_is_refused() {
        for text in ["", " ", "\n", "\u{a0}\t"] {
            assert!(
                matches!(Secret::new(text), Err(Error::EmptySecret)),
                "{text:?}"
            );
        }
        assert!(matches!(
            Secret::from_bytes(Vec::new()),
            Err(Error::EmptySecret)
        ));
        // Raw bytes are a key, not text: whitespace bytes are allowed.
        assert!(Secret::from_bytes(b" \x0b\n".to_vec()).is_ok());
    }

    #[test]
    fn surrounding_whitespace_is_refused() {
        for text in ["s\n", " s", "s\r\n", "\ts", "s\u{3000}", "s "] {
            assert!(
                matches!(Secret::new(text), Err(Error::SecretWhitespace)),
                "{text:?}"
            );
        }
        assert!(Secret::new("inner space is fine").is_ok());
    }

    #[test]
    fn exposed_prefixes_are_refused_whatever_the_case() {
        for name in [
            "VITE_UNTHREAD",
            "next_public_secret",
            "PUBLIC_X",
            "GATSBY_A",
            "VUE_APP_UNTHREAD_SECRET",
            "NX_PUBLIC_S",
            "NG_APP_S",
            "STORYBOOK_S",
            "SNOWPACK_PUBLIC_S",
            "REDWOOD_ENV_S",
            "SANITY_STUDIO_S",
            "RAZZLE_S",
            "NUXT_ENV_S",
            "PLASMO_PUBLIC_S",
            "BUN_PUBLIC_S",
            "WXT_S",
            "TAURI_S",
        ] {
            let err = Secret::from_env_var(name).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::ExposedSecretVariable, "{name}");
            assert!(err.to_string().contains("browsers"));
        }
    }

    #[test]
    fn lookalikes_are_found_by_name() {
        let names = [
            "PATH",
            "NEXT_PUBLIC_UNTHREAD_SECRET",
            "VITE_OTHER",
            "vite_unthread_x",
        ];
        let found = exposed_lookalikes(names.into_iter().map(Into::into));
        assert_eq!(found, ["NEXT_PUBLIC_UNTHREAD_SECRET", "vite_unthread_x"]);
    }

    #[test]
    fn file_rules() {
        let dir = std::env::temp_dir().join(format!("uid-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s");
        for (content, expected) in [
            (&b"abc\n"[..], &b"abc"[..]),
            (b"abc\r\n", b"abc"),
            (b"\xef\xbb\xbfabc\n", b"abc"),
            (b"\xff\xfe raw", b"\xff\xfe raw"),
        ] {
            std::fs::write(&path, content).unwrap();
            assert_eq!(Secret::from_file(&path).unwrap().expose(), expected);
        }
        for (content, refused) in [
            (&b"abc\n\n"[..], "whitespace"),
            (b" abc", "whitespace"),
            (b"\n", "empty"),
        ] {
            std::fs::write(&path, content).unwrap();
            let err = Secret::from_file(&path).unwrap_err();
            assert!(err.to_string().contains(refused), "{err}");
        }
        std::fs::write(&path, vec![b'x'; MAX_SECRET_FILE_LEN + 1]).unwrap();
        assert!(matches!(
            Secret::from_file(&path),
            Err(Error::SecretFileTooLarge { .. })
        ));
        std::fs::write(&path, vec![b'x'; MAX_SECRET_FILE_LEN]).unwrap();
        assert!(Secret::from_file(&path).is_ok());
        assert!(matches!(
            Secret::from_file(&dir),
            Err(Error::SecretFileNotRegular { .. })
        ));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            assert!(Secret::from_file(&path).unwrap().warnings().is_empty());
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert_eq!(
                Secret::from_file(&path).unwrap().warnings(),
                [SecretWarning::FileReadableByOthers { mode: 0o644 }]
            );
            let fifo = dir.join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|status| status.success()) {
                // Opening it would block until a writer came; it is refused instead.
                assert!(matches!(
                    Secret::from_file(&fifo),
                    Err(Error::SecretFileNotRegular { .. })
                ));
            }
        }
        let err = Secret::from_file(dir.join("missing")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSecret);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn missing_variable_names_exposed_lookalikes() {
        let err = Error::MissingSecretVariable {
            name: DEFAULT_SECRET_VARIABLE.to_owned(),
            secret: SecretRole::Identity.describe(),
            exposed: vec!["NEXT_PUBLIC_UNTHREAD_SECRET".to_owned()],
        };
        let text = err.to_string();
        assert!(
            text.contains("UNTHREAD_IDENTITY_SECRET is not set"),
            "{text}"
        );
        assert!(
            text.contains("NEXT_PUBLIC_UNTHREAD_SECRET is set"),
            "{text}"
        );
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
}
