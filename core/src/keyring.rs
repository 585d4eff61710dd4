//! Rotation: one primary key that signs, and previous keys that still verify.
//!
//! To rotate, configure the new secret as primary and the old one as previous: every hash made
//! with either keeps verifying, new hashes use the new secret, and [`Signer::matching_key`]
//! (by fingerprint) shows when the old secret is no longer seen, so it can be removed.
//!
//! [`Signer::matching_key`]: crate::Signer::matching_key

use subtle::{ConditionallySelectable, ConstantTimeEq};

use crate::key::{HEX_LEN, Key};
use crate::secret::{Fingerprint, Secret};

#[derive(Clone)]
pub(crate) struct Keyring {
    primary: Key,
    previous: Vec<Key>,
}

impl Keyring {
    pub(crate) fn new(primary: &Secret) -> Self {
        Keyring {
            primary: Key::new(primary),
            previous: Vec::new(),
        }
    }

    pub(crate) fn add_previous(&mut self, secret: &Secret) {
        self.previous.push(Key::new(secret));
    }

    pub(crate) fn primary(&self) -> &Key {
        &self.primary
    }

    pub(crate) fn previous(&self) -> impl ExactSizeIterator<Item = &Key> {
        self.previous.iter()
    }

    /// The key whose hex tag of `message` is `hex` (lowercase), primary first.
    ///
    /// Every key is tried, whatever matched, and the index is selected in constant time, so
    /// the time taken does not tell which key (if any) matched.
    pub(crate) fn find(&self, message: &[u8], hex: &[u8; HEX_LEN]) -> Option<&Fingerprint> {
        let primary = self.primary.matches(message, hex);
        if self.previous.is_empty() {
            // The common, single-secret case: no index bookkeeping.
            return bool::from(primary).then_some(self.primary.fingerprint());
        }
        // Index 0 means "none", 1 the primary, 2.. the previous keys.
        let mut found = u32::conditional_select(&0, &1, primary);
        for (i, key) in self.previous.iter().enumerate() {
            let index = u32::try_from(i + 2).expect("fewer than 2^32 keys");
            let take = key.matches(message, hex) & found.ct_eq(&0);
            found.conditional_assign(&index, take);
        }
        match found {
            0 => None,
            1 => Some(self.primary.fingerprint()),
            n => Some(self.previous[n as usize - 2].fingerprint()),
        }
    }
}
