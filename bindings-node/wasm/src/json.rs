//! A request's argument as the core's `Source`: JSON, as `wasm/api.mjs` writes a JavaScript
//! value, where what JSON cannot carry is a marker object: `{ "$u": text }` for a string with a
//! lone surrogate (the text with U+FFFD), `{ "$bytes": hex, "$class": name }` for a `Buffer` or
//! `Uint8Array`, `{ "$map": [[key, value], …] }` for an object with a key that has a lone
//! surrogate, `{ "$cycle": true }` where a value recurs inside itself, `{ "$deep": true }` below
//! the depth any reader takes, `{ "$undefined": true }`, `{ "$float": "NaN" }` (and the infinities), and `{ "$other": "an instance of Date" }` for
//! anything else that is no JSON value. Types are named as the addon names them.

use serde_json::Value;
use unthread_identity::bindings::{Field, Key, Node, Source};

/// One argument, or a value inside one.
#[derive(Clone)]
pub struct Json<'a>(pub &'a Value);

impl<'a> Json<'a> {
    fn marker(&self, name: &str) -> Option<&'a Value> {
        self.0.as_object().and_then(|map| map.get(name))
    }
}

impl<'a> Source for Json<'a> {
    type Error = std::convert::Infallible;

    fn read(&self) -> Result<Node<Self>, Self::Error> {
        Ok(match self.0 {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Float(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(text) => Node::Text(text.clone()),
            Value::Array(items) => Node::List(items.iter().map(Json).collect()),
            Value::Object(map) => {
                if let Some(text) = self.marker("$u").and_then(Value::as_str) {
                    Node::NotUnicode(text.to_owned())
                } else if let Some(hex) = self.marker("$bytes").and_then(Value::as_str) {
                    Node::Bytes(bytes(hex))
                } else if self.marker("$undefined").is_some() {
                    Node::Undefined
                } else if let Some(number) = self.marker("$float").and_then(Value::as_str) {
                    Node::Float(number.parse().unwrap_or(f64::NAN))
                } else if let Some(other) = self.marker("$other").and_then(Value::as_str) {
                    Node::Other(other.to_owned())
                } else if self.marker("$cycle").is_some() || self.marker("$deep").is_some() {
                    // A container the claim walk refuses at this path: one that recurs (see
                    // `same`), or one deeper than the walk's limit.
                    Node::Map(Vec::new())
                } else if let Some(Value::Array(entries)) = self.marker("$map") {
                    Node::Map(entries.iter().filter_map(entry).collect())
                } else {
                    let entries = map.iter().map(|(k, v)| (Key::Text(k.clone()), Json(v)));
                    Node::Map(entries.collect())
                }
            }
        })
    }

    /// A `$cycle` marker stands where a value recurs: it is the same as what holds it.
    fn same(&self, other: &Self) -> Result<bool, Self::Error> {
        Ok(std::ptr::eq(self.0, other.0) || self.marker("$cycle").is_some())
    }

    fn field(&self, key: &str) -> Result<Field<Self>, Self::Error> {
        Ok(match self.0 {
            Value::Object(map) if self.marker("$other").is_some() => {
                // A class instance: its own fields came as `$fields`.
                let fields = map.get("$fields").and_then(Value::as_object);
                fields
                    .and_then(|f| f.get(key))
                    .map_or(Field::Absent, |v| Field::Present(Json(v)))
            }
            Value::Object(map) if !is_marker(map) => map
                .get(key)
                .map_or(Field::Absent, |v| Field::Present(Json(v))),
            Value::Array(_) => Field::Absent,
            _ => Field::NotAnObject,
        })
    }

    fn type_name(&self) -> Result<String, Self::Error> {
        Ok(match self.0 {
            Value::Null => "null".into(),
            Value::Bool(_) => "a boolean".into(),
            Value::Number(_) => "a number".into(),
            Value::String(_) => "a string".into(),
            Value::Array(_) => "an instance of Array".into(),
            Value::Object(_) => {
                if self.marker("$u").is_some() {
                    "a string".into()
                } else if self.marker("$float").is_some() {
                    "a number".into()
                } else if self.marker("$undefined").is_some() {
                    "undefined".into()
                } else if let Some(class) = self.marker("$class").and_then(Value::as_str) {
                    format!("an instance of {class}")
                } else if let Some(other) = self.marker("$other").and_then(Value::as_str) {
                    other.to_owned()
                } else {
                    "an object".into()
                }
            }
        })
    }
}

/// One `[key, value]` of a `$map`: the key text, or `{ "$u": text }` for one with a lone
/// surrogate.
fn entry<'a>(pair: &'a Value) -> Option<(Key, Json<'a>)> {
    let [key, value] = pair.as_array()?.as_slice() else {
        return None;
    };
    let key = match key {
        Value::String(key) => Key::Text(key.clone()),
        other => Key::NotUnicode(other.get("$u")?.as_str()?.to_owned()),
    };
    Some((key, Json(value)))
}

/// The markers `wasm/api.mjs` writes.
const MARKERS: [&str; 8] = [
    "$u",
    "$bytes",
    "$undefined",
    "$float",
    "$other",
    "$map",
    "$cycle",
    "$deep",
];

fn is_marker(map: &serde_json::Map<String, Value>) -> bool {
    MARKERS.iter().any(|m| map.contains_key(*m))
}

fn bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}
