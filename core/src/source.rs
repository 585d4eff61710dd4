//! A binding's native value (a JavaScript value, a Python object), as the core reads it.
//!
//! A binding says only what one value is, one level deep ([`Source::read`]), which field an
//! object has of its own ([`Source::field`]), whether two values are one object
//! ([`Source::same`]) and what its language calls the value's type ([`Source::type_name`]).
//! Everything else (the option and user objects' keys, their types and defaults, the claim walk,
//! the wording of a wrong type) is decided once, above: `read.rs` and `token/claim_value.rs`.

use std::borrow::Cow;
use std::fmt;

use serde::de::DeserializeOwned;

use crate::error::Error;

/// One value of a binding's language, read one level deep.
#[doc(hidden)]
pub enum Node<S> {
    /// JavaScript's `undefined` (a missing key reads as this too).
    Undefined,
    /// `null` / `None`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer (a Python `int`).
    Integer(i128),
    /// An integer too large even for `i128`: no option or claim takes one.
    HugeInteger,
    /// A float (a Python `float`, or any JavaScript number). Where a whole number is meant (an
    /// id, a count of seconds, a claim), a whole float within ±(2^53 − 1) is one.
    Float(f64),
    /// Text.
    Text(String),
    /// Text with a lone surrogate (JavaScript and Python strings can hold one), which has no
    /// UTF-8 form: refused where the text names a user or is a secret, and shown with each lone
    /// surrogate as U+FFFD (the text held here) where it is display text.
    NotUnicode(String),
    /// Raw bytes (a `Buffer` or `Uint8Array`, `bytes`): a secret.
    Bytes(Vec<u8>),
    /// A list (an array, a Proxy of one; a `list` or `tuple`), with its items.
    List(Vec<S>),
    /// A mapping (a plain object, a `dict`), with its own keys and their values.
    Map(Vec<(Key, S)>),
    /// Anything else, by its type's name (`a function`, `an instance of Date`).
    Other(String),
}

/// A key of a mapping, as a binding read it.
#[doc(hidden)]
#[derive(Debug)]
pub enum Key {
    /// Text: the key.
    Text(String),
    /// Text with a lone surrogate, shown with U+FFFD: no option has such a name, and no claim.
    NotUnicode(String),
    /// Not text, by its type's name (`an instance of int`).
    Other(String),
}

impl Key {
    /// The key as text, for a message.
    pub(crate) fn shown(&self) -> &str {
        match self {
            Key::Text(key) | Key::NotUnicode(key) | Key::Other(key) => key,
        }
    }
}

/// What [`Source::field`] found.
#[doc(hidden)]
pub enum Field<S> {
    /// The value is not an object: it has no fields.
    NotAnObject,
    /// The object has no own field of that name (an inherited one is not its own).
    Absent,
    /// The field's value.
    Present(S),
}

/// A binding's value that the core can read.
#[doc(hidden)]
pub trait Source: Sized {
    /// An error of the binding's own (an exception raised while reading a property).
    type Error;
    /// What this value is, with its children.
    fn read(&self) -> Result<Node<Self>, Self::Error>;
    /// Whether `self` and `other` are the same object (identity, not equality).
    fn same(&self, other: &Self) -> Result<bool, Self::Error>;
    /// The object's own field `key`, for the session's user, which may be any object of the
    /// app's (a class instance included).
    fn field(&self, key: &str) -> Result<Field<Self>, Self::Error>;
    /// The value's type as its language says it in a `TypeError` (`a number`, `int`).
    fn type_name(&self) -> Result<String, Self::Error>;
}

/// Why a read failed.
#[doc(hidden)]
pub enum ReadError<E> {
    /// Raised by the binding while reading (passed on unchanged).
    Source(E),
    /// Refused by a core rule: an unknown key, a lone surrogate in a secret, extra claims that
    /// JSON cannot carry.
    Invalid(Error),
    /// A value of the wrong type: the message of the `TypeError` to raise.
    Type(String),
}

impl<E> fmt::Debug for ReadError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Source(_) => f.write_str("ReadError::Source"),
            ReadError::Invalid(e) => write!(f, "ReadError::Invalid({e:?})"),
            ReadError::Type(message) => write!(f, "ReadError::Type({message:?})"),
        }
    }
}

impl<E> fmt::Display for ReadError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Source(_) => f.write_str("the value could not be read"),
            ReadError::Invalid(e) => e.fmt(f),
            ReadError::Type(message) => f.write_str(message),
        }
    }
}

impl<E> std::error::Error for ReadError<E> {}

/// The language whose names and words a reader uses.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// camelCase keys, `options.ttlSeconds`, `must be a string, received a number`.
    JavaScript,
    /// The Rust field names, `previous_keys[0]['kid']`, `must be a str, not int`.
    Python,
}

impl Language {
    /// A field's key in this language: `ttl_seconds` is `ttlSeconds` in JavaScript.
    pub fn key(self, field: &str) -> Cow<'_, str> {
        if self == Language::Python || !field.contains('_') {
            return Cow::Borrowed(field);
        }
        let mut out = String::with_capacity(field.len());
        let mut upper = false;
        for c in field.chars() {
            match c {
                '_' => upper = true,
                c if upper => {
                    out.extend(c.to_uppercase());
                    upper = false;
                }
                c => out.push(c),
            }
        }
        Cow::Owned(out)
    }
}

/// A value a binding reads in two steps: its [`Checked::Input`], by the core's reader (a wrong
/// type is a `TypeError`), then the core's check, whose refusal is the core's own error with
/// its code (a secret that is empty, a list of origins with `*`). `read_checked` does both, so
/// no binding calls the check itself.
#[doc(hidden)]
pub trait Checked: Sized {
    /// What the reader reads.
    type Input: DeserializeOwned;
    /// The core's check of what was read.
    fn check(input: Self::Input) -> Result<Self, Error>;
}

/// Not given (`undefined`, `null`, `None`) is `None`; anything else is checked.
impl<T: Checked> Checked for Option<T> {
    type Input = Option<T::Input>;
    fn check(input: Self::Input) -> Result<Self, Error> {
        input.map(T::check).transpose()
    }
}
