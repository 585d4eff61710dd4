//! The TypeScript interfaces of the options, generated from the core's option structs: each
//! field's key (the reader's camelCase, `Language::key`), its type and whether it may be left
//! out come from the struct's serde declaration (through schemars' JSON Schema, feature
//! `schema`), its doc from the field's doc comment, and the fields' order from serde
//! (`fields::<T>()`). `make conformance-table` writes them to `bindings-node/options.d.ts`, and
//! `make test` fails when the file differs from this function's text. The Python stub's
//! keywords are held to the same structs by `tests/test_options.py`.

use schemars::{JsonSchema, Schema, schema_for};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use unthread_identity::bindings::{Language, fields};
use unthread_identity::{
    MintConfig, PortalBootConfig, PortalCspConfig, PreviousKeyConfig, ScriptConfig, SignerConfig,
    TimeConfig, TokenSignerConfig,
};

const HEAD: &str = "Generated from the core's option structs by `make conformance-table` \
                    (core/conformance/src/options.rs): edit their docs in the core, not this file.";

/// One interface: its TypeScript name, the struct's schema and its fields in order.
struct Options {
    name: &'static str,
    schema: Schema,
    fields: &'static [&'static str],
}

fn options<T: JsonSchema + DeserializeOwned>(name: &'static str) -> Options {
    Options {
        name,
        schema: schema_for!(T),
        fields: fields::<T>(),
    }
}

/// `bindings-node/options.d.ts`.
pub fn typescript() -> String {
    let all = [
        options::<SignerConfig>("SignerOptions"),
        options::<ScriptConfig>("ScriptOptions"),
        options::<PortalCspConfig>("PortalCspOptions"),
        options::<PortalBootConfig>("PortalBootOptions"),
        options::<TokenSignerConfig>("TokenSignerOptions"),
        options::<PreviousKeyConfig>("PreviousKey"),
        options::<MintConfig>("MintOptions"),
        options::<TimeConfig>("TimeOptions"),
    ];
    let mut out = format!("/* {HEAD} */\n\nimport type {{ ClaimNames }} from './claims'\n");
    for options in &all {
        out += &interface(options);
    }
    out
}

fn interface(options: &Options) -> String {
    let schema = options.schema.as_object().expect("an object schema");
    let properties = schema["properties"].as_object().expect("properties");
    let required = |field: &str| {
        let list = schema.get("required").and_then(Value::as_array);
        list.is_some_and(|list| list.iter().any(|f| f == field))
    };
    let mut doc = words(first_paragraph(description(schema)));
    if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
        doc += " Any other key throws `ERR_INVALID_OPTION`.";
    }
    let mut out = format!(
        "\n{}export interface {} {{\n",
        comment(&doc, ""),
        options.name
    );
    for &field in options.fields {
        let property = properties[field].as_object().expect("a property");
        let (ty, nullable) = ts_type(property, schema);
        let optional = !required(field);
        out += &comment(&words(description(property)), "  ");
        out += &format!(
            "  {}{}: {ty}{}\n",
            key(field),
            if optional { "?" } else { "" },
            if optional || nullable { " | null" } else { "" },
        );
    }
    out + "}\n"
}

/// The TypeScript type of a property, and whether its schema allows `null`.
fn ts_type(property: &Map<String, Value>, root: &Map<String, Value>) -> (String, bool) {
    if let Some(Value::String(reference)) = property.get("$ref") {
        return (named(reference, root), false);
    }
    if let Some(Value::Array(any_of)) = property.get("anyOf") {
        let null = |s: &Value| s.get("type") == Some(&Value::from("null"));
        let types: Vec<_> = any_of.iter().filter(|s| !null(s)).collect();
        let [only] = types[..] else {
            panic!("options.rs: give {property:?} its type");
        };
        let (ty, _) = ts_type(only.as_object().expect("a schema"), root);
        return (ty, any_of.iter().any(null));
    }
    let types: Vec<&str> = match property.get("type") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => panic!("options.rs: give {property:?} its type"),
    };
    let ty = match types.iter().find(|&&t| t != "null").copied() {
        Some("string") => "string".to_owned(),
        Some("boolean") => "boolean".to_owned(),
        Some("integer" | "number") => "number".to_owned(),
        Some("object") => "Record<string, unknown>".to_owned(),
        Some("array") => {
            let items = property["items"].as_object().expect("items");
            format!("Array<{}>", ts_type(items, root).0)
        }
        other => panic!("options.rs: no TypeScript type for {other:?}"),
    };
    (ty, types.contains(&"null"))
}

/// The TypeScript type of a type the schema refers to by name.
fn named(reference: &str, root: &Map<String, Value>) -> String {
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
            None => panic!("options.rs: give the type {name} its TypeScript name"),
        },
    }
}

fn description(schema: &Map<String, Value>) -> &str {
    let text = schema.get("description").and_then(Value::as_str);
    text.expect("options.rs: every option and options struct has a doc comment")
}

fn first_paragraph(doc: &str) -> &str {
    doc.split("\n\n").next().unwrap_or_default()
}

/// A doc comment in JavaScript's words: one line, the core's `snake_case` names (fields,
/// methods) in backticks as camelCase, and Rust's link brackets dropped.
fn words(doc: &str) -> String {
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

fn key(field: &str) -> String {
    Language::JavaScript.key(field).into_owned()
}

fn comment(doc: &str, indent: &str) -> String {
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

    #[test]
    fn every_option_struct_is_written() {
        let text = typescript();
        for name in [
            "SignerOptions",
            "TokenSignerOptions",
            "PreviousKey",
            "MintOptions",
        ] {
            assert!(
                text.contains(&format!("export interface {name} {{")),
                "{name}"
            );
        }
        assert!(text.contains("  emailPolicy?: 'exact' | 'canonical' | null\n"));
        assert!(text.contains("  previousSecrets?: Array<string | Buffer | Uint8Array> | null\n"));
        assert!(text.contains("  baseUrl: string\n"));
    }
}
