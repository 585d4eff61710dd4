//! The `unthread-identity` command, as a library: [`run`] takes the arguments and returns the
//! exit code, so that the npm package (`npx unthread-identity`) and the pip package
//! (`python -m unthread_identity`) run this one implementation through their native modules.
//!
//! Exit codes: 0 ok, 1 a mismatch or a problem found, 2 a usage error. The secret is read from
//! the environment, a file or standard input, never from an argument (arguments show in `ps`
//! and in shell history), and it is never printed, not even with `--verbose`.

use std::ffi::OsString;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use serde_json::{Value, json};
use unthread_identity::{
    DEFAULT_SECRET_VARIABLE, EmailPolicy, Error, Secret, Signer, UserRef, stop_script,
};
use zeroize::Zeroizing;

mod doctor;
mod token;

/// Exit code: all is well.
pub const EXIT_OK: i32 = 0;
/// Exit code: the hash does not verify, or a problem was found.
pub const EXIT_PROBLEM: i32 = 1;
/// Exit code: the command line is wrong.
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser)]
#[command(
    name = "unthread-identity",
    version,
    about = "Sign, verify and explain Unthread portal email hashes and embedded-portal tokens; \
             check a setup.",
    after_help = "The secret comes from --secret-env (default UNTHREAD_IDENTITY_SECRET), \
                  --secret-file or --secret-stdin, never from an argument.\n\
                  Exit codes: 0 ok, 1 mismatch or problem found, 2 usage error."
)]
struct Cli {
    #[command(flatten)]
    secret: SecretSource,
    /// The email policy: exact (default) or canonical.
    #[arg(long, global = true, default_value = "exact", value_parser = ["exact", "canonical"])]
    policy: String,
    /// Print one JSON object, for CI.
    #[arg(long, global = true)]
    json: bool,
    /// Say where the secret came from and which fingerprint it has (never the secret).
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
pub(crate) struct SecretSource {
    /// The environment variable that holds the secret.
    #[arg(long, global = true, value_name = "NAME")]
    secret_env: Option<String>,
    /// A file that holds the secret (one trailing newline is ignored).
    #[arg(long, global = true, value_name = "PATH", conflicts_with_all = ["secret_env", "secret_stdin"])]
    secret_file: Option<PathBuf>,
    /// Read the secret from the first line of standard input.
    #[arg(long, global = true, conflicts_with = "secret_env")]
    secret_stdin: bool,
    /// An environment variable that holds a previous secret, during a rotation (repeatable).
    #[arg(long, global = true, value_name = "NAME")]
    previous_env: Vec<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the hash of EMAIL.
    Sign { email: String },
    /// Check HASH for EMAIL (exit 0 if it verifies, 1 if not).
    Verify { email: String, hash: String },
    /// Say why HASH does or does not verify for EMAIL (exit 0 if it verifies, 1 if not).
    Explain { email: String, hash: String },
    /// Print the fingerprints of the configured secrets.
    Fingerprint,
    /// Print the portal's start or stop <script> element.
    Render {
        #[command(subcommand)]
        script: Render,
    },
    /// Check the setup: the secret's variable, exposed names, whitespace, previous secrets, a
    /// sample signature, and the given .env files (exit 1 if a problem is found).
    Doctor {
        /// A .env file to scan for a secret under a browser-exposed name (repeatable).
        #[arg(long = "env-file", value_name = "PATH")]
        env_files: Vec<PathBuf>,
    },
    /// Say what is wrong with an embedded-portal token, decoded without trusting it, checked
    /// with the embed secret (default variable UNTHREAD_PORTAL_EMBED_SECRET). Exit 0 if it
    /// verifies, 1 if not.
    ExplainToken {
        /// The token (`-` reads it from standard input).
        jwt: String,
        /// Check as of this time, in seconds since 1970 (default: now).
        #[arg(long, value_name = "SECONDS")]
        now: Option<u64>,
        #[command(flatten)]
        token: token::TokenArgs,
    },
    /// Mint an embedded-portal token for EMAIL with the embed secret, to try a setup.
    MintToken {
        email: String,
        /// The display name.
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        token: token::TokenArgs,
    },
}

#[derive(Subcommand)]
enum Render {
    /// The start call for EMAIL.
    Start {
        email: String,
        /// The display name.
        #[arg(long)]
        name: Option<String>,
        /// The page's CSP nonce.
        #[arg(long)]
        nonce: Option<String>,
    },
    /// The stop call, for logged-out pages.
    Stop {
        /// The page's CSP nonce.
        #[arg(long)]
        nonce: Option<String>,
    },
}

/// Runs the command line `args` (the program name first) and returns the exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version are "errors" that print to stdout and exit 0.
            let _ = error.print();
            return if error.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_OK
            };
        }
    };
    let mut out = Output {
        json: cli.json,
        verbose: cli.verbose,
    };
    let code = execute(&cli, &mut out);
    let _ = std::io::stdout().flush();
    code
}

/// Where results go: plain lines or one JSON object on stdout; errors and `--verbose` notes on
/// stderr.
pub(crate) struct Output {
    pub(crate) json: bool,
    pub(crate) verbose: bool,
}

impl Output {
    pub(crate) fn json(&self) -> bool {
        self.json
    }

    pub(crate) fn result(&mut self, text: &str, value: Value) {
        if self.json {
            println!("{value}");
        } else {
            println!("{text}");
        }
    }

    pub(crate) fn note(&mut self, text: &str) {
        if self.verbose && !self.json {
            eprintln!("{text}");
        }
    }

    /// A short error that says what to do; exit 1.
    pub(crate) fn error(&mut self, error: &Error) -> i32 {
        if self.json {
            println!(
                "{}",
                json!({"error": {"code": error.code(), "message": error.to_string()}})
            );
        } else {
            eprintln!("error: {error}");
            if error.kind() == unthread_identity::ErrorKind::InvalidSecret {
                eprintln!(
                    "hint: set {DEFAULT_SECRET_VARIABLE}, or pass --secret-env NAME, \
                     --secret-file PATH or --secret-stdin"
                );
            }
        }
        EXIT_PROBLEM
    }
}

fn execute(cli: &Cli, out: &mut Output) -> i32 {
    match &cli.command {
        Command::Doctor { env_files } => {
            return doctor::run(&cli.secret, &cli.policy, env_files, out);
        }
        Command::ExplainToken { jwt, now, token } => {
            let jwt = if jwt == "-" {
                let mut line = String::new();
                let _ = std::io::stdin().lock().read_line(&mut line);
                line
            } else {
                jwt.clone()
            };
            return token::explain(&cli.secret, token, &jwt, *now, out);
        }
        Command::MintToken { email, name, token } => {
            return token::mint(&cli.secret, token, email, name.as_deref(), out);
        }
        _ => {}
    }
    if let Command::Render {
        script: Render::Stop { nonce },
    } = &cli.command
    {
        return match stop_script(nonce.as_deref()) {
            Ok(html) => {
                out.result(&html, json!({ "html": html }));
                EXIT_OK
            }
            Err(error) => out.error(&error),
        };
    }
    let signer = match load_signer(&cli.secret, &cli.policy, out) {
        Ok(signer) => signer,
        Err(error) => return out.error(&error),
    };
    match &cli.command {
        Command::Sign { email } => match signer.sign(email) {
            Ok(hash) => {
                out.result(hash.as_str(), json!({ "hash": hash.as_str() }));
                EXIT_OK
            }
            Err(error) => out.error(&error),
        },
        Command::Verify { email, hash } => {
            let matched = signer.matching_key(email, hash);
            let text = match &matched {
                Some(fingerprint) => format!("verified (secret {fingerprint})"),
                None => "does not verify: run `unthread-identity explain` to see why".to_owned(),
            };
            let fingerprint = matched.map(|f| f.to_string());
            out.result(
                &text,
                json!({"verified": fingerprint.is_some(), "fingerprint": fingerprint}),
            );
            if fingerprint.is_some() {
                EXIT_OK
            } else {
                EXIT_PROBLEM
            }
        }
        Command::Explain { email, hash } => {
            let diagnosis = signer.explain(email, hash);
            let text = format!(
                "{}: {} (secret {})",
                diagnosis.code, diagnosis.message, diagnosis.fingerprint
            );
            out.result(
                &text,
                json!({
                    "code": diagnosis.code.as_str(),
                    "message": diagnosis.message,
                    "valid": diagnosis.valid,
                    "fingerprint": diagnosis.fingerprint.as_str(),
                }),
            );
            if diagnosis.valid {
                EXIT_OK
            } else {
                EXIT_PROBLEM
            }
        }
        Command::Fingerprint => {
            let previous: Vec<String> = signer
                .previous_fingerprints()
                .map(|f| f.to_string())
                .collect();
            let mut text = format!("primary {}", signer.fingerprint());
            for fingerprint in &previous {
                text.push_str(&format!("\nprevious {fingerprint}"));
            }
            out.result(
                &text,
                json!({"fingerprint": signer.fingerprint().as_str(), "previous": previous}),
            );
            EXIT_OK
        }
        Command::Render {
            script: Render::Start { email, name, nonce },
        } => {
            let user = UserRef::new(email).with_name(name.as_deref());
            match signer.start_script(user, nonce.as_deref()) {
                Ok(html) => {
                    out.result(&html, json!({ "html": html }));
                    EXIT_OK
                }
                Err(error) => out.error(&error),
            }
        }
        Command::Doctor { .. }
        | Command::Render { .. }
        | Command::ExplainToken { .. }
        | Command::MintToken { .. } => unreachable!("handled above"),
    }
}

/// The signer for the command line's secret source, previous secrets and policy.
pub(crate) fn load_signer(
    source: &SecretSource,
    policy: &str,
    out: &mut Output,
) -> Result<Signer, Error> {
    let policy: EmailPolicy = policy.parse()?;
    let (secret, from) = load_secret(source, || {
        let name = DEFAULT_SECRET_VARIABLE;
        Ok((Secret::from_env_var(name)?, format!("${name}")))
    })?;
    let mut previous = Vec::new();
    for name in &source.previous_env {
        previous.push(Secret::from_env_var(name)?);
    }
    let signer = Signer::new(secret)
        .with_email_policy(policy)
        .with_previous(previous);
    out.note(&format!(
        "secret from {from}, fingerprint {}; {} previous; policy {policy}",
        signer.fingerprint(),
        signer.previous_fingerprints().len()
    ));
    for warning in signer.warnings() {
        out.note(&format!("warning: {warning}"));
    }
    Ok(signer)
}

/// The secret, and a description of where it came from (never its value): from the command
/// line's source, else from `default` (the mode's own environment variables).
pub(crate) fn load_secret(
    source: &SecretSource,
    default: impl FnOnce() -> Result<(Secret, String), Error>,
) -> Result<(Secret, String), Error> {
    if let Some(path) = &source.secret_file {
        return Ok((Secret::from_file(path)?, format!("file {}", path.display())));
    }
    if source.secret_stdin {
        // Zeroized on drop: the Secret keeps (and zeroizes) its own copy.
        let mut line = Zeroizing::new(String::new());
        if std::io::stdin().lock().read_line(&mut line).is_err() {
            return Err(Error::EmptySecret);
        }
        let text = line.strip_suffix('\n').unwrap_or(&line);
        let text = text.strip_suffix('\r').unwrap_or(text);
        return Ok((Secret::new(text)?, "standard input".to_owned()));
    }
    match source.secret_env.as_deref() {
        Some(name) => Ok((Secret::from_env_var(name)?, format!("${name}"))),
        None => default(),
    }
}
