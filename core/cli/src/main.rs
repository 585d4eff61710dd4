//! `unthread-identity`: see the crate's README, or run it with `--help`.

fn main() {
    std::process::exit(unthread_identity_cli::run(std::env::args_os()));
}
