//! The user object passed to the portal's `start` call: its shape, defined once.
//!
//! Unthread's docs say that the hash goes "in the user object passed to the start call" but do
//! not name its field; [`EMAIL_HASH_KEY`] names it, here only. Every binding builds its object
//! from [`SignedUser::entries`] and reads one with [`UserKey::parse`], so the keys, their order
//! and the refusal of unknown keys live in this file.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::email_hash::EmailHash;
use crate::error::Error;

/// The key of the display name.
pub const NAME_KEY: &str = "name";
/// The key of the email address.
pub const EMAIL_KEY: &str = "email";
/// The key of the email's hash. Change it here, and every language follows.
pub const EMAIL_HASH_KEY: &str = "emailHash";

/// A key of a user object, as a binding reads one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserKey {
    /// [`NAME_KEY`]
    Name,
    /// [`EMAIL_KEY`]
    Email,
    /// [`EMAIL_HASH_KEY`]
    EmailHash,
}

impl UserKey {
    /// Every key, in the order a user object lists them.
    pub const ALL: [UserKey; 3] = [UserKey::Name, UserKey::Email, UserKey::EmailHash];

    /// The key's name in the object.
    pub const fn as_str(self) -> &'static str {
        match self {
            UserKey::Name => NAME_KEY,
            UserKey::Email => EMAIL_KEY,
            UserKey::EmailHash => EMAIL_HASH_KEY,
        }
    }

    /// The key named `key`; any other key is an `InvalidOption` error that names it (a typo
    /// such as `nme` would otherwise drop the name without a word).
    #[doc(hidden)]
    pub fn parse(key: &str) -> Result<Self, Error> {
        UserKey::ALL
            .into_iter()
            .find(|k| k.as_str() == key)
            .ok_or_else(|| Error::unknown_key("user", key, "name, email, emailHash"))
    }
}

/// A user to render, as a caller gives it: an email and an optional name to sign, or a user
/// object that was signed already (with its `emailHash`), to check but never re-sign.
///
/// ```
/// use unthread_identity::UserRef;
/// let to_sign = UserRef::new("ada@example.com").with_name(Some("Ada"));
/// assert_eq!(to_sign.email_hash(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserRef<'a> {
    email: &'a str,
    name: Option<&'a str>,
    email_hash: Option<&'a str>,
}

impl<'a> UserRef<'a> {
    /// A user to sign, with no name.
    pub fn new(email: &'a str) -> Self {
        UserRef {
            email,
            name: None,
            email_hash: None,
        }
    }

    /// Sets the display name.
    #[must_use]
    pub fn with_name(mut self, name: Option<&'a str>) -> Self {
        self.name = name;
        self
    }

    /// Sets the hash that the user was signed with: it will be checked, not recomputed.
    #[must_use]
    pub fn with_email_hash(mut self, email_hash: Option<&'a str>) -> Self {
        self.email_hash = email_hash;
        self
    }

    /// The email address.
    pub fn email(&self) -> &'a str {
        self.email
    }

    /// The display name, if any.
    pub fn name(&self) -> Option<&'a str> {
        self.name
    }

    /// The hash it was signed with, if it was.
    pub fn email_hash(&self) -> Option<&'a str> {
        self.email_hash
    }
}

impl<'a> From<&'a SignedUser> for UserRef<'a> {
    fn from(user: &'a SignedUser) -> Self {
        UserRef::new(user.email())
            .with_name(user.name())
            .with_email_hash(Some(user.email_hash()))
    }
}

/// `{"name": ..., "email": ..., "emailHash": ...}` for `window.$unthread.helpCenter("start",
/// {user})`, with the name omitted when absent.
///
/// Only a [`Signer`](crate::Signer) makes one, after signing the email or checking the hash it
/// was given, so its hash always belongs to its email (after the policy, exactly as hashed).
#[derive(Debug, Clone)]
pub struct SignedUser {
    name: Option<String>,
    email: String,
    email_hash: EmailHash,
}

impl SignedUser {
    pub(crate) fn new(name: Option<&str>, email: String, email_hash: EmailHash) -> Self {
        SignedUser {
            name: name.map(str::to_owned),
            email,
            email_hash,
        }
    }

    /// The display name, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The email, exactly as it was hashed.
    pub fn email(&self) -> &str {
        &self.email
    }

    /// The HMAC-SHA256 of the email, 64 lowercase hex digits.
    pub fn email_hash(&self) -> &str {
        self.email_hash.as_str()
    }

    /// The object's keys and values, in order, the name only when there is one. Bindings build
    /// their objects from this, so the shape is defined once.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let name = self.name().map(|name| (NAME_KEY, name));
        name.into_iter().chain([
            (EMAIL_KEY, self.email()),
            (EMAIL_HASH_KEY, self.email_hash()),
        ])
    }

    /// The object as compact JSON, for a login response. To put it in a page, use
    /// [`Signer::start_script`](crate::Signer::start_script), which escapes it for `<script>`.
    pub fn to_json(&self) -> String {
        // A map of string keys and string values: serde_json cannot fail on it.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Serialize for SignedUser {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in self.entries() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}
