//! `unthread-identity doctor`: checks the current setup, and scans `.env` files.

use std::path::PathBuf;

use serde_json::json;
use unthread_identity::{
    DEFAULT_SECRET_VARIABLE, Secret, exposed_prefix as exposed, is_exposed_lookalike as lookalike,
};

use crate::{EXIT_OK, EXIT_PROBLEM, Output, SecretSource, load_signer};

enum Status {
    Ok,
    Info,
    Problem,
}

struct Check {
    name: &'static str,
    status: Status,
    message: String,
}

pub(crate) fn run(
    source: &SecretSource,
    policy: &str,
    env_files: &[PathBuf],
    out: &mut Output,
) -> i32 {
    let mut checks = Vec::new();
    let mut add = |name, status, message: String| {
        checks.push(Check {
            name,
            status,
            message,
        })
    };

    // The variable's name itself.
    let name = source
        .secret_env
        .clone()
        .unwrap_or_else(|| DEFAULT_SECRET_VARIABLE.to_owned());
    if source.secret_file.is_none() && !source.secret_stdin {
        match exposed(&name) {
            Some(prefix) => add(
                "variable-name",
                Status::Problem,
                format!(
                    "{name} starts with {prefix}, which frontend bundlers send to browsers: use a server-only name"
                ),
            ),
            None => add(
                "variable-name",
                Status::Ok,
                format!("{name} is a server-only name"),
            ),
        }
    }

    // Exposed look-alikes set in this environment (names only, never values).
    let lookalikes: Vec<String> = std::env::vars_os()
        .filter_map(|(name, _)| name.into_string().ok())
        .filter(|name| lookalike(name))
        .collect();
    if lookalikes.is_empty() {
        add(
            "exposed-variables",
            Status::Ok,
            "no Unthread-like variable under a browser-exposed prefix".into(),
        );
    }
    for variable in &lookalikes {
        add(
            "exposed-variables",
            Status::Problem,
            format!(
                "{variable} is set: bundlers copy it into the browser's JavaScript; move the secret and rotate it"
            ),
        );
    }

    // The secret: set, no whitespace, signs a sample.
    let mut quiet = Output {
        json: true,
        verbose: false,
    };
    let signer = match load_signer(source, policy, &mut quiet) {
        Ok(signer) => {
            add(
                "secret",
                Status::Ok,
                format!(
                    "the secret loads (fingerprint {}; compare it with the one your other servers log)",
                    signer.fingerprint()
                ),
            );
            for warning in signer.warnings() {
                add("secret-file", Status::Problem, warning.to_string());
            }
            let previous = signer.previous_fingerprints().len();
            add(
                "previous-secrets",
                Status::Info,
                match previous {
                    0 => "no previous secret configured (none is needed outside a rotation)"
                        .to_owned(),
                    n => format!(
                        "{n} previous secret(s) configured: remove them once their fingerprints stop showing up"
                    ),
                },
            );
            let sample = "doctor@example.com";
            let signs = signer
                .sign(sample)
                .is_ok_and(|hash| signer.verify(sample, hash.as_str()));
            if signs {
                add("sample", Status::Ok, format!("signs and verifies {sample}"));
            } else {
                add(
                    "sample",
                    Status::Problem,
                    format!("cannot sign and verify {sample}"),
                );
            }
            Some(signer)
        }
        Err(error) => {
            add("secret", Status::Problem, error.to_string());
            None
        }
    };

    // .env files: a secret under an exposed prefix.
    for file in env_files {
        match std::fs::read_to_string(file) {
            Err(error) => add(
                "env-file",
                Status::Problem,
                format!("cannot read {}: {error}", file.display()),
            ),
            Ok(text) => {
                let mut found = false;
                for (number, line) in text.lines().enumerate() {
                    let Some((key, value)) = parse_env_line(line) else {
                        continue;
                    };
                    let Some(prefix) = exposed(key) else { continue };
                    let is_secret = signer.as_ref().is_some_and(|signer| {
                        Secret::new(value).is_ok_and(|s| s.fingerprint() == *signer.fingerprint())
                    });
                    if lookalike(key) || is_secret {
                        found = true;
                        let why = if is_secret {
                            "holds the configured secret"
                        } else {
                            "looks like an Unthread secret"
                        };
                        add(
                            "env-file",
                            Status::Problem,
                            format!(
                                "{}:{}: {key} {why} under {prefix}, which bundlers send to browsers",
                                file.display(),
                                number + 1
                            ),
                        );
                    }
                }
                if !found {
                    add(
                        "env-file",
                        Status::Ok,
                        format!("{}: no secret under a browser-exposed name", file.display()),
                    );
                }
            }
        }
    }

    let problems = checks
        .iter()
        .filter(|c| matches!(c.status, Status::Problem))
        .count();
    if out.json() {
        let list: Vec<_> = checks
            .iter()
            .map(|c| json!({"check": c.name, "status": status(&c.status), "message": c.message}))
            .collect();
        println!(
            "{}",
            json!({"ok": problems == 0, "problems": problems, "checks": list})
        );
    } else {
        for c in &checks {
            println!("{:<8} {:<18} {}", status(&c.status), c.name, c.message);
        }
        println!(
            "{}",
            if problems == 0 {
                "doctor: no problem found".to_owned()
            } else {
                format!("doctor: {problems} problem(s) found")
            }
        );
    }
    if problems == 0 { EXIT_OK } else { EXIT_PROBLEM }
}

fn status(status: &Status) -> &'static str {
    match status {
        Status::Ok => "ok",
        Status::Info => "info",
        Status::Problem => "problem",
    }
}

/// `KEY=VALUE`, `export KEY=VALUE`, with optional quotes around the value; comments skipped.
fn parse_env_line(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    if line.starts_with('#') {
        return None;
    }
    let line = line.strip_prefix("export ").unwrap_or(line);
    let (key, value) = line.split_once('=')?;
    let value = value.trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    Some((key.trim(), value))
}
