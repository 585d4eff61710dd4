//! Option values that are one of a few names (`"exact"`, `"canonical"`; `"text"`, `"base64"`,
//! `"hex"`), read as their real type. Each asks a deserializer for its text under a name of its
//! own, so that the core's reader (`read.rs`) can refuse an unknown name with the core's own
//! error ([`Error::UnknownEmailPolicy`], [`Error::UnknownSecretEncoding`]); any other
//! deserializer (serde_json) gets the text and the same refusal as its own error.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};

use crate::email::EmailPolicy;
use crate::error::Error;
use crate::secret::SecretEncoding;

/// The name under which [`EmailPolicy`] asks for its text.
pub(crate) const EMAIL_POLICY: &str = "$unthread_identity::EmailPolicy";
/// The name under which [`SecretEncoding`] asks for its text.
pub(crate) const SECRET_ENCODING: &str = "$unthread_identity::SecretEncoding";

/// Whether `text` is a name the type asked for as `name` knows: the core's error if not.
pub(crate) fn check(name: &str, text: &str) -> Option<Result<(), Error>> {
    match name {
        EMAIL_POLICY => Some(text.parse::<EmailPolicy>().map(drop)),
        SECRET_ENCODING => Some(text.parse::<SecretEncoding>().map(drop)),
        _ => None,
    }
}

/// Reads a `T` from its name.
struct ByName<T>(PhantomData<T>);

impl<'de, T: FromStr<Err = Error>> Visitor<'de> for ByName<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for EmailPolicy {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(EMAIL_POLICY, ByName(PhantomData))
    }
}

impl<'de> serde::Deserialize<'de> for SecretEncoding {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(SECRET_ENCODING, ByName(PhantomData))
    }
}
