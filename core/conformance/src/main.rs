//! `conformance table` prints the table; `conformance random SEED COUNT` prints random cases
//! with the core's answers, for the differential run (`make conformance`).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["table"] => unthread_identity_conformance::render(
            unthread_identity_conformance::cases::table(),
            None,
        ),
        ["random", seed, count] => {
            let (seed, count) = (seed.parse().expect("seed"), count.parse().expect("count"));
            let cases = unthread_identity_conformance::cases::random(seed, count);
            unthread_identity_conformance::render(cases, Some(seed))
        }
        _ => {
            eprintln!("usage: conformance table | conformance random SEED COUNT");
            std::process::exit(2);
        }
    };
    print!("{text}");
}
