//! The README's text-rule table is the one the core's answers make.

use unthread_identity_conformance::readme::{BEGIN, END, text_rules};

#[test]
fn the_readme_table_is_the_cores_answers() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md");
    let start = readme.find(BEGIN).expect("the README's text-rules marker");
    let end = readme[start..].find(END).expect("the end marker") + start + END.len();
    assert_eq!(
        &readme[start..end],
        text_rules(),
        "README.md's text-rule table differs from the core's answers: paste the output of \
         `cargo run -p unthread-identity-conformance -- readme`"
    );
}

#[test]
fn every_probe_is_a_case_of_the_table() {
    let probes = unthread_identity_conformance::cases::text_rule_probes();
    let table = unthread_identity_conformance::cases::table();
    for (field, probe) in probes {
        assert!(
            table
                .iter()
                .any(|c| c.op == probe.op && c.input == probe.input),
            "{field}: {} is not in the table",
            probe.op
        );
    }
}
