//! The README's table of what each field does with text that has no UTF-8 form (a lone
//! surrogate): rendered from the core's answers to the table's probe cases
//! ([`cases::text_rule_probes`]), which every language replays. `tests/readme.rs` fails when
//! the README's table is not this text; `conformance readme` prints it.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use crate::{cases, run};

/// The marker lines around the generated table in the README.
pub const BEGIN: &str =
    "<!-- text-rules: made by `cargo run -p unthread-identity-conformance -- readme` -->";
/// The line after the table.
pub const END: &str = "<!-- /text-rules -->";

/// The table, between its markers.
pub fn text_rules() -> String {
    // field -> [(answer, ops)], in the order first seen.
    type Answers = Vec<(String, Vec<&'static str>)>;
    let mut rows: Vec<(&str, Answers)> = Vec::new();
    for (field, probe) in cases::text_rule_probes() {
        let answer = describe(probe.op, &run::run(probe.op, &probe.input));
        let row = match rows.iter_mut().find(|(f, _)| *f == field) {
            Some(row) => row,
            None => {
                rows.push((field, Vec::new()));
                rows.last_mut().expect("just pushed")
            }
        };
        match row.1.iter_mut().find(|(a, _)| *a == answer) {
            Some((_, ops)) => ops.push(probe.op),
            None => row.1.push((answer, vec![probe.op])),
        }
    }
    let mut text =
        format!("{BEGIN}\n| field | operation: what every language answers |\n|---|---|\n");
    for (field, answers) in rows {
        let cells: Vec<String> = answers
            .iter()
            .map(|(answer, ops)| {
                let ops: Vec<String> = ops.iter().map(|op| format!("`{op}`")).collect();
                format!("{}: {answer}", ops.join(", "))
            })
            .collect();
        text.push_str(&format!("| {field} | {} |\n", cells.join("; ")));
    }
    text.push_str(END);
    text
}

/// An answer in words: the error code, the endpoint's status and error, the diagnosis code, or
/// whether the text was written with U+FFFD.
fn describe(op: &str, answer: &Value) -> String {
    if let Some(code) = answer["error"].as_str() {
        return format!("`{code}`");
    }
    let ok = &answer["ok"];
    match op {
        "verify" => format!("`{ok}`"),
        "explain" => format!("diagnosis `{}`", ok["code"].as_str().unwrap_or_default()),
        "user_endpoint" | "token_endpoint" if ok["status"] != 200 => format!(
            "`{}` with `{{\"error\": \"{}\"}}`",
            ok["status"],
            ok["body"]["error"].as_str().unwrap_or_default()
        ),
        _ if shows_replacement(ok) => "written with U+FFFD".into(),
        _ => "not read (no answer depends on it)".into(),
    }
}

/// Whether U+FFFD is in the answer, or in the claims of a JWT in it.
fn shows_replacement(value: &Value) -> bool {
    match value {
        Value::String(text) => {
            text.contains('\u{FFFD}')
                || text.split('.').nth(1).is_some_and(|claims| {
                    URL_SAFE_NO_PAD
                        .decode(claims)
                        .is_ok_and(|bytes| String::from_utf8_lossy(&bytes).contains('\u{FFFD}'))
                })
        }
        Value::Array(items) => items.iter().any(shows_replacement),
        Value::Object(map) => map.values().any(shows_replacement),
        _ => false,
    }
}
