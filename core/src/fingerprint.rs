//! The short, loggable id of a secret.

use std::fmt;

use crate::hex::HexDigits;

/// The number of hex digits in a [`Fingerprint`].
pub const FINGERPRINT_LEN: usize = 12;

/// A short, non-reversible id of a secret: see [`Secret::fingerprint`](crate::Secret::fingerprint).
///
/// Unlike an [`EmailHash`](crate::EmailHash) it may be compared with `==`: it is public
/// information, made to be logged and compared.
#[derive(Clone, Copy)]
#[must_use]
pub struct Fingerprint(pub(crate) HexDigits<FINGERPRINT_LEN>);

impl Fingerprint {
    /// The fingerprint as 12 lowercase hex digits.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl PartialEq for Fingerprint {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_bytes() == other.0.as_bytes()
    }
}

impl Eq for Fingerprint {}

impl std::hash::Hash for Fingerprint {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.as_bytes().hash(state);
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
