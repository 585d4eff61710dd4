//! Token mode: the PyJWT-made vectors of `testdata/token_vectors.json`, the refusals, the
//! leeway edges and rotation.

use std::time::Duration;

use serde_json::{Map, Value};
use unthread_identity::{
    ClaimNames, EmailPolicy, Error, ErrorKind, Secret, SecretEncoding, TokenError, TokenOptions,
    TokenSigner, TokenUser, UnixTime,
};

fn vectors() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/token_vectors.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn options(v: &Value) -> TokenOptions {
    let mut options = TokenOptions::default();
    let o = v.as_object().unwrap();
    if let Some(ttl) = o.get("ttl") {
        options.ttl = Duration::from_secs(ttl.as_u64().unwrap());
    }
    if let Some(skew) = o.get("clock_skew") {
        options.clock_skew = Duration::from_secs(skew.as_u64().unwrap());
    }
    options.audience = o.get("audience").map(|a| a.as_str().unwrap().to_owned());
    options.issuer = o.get("issuer").map(|a| a.as_str().unwrap().to_owned());
    if let Some(names) = o.get("claim_names") {
        let name = |k: &str| names[k].as_str().unwrap().to_owned();
        options.claim_names = ClaimNames {
            subject: name("subject"),
            email: name("email"),
            name: name("name"),
            jwt_id: name("jwt_id"),
        };
    }
    if let Some(extra) = o.get("extra_claims") {
        options.extra_claims = extra.as_object().unwrap().clone();
    }
    if let Some(policy) = o.get("email_policy") {
        options.email_policy = policy.as_str().unwrap().parse().unwrap();
    }
    options
}

fn signer(v: &Value) -> TokenSigner {
    let encoding: SecretEncoding = v["secret_encoding"]
        .as_str()
        .unwrap_or("text")
        .parse()
        .unwrap();
    let secret = Secret::new(v["secret"].as_str().unwrap())
        .unwrap()
        .decode(encoding)
        .unwrap();
    let mut signer = TokenSigner::new(secret, options(&v["options"])).unwrap();
    if let Some(kid) = v["kid"].as_str() {
        signer = signer.with_kid(kid).unwrap();
    }
    for previous in v["previous"].as_array().into_iter().flatten() {
        let secret = Secret::new(previous["secret"].as_str().unwrap()).unwrap();
        signer = signer
            .with_previous_key(secret, previous["kid"].as_str())
            .unwrap();
    }
    signer
}

fn at(seconds: u64) -> UnixTime {
    UnixTime::from_secs(seconds).unwrap()
}

#[test]
fn mints_the_pyjwt_vectors_byte_for_byte() {
    let vectors = vectors();
    for v in vectors["mint"].as_array().unwrap() {
        let user = &v["user"];
        let minted = signer(v)
            .mint_with(
                TokenUser::new(user["email"].as_str().unwrap())
                    .with_name(user["name"].as_str())
                    .with_id(user["id"].as_str()),
                Some(at(v["issued_at"].as_u64().unwrap())),
                Some(v["jwt_id"].as_str().unwrap()),
            )
            .unwrap();
        assert_eq!(minted.jwt, v["jwt"].as_str().unwrap(), "{}", v["name"]);
        assert_eq!(
            minted.expires_at.as_secs(),
            v["expires_at"].as_u64().unwrap()
        );
    }
}

#[test]
fn verifies_and_explains_the_pyjwt_vectors() {
    let vectors = vectors();
    for v in vectors["verify"].as_array().unwrap() {
        let signer = signer(v);
        let now = at(v["now"].as_u64().unwrap());
        let jwt = v["jwt"].as_str().unwrap();
        let code = match signer.verify_at(jwt, now) {
            Ok(_) => "VALID",
            Err(error) => error.code(),
        };
        assert_eq!(code, v["code"].as_str().unwrap(), "{}", v["name"]);
        let diagnosis = signer.explain_at(jwt, now);
        assert_eq!(
            diagnosis.code.as_str(),
            v["diagnosis"].as_str().unwrap(),
            "{}: {}",
            v["name"],
            diagnosis.message
        );
        assert_eq!(diagnosis.valid, code == "VALID", "{}", v["name"]);
    }
}

fn plain() -> TokenSigner {
    TokenSigner::new(
        Secret::new("embed-secret").unwrap(),
        TokenOptions::default(),
    )
    .unwrap()
}

#[test]
fn a_fresh_token_verifies_with_its_claims() {
    let signer = plain();
    let minted = signer
        .mint(TokenUser::new("ada@example.com").with_name(Some("Ada")))
        .unwrap();
    let verified = signer.verify(&minted.jwt).unwrap();
    let claims = &verified.claims;
    assert_eq!(claims["sub"], "ada@example.com");
    assert_eq!(claims["name"], "Ada");
    let iat = claims["iat"].as_u64().unwrap();
    assert_eq!(claims["nbf"].as_u64().unwrap(), iat - 30);
    assert_eq!(claims["exp"].as_u64().unwrap(), iat + 300);
    assert_eq!(verified.expires_at, minted.expires_at);
    // 16 random bytes: two tokens never share a jti.
    let other = signer.mint(TokenUser::new("ada@example.com")).unwrap();
    let jti = |jwt: &str| signer.verify(jwt).unwrap().claims["jti"].clone();
    assert_eq!(jti(&minted.jwt).as_str().unwrap().len(), 22);
    assert_ne!(jti(&minted.jwt), jti(&other.jwt));
}

#[test]
fn refuses_unit_mistakes_and_bad_options_at_mint_time() {
    let secret = || Secret::new("embed-secret").unwrap();
    let with = |options: TokenOptions| TokenSigner::new(secret(), options).map(|_| ());
    let ttl = |seconds| TokenOptions {
        ttl: Duration::from_secs(seconds),
        ..TokenOptions::default()
    };
    // A TTL in milliseconds (5 minutes) is 83 hours of seconds.
    let error = with(ttl(300_000)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidOption);
    assert!(error.to_string().contains("milliseconds"), "{error}");
    assert!(with(ttl(3600)).is_ok());
    assert!(with(ttl(3601)).is_err());
    assert!(with(ttl(0)).is_err());
    assert!(
        with(TokenOptions {
            ttl: Duration::from_millis(1500),
            ..TokenOptions::default()
        })
        .is_err()
    );
    // A timestamp in milliseconds.
    assert!(UnixTime::from_secs(1_800_000_000_000).is_err());
    // A claim name taken twice, a fixed one, an extra claim over a set one.
    let names = ClaimNames {
        email: "sub".into(),
        ..ClaimNames::default()
    };
    assert!(
        with(TokenOptions {
            claim_names: names,
            ..TokenOptions::default()
        })
        .is_err()
    );
    let mut extra = Map::new();
    extra.insert("exp".into(), Value::from(1));
    assert!(
        with(TokenOptions {
            extra_claims: extra,
            ..TokenOptions::default()
        })
        .is_err()
    );
    // An email the policy refuses, and a token too long for any verifier.
    let signer = plain();
    let error = signer.mint(TokenUser::new("not an email")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidEmail);
    let long = "x".repeat(7000);
    let error = signer
        .mint(TokenUser::new("a@b.c").with_name(Some(&long)))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidOption);
    // Two keys with one kid.
    let error = plain()
        .with_kid("k")
        .unwrap()
        .with_previous_key(secret(), Some("k"))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidOption);
}

#[test]
fn leeway_edges_around_exp_and_nbf() {
    let signer = plain();
    let minted = signer
        .mint_with(TokenUser::new("a@b.c"), Some(at(1_800_000_000)), Some("id"))
        .unwrap();
    let exp = minted.expires_at.as_secs();
    let check = |now| signer.verify_at(&minted.jwt, at(now)).map(|_| ());
    assert!(check(exp + 29).is_ok());
    assert!(matches!(
        check(exp + 30),
        Err(Error::Token(TokenError::Expired { .. }))
    ));
    // A server clock up to the skew (30 s) ahead of the verifier's is accepted, no more.
    assert!(check(1_800_000_000 - 30).is_ok());
    assert!(matches!(
        check(1_800_000_000 - 31),
        Err(Error::Token(TokenError::IssuedInFuture { .. }))
    ));
}

#[test]
fn rotation_verifies_old_tokens_and_mints_with_the_new_key() {
    let old = TokenSigner::new(Secret::new("old-secret").unwrap(), TokenOptions::default())
        .unwrap()
        .with_kid("old")
        .unwrap();
    let rotated = TokenSigner::new(Secret::new("new-secret").unwrap(), TokenOptions::default())
        .unwrap()
        .with_kid("new")
        .unwrap()
        .with_previous_key(Secret::new("old-secret").unwrap(), Some("old"))
        .unwrap();
    let before = old.mint(TokenUser::new("a@b.c")).unwrap();
    let verified = rotated.verify(&before.jwt).unwrap();
    assert_eq!(verified.kid.as_deref(), Some("old"));
    assert_eq!(verified.fingerprint, *old.fingerprint());
    let after = rotated.mint(TokenUser::new("a@b.c")).unwrap();
    assert!(matches!(
        old.verify(&after.jwt),
        Err(Error::Token(TokenError::UnknownKid { .. }))
    ));
}

#[test]
fn nothing_shows_the_secret() {
    let canary = "canary-embed-secret-8c1f";
    let signer = TokenSigner::new(Secret::new(canary).unwrap(), TokenOptions::default())
        .unwrap()
        .with_kid("k1")
        .unwrap();
    let minted = signer.mint(TokenUser::new("a@b.c")).unwrap();
    let bad = TokenSigner::new(Secret::new("other").unwrap(), TokenOptions::default())
        .unwrap()
        .mint(TokenUser::new("a@b.c"))
        .unwrap();
    let mut outputs = vec![
        format!("{signer:?}"),
        format!("{minted:?}"),
        format!("{:?}", signer.verify(&minted.jwt)),
    ];
    for jwt in [&bad.jwt, "x.y.z", &minted.jwt] {
        let d = signer.explain(jwt);
        outputs.push(format!("{d:?} {}", d.message));
        outputs.push(format!("{:?}", signer.verify(jwt)));
    }
    let encodings = [
        canary.to_owned(),
        hex::encode(canary),
        canary.to_uppercase(),
    ];
    for output in &outputs {
        assert!(!output.contains(&minted.jwt), "{output}");
        for e in &encodings {
            assert!(!output.contains(e.as_str()), "{output}");
        }
    }
    assert!(!format!("{minted:?}").contains("eyJ"));
}

#[test]
fn the_doctor_reports_a_measured_length_without_the_text() {
    use unthread_identity::bindings::TokenText;
    let signer = plain();
    let now = unthread_identity::UnixTime::now();
    let d = signer.explain_text(&TokenText::TooLong(1 << 20), now);
    assert_eq!(d.code.as_str(), "TOO_LONG");
    assert!(d.message.contains("1048576 bytes"), "{}", d.message);
    assert_eq!(
        signer.explain(&"x".repeat(1 << 20)).message,
        d.message,
        "the same answer as for the text itself"
    );
}

#[test]
fn canonical_policy_puts_the_canonical_email_in_the_token() {
    let signer = TokenSigner::new(
        Secret::new("embed-secret").unwrap(),
        TokenOptions {
            email_policy: EmailPolicy::Canonical,
            ..TokenOptions::default()
        },
    )
    .unwrap();
    let minted = signer.mint(TokenUser::new(" Ada@Example.com")).unwrap();
    assert_eq!(
        signer.verify(&minted.jwt).unwrap().claims["email"],
        "ada@example.com"
    );
}
