//! The signed user object passed to the portal's `start` call.

use serde::Serialize;

use crate::email_hash::EmailHash;

/// `{"name": ..., "email": ..., "emailHash": ...}` for `window.$unthread.helpCenter("start",
/// {user})`, with the name omitted when absent.
///
/// Only a [`Signer`](crate::Signer) makes one, so its hash always belongs to its email (the
/// email after the policy, exactly as it was hashed).
#[derive(Debug, Clone, Serialize)]
pub struct SignedUser {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    email: String,
    #[serde(rename = "emailHash")]
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

    /// The object as compact JSON, for a login response. To put it in a page, use
    /// [`start_script`](crate::start_script), which escapes it for a `<script>` element.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("strings always serialise")
    }
}
