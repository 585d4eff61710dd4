//! The keys of both modes: one primary key that signs (hashes or tokens), and previous keys
//! that still verify. One type, so that hash mode and token mode choose a matching key the same
//! way.
//!
//! To rotate, configure the new secret as primary and the old one as previous: everything made
//! with either keeps verifying, new hashes and tokens use the new secret, and the fingerprint of
//! the key that matched ([`Signer::matching_key`], a verified token's `fingerprint`) shows when
//! the old secret is no longer seen, so it can be removed. A token key may carry a `kid`.
//!
//! Timing: every candidate key is tried whatever matched, the results are combined with
//! `subtle`'s constant-time operations, and the matching index is chosen by constant-time
//! assignment, with no branch on which key matched. The only branch on the outcome is the final
//! "matched or not", which is the answer anyway. `make timing` measures both modes (Welch's
//! t-test, primary vs previous vs no match).
//!
//! [`Signer::matching_key`]: crate::Signer::matching_key

use std::ops::Range;

use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};

use crate::email_hash::HEX_LEN;
use crate::fingerprint::Fingerprint;
use crate::key::{Key, TAG_LEN};
use crate::secret::Secret;

/// One key: its precomputed HMAC state, the secret it was made from (the doctors try the
/// secret's other readings), and a `kid` in token mode. Both are zeroized on drop.
pub(crate) struct KeyEntry {
    pub key: Key,
    pub secret: Secret,
    pub kid: Option<String>,
}

impl Clone for KeyEntry {
    fn clone(&self) -> Self {
        KeyEntry {
            key: self.key.clone(),
            secret: self.secret.duplicate(),
            kid: self.kid.clone(),
        }
    }
}

/// The primary key first, then the previous keys in the order they were added. Never empty.
#[derive(Clone)]
pub(crate) struct Keyring {
    entries: Vec<KeyEntry>,
}

impl Keyring {
    pub(crate) fn new(primary: Secret) -> Self {
        let mut keyring = Keyring {
            entries: Vec::with_capacity(2),
        };
        keyring.push(primary, None);
        keyring
    }

    /// Adds a previous key.
    pub(crate) fn push(&mut self, secret: Secret, kid: Option<String>) {
        self.entries.push(KeyEntry {
            key: Key::new(&secret),
            secret,
            kid,
        });
    }

    /// Every key, primary first.
    pub(crate) fn entries(&self) -> &[KeyEntry] {
        &self.entries
    }

    pub(crate) fn primary(&self) -> &KeyEntry {
        &self.entries[0]
    }

    pub(crate) fn primary_mut(&mut self) -> &mut KeyEntry {
        &mut self.entries[0]
    }

    pub(crate) fn previous(&self) -> &[KeyEntry] {
        &self.entries[1..]
    }

    /// The index of the first key of `candidates` for which `matches` holds. Every candidate is
    /// tried, and the index is chosen by constant-time assignment.
    fn select(&self, candidates: Range<usize>, matches: impl Fn(&Key) -> Choice) -> Option<usize> {
        let mut found = Choice::from(0);
        let mut index = 0u32;
        for i in candidates {
            let matched = matches(&self.entries[i].key);
            index.conditional_assign(&(i as u32), matched & !found);
            found |= matched;
        }
        bool::from(found).then_some(index as usize)
    }

    /// Whether any key's hex tag of `message` is `hex` (lowercase): an OR of constant-time
    /// comparisons, with no early exit and no index.
    pub(crate) fn verify_hex(&self, message: &[u8], hex: &[u8; HEX_LEN]) -> bool {
        let any = self
            .entries
            .iter()
            .fold(Choice::from(0), |any, e| any | e.key.matches(message, hex));
        bool::from(any)
    }

    /// The fingerprint of the first key (primary first) whose hex tag of `message` is `hex`.
    pub(crate) fn find_hex(&self, message: &[u8], hex: &[u8; HEX_LEN]) -> Option<Fingerprint> {
        self.select(0..self.entries.len(), |key| key.matches(message, hex))
            .map(|i| *self.entries[i].key.fingerprint())
    }

    /// The first key of `candidates` whose tag of `message` is `tag` (a token's signature).
    pub(crate) fn find_tag(
        &self,
        candidates: Range<usize>,
        message: &[u8],
        tag: &[u8; TAG_LEN],
    ) -> Option<&KeyEntry> {
        self.select(candidates, |key| key.tag(message).ct_eq(tag))
            .map(|i| &self.entries[i])
    }

    /// The position of the key whose `kid` is `kid`.
    pub(crate) fn position_of_kid(&self, kid: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.kid.as_deref() == Some(kid))
    }
}
