//! The bindings' types of the token's user and claims, generated from the core: the profile
//! claims (`core/src/token/profile.rs`), the fields of `TokenUserInput`, `ClaimNames` and
//! `MintConfig` as serde declares them, each field's type and doc from the struct's JSON Schema
//! (`schema.rs`). `make conformance-table` writes them to
//! `bindings-node/claims.d.ts` and `bindings-python/python/unthread_identity/_claims.py`, and
//! `make test` fails when either differs from these functions' text.

use schemars::{JsonSchema, schema_for};
use serde_json::{Map, Value};
use unthread_identity::bindings::{Language, PROFILE_CLAIMS, fields};
use unthread_identity::{ClaimNames, MintConfig, TokenUserInput};

use crate::schema::{description, py_type, py_words, ts_type, words};

const HEAD: &str = "Generated from the core by `make conformance-table` \
                    (core/conformance/src/types.rs): edit the core, not this file.";

/// A struct's properties, each with its doc and type, from its JSON Schema.
fn properties<T: JsonSchema>() -> Map<String, Value> {
    let schema = schema_for!(T);
    let properties = schema.as_object().and_then(|s| s.get("properties"));
    properties
        .and_then(Value::as_object)
        .expect("properties")
        .clone()
}

fn property<'a>(properties: &'a Map<String, Value>, field: &str) -> &'a Map<String, Value> {
    properties[field].as_object().expect("a property")
}

fn is_profile(field: &str) -> bool {
    PROFILE_CLAIMS.iter().any(|c| c.field == field)
}

/// `bindings-node/claims.d.ts`.
pub fn typescript() -> String {
    let js = |field: &str| Language::JavaScript.key(field).into_owned();
    let mut out = format!("/* {HEAD} */\n\n");
    out += "/** The user's profile claims: each one given is put in the token, under its name in `claimNames`. */\n";
    out += "export interface ProfileClaims {\n";
    for claim in PROFILE_CLAIMS {
        out += &format!(
            "  /** {} */\n  {}?: string | null\n",
            claim.doc.trim(),
            js(claim.field)
        );
    }
    out += "}\n\n";
    let user = properties::<TokenUserInput>();
    let user_fields = |out: &mut String| {
        for &field in fields::<TokenUserInput>() {
            if !is_profile(field) {
                let property = property(&user, field);
                let (ts, nullable) = ts_type(property, property);
                let optional = if nullable { "?" } else { "" };
                let ts = if nullable { format!("{ts} | null") } else { ts };
                *out += &format!(
                    "  /** {} */\n  {}{optional}: {ts}\n",
                    words(description(property)),
                    js(field)
                );
            }
        }
    };
    out += "/**\n * The user a token is minted for (`mintToken`): from your session, never from the request.\n";
    out += " * Any other key throws `ERR_INVALID_OPTION`.\n */\n";
    out += "export interface TokenUserInput extends ProfileClaims {\n";
    user_fields(&mut out);
    out += "}\n\n";
    out += "/**\n * What the session says about the logged-in user, as the endpoints read it: these fields as\n";
    out +=
        " * the object's own properties (never a prototype's); any other field is ignored.\n */\n";
    out += "export interface SessionUser extends ProfileClaims {\n";
    user_fields(&mut out);
    out += "}\n\n";
    let defaults = claim_name_defaults();
    out += "/** Other names for the claims of the user and the token id. */\n";
    out += "export interface ClaimNames {\n";
    for &field in fields::<ClaimNames>() {
        let default = defaults[field].as_str().unwrap_or_default();
        out += &format!(
            "  /** Default `{default}`. */\n  {}?: string | null\n",
            js(field)
        );
    }
    out += "}\n\n";
    out += "/** The claims of a token minted with the default claim names, as `verifyToken` returns them. */\n";
    out += "export interface TokenClaims {\n";
    for &field in fields::<ClaimNames>() {
        let (name, optional) = (
            defaults[field].as_str().unwrap_or_default(),
            field != "subject" && field != "email",
        );
        out += &format!("  {name}{}: string\n", if optional { "?" } else { "" });
    }
    out +=
        "  iat: number\n  nbf?: number\n  exp: number\n  aud?: string | string[]\n  iss?: string\n";
    out += "  [claim: string]: unknown\n}\n";
    out
}

/// `bindings-python/python/unthread_identity/_claims.py`.
pub fn python() -> String {
    let mut out = format!("\"\"\"The token's user and claims, as types. {HEAD}\"\"\"\n\n");
    out += "from typing import TypedDict\n\n\n";
    out += "class ProfileClaims(TypedDict, total=False):\n";
    out += "    \"\"\"The user's profile claims: each one given is put in the token, under its name in\n";
    out += "    ``claim_names``.\"\"\"\n";
    for claim in PROFILE_CLAIMS {
        out += &format!(
            "\n    {}: str | None\n    \"\"\"{}\"\"\"\n",
            claim.field,
            py_words(claim.doc)
        );
    }
    out += "\n\nclass ClaimNames(TypedDict, total=False):\n";
    out += "    \"\"\"Other names for the claims of the user and the token id.\"\"\"\n";
    let defaults = claim_name_defaults();
    for &field in fields::<ClaimNames>() {
        let default = defaults[field].as_str().unwrap_or_default();
        out += &format!("\n    {field}: str\n    \"\"\"Default ``{default}``.\"\"\"\n");
    }
    // `email` and `name` are `mint_token`'s positional parameters; every other field of the
    // user and of the mint options is a keyword.
    out += "\n\nclass MintKeywords(TypedDict, total=False):\n";
    out += "    \"\"\"The keywords of ``TokenSigner.mint_token``: the user's fields after ``email`` and\n";
    out += "    ``name``, and the mint options.\"\"\"\n";
    let (user, mint) = (properties::<TokenUserInput>(), properties::<MintConfig>());
    let keywords = fields::<TokenUserInput>()
        .iter()
        .map(|field| (field, &user))
        .chain(fields::<MintConfig>().iter().map(|field| (field, &mint)));
    for (&field, properties) in keywords.filter(|(f, _)| **f != "email" && **f != "name") {
        let property = property(properties, field);
        out += &format!(
            "\n    {field}: {}\n    \"\"\"{}\"\"\"\n",
            py_type(property, property),
            py_words(description(property))
        );
    }
    out
}

/// The default claim names, keyed by field.
fn claim_name_defaults() -> serde_json::Value {
    serde_json::to_value(ClaimNames::default()).expect("claim names")
}
