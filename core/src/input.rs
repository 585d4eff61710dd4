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
//! assert_eq!(signer.signed_user(user.as_user()?)?.email(), "ada@example.com");
//! let token_user: TokenUserInput = serde_json::from_str(r#"{ "email": "ada@example.com", "id": 42 }"#)?;
//! let tokens = unthread_identity::TokenSigner::new(Secret::new("an-embed-secret")?, Default::default())?;
//! assert_eq!(tokens.mint(token_user.as_user("id")?)?.jwt.split('.').count(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::error::{EmailProblem, Error};
use crate::token::{Profile, TokenUser, profile_claims};
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
    /// A binding's string: its text, or `None` when it held a lone surrogate.
    pub fn new(text: Option<String>) -> Self {
        Identity(text)
    }

    /// The text, or `None` for a string with a lone surrogate.
    pub fn text(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// The text as an email: a lone surrogate is the email's `NotUnicode` problem.
    fn email(&self) -> Result<&str, Error> {
        self.text().ok_or(Error::email(EmailProblem::NotUnicode))
    }
}

/// The name of an environment variable, as a binding gives it (`Signer.fromEnv(name)`): text,
/// where a lone surrogate is [`Error::InvalidVariableName`], never echoed as U+FFFD in a "not
/// set" message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableName(String);

impl crate::source::Checked for VariableName {
    type Input = Identity;
    fn check(name: Identity) -> Result<Self, Error> {
        name.0.map(VariableName).ok_or(Error::InvalidVariableName)
    }
}

impl std::ops::Deref for VariableName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// What an unknown key of the struct `name` is called in its error (`unknown user key`,
/// `unknown option key`): the user objects of this module are users, every other struct an
/// options object. For a deserializer that names the object in its own errors.
#[doc(hidden)]
pub fn object_kind(name: &str) -> &'static str {
    match name {
        "UserInput" | "TokenUserInput" => "user",
        "SessionUserInput" => "session user",
        _ => "option",
    }
}

/// Whether the struct `name` is read from any object of the app's (a class instance
/// included), by its own properties, ignoring every other key: the session's user.
#[doc(hidden)]
pub fn reads_any_object(name: &str) -> bool {
    name == "SessionUserInput"
}

/// The largest whole number a user id may be (and the smallest, negated): 2^53 − 1, the
/// largest integer that JavaScript's numbers, JSON parsers and every language here hold
/// exactly. A larger database key is passed as a string, which keeps every digit.
pub const MAX_NUMERIC_USER_ID: u64 = crate::token::time::MAX_EXACT_INTEGER;

/// A stable user id: an [`Identity`], or a whole number within ±[`MAX_NUMERIC_USER_ID`] (a
/// database key), which is its decimal text. `true`, `1.5`, `2^64` and bytes are refused in
/// every language; a float with no fraction (`42.0`, which JavaScript cannot tell from `42`)
/// is the number `42`, and `-0` is `0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserId(pub Identity);

impl UserId {
    /// An integer id, when it is within ±[`MAX_NUMERIC_USER_ID`].
    pub fn from_integer(n: i128) -> Option<UserId> {
        (n.unsigned_abs() <= u128::from(MAX_NUMERIC_USER_ID))
            .then(|| UserId(Identity(Some(n.to_string()))))
    }

    /// A number id: a whole number within ±[`MAX_NUMERIC_USER_ID`].
    pub fn from_number(n: f64) -> Option<UserId> {
        // The bound check first: `as` saturates, and NaN fails every comparison.
        (n.fract() == 0.0 && n.abs() <= MAX_NUMERIC_USER_ID as f64)
            .then(|| UserId::from_integer(n as i128))
            .flatten()
    }
}

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

impl IdentityVisitor {
    fn number<E: de::Error>(
        &self,
        id: Option<UserId>,
        unexpected: de::Unexpected<'_>,
    ) -> Result<Identity, E> {
        match id {
            Some(UserId(id)) if self.numbers => Ok(id),
            _ => Err(E::invalid_type(unexpected, self)),
        }
    }
}

impl<'de> Visitor<'de> for IdentityVisitor {
    type Value = Identity;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.numbers {
            "a string or a whole number of at most 2^53 - 1"
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
        self.number(UserId::from_integer(n.into()), de::Unexpected::Unsigned(n))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Identity, E> {
        self.number(UserId::from_integer(n.into()), de::Unexpected::Signed(n))
    }
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Identity, E> {
        // `Other`, not `Float`: a wrong id is a wrong type (`TypeError`), where a fractional
        // number of seconds is an option out of range.
        self.number(
            UserId::from_number(n),
            de::Unexpected::Other("a number that is no safe integer"),
        )
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
    /// The email, signed as the policy says (a lone surrogate is refused, not replaced).
    pub email: Identity,
    /// The display name.
    pub name: Option<String>,
    /// The hash of a user signed earlier.
    #[serde(rename = "emailHash")]
    pub email_hash: Option<String>,
}

impl UserInput {
    /// The user, for [`Signer::signed_user`](crate::signer::Signer::signed_user).
    pub fn as_user(&self) -> Result<UserRef<'_>, Error> {
        Ok(UserRef::new(self.email.email()?)
            .with_name(self.name.as_deref())
            .with_email_hash(self.email_hash.as_deref()))
    }

    /// The signed user (`signer.user(…)` in a binding): [`Signer::signed_user`] of
    /// [`UserInput::as_user`]; an email with no UTF-8 form is the email's `NotUnicode` problem.
    ///
    /// [`Signer::signed_user`]: crate::signer::Signer::signed_user
    pub fn signed_by(
        &self,
        signer: &crate::signer::Signer,
    ) -> Result<crate::user::SignedUser, Error> {
        signer.signed_user(self.as_user()?)
    }
}

macro_rules! user_inputs {
    ($( $(#[doc = $doc:literal])* $field:ident, )*) => {
        /// The logged-in user as an app's session holds it, for both endpoints: `email`, the
        /// profile claims (`name`) and `id` (a token's subject; the user endpoint does not use
        /// it). Read by the same rule in every language: only these fields, as the object's
        /// *own* properties (a JavaScript prototype's `id` is not the user's), and every other
        /// field ignored, because a session's user object is the app's (it holds roles,
        /// timestamps, …). `email` and `id` name the user, so a lone surrogate in either is
        /// refused.
        #[derive(Debug, Deserialize)]
        pub struct SessionUserInput {
            /// The logged-in user's email (from your session, never from the request).
            pub email: Identity,
            $( $(#[doc = $doc])* pub $field: Option<String>, )*
            /// A stable user id, the subject claim instead of the email: a string, or a whole
            /// number of at most 2^53 - 1 (a database key), which is its decimal text.
            pub id: Option<UserId>,
        }

        /// The logged-in user of a token (`mintToken`, `mint_token`): `email`, the profile
        /// claims (`name`; a lone surrogate in one becomes U+FFFD: it names nobody), and `id`,
        /// which replaces the email as the subject. Both `email` and `id` name the user, so a
        /// lone surrogate in either is refused; any other key is.
        #[derive(Debug, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        pub struct TokenUserInput {
            /// The logged-in user's email (from your session, never from the request).
            pub email: Identity,
            $( $(#[doc = $doc])* pub $field: Option<String>, )*
            /// A stable user id, the subject claim instead of the email: a string, or a whole
            /// number of at most 2^53 - 1 (a database key), which is its decimal text.
            pub id: Option<UserId>,
        }

        impl SessionUserInput {
            fn profile(&self) -> Profile<'_> {
                Profile { $( $field: self.$field.as_deref(), )* }
            }
        }

        impl TokenUserInput {
            fn profile(&self) -> Profile<'_> {
                Profile { $( $field: self.$field.as_deref(), )* }
            }
        }
    };
}

profile_claims!(user_inputs);

impl SessionUserInput {
    /// The user, for `UserEndpoint::respond`.
    pub fn as_user(&self) -> Result<UserRef<'_>, Error> {
        Ok(UserRef::new(self.email.email()?).with_name(self.name.as_deref()))
    }

    /// The page's user (`sessionUser`, `session_user`): what `signer.user()` takes.
    pub fn page_user(&self) -> Result<PageUser, Error> {
        let user = self.as_user()?;
        Ok(PageUser {
            email: user.email().to_owned(),
            name: user.name().map(str::to_owned),
        })
    }

    /// The user, for `TokenEndpoint::respond`.
    pub fn as_token_user(&self) -> Result<TokenUser<'_>, Error> {
        token_user(&self.email, self.profile(), self.id.as_ref(), "user.id")
    }
}

/// The page's user, read from the session's user by the endpoints' rule: `{ email, name }`
/// (`name` null when there is none), for `signer.user()`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PageUser {
    /// The email.
    pub email: String,
    /// The display name.
    pub name: Option<String>,
}

/// `sessionUser(user)`: the page's user of a session's user, read as the endpoints read it.
impl crate::source::Checked for PageUser {
    type Input = SessionUserInput;
    fn check(user: SessionUserInput) -> Result<PageUser, Error> {
        user.page_user()
    }
}

impl TokenUserInput {
    /// The user, for [`TokenSigner::mint_with`](crate::token::TokenSigner::mint_with); `id_name` names
    /// the id in the error for one with a lone surrogate (`user.id`, `id`).
    pub fn as_user(&self, id_name: &str) -> Result<TokenUser<'_>, Error> {
        token_user(&self.email, self.profile(), self.id.as_ref(), id_name)
    }
}

fn token_user<'a>(
    email: &'a Identity,
    profile: Profile<'a>,
    id: Option<&'a UserId>,
    id_name: &str,
) -> Result<TokenUser<'a>, Error> {
    let email = email.email()?;
    let id = match id {
        Some(UserId(id)) => Some(
            id.text()
                .ok_or_else(|| TokenUser::id_not_unicode(id_name))?,
        ),
        None => None,
    };
    Ok(TokenUser::new(email).with_profile(profile).with_id(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_object_is_signed_or_refused_by_the_cores_email_rule() {
        let signer = crate::Signer::new(crate::Secret::new("a-secret").unwrap());
        let user = |email: Option<&str>| UserInput {
            email: Identity::new(email.map(str::to_owned)),
            name: Some("Ada".into()),
            email_hash: None,
        };
        let signed = user(Some("ada@example.com")).signed_by(&signer).unwrap();
        assert_eq!(
            signed.email_hash(),
            signer.sign("ada@example.com").unwrap().as_str()
        );
        let refused = user(None).signed_by(&signer).unwrap_err();
        assert_eq!(refused.code(), "ERR_INVALID_EMAIL");
    }

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
        let user: TokenUserInput = serde_json::from_str(r#"{ "email": "x" }"#).unwrap();
        let user = TokenUserInput {
            email: Identity(None),
            ..user
        };
        assert_eq!(user.as_user("id").unwrap_err().code(), "ERR_INVALID_EMAIL");
        let user = TokenUserInput {
            email: Identity(Some("a@b.c".into())),
            id: Some(UserId(Identity(None))),
            ..user
        };
        let error = user.as_user("user.id").unwrap_err();
        assert_eq!(error.code(), "ERR_INVALID_OPTION");
        assert!(error.to_string().contains("user.id"));
    }

    #[test]
    fn a_whole_number_id_is_its_decimal_text() {
        let id = |json: &str| {
            serde_json::from_str::<TokenUserInput>(&format!(
                r#"{{ "email": "a@b.c", "id": {json} }}"#
            ))
            .map(|user| user.id.unwrap().0.text().unwrap().to_owned())
        };
        assert_eq!(id("9007199254740991").unwrap(), "9007199254740991");
        assert_eq!(id("-9007199254740991").unwrap(), "-9007199254740991");
        assert_eq!(id("42.0").unwrap(), "42");
        assert_eq!(id("-0.0").unwrap(), "0");
        for refused in [
            "9007199254740992",
            "18446744073709551616",
            "1e21",
            "1.5",
            "true",
            "[]",
        ] {
            assert!(id(refused).is_err(), "{refused}");
        }
        assert!(serde_json::from_str::<TokenUserInput>(r#"{ "email": 42 }"#).is_err());
        assert!(
            serde_json::from_str::<TokenUserInput>(r#"{ "email": "a@b.c", "id": 1.5 }"#).is_err()
        );
    }
}
