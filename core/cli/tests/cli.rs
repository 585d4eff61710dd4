//! The built `unthread-identity` binary: exit codes, `--json`, the shared explain vectors, and
//! a canary secret that must appear in no output, even with `--verbose`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_unthread-identity");
const CANARY: &str = "canary-secret-that-must-never-print";

fn run(args: &[&str], secret: Option<&str>, stdin: Option<&str>) -> Output {
    let env: Vec<(&str, &str)> = secret
        .map(|s| ("UNTHREAD_IDENTITY_SECRET", s))
        .into_iter()
        .collect();
    run_with(args, &env, stdin)
}

/// The binary with only PATH and `env` in its environment.
fn run_with(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        // A command that does not read stdin may exit first: a broken pipe is fine.
        let _ = input.write_all(text.as_bytes());
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("one JSON object on stdout")
}

#[test]
fn exit_codes_and_json() {
    let sign = run(&["sign", "ada@example.com", "--json"], Some(CANARY), None);
    assert_eq!(sign.status.code(), Some(0));
    let hash = json(&sign)["hash"].as_str().unwrap().to_owned();
    assert_eq!(hash.len(), 64);

    let verify = run(
        &["verify", "ada@example.com", &hash, "--json"],
        Some(CANARY),
        None,
    );
    assert_eq!(verify.status.code(), Some(0));
    assert_eq!(json(&verify)["verified"], true);
    let wrong = run(&["verify", "eve@example.com", &hash], Some(CANARY), None);
    assert_eq!(wrong.status.code(), Some(1));

    let explain = run(
        &["explain", "Ada@Example.com", &hash, "--json"],
        Some(CANARY),
        None,
    );
    assert_eq!(explain.status.code(), Some(1));
    assert_eq!(json(&explain)["code"], "EMAIL_LOWERCASED");

    let usage = run(&["sign"], Some(CANARY), None);
    assert_eq!(usage.status.code(), Some(2));
    let unknown = run(&["frobnicate"], Some(CANARY), None);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(run(&["--help"], None, None).status.code(), Some(0));

    let missing = run(&["sign", "ada@example.com"], None, None);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing).contains("UNTHREAD_IDENTITY_SECRET is not set"));
    assert!(text(&missing).contains("--secret-stdin"));
    let missing_json = run(&["sign", "ada@example.com", "--json"], None, None);
    assert_eq!(json(&missing_json)["error"]["code"], "ERR_INVALID_SECRET");

    let stop = run(&["render", "stop", "--nonce", "abc", "--json"], None, None);
    assert_eq!(stop.status.code(), Some(0));
    assert!(
        json(&stop)["html"]
            .as_str()
            .unwrap()
            .contains(r#"["stop"]"#)
    );
}

#[test]
fn the_secret_is_never_printed() {
    let dir = std::env::temp_dir().join(format!("uid-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("secret");
    std::fs::write(&file, format!("{CANARY}\n")).unwrap();
    let env_file = dir.join(".env");
    std::fs::write(
        &env_file,
        format!("NEXT_PUBLIC_UNTHREAD_SECRET={CANARY}\nVITE_OTHER='{CANARY}'\n"),
    )
    .unwrap();
    let file_arg = file.to_str().unwrap();
    let env_arg = env_file.to_str().unwrap();
    let hash = String::from_utf8(run(&["sign", "a@b"], Some(CANARY), None).stdout).unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["sign", "a@b"],
        vec!["verify", "a@b", hash.trim()],
        vec!["explain", "a@b", "0000"],
        vec!["explain", "a@b", CANARY],
        vec!["fingerprint"],
        vec!["render", "start", "a@b", "--name", "Ada"],
        vec!["doctor", "--env-file", env_arg],
        vec!["--secret-file", file_arg, "sign", "a@b"],
        vec!["--secret-stdin", "sign", "a@b"],
        vec!["--secret-env", "NEXT_PUBLIC_UNTHREAD_SECRET", "sign", "a@b"],
        vec!["--previous-env", "UNSET_PREVIOUS", "sign", "a@b"],
    ];
    for args in commands {
        for extra in [&["--verbose"][..], &["--verbose", "--json"][..]] {
            let mut all = args.clone();
            all.extend_from_slice(extra);
            let output = run(&all, Some(CANARY), Some(&format!("{CANARY}\n")));
            let shown = text(&output);
            // `explain a@b CANARY` passes the canary as the hash: the only way for it to show.
            if args.contains(&CANARY) {
                assert!(!shown.replace(CANARY, "").is_empty());
                continue;
            }
            assert!(
                !shown.contains(CANARY),
                "{all:?} printed the secret: {shown}"
            );
        }
    }
    let doctor = run(
        &["doctor", "--env-file", env_arg, "--json"],
        Some(CANARY),
        None,
    );
    assert_eq!(doctor.status.code(), Some(1));
    let report = json(&doctor);
    assert_eq!(report["ok"], false);
    let problems: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "problem")
        .map(|c| c["message"].as_str().unwrap())
        .collect();
    assert!(
        problems
            .iter()
            .any(|m| m.contains(":1: NEXT_PUBLIC_UNTHREAD_SECRET holds the configured secret")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|m| m.contains(":2: VITE_OTHER holds the configured secret")),
        "{problems:?}"
    );
    let healthy = run(&["doctor", "--json"], Some(CANARY), None);
    assert_eq!(healthy.status.code(), Some(0), "{}", text(&healthy));
    let padded = run(&["doctor"], Some(&format!("{CANARY}\n")), None);
    assert_eq!(padded.status.code(), Some(1));
    assert!(text(&padded).contains("whitespace"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn explain_vectors_through_the_binary() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/vectors.json");
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for case in vectors["explain"].as_array().unwrap() {
        let mut args = vec![
            "explain".to_owned(),
            case["email"].as_str().unwrap().to_owned(),
            case["hash"].as_str().unwrap().to_owned(),
            "--json".to_owned(),
            "--policy".to_owned(),
            case["policy"].as_str().unwrap().to_owned(),
        ];
        let previous = case["previous_text"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut command = Command::new(BIN);
        for (i, secret) in previous.iter().enumerate() {
            let name = format!("UNTHREAD_PREVIOUS_{i}");
            command.env(&name, secret.as_str().unwrap());
            args.extend(["--previous-env".to_owned(), name]);
        }
        let output = command
            .args(&args)
            .env(
                "UNTHREAD_IDENTITY_SECRET",
                case["secret_text"].as_str().unwrap(),
            )
            .output()
            .unwrap();
        let code = json(&output)["code"].clone();
        assert_eq!(code, case["code"], "{}", case["name"]);
    }
}

/// The token commands read the embed secret from UNTHREAD_PORTAL_EMBED_SECRET.
fn run_embed(args: &[&str], embed: &str, stdin: Option<&str>) -> Output {
    let env = [
        ("UNTHREAD_PORTAL_EMBED_SECRET", embed),
        ("UNTHREAD_OLD_EMBED", "old-embed-secret"),
    ];
    run_with(args, &env, stdin)
}

#[test]
fn token_commands_mint_and_explain_without_printing_the_secret() {
    let embed = "canary-embed-secret-never-printed";
    let minted = run_embed(
        &[
            "mint-token",
            "ada@example.com",
            "--name",
            "Ada",
            "--kid",
            "k1",
            "--json",
            "-v",
        ],
        embed,
        None,
    );
    assert_eq!(minted.status.code(), Some(0), "{}", text(&minted));
    let jwt = json(&minted)["jwt"].as_str().unwrap().to_owned();
    let valid = run_embed(
        &["explain-token", &jwt, "--kid", "k1", "--json"],
        embed,
        None,
    );
    assert_eq!(valid.status.code(), Some(0));
    assert_eq!(json(&valid)["code"], "VALID");
    assert_eq!(json(&valid)["claims"]["email"], "ada@example.com");
    // From standard input, an hour later: expired, exit 1.
    let later = (json(&minted)["expiresAt"].as_u64().unwrap() + 3600).to_string();
    let expired = run_embed(
        &[
            "explain-token",
            "-",
            "--kid",
            "k1",
            "--now",
            &later,
            "--json",
        ],
        embed,
        Some(&format!("{jwt}\n")),
    );
    assert_eq!(expired.status.code(), Some(1));
    assert_eq!(json(&expired)["code"], "EXPIRED");
    // After a rotation the old key still verifies it, by kid.
    let rotated = run_embed(
        &[
            "explain-token",
            &jwt,
            "--kid",
            "k2",
            "--previous-key",
            "UNTHREAD_OLD_EMBED:k0",
            "--json",
        ],
        "new-embed-secret",
        None,
    );
    assert_eq!(json(&rotated)["code"], "UNKNOWN_KID");
    let other = run_embed(
        &["explain-token", &jwt, "--kid", "k1"],
        "another-secret",
        None,
    );
    assert_eq!(other.status.code(), Some(1));
    assert!(text(&other).starts_with("SIGNATURE:"), "{}", text(&other));
    assert_eq!(
        run_embed(&["explain-token"], embed, None).status.code(),
        Some(2)
    );
    for output in [&minted, &valid, &expired, &rotated, &other] {
        assert!(!text(output).contains(embed));
        assert!(!text(output).contains("old-embed-secret"));
    }
}
