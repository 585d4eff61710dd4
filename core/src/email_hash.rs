//! The hash of an email, as the portal wants it: 64 lowercase hex digits.

use std::fmt;

use crate::hex::HexDigits;

/// The length of an email hash in hex digits.
pub(crate) const HEX_LEN: usize = 64;

/// HMAC-SHA256 of an email as 64 lowercase hex digits, held on the stack.
///
/// Read it with [`as_str`](EmailHash::as_str) or `Display`, or convert it into a `String`. It
/// has no `==`, and no `Deref` to `str` through which one could slip in: check a hash that you
/// were given with [`Signer::verify`](crate::Signer::verify), which compares in constant time.
///
/// ```compile_fail
/// # use unthread_identity::{Secret, Signer};
/// let signer = Signer::new(Secret::new("demo-secret").unwrap());
/// let hash = signer.sign("ada@example.com").unwrap();
/// let _ = hash == signer.sign("ada@example.com").unwrap(); // no `==` on EmailHash
/// ```
///
/// ```compile_fail
/// # use unthread_identity::{Secret, Signer};
/// let signer = Signer::new(Secret::new("demo-secret").unwrap());
/// let hash = signer.sign("ada@example.com").unwrap();
/// let _ = *hash == *"0000"; // no `Deref<Target = str>` either
/// ```
#[derive(Clone, Copy)]
#[must_use]
pub struct EmailHash(HexDigits<HEX_LEN>);

impl EmailHash {
    pub(crate) fn new(digits: HexDigits<HEX_LEN>) -> Self {
        EmailHash(digits)
    }

    /// The hash as a string slice of 64 lowercase hex digits.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
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
