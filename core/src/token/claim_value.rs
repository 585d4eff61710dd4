//! Extra claims given as a binding's native value (a JavaScript object, a Python dict),
//! converted to JSON here, once, with the same rules in every language:
//!
//! - depth is bounded ([`MAX_CLAIM_DEPTH`]) and a value that contains itself is refused, so a
//!   cyclic or 20,000-deep object is an option error, never a stack overflow;
//! - a number keeps its exact value or is refused: integers from `i64::MIN` to `u64::MAX`,
//!   finite floats (written in their shortest exact form); `NaN`, `Infinity` and a larger
//!   integer are refused, never clamped or rounded;
//! - object keys are text.
//!
//! A binding only says what one value is ([`Source::read`](crate::source::Source::read)) and whether two values are
//! the same object ([`Source::same`](crate::source::Source::same)); the walk, the limits and the messages are here.

use std::fmt::Write as _;

use serde_json::{Map, Number, Value};

use crate::error::Error;
use crate::source::{Key, Node, ReadError, Source};

/// How deeply extra claims may nest, counting the extra-claims object itself as 1.
#[doc(hidden)]
pub const MAX_CLAIM_DEPTH: usize = 32;

/// The extra claims `root` holds, which must be a mapping. `option` names it in errors
/// (`options.extraClaims`, `extra_claims`).
#[doc(hidden)]
pub fn claims_from<S: Source>(
    option: &str,
    root: &S,
) -> Result<Map<String, Value>, ReadError<S::Error>> {
    let mut path = String::new();
    match convert(option, root, None, 1, &mut path)? {
        Value::Object(map) => Ok(map),
        _ => Err(invalid(option, "", "must be an object of JSON values")),
    }
}

/// The containers above the value being read, innermost first.
struct Ancestors<'a, S> {
    node: &'a S,
    parent: Option<&'a Ancestors<'a, S>>,
}

fn convert<S: Source>(
    option: &str,
    source: &S,
    ancestors: Option<&Ancestors<'_, S>>,
    depth: usize,
    path: &mut String,
) -> Result<Value, ReadError<S::Error>> {
    let node = source.read().map_err(ReadError::Source)?;
    if matches!(node, Node::List(_) | Node::Map(_)) {
        let mut above = ancestors;
        while let Some(a) = above {
            if source.same(a.node).map_err(ReadError::Source)? {
                return Err(invalid(option, path, "contains itself (a cycle)"));
            }
            above = a.parent;
        }
        if depth > MAX_CLAIM_DEPTH {
            return Err(invalid(
                option,
                path,
                &format!("is nested more than {MAX_CLAIM_DEPTH} levels deep"),
            ));
        }
    }
    let here = Ancestors {
        node: source,
        parent: ancestors,
    };
    Ok(match node {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(b),
        Node::Integer(n) => Value::Number(integer(n).ok_or_else(|| {
            invalid(
                option,
                path,
                "is an integer outside -2^63 .. 2^64-1, which JSON readers cannot carry exactly",
            )
        })?),
        Node::HugeInteger => {
            return Err(invalid(
                option,
                path,
                "is an integer outside -2^63 .. 2^64-1, which JSON readers cannot carry exactly",
            ));
        }
        Node::Float(f)
            if f.fract() == 0.0 && f.abs() <= crate::token::time::MAX_EXACT_INTEGER as f64 =>
        {
            // Exact: a whole number of at most 53 bits.
            Value::Number(Number::from(f as i64))
        }
        Node::Float(f) => Value::Number(
            Number::from_f64(f)
                .ok_or_else(|| invalid(option, path, "is NaN or infinite, which JSON has not"))?,
        ),
        Node::Text(text) => Value::String(text),
        Node::NotUnicode(_) => {
            return Err(invalid(
                option,
                path,
                "is text with a lone surrogate, which has no UTF-8 form",
            ));
        }
        Node::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                let _ = write!(path, "[{i}]");
                out.push(convert(option, item, Some(&here), depth + 1, path)?);
                path.truncate(len);
            }
            Value::Array(out)
        }
        Node::Map(entries) => {
            let mut out = Map::new();
            for (key, item) in &entries {
                let bad_key = |kind: &str| {
                    invalid(option, path, &format!("has a key that is {kind}, not text"))
                };
                let key = match key {
                    Key::Text(key) => key,
                    Key::NotUnicode(_) => return Err(bad_key("text with a lone surrogate")),
                    Key::Other(kind) => return Err(bad_key(kind)),
                };
                let len = path.len();
                let _ = write!(path, "[{:?}]", key.chars().take(32).collect::<String>());
                let value = convert(option, item, Some(&here), depth + 1, path)?;
                path.truncate(len);
                out.insert(key.clone(), value);
            }
            Value::Object(out)
        }
        Node::Other(kind) => return Err(not_json(option, path, &kind)),
        Node::Undefined => return Err(not_json(option, path, "undefined")),
        Node::Bytes(_) => return Err(not_json(option, path, "bytes")),
    })
}

/// An integer JSON carries exactly through `serde_json` and common readers.
fn integer(n: i128) -> Option<Number> {
    if let Ok(n) = u64::try_from(n) {
        Some(Number::from(n))
    } else {
        i64::try_from(n).ok().map(Number::from)
    }
}

fn not_json<E>(option: &str, path: &str, kind: &str) -> ReadError<E> {
    invalid(option, path, &format!("is {kind}, not a JSON value"))
}

fn invalid<E>(option: &str, path: &str, problem: &str) -> ReadError<E> {
    ReadError::Invalid(Error::option(
        "extra claims",
        format!("{option}{path} {problem}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A tiny object graph standing in for a binding's values.
    #[derive(Clone)]
    enum Fake {
        Leaf(f64),
        Int(i128),
        List(Rc<RefCell<Vec<Fake>>>),
    }

    impl Source for Fake {
        type Error = ();
        fn read(&self) -> Result<Node<Self>, ()> {
            Ok(match self {
                Fake::Leaf(f) => Node::Float(*f),
                Fake::Int(n) => Node::Integer(*n),
                Fake::List(items) => Node::List(items.borrow().clone()),
            })
        }
        fn same(&self, other: &Self) -> Result<bool, ()> {
            Ok(match (self, other) {
                (Fake::List(a), Fake::List(b)) => Rc::ptr_eq(a, b),
                _ => false,
            })
        }
        fn field(&self, _: &str) -> Result<crate::source::Field<Self>, ()> {
            Ok(crate::source::Field::NotAnObject)
        }
        fn type_name(&self) -> Result<String, ()> {
            Ok("fake".into())
        }
    }

    fn wrap(inner: Fake) -> Fake {
        Fake::List(Rc::new(RefCell::new(vec![inner])))
    }

    fn object(value: Fake) -> Result<Value, String> {
        let mut path = String::new();
        convert("x", &value, None, 1, &mut path).map_err(|e| match e {
            ReadError::Invalid(e) => e.to_string(),
            ReadError::Source(()) => "source".into(),
            ReadError::Type(message) => message,
        })
    }

    #[test]
    fn depth_is_bounded_exactly_at_the_limit() {
        let mut v = Fake::Leaf(1.0);
        for _ in 0..MAX_CLAIM_DEPTH {
            v = wrap(v);
        }
        assert!(object(v.clone()).is_ok());
        assert!(object(wrap(v)).unwrap_err().contains("more than 32 levels"));
    }

    #[test]
    fn a_cycle_is_refused() {
        let list = Rc::new(RefCell::new(vec![]));
        list.borrow_mut().push(Fake::List(list.clone()));
        let err = object(Fake::List(list.clone())).unwrap_err();
        list.borrow_mut().clear(); // break the Rc cycle
        assert!(err.contains("contains itself"), "{err}");
    }

    #[test]
    fn numbers_are_exact_or_refused() {
        assert_eq!(
            object(Fake::Int(u64::MAX.into())).unwrap(),
            Value::from(u64::MAX)
        );
        assert_eq!(
            object(Fake::Int(i64::MIN.into())).unwrap(),
            Value::from(i64::MIN)
        );
        assert!(object(Fake::Int(i128::from(u64::MAX) + 1)).is_err());
        assert!(object(Fake::Leaf(f64::NAN)).is_err());
        assert!(object(Fake::Leaf(f64::INFINITY)).is_err());
        for f in [1e300, -1e300, 6.51592972722763e76, 2f64.powi(64), 0.1] {
            let text = serde_json::to_string(&object(Fake::Leaf(f)).unwrap()).unwrap();
            assert_eq!(text.parse::<f64>().unwrap(), f, "{text}");
        }
    }
}
