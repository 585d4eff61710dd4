//! The one reader of a binding's objects: options, users, extra claims, read from a
//! [`Source`] (a JavaScript value, a Python object) into the core's serde structs
//! (`TokenSignerConfig`, `UserInput`, `SessionUserInput`, …). The structs declare the keys,
//! their types and defaults; this reader decides, once for every language:
//!
//! - a key's name in each language ([`Language::key`]: `ttlSeconds` in JavaScript,
//!   `ttl_seconds` in Python; the portal's JSON names, `emailHash`, stay as they are);
//! - that an object is a plain object or a `dict`, whose every key is known, checked before any
//!   value is read (an unknown key, snake_case in JavaScript included, is `ERR_INVALID_OPTION`
//!   naming the keys that exist); the session's user, the app's own object, is read by its own
//!   fields only, every other ignored;
//! - that a missing key and `null` (`undefined`, `None`) are a field's default (its
//!   `#[serde(default)]`, or `None`), and a required field's `TypeError`, whose words come from
//!   reading the field again as `undefined`;
//! - the wording of a wrong type, naming the path (`options.previousKeys[0].secret must be a
//!   string, a Buffer or a Uint8Array, received a number`; `previous_keys[0]['secret'] must be
//!   a str or bytes, not int`);
//! - counts of seconds (whole and non-negative), user ids (text or a safe integer), identities
//!   (a lone surrogate is `None`, never U+FFFD), secrets (text or bytes, a lone surrogate
//!   refused), extra claims (the claim walk of `token/claim_value.rs`).

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

use crate::config::PORTAL_HOSTS;
use crate::error::Error;
use crate::input::{IDENTITY, USER_ID, object_kind, reads_any_object};
use crate::named;
use crate::source::{Checked, Field, Key, Language, Node, ReadError, Source};
use crate::token::{
    HEADER_VALUE, HEADER_VALUES, claims_from, not_whole_seconds, seconds_from_number,
};

/// What a value was expected to be, for the `TypeError`.
#[derive(Clone, Copy)]
enum Expected {
    Text,
    Boolean,
    Seconds,
    List,
    Object,
    Claims,
    Secret,
    UserId,
    Headers,
    Header,
    Bytes,
    Hosts,
}

impl Language {
    /// The path of a member of `path`.
    fn member(self, path: &str, key: &str) -> String {
        match self {
            _ if path.is_empty() => key.to_owned(),
            Language::JavaScript => format!("{path}.{key}"),
            Language::Python => format!("{path}['{key}']"),
        }
    }

    fn words(self, expected: Expected) -> &'static str {
        use Expected as E;
        match (self, expected) {
            (Language::JavaScript, E::Text) => "a string",
            (Language::JavaScript, E::Boolean) => "a boolean",
            (Language::JavaScript, E::Seconds) => "a number of seconds",
            (Language::JavaScript, E::List) => "an array",
            (Language::JavaScript, E::Object) => "a plain object",
            (Language::JavaScript, E::Claims) => "a plain object of JSON values",
            (Language::JavaScript, E::Secret) => "a string, a Buffer or a Uint8Array",
            (Language::JavaScript, E::UserId) => "a string or a whole number of at most 2^53 - 1",
            (Language::JavaScript, E::Headers) => "a string, an array of strings or null",
            (Language::JavaScript, E::Header) => "a string",
            (Language::JavaScript, E::Bytes) => "a Buffer or a Uint8Array",
            (Language::JavaScript, E::Hosts) => "a string or an array of strings",
            (Language::Python, E::Text) => "a str",
            (Language::Python, E::Boolean) => "a bool",
            (Language::Python, E::Seconds) => "an int of seconds",
            (Language::Python, E::List) => "a list",
            (Language::Python, E::Object) => "a dict",
            (Language::Python, E::Claims) => "a dict of JSON values",
            (Language::Python, E::Secret) => "a str or bytes",
            (Language::Python, E::UserId) => "a str or a whole number of at most 2**53 - 1",
            (Language::Python, E::Headers) => "a str, bytes, a list of them, or None",
            (Language::Python, E::Header) => "a str or bytes",
            (Language::Python, E::Bytes) => "bytes",
            (Language::Python, E::Hosts) => "a str or a list of str",
        }
    }

    /// The message of the `TypeError` for `path`, which is `actual`, not `expected`.
    fn type_error(self, path: &str, expected: Expected, actual: &str) -> String {
        let expected = self.words(expected);
        match self {
            Language::JavaScript => format!("{path} must be {expected}, received {actual}"),
            Language::Python => format!("{path} must be {expected}, not {actual}"),
        }
    }

    /// What a missing key is called in a message.
    fn missing(self) -> &'static str {
        match self {
            Language::JavaScript => "undefined",
            Language::Python => "missing",
        }
    }
}

/// `value`, read as `T`; `path` names it in messages (`"options"`, `"user"`, or `""` for a
/// Python function's keyword arguments, whose names stand alone).
#[doc(hidden)]
pub fn read<T: DeserializeOwned, S: Source + Clone>(
    value: S,
    path: &str,
    language: Language,
) -> Result<T, ReadError<S::Error>> {
    read_beside(value, path, language, &[])
}

/// `value`, read as `T`'s input and checked by the core (see [`Checked`]).
#[doc(hidden)]
pub fn read_checked<T: Checked, S: Source + Clone>(
    value: S,
    path: &str,
    language: Language,
) -> Result<T, ReadError<S::Error>> {
    T::check(read(value, path, language)?).map_err(ReadError::Invalid)
}

/// `value`, an object whose keys are `A`'s fields and `B`'s, read as both: a Python call whose
/// keyword arguments are a user's fields and options (`mint_token(email, name, id=…,
/// issued_at=…)`). A key of neither is refused, naming the keys of both.
#[doc(hidden)]
pub fn read_pair<A: DeserializeOwned, B: DeserializeOwned, S: Source + Clone>(
    value: S,
    path: &str,
    language: Language,
) -> Result<(A, B), ReadError<S::Error>> {
    let a = read_beside(value.clone(), path, language, fields::<B>())?;
    Ok((a, read_beside(value, path, language, fields::<A>())?))
}

/// [`read`], with the object's `beside` keys left to another struct.
fn read_beside<T: DeserializeOwned, S: Source + Clone>(
    value: S,
    path: &str,
    language: Language,
    beside: &'static [&'static str],
) -> Result<T, ReadError<S::Error>> {
    let reader = |pad| Reader {
        value: Some(value.clone()),
        node: None,
        path: path.to_owned(),
        language,
        pad,
        beside,
    };
    // A field's default is the struct's to give (`#[serde(default)]`, `None`): a missing key
    // is left to serde. When a required one is missing, the struct is read again with that
    // key as `undefined`, whose read gives the `TypeError` the field's type says.
    match T::deserialize(reader(None)) {
        Err(Fail::Missing {
            path: Some(missing),
            ..
        }) => T::deserialize(reader(Some(missing))).map_err(Fail::into_read),
        other => other.map_err(Fail::into_read),
    }
}

/// The fields of the struct `T`, as serde's derive declares them: the keys its deserializer
/// asks for, in their order (for a generated type, or a list of keys in a message).
#[doc(hidden)]
pub fn fields<T: DeserializeOwned>() -> &'static [&'static str] {
    /// A deserializer that only answers a struct's request with its fields.
    struct Probe;
    #[derive(Debug)]
    struct Found(&'static [&'static str]);
    impl fmt::Display for Found {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }
    impl std::error::Error for Found {}
    impl de::Error for Found {
        fn custom<M: fmt::Display>(_: M) -> Self {
            Found(&[])
        }
    }
    impl<'de> de::Deserializer<'de> for Probe {
        type Error = Found;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Found> {
            Err(Found(&[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Found> {
            Err(Found(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    match T::deserialize(Probe) {
        Err(Found(fields)) => fields,
        Ok(_) => &[],
    }
}

/// The name under which [`RawBytes`] asks for its value.
const RAW_BYTES: &str = "$unthread_identity::RawBytes";

/// Raw bytes and nothing else (a `Buffer` or `Uint8Array`; `bytes`): the data of `sign_raw`.
#[doc(hidden)]
pub struct RawBytes(pub Vec<u8>);

impl<'de> serde::Deserialize<'de> for RawBytes {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Raw;
        impl Visitor<'_> for Raw {
            type Value = RawBytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<RawBytes, E> {
                Ok(RawBytes(bytes.to_vec()))
            }
            fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<RawBytes, E> {
                Ok(RawBytes(bytes))
            }
        }
        d.deserialize_newtype_struct(RAW_BYTES, Raw)
    }
}

/// The reader's error inside serde: a read's failure, or a required field that is missing
/// (named by its path once its struct has seen it).
enum Fail<E> {
    Read(ReadError<E>),
    Missing {
        field: &'static str,
        path: Option<String>,
    },
}

impl<E> Fail<E> {
    fn into_read(self) -> ReadError<E> {
        match self {
            Fail::Read(error) => error,
            // Read again with the key as `undefined`, a field still missing is a wrong type.
            Fail::Missing { field, path } => {
                ReadError::Type(format!("{} is missing", path.as_deref().unwrap_or(field)))
            }
        }
    }
}

impl<E> From<ReadError<E>> for Fail<E> {
    fn from(error: ReadError<E>) -> Self {
        Fail::Read(error)
    }
}

impl<E> fmt::Debug for Fail<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fail::Read(error) => error.fmt(f),
            Fail::Missing { field, .. } => write!(f, "Fail::Missing({field})"),
        }
    }
}

impl<E> fmt::Display for Fail<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fail::Read(error) => error.fmt(f),
            Fail::Missing { field, .. } => write!(f, "{field} is missing"),
        }
    }
}

impl<E> std::error::Error for Fail<E> {}

impl<E> de::Error for Fail<E> {
    /// Only a struct's own refusal lands here (the reads below make their own errors): an
    /// option error.
    fn custom<T: fmt::Display>(message: T) -> Self {
        Fail::Read(ReadError::Invalid(Error::option(
            "option",
            message.to_string(),
        )))
    }

    fn missing_field(field: &'static str) -> Self {
        Fail::Missing { field, path: None }
    }
}

type Read<T, S> = Result<T, Fail<<S as Source>::Error>>;

/// One value (`None`: a missing key) and where it is.
struct Reader<S> {
    value: Option<S>,
    /// The value's node, when `deserialize_option` has read it already.
    node: Option<Node<S>>,
    path: String,
    language: Language,
    /// The path of the one missing key to read as `undefined` (see [`read`]).
    pad: Option<String>,
    /// Keys of the object that another struct reads (see [`read_pair`]).
    beside: &'static [&'static str],
}

impl<S: Source> Reader<S> {
    fn node(&mut self) -> Read<Node<S>, S> {
        if let Some(node) = self.node.take() {
            return Ok(node);
        }
        match &self.value {
            Some(value) => Ok(value.read().map_err(ReadError::Source)?),
            None => Ok(Node::Undefined),
        }
    }

    /// The `TypeError` for this value, which is not `expected`.
    fn wrong(&self, expected: Expected) -> Fail<S::Error> {
        let actual = match &self.value {
            Some(value) => match value.type_name() {
                Ok(actual) => actual,
                Err(error) => return ReadError::Source(error).into(),
            },
            None => self.language.missing().to_owned(),
        };
        ReadError::Type(self.language.type_error(&self.path, expected, &actual)).into()
    }

    fn child(&self, value: Option<S>, path: String) -> Self {
        Reader {
            value,
            node: None,
            path,
            language: self.language,
            pad: self.pad.clone(),
            beside: &[],
        }
    }

    /// Whether `field`'s missing key is the one to read as `undefined`.
    fn pads(&self, field: &str) -> bool {
        let language = self.language;
        self.pad.as_deref() == Some(&language.member(&self.path, &language.key(field)))
    }

    /// One of a few names (an email policy, a secret encoding; see `named.rs`): an unknown one
    /// is the core's own error, text with a lone surrogate no name.
    fn named<'de, V: Visitor<'de>>(mut self, name: &str, visitor: V) -> Read<V::Value, S> {
        match self.node()? {
            Node::Text(text) | Node::NotUnicode(text) => match named::check(name, &text) {
                Some(Err(error)) => Err(ReadError::Invalid(error).into()),
                _ => visitor.visit_string(text),
            },
            _ => Err(self.wrong(Expected::Text)),
        }
    }

    /// A header's values ([`HEADER_VALUES`]: none, one, or a list) or one of a list
    /// ([`HEADER_VALUE`]): text, whose characters the visitor takes as bytes, or bytes.
    fn header_values<'de, V: Visitor<'de>>(mut self, name: &str, visitor: V) -> Read<V::Value, S> {
        let list = name == HEADER_VALUES;
        match self.node()? {
            Node::Undefined | Node::Null if list => visitor.visit_none(),
            Node::Text(text) | Node::NotUnicode(text) => visitor.visit_str(&text),
            Node::Bytes(bytes) => visitor.visit_bytes(&bytes),
            Node::List(items) if list => visitor.visit_seq(Items {
                reader: &self,
                items: items.into_iter().enumerate(),
            }),
            _ if list => Err(self.wrong(Expected::Headers)),
            _ => Err(self.wrong(Expected::Header)),
        }
    }

    /// The struct's fields that the value holds, each with its value and node. A key whose
    /// value is `null` or `undefined` is left out, as a missing one: the field's default (or
    /// `None`) then applies, the one rule for "not given" in every language. The key being
    /// padded (see [`read`]) stands as `undefined`.
    fn fields(
        &mut self,
        name: &'static str,
        fields: &'static [&'static str],
    ) -> Read<Vec<Entry<S>>, S> {
        let language = self.language;
        // The map's entries first (reading the node borrows `self` mutably).
        let entries = match reads_any_object(name) {
            true => None,
            false => match self.node()? {
                Node::Map(entries) => Some(entries),
                _ => return Err(self.wrong(Expected::Object)),
            },
        };
        let mut found: Vec<Entry<S>> = Vec::with_capacity(fields.len());
        let mut keep = |field: &'static str, value: S| -> Read<(), S> {
            let node = value.read().map_err(ReadError::Source)?;
            if !matches!(node, Node::Null | Node::Undefined) || self.pads(field) {
                found.push((field, Some(value), Some(node)));
            }
            Ok(())
        };
        if let Some(entries) = entries {
            for (key, value) in entries {
                let is =
                    |f: &&&str| matches!(&key, Key::Text(key) if language.key(f) == key.as_str());
                let Some(&field) = fields.iter().find(is) else {
                    if self.beside.iter().any(|f| is(&f)) {
                        continue;
                    }
                    let all = fields.iter().chain(self.beside);
                    let expected: Vec<_> = all.map(|f| language.key(f)).collect();
                    let object = object_kind(name);
                    let error = Error::unknown_key(object, key.shown(), expected.join(", "));
                    return Err(ReadError::Invalid(error).into());
                };
                keep(field, value)?;
            }
        } else {
            let value = self.value.as_ref();
            for &field in fields {
                match value.map(|v| v.field(&language.key(field))) {
                    Some(Ok(Field::Present(v))) => keep(field, v)?,
                    Some(Ok(Field::Absent)) => {}
                    Some(Err(error)) => return Err(ReadError::Source(error).into()),
                    Some(Ok(Field::NotAnObject)) | None => return Err(self.wrong(Expected::Object)),
                }
            }
        }
        for &field in fields {
            if self.pads(field) && !found.iter().any(|(name, ..)| *name == field) {
                found.push((field, None, None));
            }
        }
        Ok(found)
    }
}

/// A field of a struct being read: its name, its value (`None`: missing) and the value's node.
type Entry<S> = (&'static str, Option<S>, Option<Node<S>>);

impl<'de, S: Source> de::Deserializer<'de> for Reader<S> {
    type Error = Fail<S::Error>;

    /// A value of several types: text or bytes. Only a secret asks for one.
    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> Read<V::Value, S> {
        match self.node()? {
            Node::Text(text) => visitor.visit_string(text),
            // "\ud800", "\udfff" and "\ufffd" would otherwise be one key.
            Node::NotUnicode(_) => Err(ReadError::Invalid(Error::SecretNotUnicode).into()),
            Node::Bytes(bytes) => visitor.visit_byte_buf(bytes),
            _ => Err(self.wrong(Expected::Secret)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(mut self, visitor: V) -> Read<V::Value, S> {
        match self.node()? {
            Node::Undefined | Node::Null => visitor.visit_none(),
            node => {
                self.node = Some(node);
                visitor.visit_some(self)
            }
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value, S> {
        self.deserialize_string(visitor)
    }

    /// Display text: a lone surrogate is U+FFFD, as V8 writes a string as UTF-8.
    fn deserialize_string<V: Visitor<'de>>(mut self, visitor: V) -> Read<V::Value, S> {
        match self.node()? {
            Node::Text(text) | Node::NotUnicode(text) => visitor.visit_string(text),
            _ => Err(self.wrong(Expected::Text)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(mut self, visitor: V) -> Read<V::Value, S> {
        match self.node()? {
            Node::Bool(b) => visitor.visit_bool(b),
            _ => Err(self.wrong(Expected::Boolean)),
        }
    }

    /// A count of seconds (the only unsigned number the structs hold): whole and
    /// non-negative, else an option error, as `ttl_seconds: 1.5` is in every language.
    fn deserialize_u64<V: Visitor<'de>>(mut self, visitor: V) -> Read<V::Value, S> {
        let invalid = |path: &str| Fail::from(ReadError::Invalid(not_whole_seconds(path)));
        match self.node()? {
            Node::Float(n) => {
                let seconds = seconds_from_number(n, &self.path)
                    .map_err(|e| Fail::from(ReadError::Invalid(e)))?;
                visitor.visit_u64(seconds)
            }
            Node::Integer(n) => {
                visitor.visit_u64(u64::try_from(n).map_err(|_| invalid(&self.path))?)
            }
            Node::HugeInteger => Err(invalid(&self.path)),
            _ => Err(self.wrong(Expected::Seconds)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(mut self, visitor: V) -> Read<V::Value, S> {
        let Node::List(items) = self.node()? else {
            return Err(self.wrong(Expected::List));
        };
        visitor.visit_seq(Items {
            reader: &self,
            items: items.into_iter().enumerate(),
        })
    }

    /// Extra claims: the claim walk makes the JSON object, which serde then reads.
    fn deserialize_map<V: Visitor<'de>>(mut self, visitor: V) -> Read<V::Value, S> {
        let (Node::Map(_), Some(value)) = (self.node()?, self.value.as_ref()) else {
            return Err(self.wrong(Expected::Claims));
        };
        let claims = claims_from(&self.path, value)?;
        de::Deserializer::deserialize_any(serde_json::Value::Object(claims), visitor)
            .map_err(de::Error::custom)
    }

    /// Text that names a user ([`IDENTITY`]): a lone surrogate is `None`, never U+FFFD. A user
    /// id ([`USER_ID`]) may also be a whole number, which the id's visitor checks.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        mut self,
        name: &'static str,
        visitor: V,
    ) -> Read<V::Value, S> {
        let expected = match name {
            IDENTITY => Expected::Text,
            USER_ID => Expected::UserId,
            HEADER_VALUES | HEADER_VALUE => return self.header_values(name, visitor),
            RAW_BYTES => {
                return match self.node()? {
                    Node::Bytes(bytes) => visitor.visit_byte_buf(bytes),
                    _ => Err(self.wrong(Expected::Bytes)),
                };
            }
            // One host (text), or a list of them, each read as text.
            PORTAL_HOSTS => {
                return match self.node()? {
                    Node::Text(text) | Node::NotUnicode(text) => visitor.visit_string(text),
                    Node::List(items) => visitor.visit_seq(Items {
                        reader: &self,
                        items: items.into_iter().enumerate(),
                    }),
                    _ => Err(self.wrong(Expected::Hosts)),
                };
            }
            _ if named::check(name, "").is_some() => return self.named(name, visitor),
            _ => return visitor.visit_newtype_struct(self),
        };
        let numbers = name == USER_ID;
        let read: Read<V::Value, S> = match self.node()? {
            Node::Text(text) => visitor.visit_string(text),
            Node::NotUnicode(_) => visitor.visit_none(),
            Node::Float(n) if numbers => visitor.visit_f64(n),
            Node::Integer(n) if numbers => match i64::try_from(n) {
                Ok(n) => visitor.visit_i64(n),
                Err(_) => return Err(self.wrong(expected)),
            },
            _ => return Err(self.wrong(expected)),
        };
        read.map_err(|_| self.wrong(expected))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        mut self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Read<V::Value, S> {
        let entries = self.fields(name, fields)?;
        let read = visitor.visit_map(Fields {
            reader: &self,
            entries: entries.into_iter(),
            value: None,
        });
        // A required field of this struct is missing: name it by its path.
        read.map_err(|fail| match fail {
            Fail::Missing { field, path: None } => {
                let path = self.language.member(&self.path, &self.language.key(field));
                Fail::Missing {
                    field,
                    path: Some(path),
                }
            }
            other => other,
        })
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u128 f32 f64 char bytes byte_buf unit unit_struct
        tuple tuple_struct enum identifier ignored_any
    }
}

/// The items of a list, read one at a time.
struct Items<'a, S> {
    reader: &'a Reader<S>,
    items: std::iter::Enumerate<std::vec::IntoIter<S>>,
}

impl<'de, S: Source> de::SeqAccess<'de> for Items<'_, S> {
    type Error = Fail<S::Error>;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Read<Option<T::Value>, S> {
        let Some((i, item)) = self.items.next() else {
            return Ok(None);
        };
        let path = format!("{}[{i}]", self.reader.path);
        seed.deserialize(self.reader.child(Some(item), path))
            .map(Some)
    }
}

/// The fields of an object, as the struct names them.
struct Fields<'a, S> {
    reader: &'a Reader<S>,
    entries: std::vec::IntoIter<Entry<S>>,
    value: Option<Entry<S>>,
}

impl<'de, S: Source> de::MapAccess<'de> for Fields<'_, S> {
    type Error = Fail<S::Error>;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Read<Option<K::Value>, S> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        let field = entry.0;
        self.value = Some(entry);
        seed.deserialize(field.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Read<V::Value, S> {
        let (field, value, node) = self.value.take().ok_or_else(|| {
            <Fail<S::Error> as de::Error>::custom("a value was read before its key")
        })?;
        let reader = self.reader;
        let path = reader
            .language
            .member(&reader.path, &reader.language.key(field));
        let mut child = reader.child(value, path);
        child.node = node;
        seed.deserialize(child)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::config::{SignerConfig, TokenSignerConfig};
    use crate::input::SessionUserInput;

    /// A JSON value as a binding's: `"\u{fffd}"` stands for a lone surrogate.
    #[derive(Clone)]
    pub(crate) struct Json<'a>(pub(crate) &'a Value);

    impl Source for Json<'_> {
        type Error = ();
        fn read(&self) -> Result<Node<Self>, ()> {
            Ok(match self.0 {
                Value::Null => Node::Null,
                Value::Bool(b) => Node::Bool(*b),
                Value::Number(n) => match n.as_i64() {
                    Some(n) => Node::Integer(n.into()),
                    None => Node::Float(n.as_f64().unwrap_or(f64::NAN)),
                },
                Value::String(t) if t.contains('\u{fffd}') => Node::NotUnicode(t.clone()),
                Value::String(t) => Node::Text(t.clone()),
                Value::Array(items) => Node::List(items.iter().map(Json).collect()),
                Value::Object(map) => Node::Map(
                    map.iter()
                        .map(|(k, v)| (Key::Text(k.clone()), Json(v)))
                        .collect(),
                ),
            })
        }
        fn same(&self, other: &Self) -> Result<bool, ()> {
            Ok(std::ptr::eq(self.0, other.0))
        }
        fn field(&self, key: &str) -> Result<Field<Self>, ()> {
            Ok(match self.0 {
                Value::Object(map) => map
                    .get(key)
                    .map_or(Field::Absent, |v| Field::Present(Json(v))),
                _ => Field::NotAnObject,
            })
        }
        fn type_name(&self) -> Result<String, ()> {
            Ok(match self.0 {
                Value::Number(_) => "a number".into(),
                _ => "another type".into(),
            })
        }
    }

    fn fails<T: DeserializeOwned + fmt::Debug>(value: Value, language: Language) -> String {
        match read::<T, _>(Json(&value), "options", language).unwrap_err() {
            ReadError::Invalid(e) => format!("invalid: {e}"),
            ReadError::Type(message) => format!("type: {message}"),
            ReadError::Source(()) => "source".into(),
        }
    }

    #[test]
    fn keys_are_camel_case_in_javascript_and_the_field_names_in_python() {
        let js = json!({ "ttlSeconds": 60, "claimNames": { "jwtId": "id" } });
        let config: TokenSignerConfig = read(Json(&js), "options", Language::JavaScript).unwrap();
        assert_eq!(config.ttl_seconds, Some(60));
        let py = json!({ "ttl_seconds": 60.0 });
        let config: TokenSignerConfig = read(Json(&py), "", Language::Python).unwrap();
        assert_eq!(config.ttl_seconds, Some(60));
        let snake = fails::<TokenSignerConfig>(json!({ "ttl_seconds": 1 }), Language::JavaScript);
        assert!(
            snake.contains(
                "unknown option key \"ttl_seconds\": expected one of kid, secretEncoding"
            ),
            "{snake}"
        );
    }

    #[test]
    fn a_wrong_type_names_its_path_in_each_languages_words() {
        let value = json!({ "previous_secrets": [5] });
        assert_eq!(
            fails::<SignerConfig>(value.clone(), Language::Python),
            "type: options['previous_secrets'][0] must be a str or bytes, not a number"
        );
        let value = json!({ "previousSecrets": [5] });
        assert_eq!(
            fails::<SignerConfig>(value, Language::JavaScript),
            "type: options.previousSecrets[0] must be a string, a Buffer or a Uint8Array, received a number"
        );
        let secret = fails::<SignerConfig>(
            json!({ "previousSecrets": ["\u{fffd}"] }),
            Language::JavaScript,
        );
        assert!(secret.starts_with("invalid:"), "{secret}");
    }

    #[test]
    fn seconds_are_whole_and_non_negative() {
        for bad in [json!(-1), json!(1.5), json!(1e300)] {
            let error = fails::<TokenSignerConfig>(json!({ "ttl_seconds": bad }), Language::Python);
            assert!(
                error.contains("whole, non-negative number of seconds"),
                "{error}"
            );
        }
    }

    #[test]
    fn a_checked_value_is_read_then_refused_with_the_cores_own_error() {
        use crate::{
            AllowedOrigins, Secret,
            input::{PageUser, VariableName},
        };
        let js = Language::JavaScript;
        let checked = |value: Value| read_checked::<Secret, _>(Json(&value), "secret", js);
        let code = |error: ReadError<()>| match error {
            ReadError::Invalid(e) => e.code().to_owned(),
            ReadError::Type(message) => format!("type: {message}"),
            ReadError::Source(()) => "source".into(),
        };
        assert!(checked(json!("a-secret")).is_ok());
        assert_eq!(code(checked(json!("")).unwrap_err()), "ERR_INVALID_SECRET");
        assert_eq!(
            code(checked(json!(5)).unwrap_err()),
            "type: secret must be a string, a Buffer or a Uint8Array, received a number"
        );
        let origins = |value: Value| {
            read_checked::<Option<AllowedOrigins>, _>(Json(&value), "allowedOrigins", js)
        };
        assert_eq!(origins(Value::Null).unwrap(), None);
        assert!(origins(json!(["https://a.example"])).unwrap().is_some());
        assert_eq!(
            code(origins(json!(["*"])).unwrap_err()),
            "ERR_INVALID_OPTION"
        );
        assert_eq!(code(origins(json!([])).unwrap_err()), "ERR_INVALID_OPTION");
        assert_eq!(
            code(origins(json!(5)).unwrap_err()),
            "type: allowedOrigins must be an array, received a number"
        );
        let name = |value: Value| read_checked::<Option<VariableName>, _>(Json(&value), "name", js);
        assert_eq!(
            name(json!("MY_SECRET")).unwrap().as_deref(),
            Some("MY_SECRET")
        );
        assert_eq!(
            code(name(json!("A\u{fffd}")).unwrap_err()),
            "ERR_INVALID_SECRET"
        );
        let page = |value: Value| read_checked::<Option<PageUser>, _>(Json(&value), "user", js);
        let user = page(json!({ "email": "a@b.c", "role": "admin" }))
            .unwrap()
            .unwrap();
        assert_eq!((user.email.as_str(), user.name), ("a@b.c", None));
        assert_eq!(
            code(page(json!({ "email": "\u{fffd}" })).unwrap_err()),
            "ERR_INVALID_EMAIL"
        );
    }

    #[test]
    fn a_session_user_is_read_by_its_own_fields_only() {
        let user = json!({ "email": "a@b.c", "role": "admin", "id": 42.0 });
        let user: SessionUserInput = read(Json(&user), "user", Language::JavaScript).unwrap();
        assert_eq!(user.id.unwrap().0.text(), Some("42"));
        let missing = fails::<SessionUserInput>(json!({ "name": "Ada" }), Language::Python);
        assert_eq!(missing, "type: options['email'] must be a str, not missing");
    }
}
