//! The shared vectors in `testdata/vectors.json`, whose expected values come from CPython's
//! `hmac` and the RFC 4231 text, not from this crate.

use serde_json::Value;
use unthread_identity::{EmailPolicy, Error, Secret, Signer, UserRef, stop_script};

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn str_of<'a>(case: &'a Value, field: &str) -> Option<&'a str> {
    case.get(field).and_then(Value::as_str)
}

fn secret(hex_secret: &str) -> Result<Secret, Error> {
    Secret::from_bytes(hex::decode(hex_secret).unwrap())
}

/// A case's secret: `secret_text` as text (with the text rules), else `secret_hex` as bytes.
fn case_secret(case: &Value, default_hex: &str) -> Result<Secret, Error> {
    match str_of(case, "secret_text") {
        Some(text) => Secret::new(text),
        None => secret(str_of(case, "secret_hex").unwrap_or(default_hex)),
    }
}

fn signer(case: &Value) -> Result<Signer, Error> {
    let policy: EmailPolicy = str_of(case, "policy").unwrap_or("exact").parse()?;
    Ok(Signer::new(secret(str_of(case, "secret_hex").unwrap())?).with_email_policy(policy))
}

#[test]
fn rfc4231() {
    let v = vectors();
    let cases = v["rfc4231"].as_array().unwrap();
    assert_eq!(cases.len(), 7);
    for case in cases {
        let signer = Signer::new(secret(str_of(case, "key_hex").unwrap()).unwrap());
        let data = hex::decode(str_of(case, "data_hex").unwrap()).unwrap();
        let mac = signer.sign_raw(&data);
        let expected = str_of(case, "hmac_sha256_hex").unwrap();
        // RFC 4231 case 5 gives only the first 16 bytes of the tag.
        let digits = match case["truncate_to_bytes"].as_u64() {
            Some(bytes) => 2 * bytes as usize,
            None => 64,
        };
        assert_eq!(&mac.as_str()[..digits], expected, "{}", case["name"]);
        assert_eq!(expected.len(), digits, "{}", case["name"]);
    }
}

#[test]
fn email_hashes() {
    let v = vectors();
    let cases = v["email"].as_array().unwrap();
    assert!(cases.len() >= 30);
    for case in cases {
        let name = &case["name"];
        let signer = signer(case).unwrap();
        if let Some(text) = str_of(case, "secret_text") {
            let from_text = Signer::new(Secret::new(text).unwrap());
            assert_eq!(from_text.fingerprint(), signer.fingerprint(), "{name}");
        }
        let email = str_of(case, "email").unwrap();
        let hash = str_of(case, "hash").unwrap();
        assert_eq!(signer.sign(email).unwrap().as_str(), hash, "{name}");
        assert!(signer.verify(email, hash), "{name}");
        let user = signer.user(email, None).unwrap();
        assert_eq!(
            user.email(),
            str_of(case, "hashed_email").unwrap(),
            "{name}"
        );
        assert_eq!(user.email_hash(), hash, "{name}");
    }
}

#[test]
fn errors() {
    let v = vectors();
    let default_secret = v["verify_secret_hex"].as_str().unwrap();
    for case in v["errors"].as_array().unwrap() {
        let code = str_of(case, "code").unwrap();
        let result = (|| -> Result<(), Error> {
            let policy: EmailPolicy = str_of(case, "policy").unwrap_or("exact").parse()?;
            let signer = Signer::new(case_secret(case, default_secret)?).with_email_policy(policy);
            let user = UserRef::new(str_of(case, "email").unwrap())
                .with_email_hash(str_of(case, "email_hash"));
            signer.start_script(user, str_of(case, "nonce"))?;
            Ok(())
        })();
        let err = result.expect_err(case["name"].as_str().unwrap());
        assert_eq!(err.code(), code, "{}: {err}", case["name"]);
    }
}

#[test]
fn verify() {
    let v = vectors();
    let primary = v["verify_secret_hex"].as_str().unwrap();
    for case in v["verify"].as_array().unwrap() {
        let name = &case["name"];
        let previous = case["previous"].as_array().cloned().unwrap_or_default();
        let signer = Signer::new(secret(primary).unwrap()).with_previous(
            previous
                .iter()
                .map(|s| secret(s.as_str().unwrap()).unwrap()),
        );
        let email = str_of(case, "email").unwrap_or(v["verify_email"].as_str().unwrap());
        let hash = str_of(case, "hash").unwrap();
        let valid = case["valid"].as_bool().unwrap();
        assert_eq!(signer.verify(email, hash), valid, "{name}");
        let matched = signer.matching_key(email, hash);
        match str_of(case, "matched") {
            Some("primary") => assert_eq!(matched, Some(*signer.fingerprint()), "{name}"),
            Some("previous") => {
                let fp = matched.expect("a previous key matches");
                assert!(signer.previous_fingerprints().any(|p| *p == fp), "{name}");
                assert_ne!(fp, *signer.fingerprint(), "{name}");
            }
            _ => assert_eq!(matched, None, "{name}"),
        }
    }
}

#[test]
fn users_and_scripts() {
    let v = vectors();
    for case in v["users"].as_array().unwrap() {
        let name = &case["name"];
        let signer = signer(case).unwrap();
        let user = signer
            .user(str_of(case, "email").unwrap(), str_of(case, "user_name"))
            .unwrap();
        assert_eq!(user.to_json(), str_of(case, "json").unwrap(), "{name}");
        let nonce = str_of(case, "nonce");
        let expected = str_of(case, "start_script").unwrap();
        // The signed user renders as it is; the email and name alone are signed first.
        assert_eq!(
            signer.start_script(&user, nonce).unwrap(),
            expected,
            "{name}"
        );
        let unsigned =
            UserRef::new(str_of(case, "email").unwrap()).with_name(str_of(case, "user_name"));
        assert_eq!(
            signer.start_script(unsigned, nonce).unwrap(),
            expected,
            "{name}"
        );
        assert_eq!(
            stop_script(nonce).unwrap(),
            str_of(case, "stop_script").unwrap(),
            "{name}"
        );
    }
}

#[test]
fn fingerprints() {
    let v = vectors();
    for case in v["fingerprints"].as_array().unwrap() {
        let secret = secret(str_of(case, "secret_hex").unwrap()).unwrap();
        assert_eq!(
            secret.fingerprint().as_str(),
            str_of(case, "fingerprint").unwrap()
        );
    }
}

#[test]
fn explain_codes() {
    let v = vectors();
    let cases = v["explain"].as_array().unwrap();
    assert!(cases.len() >= 25);
    for case in cases {
        let name = &case["name"];
        let previous = case["previous_text"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let policy: EmailPolicy = str_of(case, "policy").unwrap().parse().unwrap();
        let signer = Signer::new(Secret::new(str_of(case, "secret_text").unwrap()).unwrap())
            .with_email_policy(policy)
            .with_previous(
                previous
                    .iter()
                    .map(|s| Secret::new(s.as_str().unwrap()).unwrap()),
            );
        let email = str_of(case, "email").unwrap();
        let hash = str_of(case, "hash").unwrap();
        let diagnosis = signer.explain(email, hash);
        assert_eq!(
            diagnosis.code.as_str(),
            str_of(case, "code").unwrap(),
            "{name}"
        );
        assert_eq!(diagnosis.valid, signer.verify(email, hash), "{name}");
        assert!(!diagnosis.message.is_empty());
    }
}
