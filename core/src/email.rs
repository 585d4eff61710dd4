//! Which email addresses are signed, and in what form.
//!
//! The portal compares the hash with its own HMAC of the email it is given in the same `start`
//! call, so the string that is hashed and the string that is sent must be the same bytes. The
//! policy is applied once, here, to both.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::{EmailProblem, Error};

/// The longest email address accepted, in UTF-8 bytes: 64 for the local part, 1 for `@`, 255 for
/// the domain (RFC 3696 §3), so that no deliverable address is ever refused.
pub const MAX_EMAIL_LEN: usize = 320;

/// The longest text the canonical policy trims, in UTF-8 bytes. Anything longer is refused
/// before it is read further: with at most 320 bytes of address, the rest would be whitespace.
/// Bindings measure a string against this limit before copying it (`MeasuredText`).
pub const MAX_EMAIL_INPUT_LEN: usize = 1024;

/// How an email address is turned into the bytes that are hashed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EmailPolicy {
    /// Hash the address exactly as given (its UTF-8 bytes), after validation. The default,
    /// because it gives the same hash as Unthread's own snippets and `createHmac`/`hmac.new`.
    #[default]
    Exact,
    /// Trim surrounding whitespace, then lowercase (Unicode default case mapping, as Rust's
    /// `str::to_lowercase`), then validate. The email placed in the signed user object is the
    /// canonical one too, so the hash and the address the portal receives always agree.
    Canonical,
}

impl EmailPolicy {
    /// The policy's name: `"exact"` or `"canonical"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EmailPolicy::Exact => "exact",
            EmailPolicy::Canonical => "canonical",
        }
    }

    /// Applies the policy: returns the exact string to hash and to send, or what is wrong.
    ///
    /// ```
    /// use unthread_identity::EmailPolicy;
    /// assert_eq!(EmailPolicy::Canonical.apply(" Ada@Example.COM ").unwrap(), "ada@example.com");
    /// assert!(EmailPolicy::Exact.apply(" ada@example.com").is_err());
    /// ```
    pub fn apply(self, email: &str) -> Result<Cow<'_, str>, Error> {
        self.check_len(email.len())?;
        let email: Cow<'_, str> = match self {
            EmailPolicy::Exact => Cow::Borrowed(email),
            EmailPolicy::Canonical => lowercase(email.trim()),
        };
        validate(&email).map_err(Error::email)?;
        Ok(email)
    }
}

impl EmailPolicy {
    /// The length check that comes first, before any other: an input of `len` UTF-8 bytes is
    /// refused when no trimming could bring it within [`MAX_EMAIL_LEN`]. The exact policy
    /// allows [`MAX_EMAIL_LEN`] bytes, the canonical one [`MAX_EMAIL_INPUT_LEN`] before trimming.
    ///
    /// [`EmailPolicy::apply`] calls it; `Signer::sign_measured` gives [`Self::too_long`] for a
    /// string a binding measured without copying it, so that a huge string is refused without
    /// being read, with the same error.
    pub(crate) fn check_len(self, len: usize) -> Result<(), Error> {
        match len > self.limit() {
            true => Err(self.too_long(len)),
            false => Ok(()),
        }
    }

    /// The error for an input of `len` UTF-8 bytes, more than this policy reads.
    pub(crate) fn too_long(self, len: usize) -> Error {
        let limit = self.limit();
        Error::email(EmailProblem::TooLong { len, limit })
    }
}

impl EmailPolicy {
    /// The longest input this policy reads, in UTF-8 bytes.
    pub(crate) const fn limit(self) -> usize {
        match self {
            EmailPolicy::Exact => MAX_EMAIL_LEN,
            EmailPolicy::Canonical => MAX_EMAIL_INPUT_LEN,
        }
    }
}

/// Lowercases without allocating when there is nothing to change (the usual case).
fn lowercase(email: &str) -> Cow<'_, str> {
    if email.chars().any(char::is_uppercase) {
        Cow::Owned(email.to_lowercase())
    } else {
        Cow::Borrowed(email)
    }
}

impl fmt::Display for EmailPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EmailPolicy {
    type Err = Error;

    /// Parses `"exact"` or `"canonical"` (the names the bindings accept).
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "exact" => Ok(EmailPolicy::Exact),
            "canonical" => Ok(EmailPolicy::Canonical),
            _ => Err(Error::UnknownEmailPolicy),
        }
    }
}

fn validate(email: &str) -> Result<(), EmailProblem> {
    if email.is_empty() {
        return Err(EmailProblem::Empty);
    }
    if email.len() > MAX_EMAIL_LEN {
        return Err(EmailProblem::TooLong {
            len: email.len(),
            limit: MAX_EMAIL_LEN,
        });
    }
    // A branch-free scan of the bytes first (it vectorizes): this runs at every login.
    // U+0080–U+009F, the non-ASCII controls, are the two bytes C2 80–C2 9F in UTF-8.
    let suspicious = email.as_bytes().iter().fold(false, |found, &b| {
        found | b.is_ascii_control() | (b == 0xc2)
    });
    if suspicious && let Some((offset, _)) = email.char_indices().find(|(_, c)| c.is_control()) {
        return Err(EmailProblem::ControlCharacter { offset });
    }
    let starts_or_ends_with_space =
        email.starts_with(char::is_whitespace) || email.ends_with(char::is_whitespace);
    if starts_or_ends_with_space {
        return Err(EmailProblem::SurroundingWhitespace);
    }
    if !email.as_bytes().contains(&b'@') {
        return Err(EmailProblem::MissingAt);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_length_check_comes_first_at_each_policys_limit() {
        assert!(EmailPolicy::Exact.check_len(MAX_EMAIL_LEN).is_ok());
        assert!(EmailPolicy::Exact.check_len(MAX_EMAIL_LEN + 1).is_err());
        assert!(EmailPolicy::Canonical.check_len(MAX_EMAIL_LEN + 1).is_ok());
        assert!(
            EmailPolicy::Canonical
                .check_len(MAX_EMAIL_INPUT_LEN + 1)
                .is_err()
        );
    }

    fn problem(policy: EmailPolicy, email: &str) -> EmailProblem {
        match policy.apply(email) {
            Err(Error::InvalidEmail { problem, .. }) => problem,
            other => panic!("expected an email problem, got {other:?}"),
        }
    }

    #[test]
    fn exact_keeps_the_bytes() {
        let e = EmailPolicy::Exact.apply("Ada+Tag@Example.com").unwrap();
        assert!(matches!(e, Cow::Borrowed("Ada+Tag@Example.com")));
    }

    #[test]
    fn canonical_trims_then_lowercases() {
        assert_eq!(
            EmailPolicy::Canonical
                .apply("\t ÉLODIE@Exemple.FR \n")
                .unwrap(),
            "élodie@exemple.fr"
        );
        assert!(matches!(
            EmailPolicy::Canonical.apply("ada@example.com").unwrap(),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn problems_are_typed() {
        use EmailProblem::*;
        assert_eq!(problem(EmailPolicy::Exact, ""), Empty);
        assert_eq!(problem(EmailPolicy::Canonical, "   "), Empty);
        assert_eq!(problem(EmailPolicy::Exact, " a@b"), SurroundingWhitespace);
        assert_eq!(
            problem(EmailPolicy::Exact, "a@b\u{a0}"),
            SurroundingWhitespace
        );
        assert_eq!(problem(EmailPolicy::Exact, "ab"), MissingAt);
        assert_eq!(
            problem(EmailPolicy::Exact, "a\0@b"),
            ControlCharacter { offset: 1 }
        );
        assert_eq!(
            problem(EmailPolicy::Canonical, "a@b\n\u{85}x"),
            ControlCharacter { offset: 3 }
        );
        let long = format!("{}@example.com", "a".repeat(400));
        assert_eq!(
            problem(EmailPolicy::Exact, &long),
            TooLong {
                len: long.len(),
                limit: MAX_EMAIL_LEN
            }
        );
        let padded = format!("{}a@b", " ".repeat(MAX_EMAIL_INPUT_LEN));
        assert_eq!(
            problem(EmailPolicy::Canonical, &padded),
            TooLong {
                len: padded.len(),
                limit: MAX_EMAIL_INPUT_LEN
            }
        );
        let padded = format!("{}a@b", " ".repeat(MAX_EMAIL_INPUT_LEN - 3));
        assert_eq!(EmailPolicy::Canonical.apply(&padded).unwrap(), "a@b");
    }

    #[test]
    fn the_limit_is_inclusive() {
        let at_limit = format!("{}@{}", "a".repeat(64), "b".repeat(MAX_EMAIL_LEN - 65));
        assert_eq!(at_limit.len(), MAX_EMAIL_LEN);
        assert!(EmailPolicy::Exact.apply(&at_limit).is_ok());
    }

    #[test]
    fn policy_names_round_trip() {
        for p in [EmailPolicy::Exact, EmailPolicy::Canonical] {
            assert_eq!(p.as_str().parse::<EmailPolicy>().unwrap(), p);
        }
        assert!("Exact".parse::<EmailPolicy>().is_err());
    }
}
