//! The TypeScript interfaces of the options, generated from the core's option structs: each
//! field's key (the reader's camelCase, `Language::key`), its type and whether it may be left
//! out come from the struct's serde declaration (through schemars' JSON Schema, feature
//! `schema`), its doc from the field's doc comment, and the fields' order from serde
//! (`fields::<T>()`). `make conformance-table` writes them to `bindings-node/options.d.ts`, and
//! `make test` fails when the file differs from this function's text. The Python stub's
//! keywords are held to the same structs by `tests/test_options.py`.

use schemars::{JsonSchema, Schema, schema_for};
use serde::de::DeserializeOwned;
use serde_json::Value;
use unthread_identity::bindings::fields;

use crate::schema::{
    comment, description, first_paragraph, key, py_type, py_words, ts_type, words,
};
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

/// `bindings-python/python/unthread_identity/_options.py`: the keyword options of the signers'
/// constructors, as the stub's `**options: Unpack[…]` types them. (A function with one or two
/// options keeps them as plain keywords in the stub, held to its struct by test_options.py.)
pub fn python() -> String {
    // `PreviousKey` first: a TypedDict's annotations are evaluated when its class is made.
    let all = [
        options::<PreviousKeyConfig>("PreviousKey"),
        options::<SignerConfig>("SignerOptions"),
        options::<TokenSignerConfig>("TokenSignerOptions"),
    ];
    let mut out = format!("\"\"\"The signers' keyword options, as types. {HEAD}\"\"\"\n\n");
    out += "from collections.abc import Mapping, Sequence\n";
    out += "from typing import Any, Literal, TypedDict\n\n";
    out += "from ._claims import ClaimNames\n";
    for options in &all {
        out += &typed_dict(options);
    }
    out
}

/// A `TypedDict` of `total=False`, with a base class for its required keys (Python 3.10 has no
/// `NotRequired`).
fn typed_dict(options: &Options) -> String {
    let schema = options.schema.as_object().expect("an object schema");
    let properties = schema["properties"].as_object().expect("properties");
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let field = |field: &str| {
        let property = properties[field].as_object().expect("a property");
        let doc = py_words(description(property));
        format!(
            "\n    {field}: {}\n    \"\"\"{doc}\"\"\"\n",
            py_type(property, schema)
        )
    };
    let name = options.name;
    let mut out = String::new();
    let base = match required.is_empty() {
        true => "TypedDict".to_owned(),
        false => {
            out += &format!("\n\nclass _{name}Required(TypedDict):\n");
            for &f in options.fields.iter().filter(|f| required.contains(f)) {
                out += &field(f);
            }
            format!("_{name}Required")
        }
    };
    let mut doc = py_words(first_paragraph(description(schema)));
    if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
        doc += " Any other key raises ``InvalidOption``.";
    }
    out += &format!("\n\nclass {name}({base}, total=False):\n    \"\"\"{doc}\"\"\"\n");
    for &f in options.fields.iter().filter(|f| !required.contains(f)) {
        out += &field(f);
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

#[cfg(test)]
mod tests {
    use super::*;

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
