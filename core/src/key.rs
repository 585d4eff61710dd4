//! One secret turned into a ready-to-use HMAC-SHA256 key (FIPS 198-1, RFC 2104).
//!
//! The inner and outer SHA-256 states (the key XORed with ipad and opad, compressed once) are
//! computed when the key is built; a tag then costs the compressions of the message alone: two
//! for any email of up to 55 bytes. The rounds are `sha2`'s block function, which uses the
//! CPU's SHA extensions where it has them.
//!
//! Why not `hmac::Hmac<Sha256>`, cloned per call: measured here, its clone, block buffer and
//! zeroizing cost 33 ns on top of the 111 ns floor per email (`benches/`), a third more. The
//! RFC 4231 vectors and a property test against the `hmac` crate hold this code to the same
//! bytes.

use sha2::block_api::compress256;
use sha2::{Digest, Sha256};
use subtle::{Choice, ConstantTimeEq};
use zeroize::{Zeroize, Zeroizing};

use crate::email_hash::{EmailHash, HEX_LEN};
use crate::fingerprint::Fingerprint;
use crate::hex::HexDigits;
use crate::secret::Secret;

/// The length of an HMAC-SHA256 tag, in bytes.
pub(crate) const TAG_LEN: usize = 32;

const BLOCK_LEN: usize = 64;
type State = [u32; 8];

/// SHA-256's initial hash value (FIPS 180-4 §5.3.3).
const IV: State = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// The message whose tag is a secret's fingerprint; it has no `@`, so no email can equal it.
const FINGERPRINT_MESSAGE: &[u8] = b"unthread-identity fingerprint v1";

#[derive(Clone)]
pub(crate) struct Key {
    /// SHA-256 state after the block `key ^ ipad`; as good as the key, so zeroized on drop.
    inner: State,
    /// SHA-256 state after the block `key ^ opad`; likewise.
    outer: State,
    fingerprint: Fingerprint,
}

impl Drop for Key {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl Key {
    pub(crate) fn new(secret: &Secret) -> Self {
        Self::from_bytes(secret.expose())
    }

    /// A key from raw bytes: what the doctors try (a secret with a newline, decoded, or the
    /// email used as the key), so that every HMAC-SHA256 of the crate is this one.
    pub(crate) fn from_bytes(secret: &[u8]) -> Self {
        let mut block = Zeroizing::new([0u8; BLOCK_LEN]);
        if secret.len() > BLOCK_LEN {
            let mut digest = Sha256::digest(secret);
            block[..TAG_LEN].copy_from_slice(&digest);
            digest.zeroize();
        } else {
            block[..secret.len()].copy_from_slice(secret);
        }
        let mut key = Key {
            inner: keyed_state(&block, 0x36),
            outer: keyed_state(&block, 0x5c),
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
        let mut state = Zeroizing::new(self.inner);
        hash_from(&mut state, message, BLOCK_LEN);
        let inner_digest = digest_bytes(&state);
        state.copy_from_slice(&self.outer);
        hash_from(&mut state, &inner_digest, BLOCK_LEN);
        digest_bytes(&state)
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

fn keyed_state(key_block: &[u8; BLOCK_LEN], pad: u8) -> State {
    let mut block = Zeroizing::new(*key_block);
    block.iter_mut().for_each(|b| *b ^= pad);
    let mut state = IV;
    compress256(&mut state, &[*block]);
    state
}

/// Finishes a SHA-256 whose `state` has already absorbed `prefix_len` bytes (whole blocks):
/// compresses `message`, then the padding and the total length in bits.
fn hash_from(state: &mut State, message: &[u8], prefix_len: usize) {
    let (blocks, tail) = message.as_chunks::<BLOCK_LEN>();
    compress256(state, blocks);
    let mut last = [[0u8; BLOCK_LEN]; 2];
    let flat = last.as_flattened_mut();
    flat[..tail.len()].copy_from_slice(tail);
    flat[tail.len()] = 0x80;
    // The length needs 8 bytes after the 0x80: one block if the tail leaves room, else two.
    let used = if tail.len() < BLOCK_LEN - 8 { 1 } else { 2 };
    let bits = ((prefix_len + message.len()) as u64) * 8;
    flat[used * BLOCK_LEN - 8..used * BLOCK_LEN].copy_from_slice(&bits.to_be_bytes());
    compress256(state, &last[..used]);
}

fn digest_bytes(state: &State) -> [u8; TAG_LEN] {
    let mut out = [0u8; TAG_LEN];
    for (bytes, word) in out.chunks_exact_mut(4).zip(state) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    out
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
    fn padding_edges_match_a_plain_sha256() {
        // Lengths around the one-block / two-block boundary of the final padding.
        for len in [0, 1, 54, 55, 56, 63, 64, 65, 119, 120, 128, 1000] {
            let message = vec![0xa5u8; len];
            let mut state = IV;
            hash_from(&mut state, &message, 0);
            assert_eq!(
                digest_bytes(&state)[..],
                Sha256::digest(&message)[..],
                "{len}"
            );
        }
    }

    #[test]
    fn lowercase_hex_keeps_non_hex() {
        let upper = "AB".repeat(32);
        assert_eq!(lowercase_hex(&upper).unwrap(), *"ab".repeat(32).as_bytes());
        assert!(lowercase_hex("ab").is_none());
        assert_eq!(lowercase_hex(&"G".repeat(64)).unwrap(), [b'g'; 64]);
    }
}
