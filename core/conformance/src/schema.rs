//! What the generators read from a JSON Schema of the core's serde structs (schemars, the
//! core's feature `schema`): each property's type in TypeScript and Python, its doc, and the
//! words of a doc in JavaScript (`options.rs`, `types.rs`).

use serde_json::{Map, Value};
use unthread_identity::bindings::Language;

/// The TypeScript type of a property, and whether its schema allows `null`.
pub fn ts_type(property: &Map<String, Value>, root: &Map<String, Value>) -> (String, bool) {
    if let Some(Value::String(reference)) = property.get("$ref") {
        return (named(reference, root), false);
    }
    if let Some(Value::Array(any_of)) = property.get("anyOf") {
        let null = |s: &Value| s.get("type") == Some(&Value::from("null"));
        let types: Vec<_> = any_of.iter().filter(|s| !null(s)).collect();
        let [only] = types[..] else {
            panic!("schema.rs: give {property:?} its type");
        };
        let (ty, _) = ts_type(only.as_object().expect("a schema"), root);
        return (ty, any_of.iter().any(null));
    }
    let types: Vec<&str> = match property.get("type") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => panic!("schema.rs: give {property:?} its type"),
    };
    let one = |ty: &str| match ty {
        "string" => "string".to_owned(),
        "boolean" => "boolean".to_owned(),
        "integer" | "number" => "number".to_owned(),
        "object" => "Record<string, unknown>".to_owned(),
        "array" => {
            let items = property["items"].as_object().expect("items");
            format!("Array<{}>", ts_type(items, root).0)
        }
        other => panic!("schema.rs: no TypeScript type for {other:?}"),
    };
    let ty = types.iter().filter(|&&t| t != "null").map(|t| one(t));
    (ty.collect::<Vec<_>>().join(" | "), types.contains(&"null"))
}

/// The Python type of a property of plain values (text, numbers, booleans), `| None` when
/// the schema allows `null`.
pub fn py_type(property: &Map<String, Value>) -> String {
    let types: Vec<&str> = match property.get("type") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => panic!("schema.rs: give {property:?} its Python type"),
    };
    let one = |ty: &&str| match *ty {
        "string" => "str",
        "boolean" => "bool",
        "integer" => "int",
        "number" => "float",
        "null" => "None",
        other => panic!("schema.rs: no Python type for {other:?}"),
    };
    types.iter().map(one).collect::<Vec<_>>().join(" | ")
}

/// The TypeScript type of a type the schema refers to by name.
pub fn named(reference: &str, root: &Map<String, Value>) -> String {
    let name = reference.trim_start_matches("#/$defs/");
    let def = &root["$defs"][name];
    match name {
        // Text or bytes, which JSON Schema cannot say.
        "SecretInput" => "string | Buffer | Uint8Array".to_owned(),
        "ClaimNames" => "ClaimNames".to_owned(),
        "PreviousKeyConfig" => "PreviousKey".to_owned(),
        _ => match def.get("enum").and_then(Value::as_array) {
            Some(names) => {
                let names = names.iter().filter_map(Value::as_str);
                names
                    .map(|n| format!("'{n}'"))
                    .collect::<Vec<_>>()
                    .join(" | ")
            }
            None => panic!("schema.rs: give the type {name} its TypeScript name"),
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
