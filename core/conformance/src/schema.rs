//! What the generators read from a JSON Schema of the core's serde structs (schemars, the
//! core's feature `schema`): each property's type in TypeScript and Python, its doc, and the
//! words of a doc in JavaScript (`options.rs`, `types.rs`).

use serde_json::{Map, Value};
use unthread_identity::bindings::Language;

/// The language a type is written in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    TypeScript,
    Python,
}

/// The TypeScript type of a property, and whether its schema allows `null`.
pub fn ts_type(property: &Map<String, Value>, root: &Map<String, Value>) -> (String, bool) {
    type_in(Lang::TypeScript, property, root)
}

/// The Python type of a property, with `| None` when its schema allows `null`.
pub fn py_type(property: &Map<String, Value>, root: &Map<String, Value>) -> String {
    match type_in(Lang::Python, property, root) {
        (ty, true) => format!("{ty} | None"),
        (ty, false) => ty,
    }
}

/// A property's type in `lang`, and whether its schema allows `null`.
fn type_in(lang: Lang, property: &Map<String, Value>, root: &Map<String, Value>) -> (String, bool) {
    if let Some(Value::String(reference)) = property.get("$ref") {
        return (named(lang, reference, root), false);
    }
    if let Some(Value::Array(any_of)) = property.get("anyOf") {
        let null = |s: &Value| s.get("type") == Some(&Value::from("null"));
        let types: Vec<_> = any_of.iter().filter(|s| !null(s)).collect();
        let [only] = types[..] else {
            panic!("schema.rs: give {property:?} its type");
        };
        let (ty, _) = type_in(lang, only.as_object().expect("a schema"), root);
        return (ty, any_of.iter().any(null));
    }
    let types: Vec<&str> = match property.get("type") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => panic!("schema.rs: give {property:?} its type"),
    };
    let ts = lang == Lang::TypeScript;
    let one = |ty: &str| match ty {
        "string" if ts => "string".to_owned(),
        "string" => "str".to_owned(),
        "boolean" if ts => "boolean".to_owned(),
        "boolean" => "bool".to_owned(),
        "integer" | "number" if ts => "number".to_owned(),
        "integer" => "int".to_owned(),
        "object" if ts => "Record<string, unknown>".to_owned(),
        "object" => "Mapping[str, Any]".to_owned(),
        "array" => {
            let items = property["items"].as_object().expect("items");
            let item = type_in(lang, items, root).0;
            if ts {
                format!("Array<{item}>")
            } else {
                format!("Sequence[{item}]")
            }
        }
        other => panic!("schema.rs: no type for {other:?}"),
    };
    let ty = types.iter().filter(|&&t| t != "null").map(|t| one(t));
    (ty.collect::<Vec<_>>().join(" | "), types.contains(&"null"))
}

/// The type, in `lang`, of a type the schema refers to by name.
fn named(lang: Lang, reference: &str, root: &Map<String, Value>) -> String {
    let name = reference.trim_start_matches("#/$defs/");
    let ts = lang == Lang::TypeScript;
    match name {
        // Text or bytes, which JSON Schema cannot say.
        "SecretInput" if ts => "string | Buffer | Uint8Array".to_owned(),
        "SecretInput" => "str | bytes".to_owned(),
        "ClaimNames" => "ClaimNames".to_owned(),
        "PreviousKeyConfig" => "PreviousKey".to_owned(),
        _ => match root["$defs"][name].get("enum").and_then(Value::as_array) {
            Some(names) => {
                let names = names.iter().filter_map(Value::as_str);
                let quoted = |n| {
                    if ts {
                        format!("'{n}'")
                    } else {
                        format!("\"{n}\"")
                    }
                };
                let names: Vec<_> = names.map(quoted).collect();
                if ts {
                    names.join(" | ")
                } else {
                    format!("Literal[{}]", names.join(", "))
                }
            }
            None => panic!("schema.rs: give the type {name} its name in each language"),
        },
    }
}

pub fn description(schema: &Map<String, Value>) -> &str {
    let text = schema.get("description").and_then(Value::as_str);
    text.expect("options.rs: every option and options struct has a doc comment")
}

pub fn first_paragraph(doc: &str) -> &str {
    doc.split("\n\n").next().unwrap_or_default()
}

/// A doc comment in JavaScript's words: one line, the core's `snake_case` names (fields,
/// methods) in backticks as camelCase, and Rust's link brackets dropped.
pub fn words(doc: &str) -> String {
    let doc = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    let doc = doc.replace("[`", "`").replace("`]", "`");
    let mut parts: Vec<String> = doc.split('`').map(str::to_owned).collect();
    for code in parts.iter_mut().skip(1).step_by(2) {
        let is_name = code.contains('_')
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if is_name {
            *code = key(code);
        }
    }
    parts.join("`")
}

/// A doc comment in Python's words (reStructuredText): one line, Rust's link brackets
/// dropped, code in double backticks; names stay `snake_case`.
pub fn py_words(doc: &str) -> String {
    let doc = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    doc.replace("[`", "`").replace("`]", "`").replace('`', "``")
}

pub fn key(field: &str) -> String {
    Language::JavaScript.key(field).into_owned()
}

pub fn comment(doc: &str, indent: &str) -> String {
    format!("{indent}/** {doc} */\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doc_speaks_javascript() {
        assert_eq!(
            words("See `matching_key`,\n  [`Signer`] and `UNTHREAD_IDENTITY_SECRET`."),
            "See `matchingKey`, `Signer` and `UNTHREAD_IDENTITY_SECRET`."
        );
    }
}
