//! Rotation: one primary key that signs, and previous keys that still verify.
//!
//! To rotate, configure the new secret as primary and the old one as previous: every hash made
//! with either keeps verifying, new hashes use the new secret, and [`Signer::matching_key`]
//! (by fingerprint) shows when the old secret is no longer seen, so it can be removed.
//!
//! Timing: every key is tried whatever matched, the results are combined with `subtle`'s
//! constant-time operations, and no branch or index depends on which key matched. The only
//! branch on the outcome is the final "matched or not", which is the answer `verify` gives
//! anyway. `make timing` measures this (Welch's t-test, primary vs previous vs no match).
//!
//! [`Signer::matching_key`]: crate::Signer::matching_key

use subtle::Choice;

use crate::email_hash::HEX_LEN;
use crate::fingerprint::Fingerprint;
use crate::key::Key;
use crate::secret::Secret;

/// The keys, and the secrets they were made from: `explain` needs the raw secret to try the
/// mistakes that use it differently (another hash function, key and message swapped). Both
/// are zeroized on drop.
pub(crate) struct Keyring {
    primary: Key,
    previous: Vec<Key>,
    secrets: Vec<Secret>,
}

impl Clone for Keyring {
    fn clone(&self) -> Self {
        Keyring {
            primary: self.primary.clone(),
            previous: self.previous.clone(),
            secrets: self.secrets.iter().map(Secret::duplicate).collect(),
        }
    }
}

impl Keyring {
    pub(crate) fn new(primary: Secret) -> Self {
        Keyring {
            primary: Key::new(&primary),
            previous: Vec::new(),
            secrets: vec![primary],
        }
    }

    pub(crate) fn add_previous(&mut self, secret: Secret) {
        self.previous.push(Key::new(&secret));
        self.secrets.push(secret);
    }

    /// Every key with its secret, primary first.
    pub(crate) fn with_secrets(&self) -> impl Iterator<Item = (&Key, &Secret)> {
        std::iter::once(&self.primary)
            .chain(&self.previous)
            .zip(&self.secrets)
    }

    pub(crate) fn primary(&self) -> &Key {
        &self.primary
    }

    pub(crate) fn previous(&self) -> impl ExactSizeIterator<Item = &Key> {
        self.previous.iter()
    }

    /// Whether any key's hex tag of `message` is `hex` (lowercase): an OR of constant-time
    /// comparisons, with no early exit and no index.
    pub(crate) fn verify(&self, message: &[u8], hex: &[u8; HEX_LEN]) -> bool {
        let any = self
            .previous
            .iter()
            .fold(self.primary.matches(message, hex), |any, key| {
                any | key.matches(message, hex)
            });
        bool::from(any)
    }

    /// The fingerprint of the first key (primary first) whose hex tag of `message` is `hex`.
    ///
    /// The fingerprint is selected byte by byte with constant-time assignments, so neither the
    /// time taken nor the memory touched depends on which key matched.
    pub(crate) fn find(&self, message: &[u8], hex: &[u8; HEX_LEN]) -> Option<Fingerprint> {
        let mut found: Choice = self.primary.matches(message, hex);
        let mut fingerprint = *self.primary.fingerprint();
        for key in &self.previous {
            let matched = key.matches(message, hex);
            fingerprint
                .0
                .conditional_assign(&key.fingerprint().0, matched & !found);
            found |= matched;
        }
        bool::from(found).then_some(fingerprint)
    }
}
