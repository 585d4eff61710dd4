//! The Rust replay: the committed table is what the core answers today (the file is the core's
//! output, so a difference is a change of behaviour that must be committed on purpose).

use unthread_identity_conformance::{parse, run::run};

#[test]
fn every_case_of_the_committed_table_gets_the_cores_answer() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/conformance.json"
    );
    let text = std::fs::read_to_string(path).expect("testdata/conformance.json");
    let cases = parse(&text);
    assert!(cases.len() >= 2000, "{} cases", cases.len());
    let mut disagreements = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let op = case["op"].as_str().expect("op");
        let answer = run(op, &case["input"]);
        if answer != case["expect"] {
            disagreements.push(format!(
                "case {i} ({op}): table {} core {answer}",
                case["expect"]
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{}",
        disagreements[..disagreements.len().min(10)].join("\n")
    );
}
