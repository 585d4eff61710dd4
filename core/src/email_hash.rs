//! The hash of an email, as the portal wants it: 64 lowercase hex digits.

use std::fmt;
use std::ops::Deref;

use crate::key::HEX_LEN;

/// HMAC-SHA256 of an email as 64 lowercase hex digits, held on the stack.
///
/// It reads as a `&str` (`as_str`, `Deref`, `Display`) and converts into a `String`. It has no
/// `==`: check a hash you were given with [`Signer::verify`](crate::Signer::verify), which
/// compares in constant time.
#[derive(Clone, Copy)]
pub struct EmailHash([u8; HEX_LEN]);

impl EmailHash {
    pub(crate) fn new(hex: [u8; HEX_LEN]) -> Self {
        debug_assert!(hex.iter().all(|b| b.is_ascii_hexdigit()));
        EmailHash(hex)
    }

    /// The hash as a string slice.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("hex digits are ASCII")
    }
}

impl Deref for EmailHash {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for EmailHash {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for EmailHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for EmailHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EmailHash({})", self.as_str())
    }
}

impl From<EmailHash> for String {
    fn from(hash: EmailHash) -> String {
        hash.as_str().to_owned()
    }
}

impl serde::Serialize for EmailHash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
