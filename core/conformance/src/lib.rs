//! The conformance table: the core's answer to every case, which the Rust, Node and Python
//! suites replay. `cargo run -p unthread-identity-conformance -- table` writes
//! `testdata/conformance.json`; `-- random SEED COUNT` writes a differential run's cases.
//!
//! Each case is `{"op", "input", "expect"}`, `expect` being `{"ok": VALUE}` or
//! `{"error": CODE}`. Inputs use the core's field names (`email_policy`, `custom_domain`);
//! each suite calls its language's API with them (camelCase in JavaScript). Text with a lone
//! surrogate is written as a JSON escape (`\ud800`); Rust's `&str` cannot hold one, so the Rust
//! replay reads such a case through `wire::unescape`, as the table's header says.

pub mod cases;
pub mod options;
pub mod readme;
pub mod run;
pub mod schema;
pub mod types;
pub mod wire;

use serde_json::{Value, json};

/// The cases with their answers, as the JSON text of the file.
pub fn render(inputs: Vec<cases::Input>, seed: Option<u64>) -> String {
    let cases: Vec<Value> = inputs
        .into_iter()
        .map(|c| {
            let expect = run::run(c.op, &c.input);
            json!({ "op": c.op, "input": c.input, "expect": expect })
        })
        .collect();
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for case in &cases {
        *counts
            .entry(case["op"].as_str().unwrap_or_default().to_owned())
            .or_default() += 1;
    }
    let head = json!({
        "about": "Made by the core (core/conformance); replayed by the Rust, Node and Python \
                  suites. Do not edit: run `make conformance-table`.",
        "inexpressible": {
            "rust": "Rust's &str cannot hold a lone surrogate: the Rust replay reads such text \
                     as the core's not-Unicode input (core/conformance/src/wire.rs)",
            "python": "Signer.user takes email and name as arguments: the 'user' cases whose \
                       object has other keys are counted, not replayed (start_script covers them)",
        },
        "seed": seed,
        "counts": counts,
    });
    // One case a line: a diff shows which cases changed.
    let mut text = serde_json::to_string(&head).unwrap_or_default();
    text.pop();
    text.push_str(",\n\"cases\": [\n");
    let lines: Vec<String> = cases
        .iter()
        .map(|case| serde_json::to_string(case).unwrap_or_default())
        .collect();
    text.push_str(&lines.join(",\n"));
    text.push_str("\n]}\n");
    wire::escape(&text)
}

/// The file's cases, read back (lone surrogates as `wire`'s stand-ins).
pub fn parse(text: &str) -> Vec<Value> {
    let file: Value = serde_json::from_str(&wire::unescape(text)).expect("conformance JSON");
    file["cases"].as_array().cloned().unwrap_or_default()
}
