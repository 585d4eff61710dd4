//! Fixed-length lowercase hex held on the stack: the one representation behind
//! [`EmailHash`](crate::EmailHash) and [`Fingerprint`](crate::Fingerprint). The ground floor: it
//! imports no other module.

/// `N` lowercase hex digits (so `N / 2` bytes of a tag). No `PartialEq`: each public newtype
/// decides whether it may be compared.
#[derive(Clone, Copy)]
pub(crate) struct HexDigits<const N: usize>([u8; N]);

impl<const N: usize> HexDigits<N> {
    /// Encodes the first `N / 2` bytes of `bytes`.
    pub(crate) fn encode(bytes: &[u8]) -> Self {
        let mut out = [0u8; N];
        hex::encode_to_slice(&bytes[..N / 2], &mut out).expect("the buffer is twice the input");
        HexDigits(out)
    }

    /// Digits already checked to be lowercase hex (`0-9a-f`).
    pub(crate) fn from_lowercase(digits: [u8; N]) -> Self {
        debug_assert!(
            digits
                .iter()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        );
        HexDigits(digits)
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only `encode` and `from_lowercase` build one, and both hold ASCII hex digits.
        std::str::from_utf8(&self.0).expect("hex digits are ASCII")
    }

    pub(crate) fn as_bytes(&self) -> &[u8; N] {
        &self.0
    }
}
