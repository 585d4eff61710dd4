//! The reproductions of the adversarial review of token mode (issue 18), kept so that they
//! cannot come back: `kid` never shortened, `crit` and a non-string `kid` refused, floats
//! exact, the embed secret's variables and warnings.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};
use serde_json::{Value, json};
use unthread_identity::{
    MAX_KID_LEN, Secret, SecretWarning, TokenDiagnosisCode, TokenError, TokenOptions, TokenSigner,
    TokenUser, UnixTime,
};

const SECRET: &str = "review-embed-secret-of-32-bytes!";
const NOW: u64 = 1_800_000_000;

fn now() -> UnixTime {
    UnixTime::from_secs(NOW).unwrap()
}

/// A token with any header and payload, signed with `secret` by an independent HMAC.
fn forge(secret: &str, header: &Value, payload: &Value) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    );
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(input.as_bytes());
    let tag = mac.finalize().into_bytes();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(tag))
}

fn claims() -> Value {
    json!({"sub": "u1", "email": "ada@example.com", "iat": NOW, "nbf": NOW - 30, "exp": NOW + 300, "jti": "j"})
}

fn signer(kid: Option<&str>) -> TokenSigner {
    let signer = TokenSigner::new(Secret::new(SECRET).unwrap(), TokenOptions::default()).unwrap();
    match kid {
        Some(kid) => signer.with_kid(kid).unwrap(),
        None => signer,
    }
}

fn mint(signer: &TokenSigner) -> String {
    let user = TokenUser::new("ada@example.com");
    signer.mint_with(user, Some(now()), Some("j")).unwrap().jwt
}

#[test]
fn a_kid_of_any_accepted_length_verifies_its_own_tokens() {
    for len in [1, 63, 64, 65, 100, MAX_KID_LEN] {
        let kid = "k".repeat(len);
        let signer = signer(Some(&kid));
        let verified = signer.verify_at(&mint(&signer), now()).unwrap();
        assert_eq!(verified.kid.as_deref(), Some(kid.as_str()), "kid of {len}");
        let doctor = signer.explain_at(&mint(&signer), now());
        assert_eq!(doctor.code, TokenDiagnosisCode::Valid);
        assert_eq!(doctor.kid.as_deref(), Some(kid.as_str()));
    }
    let too_long = "k".repeat(MAX_KID_LEN + 1);
    assert!(
        TokenSigner::new(Secret::new(SECRET).unwrap(), TokenOptions::default())
            .unwrap()
            .with_kid(&too_long)
            .is_err()
    );
}

#[test]
fn a_primary_kid_that_extends_a_previous_kid_is_its_own_key() {
    let primary = format!("{}-2026", "p".repeat(64));
    let signer = signer(Some(&primary))
        .with_previous_key(
            Secret::new("the-previous-embed-secret-32-byte").unwrap(),
            Some(&"p".repeat(64)),
        )
        .unwrap();
    let jwt = mint(&signer);
    assert!(signer.verify_at(&jwt, now()).is_ok());
    let doctor = signer.explain_at(&jwt, now());
    assert_eq!(doctor.code, TokenDiagnosisCode::Valid, "{}", doctor.message);
    assert_eq!(doctor.kid.as_deref(), Some(primary.as_str()));
}

#[test]
fn a_header_kid_is_never_shortened_into_a_configured_one() {
    let kid = "k".repeat(64);
    let signer = signer(Some(&kid));
    let header_kid = format!("{kid}-not-configured");
    let jwt = forge(
        SECRET,
        &json!({"alg": "HS256", "kid": header_kid}),
        &claims(),
    );
    assert_eq!(
        signer.verify_at(&jwt, now()).unwrap_err().token_error(),
        Some(&TokenError::UnknownKid {
            kid: header_kid.clone()
        })
    );
    assert_eq!(
        signer.explain_at(&jwt, now()).kid.as_deref(),
        Some(header_kid.as_str())
    );
    // Longer than any configured kid may be: refused whole.
    let jwt = forge(
        SECRET,
        &json!({"alg": "HS256", "kid": "k".repeat(MAX_KID_LEN + 1)}),
        &claims(),
    );
    assert_eq!(
        signer.verify_at(&jwt, now()).unwrap_err().code(),
        "ERR_TOKEN_MALFORMED"
    );
}

#[test]
fn crit_of_any_value_and_a_kid_that_is_not_a_string_are_malformed() {
    let signer = signer(None);
    assert!(
        signer
            .verify_at(&forge(SECRET, &json!({"alg": "HS256"}), &claims()), now())
            .is_ok()
    );
    for header in [
        json!({"alg": "HS256", "crit": null}),
        json!({"alg": "HS256", "crit": []}),
        json!({"alg": "HS256", "crit": ["exp"], "exp": 1}),
        json!({"alg": "HS256", "crit": "b64"}),
        json!({"alg": "HS256", "kid": null}),
        json!({"alg": "HS256", "kid": 7}),
        json!({"alg": "HS256", "kid": ["a"]}),
        json!({"alg": null}),
    ] {
        let jwt = forge(SECRET, &header, &claims());
        assert_eq!(
            signer.verify_at(&jwt, now()).unwrap_err().code(),
            "ERR_TOKEN_MALFORMED",
            "{header}"
        );
        assert_eq!(
            signer.explain_at(&jwt, now()).code,
            TokenDiagnosisCode::Malformed,
            "{header}"
        );
    }
}

#[test]
fn float_claims_keep_their_exact_value() {
    let signer = signer(None);
    // 6.51592972722763e76 was read back as ...631e76 before serde_json's float_roundtrip.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut floats = vec![6.51592972722763e76, 1e300, -1e-300, 0.1, 2f64.powi(64)];
    for _ in 0..2000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let f = f64::from_bits(state);
        if f.is_finite() {
            floats.push(f);
        }
    }
    let mut changed = 0;
    // 150 floats a token keeps each under the 8 KiB cap.
    for chunk in floats.chunks(150) {
        let mut payload = claims();
        payload["floats"] = json!(chunk);
        let jwt = forge(SECRET, &json!({"alg": "HS256"}), &payload);
        let verified = signer.verify_at(&jwt, now()).unwrap();
        let back = verified.claims["floats"].as_array().unwrap();
        changed += chunk
            .iter()
            .zip(back)
            .filter(|(a, b)| b.as_f64().map(f64::to_bits) != Some(a.to_bits()))
            .count();
    }
    assert_eq!(changed, 0, "{changed} of {} floats changed", floats.len());
    let jwt = forge(
        SECRET,
        &json!({"alg": "HS256"}),
        &json!({"floats": floats[..1]}),
    );
    let explained = signer.explain_at(&jwt, now()).claims.unwrap();
    assert_eq!(explained["floats"][0].as_f64(), Some(6.51592972722763e76));
}

#[test]
fn a_short_embed_secret_is_a_warning_not_an_error() {
    let short = TokenSigner::new(Secret::new("demo").unwrap(), TokenOptions::default()).unwrap();
    assert_eq!(short.warnings(), &[SecretWarning::ShortKey { len: 4 }]);
    assert!(short.warnings()[0].to_string().contains("RFC 7518"));
    assert!(signer(None).warnings().is_empty());
    let rotated = signer(None)
        .with_previous_key(Secret::new("old").unwrap(), None)
        .unwrap();
    assert_eq!(rotated.warnings(), &[SecretWarning::ShortKey { len: 3 }]);
}

#[test]
fn embed_secret_variables() {
    // One test, since the process environment is shared between threads.
    let (a, b) = ("UNTHREAD_PORTAL_EMBED_SECRET", "PORTAL_EMBED_SECRET");
    let set = |name: &str, value: Option<&str>| match value {
        // SAFETY: only this test touches these variables.
        Some(value) => unsafe { std::env::set_var(name, value) },
        None => unsafe { std::env::remove_var(name) },
    };
    set(a, None);
    set(b, None);
    let missing = TokenSigner::from_env(TokenOptions::default()).unwrap_err();
    assert_eq!(missing.code(), "ERR_INVALID_SECRET");
    let text = missing.to_string();
    assert!(text.contains(a) && text.contains("embed secret"), "{text}");
    assert!(!text.contains("identity verification"), "{text}");

    set(b, Some(SECRET));
    let from_b = TokenSigner::from_env(TokenOptions::default()).unwrap();
    assert_eq!(from_b.fingerprint(), signer(None).fingerprint());

    set(a, Some(SECRET));
    assert!(TokenSigner::from_env(TokenOptions::default()).is_ok());

    set(a, Some("another-embed-secret-value"));
    let conflict = TokenSigner::from_env(TokenOptions::default()).unwrap_err();
    let text = conflict.to_string();
    assert_eq!(conflict.code(), "ERR_INVALID_SECRET");
    assert!(text.contains(a) && text.contains(b), "{text}");
    assert!(
        !text.contains(SECRET) && !text.contains("another-embed"),
        "{text}"
    );
    set(a, None);
    set(b, None);
}

#[test]
fn invisible_characters_in_a_secret_are_refused() {
    for secret in [
        "\u{feff}secret",
        "sec\u{200b}ret",
        "secret\u{200c}",
        "sec\u{200d}ret",
        "\u{2060}secret",
    ] {
        let err = Secret::new(secret).unwrap_err();
        assert_eq!(err.code(), "ERR_INVALID_SECRET");
        assert!(err.to_string().contains("invisible"), "{err}");
    }
    let dir = std::env::temp_dir().join(format!("unthread-review-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("secret");
    std::fs::write(&file, "\u{feff}\u{feff}secret\n").unwrap();
    assert!(
        Secret::from_file(&file).is_err(),
        "a second BOM is not stripped"
    );
    std::fs::write(&file, "\u{feff}secret\n").unwrap();
    assert!(
        Secret::from_file(&file).is_ok(),
        "one leading BOM is an editor's"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_new_exposed_prefixes_are_refused() {
    for name in [
        "UMI_APP_UNTHREAD_SECRET",
        "GRIDSOME_UNTHREAD_SECRET",
        "PREACT_APP_UNTHREAD_SECRET",
        "RENDERER_VITE_UNTHREAD_SECRET",
    ] {
        assert_eq!(
            Secret::from_env_var(name).unwrap_err().code(),
            "ERR_EXPOSED_SECRET_VARIABLE",
            "{name}"
        );
    }
}
