//! The JSON Schemas of the types that read themselves (feature `schema`): the option structs
//! derive theirs (`#[derive(JsonSchema)]` beside `Deserialize`), and these fields' types, whose
//! deserializers are hand-written, say here what they hold. The conformance tool writes the
//! bindings' types from the schemas (`core/conformance/src/schema.rs`); a name it does not
//! know is an error there, not a silent `unknown`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::config::SecretInput;
use crate::email::EmailPolicy;
use crate::input::{Identity, UserId};
use crate::secret::SecretEncoding;
use crate::token::ClaimNames;

/// `impl JsonSchema` for `$ty`: its schema's name, whether it is written in place where it is
/// used (`inline`), and the schema.
macro_rules! schema {
    ($ty:ty, $name:literal, inline: $inline:literal, $schema:expr) => {
        impl JsonSchema for $ty {
            fn inline_schema() -> bool {
                $inline
            }
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

// Text or bytes, which JSON Schema cannot say: each language has its own words for it.
schema!(SecretInput, "SecretInput", inline: false, json_schema!({
    "description": "A secret: text, or raw bytes."
}));
// Typed by `ClaimNames`'s own fields (`claims.d.ts`, `_claims.py`); options refer to it by name.
schema!(ClaimNames, "ClaimNames", inline: false, json_schema!({ "type": "object" }));
// Text (the reader refuses a lone surrogate), and text or a whole number.
schema!(Identity, "Identity", inline: true, json_schema!({ "type": "string" }));
schema!(UserId, "UserId", inline: true, json_schema!({ "type": ["string", "integer"] }));
// One of a few names.
schema!(EmailPolicy, "EmailPolicy", inline: false, {
    names(&EMAIL_POLICIES.map(EmailPolicy::as_str))
});
schema!(SecretEncoding, "SecretEncoding", inline: false, {
    names(&SECRET_ENCODINGS.map(SecretEncoding::as_str))
});

/// Every email policy; the match below stops compiling when one is added unlisted.
const EMAIL_POLICIES: [EmailPolicy; 2] = [EmailPolicy::Exact, EmailPolicy::Canonical];
const _: fn(EmailPolicy) = |policy| match policy {
    EmailPolicy::Exact | EmailPolicy::Canonical => (),
};

/// Every secret encoding, held to the enum the same way.
const SECRET_ENCODINGS: [SecretEncoding; 3] = [
    SecretEncoding::Text,
    SecretEncoding::Base64,
    SecretEncoding::Hex,
];
const _: fn(SecretEncoding) = |encoding| match encoding {
    SecretEncoding::Text | SecretEncoding::Base64 | SecretEncoding::Hex => (),
};

/// A string that is one of `names`.
fn names(names: &[&str]) -> Schema {
    json_schema!({ "type": "string", "enum": names })
}
