//! The user objects a binding receives, as data: declared once with serde, like the options of
//! `config.rs`, and refusing unknown keys (`nme` for `name` would otherwise drop the name).
//!
//! Keys are the portal's JSON names (`emailHash`), the same in every language. Text that names
//! a user (a token's email, a user id) is an [`Identity`]: a deserializer that can see a lone
//! surrogate (JavaScript's, Python's) refuses it instead of replacing it with U+FFFD, so that
//! `"a\u{d800}"` and `"a\u{dfff}"` never become one identity.
//!
//! ```
//! use unthread_identity::{Secret, Signer, TokenUserInput, UserInput};
//! let user: UserInput = serde_json::from_str(r#"{ "email": "ada@example.com", "name": "Ada" }"#)?;
//! let signer = Signer::new(Secret::new("a-secret")?);
//! assert_eq!(signer.signed_user(user.as_user())?.email(), "ada@example.com");
//! let token_user: TokenUserInput = serde_json::from_str(r#"{ "email": "ada@example.com", "id": 42 }"#)?;
//! let tokens = unthread_identity::TokenSigner::new(Secret::new("an-embed-secret")?, Default::default())?;
//! assert_eq!(tokens.mint(token_user.as_user("id")?)?.jwt.split('.').count(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::error::{EmailProblem, Error};
use crate::token::TokenUser;
use crate::user::UserRef;

/// The name under which [`Identity`] asks a deserializer for its text
/// (`deserialize_newtype_struct`). A deserializer that knows it may answer `visit_none` for
/// text with a lone surrogate; any other reads the text as usual.
#[doc(hidden)]
pub const IDENTITY: &str = "$unthread_identity::Identity";

/// The name under which [`UserId`] asks for its value: text, as [`IDENTITY`], or a whole number.
#[doc(hidden)]
pub const USER_ID: &str = "$unthread_identity::UserId";

/// Text that names a user: `None` when the language's string had a lone surrogate, which has
/// no UTF-8 form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity(Option<String>);

impl Identity {
    /// The text, or `None` for a string with a lone surrogate.
    pub fn text(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// The text as an email: a lone surrogate is the email's `NotUnicode` problem.
    fn email(&self) -> Result<&str, Error> {
        self.text().ok_or(Error::email(EmailProblem::NotUnicode))
    }
}

/// What an unknown key of the struct `name` is called in its error (`unknown user key`,
/// `unknown option key`): the user objects of this module are users, every other struct an
/// options object. For a deserializer that names the object in its own errors.
#[doc(hidden)]
pub fn object_kind(name: &str) -> &'static str {
    match name {
        "UserInput" | "SessionUserInput" | "TokenUserInput" => "user",
        _ => "option",
    }
}

/// A stable user id: an [`Identity`], or a whole number (a database key), which is its
/// decimal text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserId(pub Identity);

impl<'de> Deserialize<'de> for Identity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(IDENTITY, IdentityVisitor { numbers: false })
    }
}

impl<'de> Deserialize<'de> for UserId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_newtype_struct(USER_ID, IdentityVisitor { numbers: true })
            .map(UserId)
    }
}

/// Reads an identity's text; with `numbers`, a whole number too.
struct IdentityVisitor {
    numbers: bool,
}

impl<'de> Visitor<'de> for IdentityVisitor {
    type Value = Identity;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.numbers {
            "a string or a whole number"
        } else {
            "a string"
        })
    }
    fn visit_none<E: de::Error>(self) -> Result<Identity, E> {
        Ok(Identity(None))
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Identity, E> {
        Ok(Identity(Some(text.to_owned())))
    }
    fn visit_string<E: de::Error>(self, text: String) -> Result<Identity, E> {
        Ok(Identity(Some(text)))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Identity, E> {
        if !self.numbers {
            return Err(E::invalid_type(de::Unexpected::Unsigned(n), &self));
        }
        Ok(Identity(Some(n.to_string())))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Identity, E> {
        if !self.numbers {
            return Err(E::invalid_type(de::Unexpected::Signed(n), &self));
        }
        Ok(Identity(Some(n.to_string())))
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Identity, D::Error> {
        d.deserialize_any(self)
    }
}

/// The user of the classic portal's `start` call (`signer.user(...)`, `startScript`): the
/// `email` and `name` to sign, or a user signed earlier, whose `emailHash` is checked, never
/// recomputed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserInput {
    /// The email, signed as the policy says.
    pub email: String,
    /// The display name.
    pub name: Option<String>,
    /// The hash of a user signed earlier.
    #[serde(rename = "emailHash")]
    pub email_hash: Option<String>,
}

impl UserInput {
    /// The user, for [`Signer::signed_user`](crate::Signer::signed_user).
    pub fn as_user(&self) -> UserRef<'_> {
        UserRef::new(&self.email)
            .with_name(self.name.as_deref())
            .with_email_hash(self.email_hash.as_deref())
    }
}

/// The logged-in user of the classic portal's user endpoint (the session's): `email` names the
/// user, so a lone surrogate in it is refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionUserInput {
    /// The email.
    pub email: Identity,
    /// The display name.
    pub name: Option<String>,
}

impl SessionUserInput {
    /// The user, for [`UserEndpoint::respond`](crate::UserEndpoint::respond).
    pub fn as_user(&self) -> Result<UserRef<'_>, Error> {
        Ok(UserRef::new(self.email.email()?).with_name(self.name.as_deref()))
    }
}

/// The logged-in user of a token (`mintToken`, the token endpoint's session user): `email`,
/// `name`, and `id`, which replaces the email as the subject. Both `email` and `id` name the
/// user, so a lone surrogate in either is refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenUserInput {
    /// The email.
    pub email: Identity,
    /// The display name (a lone surrogate becomes U+FFFD: it names nobody).
    pub name: Option<String>,
    /// A stable id: text, or a whole number (its decimal text).
    pub id: Option<UserId>,
}

impl TokenUserInput {
    /// The user, for [`TokenSigner::mint_with`](crate::TokenSigner::mint_with); `id_name` names
    /// the id in the error for one with a lone surrogate (`user.id`, `id`).
    pub fn as_user(&self, id_name: &str) -> Result<TokenUser<'_>, Error> {
        let email = self.email.email()?;
        let id = match &self.id {
            Some(UserId(id)) => Some(
                id.text()
                    .ok_or_else(|| TokenUser::id_not_unicode(id_name))?,
            ),
            None => None,
        };
        Ok(TokenUser::new(email)
            .with_name(self.name.as_deref())
            .with_id(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_user_keys_are_refused() {
        for json in [
            r#"{ "email": "a@b", "nme": "A" }"#,
            r#"{ "email": "a@b", "email_hash": "x" }"#,
        ] {
            assert!(serde_json::from_str::<UserInput>(json).is_err(), "{json}");
        }
        assert!(
            serde_json::from_str::<TokenUserInput>(r#"{ "email": "a@b", "role": "x" }"#).is_err()
        );
    }

    #[test]
    fn an_identity_refused_by_the_deserializer_is_the_fields_error() {
        let user = TokenUserInput {
            email: Identity(None),
            name: None,
            id: None,
        };
        assert_eq!(user.as_user("id").unwrap_err().code(), "ERR_INVALID_EMAIL");
        let user = TokenUserInput {
            email: Identity(Some("a@b.c".into())),
            name: None,
            id: Some(UserId(Identity(None))),
        };
        let error = user.as_user("user.id").unwrap_err();
        assert_eq!(error.code(), "ERR_INVALID_OPTION");
        assert!(error.to_string().contains("user.id"));
    }

    #[test]
    fn a_whole_number_id_is_its_decimal_text() {
        let user: TokenUserInput =
            serde_json::from_str(r#"{ "email": "a@b.c", "id": 9007199254740993 }"#).unwrap();
        assert_eq!(user.id.unwrap().0.text(), Some("9007199254740993"));
        assert!(serde_json::from_str::<TokenUserInput>(r#"{ "email": 42 }"#).is_err());
        assert!(
            serde_json::from_str::<TokenUserInput>(r#"{ "email": "a@b.c", "id": 1.5 }"#).is_err()
        );
    }
}
