//! `conformance table` prints the table; `conformance random SEED COUNT` prints random cases
//! with the core's answers, for the differential run (`make conformance`); `conformance
//! browser` prints the browser module's generated part (`integrations/portal-rules.mjs`);
//! `conformance types-ts` / `types-py` the bindings' types of the token's user and claims
//! (`claims.d.ts`, `_claims.py`); `conformance options-ts` / `options-py` the option types
//! (`options.d.ts`, `_options.py`);
//! `conformance readme` the README's text-rule table.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["table"] => unthread_identity_conformance::render(
            unthread_identity_conformance::cases::table(),
            None,
        ),
        ["browser"] => unthread_identity::bindings::browser_module(),
        ["types-ts"] => unthread_identity_conformance::types::typescript(),
        ["options-ts"] => unthread_identity_conformance::options::typescript(),
        ["options-py"] => unthread_identity_conformance::options::python(),
        ["types-py"] => unthread_identity_conformance::types::python(),
        ["readme"] => unthread_identity_conformance::readme::text_rules() + "\n",
        ["random", seed, count] => {
            let (seed, count) = (seed.parse().expect("seed"), count.parse().expect("count"));
            let cases = unthread_identity_conformance::cases::random(seed, count);
            unthread_identity_conformance::render(cases, Some(seed))
        }
        _ => {
            eprintln!(
                "usage: conformance table | conformance random SEED COUNT | conformance browser | conformance types-ts | conformance types-py | conformance options-ts | conformance options-py | conformance readme"
            );
            std::process::exit(2);
        }
    };
    print!("{text}");
}
