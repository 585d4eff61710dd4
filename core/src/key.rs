//! One secret turned into a ready-to-use HMAC-SHA256 key (FIPS 198-1, RFC 2104): RustCrypto's
//! `hmac::block_api::HmacCore`, whose inner and outer SHA-256 states (the key XORed with ipad
//! and opad, compressed once) are computed when the key is built. A tag then clones those two
//! states and compresses the message alone: two compressions for any email of up to 55 bytes,
//! with `sha2`'s block function, which uses the CPU's SHA extensions where it has them. The
//! states are zeroized on drop (`sha2`'s `zeroize` feature).
//!
//! Measured (criterion, `benches/sign.rs`, one run): within 1.15x of the floor of two bare
//! compressions, the bar for using the library rather than a hand-rolled HMAC.

use hmac::KeyInit;
use hmac::block_api::HmacCore;
use hmac::digest::Output;
use hmac::digest::block_api::{Buffer, FixedOutputCore, UpdateCore};
use sha2::Sha256;
use subtle::{Choice, ConstantTimeEq};

use crate::email_hash::{EmailHash, HEX_LEN};
use crate::fingerprint::Fingerprint;
use crate::hex::HexDigits;
use crate::secret::Secret;

/// The length of an HMAC-SHA256 tag, in bytes.
pub(crate) const TAG_LEN: usize = 32;

type Core = HmacCore<Sha256>;

/// The message whose tag is a secret's fingerprint; it has no `@`, so no email can equal it.
const FINGERPRINT_MESSAGE: &[u8] = b"unthread-identity fingerprint v1";

#[derive(Clone)]
pub(crate) struct Key {
    /// The SHA-256 states after `key ^ ipad` and `key ^ opad`: as good as the key, and
    /// zeroized on drop by `sha2`.
    core: Core,
    fingerprint: Fingerprint,
}

impl Key {
    pub(crate) fn new(secret: &Secret) -> Self {
        Self::from_bytes(secret.expose())
    }

    /// A key from raw bytes: what the doctors try (a secret with a newline, decoded, or the
    /// email used as the key), so that every HMAC-SHA256 of the crate is this one.
    pub(crate) fn from_bytes(secret: &[u8]) -> Self {
        let core = Core::new_from_slice(secret).expect("HMAC takes a key of any length");
        let mut key = Key {
            core,
            fingerprint: Fingerprint(HexDigits::encode(&[0; TAG_LEN])),
        };
        key.fingerprint = Fingerprint(HexDigits::encode(&key.tag(FINGERPRINT_MESSAGE)));
        key
    }

    pub(crate) fn fingerprint(&self) -> &Fingerprint {
        &self.fingerprint
    }

    /// HMAC-SHA256 of `message`: SHA256(key ^ opad || SHA256(key ^ ipad || message)).
    pub(crate) fn tag(&self, message: &[u8]) -> [u8; TAG_LEN] {
        let mut core = self.core.clone();
        let mut buffer = Buffer::<Core>::default();
        buffer.digest_blocks(message, |blocks| core.update_blocks(blocks));
        let mut out = Output::<Core>::default();
        core.finalize_fixed_core(&mut buffer, &mut out);
        out.into()
    }

    /// HMAC-SHA256 of `message` as lowercase hex, in a stack buffer.
    #[inline]
    pub(crate) fn hex_tag(&self, message: &[u8]) -> EmailHash {
        EmailHash::new(HexDigits::encode(&self.tag(message)))
    }

    /// Whether `hex` (already lowercased) is the hex tag of `message`, compared in constant
    /// time, eight bytes at a time.
    #[inline]
    pub(crate) fn matches(&self, message: &[u8], hex: &[u8; HEX_LEN]) -> Choice {
        let tag = HexDigits::<HEX_LEN>::encode(&self.tag(message));
        words(tag.as_bytes()).ct_eq(&words(hex))
    }
}

impl Secret {
    /// A short id of the secret that can be logged and compared, but not reversed.
    ///
    /// It is the first 6 bytes (12 lowercase hex digits) of
    /// `HMAC-SHA256(key = secret, message = "unthread-identity fingerprint v1")`. The message
    /// has no `@`, so it can never be an email that this SDK signs: a fingerprint is never part
    /// of a valid email hash. (Defined here, beside the HMAC key, so that `secret.rs` stays on
    /// the ground floor.)
    ///
    /// ```
    /// use unthread_identity::Secret;
    /// assert_eq!(Secret::new("k")?.fingerprint().as_str(), "cad0cb558dd3");
    /// # Ok::<(), unthread_identity::Error>(())
    /// ```
    pub fn fingerprint(&self) -> Fingerprint {
        *Key::new(self).fingerprint()
    }
}

fn words(bytes: &[u8; HEX_LEN]) -> [u64; HEX_LEN / 8] {
    let (chunks, _) = bytes.as_chunks::<8>();
    std::array::from_fn(|i| u64::from_ne_bytes(chunks[i]))
}

/// Lowercases an ASCII hex hash of the right length; `None` for any other length.
///
/// Non-hex characters are kept (only `A`–`Z` change), and the tag's hex has only `0-9a-f`, so
/// such a hash can never compare equal: no separate parse, and no branch on its digits.
#[inline]
pub(crate) fn lowercase_hex(hash: &str) -> Option<[u8; HEX_LEN]> {
    let hash: &[u8; HEX_LEN] = hash.as_bytes().try_into().ok()?;
    Some(hash.map(|b| b.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_hex_keeps_non_hex() {
        let upper = "AB".repeat(32);
        assert_eq!(lowercase_hex(&upper).unwrap(), *"ab".repeat(32).as_bytes());
        assert!(lowercase_hex("ab").is_none());
        assert_eq!(lowercase_hex(&"G".repeat(64)).unwrap(), [b'g'; 64]);
    }
}
