//! The inputs: fixed lists of the values each field is known to get wrong (hostile text, numbers,
//! IPv4 forms, control characters, extra and inherited fields), crossed for the table, and a
//! seeded generator that draws from the same lists and mutates them, for the differential run.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use sha2::Sha256;

use crate::wire::lone;

/// A case before its answer: an operation and its input.
pub struct Input {
    pub op: &'static str,
    pub input: Value,
}

fn case(op: &'static str, input: Value) -> Input {
    Input { op, input }
}

const SECRET: &str = "conformance-secret-of-32-bytes-long!";

fn secrets() -> Vec<Value> {
    let mut list: Vec<Value> = [
        SECRET,
        "demo-secret",
        "é-secret-ü",
        "secret with inner spaces",
        " leading",
        "trailing\n",
        "",
        "   ",
        "\u{00AD}soft-hyphen",
        "zero\u{200B}width",
        "\u{FEFF}bom",
        "\u{FFFD}",
        "tab\tinside",
    ]
    .iter()
    .map(|s| Value::from(*s))
    .collect();
    for unit in [0xD800, 0xDFFF] {
        list.push(format!("{}", lone(unit)).into());
        list.push(format!("key-{}-end", lone(unit)).into());
    }
    list.push(json!({ "$bytes": "00ff10" }));
    list.push(json!({ "$bytes": "" }));
    list
}

fn emails() -> Vec<String> {
    let mut list: Vec<String> = [
        "ada@example.com",
        "Ada@Example.COM",
        " ada@example.com",
        "ada@example.com\n",
        "",
        "no-at-sign",
        "a@b.c",
        "josé@example.com",
        "jose\u{301}@example.com",
        "用户@例子.广告",
        "😀@example.com",
        "a\u{0}@b.c",
        "\u{FFFD}@example.com",
        "\u{FEFF}ada@example.com",
        "ada\u{00AD}@example.com",
        "ada\u{200B}@example.com",
        "a@b\u{2028}c",
        "\"quoted\"@example.com",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    list.push(format!("a{}@example.com", lone(0xD800)));
    list.push(format!("a@example.com{}", lone(0xDC00)));
    // Around the length limits (254 for an address, 1,024 bytes read), with 1- to 4-byte
    // characters.
    for (unit, bytes) in [("a", 1), ("é", 2), ("€", 3), ("😀", 4)] {
        for total in [253, 254, 255, 1023, 1024, 1025] {
            let local = (total - "@example.com".len()) / bytes;
            list.push(format!("{}@example.com", unit.repeat(local)));
        }
    }
    list
}

fn names() -> Vec<Value> {
    vec![
        Value::Null,
        "Ada Lovelace".into(),
        "</script><script>alert(1)</script>".into(),
        "<!--".into(),
        "line\u{2028}separator".into(),
        "".into(),
        format!("Ada {}", lone(0xD800)).into(),
        "😀".into(),
        json!(42),
    ]
}

fn nonces() -> Vec<Value> {
    vec![
        Value::Null,
        "abc123".into(),
        "a+b/c==".into(),
        "a-b_c".into(),
        "".into(),
        "bad nonce".into(),
        "\"><script>".into(),
        "x".repeat(200).into(),
        "x".repeat(257).into(),
        "abc===".into(),
    ]
}

fn hosts() -> Vec<(&'static str, bool)> {
    vec![
        ("acme", false),
        ("ACME", false),
        ("acme.unthread.io", false),
        ("https://help.acme.unthread.io/", false),
        ("http://acme.unthread.io", false),
        ("acme.unthread.io.evil.com", false),
        ("evilunthread.io", false),
        ("unthread.io", false),
        ("acme\t.unthread.io", false),
        ("acme.unthread.io:8443", false),
        ("support.acme.com", false),
        ("support.acme.com", true),
        ("https://support.acme.com:8443", true),
        ("https://support.acme.com/portal", true),
        ("https://127.0.0.1", true),
        ("https://0x7f.0x1", true),
        ("https://1.2.3.0x4", true),
        ("https://0177.0.0.1", true),
        ("https://2130706433", true),
        ("https://acme.0x", true),
        ("https://support.acme.com.", true),
        ("https://localhost", true),
        ("https://sup\nport.acme.com", true),
        ("https://*.acme.com", true),
        ("https://user@support.acme.com", true),
        ("https://xn--bcher-kva.example", true),
        // ASCII case folding only: U+212A (Kelvin) is not a k.
        ("ac\u{212A}me", false),
        ("HTTPS://HELP.ACME.UNTHREAD.IO", false),
        ("HTTPS://Support.Acme.com", true),
        ("https://support.acme.com:0", true),
        ("https://support.acme.com:65535", true),
        ("https://support.acme.com:65536", true),
        ("https://support.acme.com:", true),
        ("https://a-.acme.com", true),
    ]
}

fn token_urls() -> Vec<Value> {
    vec![
        Value::Null,
        "/api/portal-token".into(),
        "/t?x=1&y=%20".into(),
        "/\t/evil.example/t".into(),
        "/\n/evil.example/t".into(),
        "/\r/evil.example/t".into(),
        "//evil.example/t".into(),
        "/\\evil.example".into(),
        "https://evil.example/t".into(),
        "relative/path".into(),
        "".into(),
        "/é".into(),
        "/a b".into(),
    ]
}

fn containers() -> Vec<Value> {
    vec![
        Value::Null,
        "#portal".into(),
        "</script><b>".into(),
        "".into(),
        " ".into(),
        "#a\nb".into(),
        "[data-x=\"y\"]".into(),
        // Whitespace and control characters by Rust's rules (JavaScript's `trim` differs).
        "\u{feff}".into(),
        "\u{a0}".into(),
        "\u{85}".into(),
        "#a\u{2028}".into(),
    ]
}

/// One case per field and operation, each valid but for one lone surrogate in that field: the
/// README's text-rule table is these cases' answers (`readme.rs`), and they open the table.
pub fn text_rule_probes() -> Vec<(&'static str, Input)> {
    let (email, bad) = (
        "ada@example.com",
        format!("ada{}@example.com", lone(0xD800)),
    );
    let hash = hashes(email, SECRET).remove(0);
    let bad_hash = format!("{}{}", &hash[..63], lone(0xDC00));
    let odd = || format!("x{}", lone(0xD800));
    let user = |field: &str, value: String| {
        let mut user = json!({ "email": email, "name": "Ada", "id": "u1" });
        user[field] = value.into();
        user
    };
    let mint =
        |user: Value| json!({ "secret": SECRET, "user": user, "issued_at": NOW, "jwt_id": "x" });
    let request = |user: Value| {
        json!({ "secret": SECRET, "method": "GET", "sec_fetch_site": "same-origin", "user": user,
                "allowed_origins": ["https://app.example.com"] })
    };
    let mut probes = vec![
        (
            "email",
            case("sign", json!({ "secret": SECRET, "email": bad })),
        ),
        (
            "email",
            case(
                "verify",
                json!({ "secret": SECRET, "email": bad, "hash": hash }),
            ),
        ),
        (
            "email",
            case(
                "explain",
                json!({ "secret": SECRET, "email": bad, "hash": hash }),
            ),
        ),
        (
            "hash",
            case(
                "verify",
                json!({ "secret": SECRET, "email": email, "hash": bad_hash }),
            ),
        ),
        (
            "hash",
            case(
                "explain",
                json!({ "secret": SECRET, "email": email, "hash": bad_hash }),
            ),
        ),
        ("secret", case("signer", json!({ "secret": odd() }))),
        (
            "secret",
            case(
                "mint",
                json!({ "secret": odd(), "user": user("email", email.into()), "issued_at": NOW }),
            ),
        ),
        (
            "container",
            case(
                "portal_boot_script",
                json!({ "base_url": "acme", "container": odd() }),
            ),
        ),
        (
            "extra claims",
            case(
                "mint",
                json!({ "secret": SECRET, "options": { "extra_claims": { "tenant": odd() } },
                                               "user": user("email", email.into()), "issued_at": NOW, "jwt_id": "x" }),
            ),
        ),
        ("nonce", case("stop_script", json!({ "nonce": odd() }))),
        (
            "nonce",
            case("portal_csp", json!({ "host": "acme", "nonce": odd() })),
        ),
        (
            "nonce",
            case(
                "portal_boot_script",
                json!({ "base_url": "acme", "nonce": odd() }),
            ),
        ),
    ];
    for (field, value) in [("email", bad.clone()), ("name", odd()), ("id", odd())] {
        let label = if field == "id" { "user id" } else { field };
        let mut signed_user = user(field, value.clone());
        if let Some(u) = signed_user.as_object_mut() {
            u.remove("id");
        }
        let signed = json!({ "secret": SECRET, "user": signed_user });
        if field != "id" {
            probes.push((label, case("user", signed.clone())));
            probes.push((label, case("start_script", signed)));
        }
        probes.push((label, case("mint", mint(user(field, value.clone())))));
        probes.push((
            label,
            case("user_endpoint", request(user(field, value.clone()))),
        ));
        probes.push((label, case("token_endpoint", request(user(field, value)))));
    }
    probes
}

/// Extra claims: text (a lone surrogate is refused, in a value or a key, at any depth),
/// numbers JavaScript and Python hold alike, nesting, and what a token must not carry.
fn extra_claims() -> Vec<Value> {
    vec![
        json!({ "tenant": "acme" }),
        json!({ "tenant": format!("t{}", lone(0xD800)) }),
        json!({ "tenant": format!("t{}", lone(0xDFFF)) }),
        json!({ "tenant": "t\u{FFFD}" }),
        json!({ "tags": ["a", format!("b{}", lone(0xDC00))] }),
        json!({ format!("k{}", lone(0xD801)): 1 }),
        json!({ "deep": { "er": { "still": lone(0xDBFF).to_string() } } }),
        json!({ "n": 1.5, "m": -0.0, "i": 9_007_199_254_740_991_i64, "b": true, "z": null }),
        json!({ "nested": { "list": [1, [2, [3]]] } }),
        json!({ "sub": "override" }),
        json!({ "exp": 1 }),
        json!([1, 2]),
        json!("tenant"),
    ]
}

/// Policies an app already sends, for the portal's sources to be merged into: each fallback
/// (`default-src`, `child-src`), `'none'`, repeated and uppercase directives, and what is
/// refused (two policies joined by `,`, a line break, non-ASCII, more than 8 KiB).
fn policies() -> Vec<Value> {
    vec![
        Value::Null,
        "default-src 'self'".into(),
        "default-src 'self'; img-src *; frame-src 'none'".into(),
        "script-src 'self' 'strict-dynamic'; object-src 'none'".into(),
        "child-src https://frames.example; default-src 'none'".into(),
        "img-src *".into(),
        "SCRIPT-SRC 'self'; script-src https://evil.example; ;;".into(),
        "script-src 'self' https://acme.unthread.io".into(),
        "default-src 'self', script-src *".into(),
        "default-src 'self'\r\nX-Injected: 1".into(),
        "default-src 'self' https://\u{e9}.example".into(),
        "".into(),
        format!("default-src {}", "a".repeat(8200)).into(),
    ]
}

/// Boot options at the length limit (2,048 UTF-8 bytes), each side of it, with 1- to 4-byte
/// characters: `(token_url, container)`.
fn long_boot_options() -> Vec<(Value, Value)> {
    let path = |n: usize| Value::from(format!("/{}", "a".repeat(n)));
    let container = |text: String| (Value::Null, Value::from(text));
    vec![
        (path(2047), Value::Null),
        (path(2048), Value::Null),
        container(format!("#{}", "x".repeat(2047))),
        container(format!("#{}", "x".repeat(2048))),
        container("\u{e9}".repeat(1024)),
        container(format!("{}x", "\u{e9}".repeat(1024))),
        container(format!("{}xy", "\u{20AC}".repeat(682))),
        container(format!("{}xyz", "\u{20AC}".repeat(682))),
        container("\u{1F600}".repeat(512)),
        container(format!("{}x", "\u{1F600}".repeat(512))),
    ]
}

fn ids() -> Vec<Value> {
    vec![
        Value::Null,
        "user-1".into(),
        "".into(),
        json!(42),
        json!(42.0),
        json!(-0.0),
        json!(-7),
        json!(1.5),
        json!(true),
        json!(9_007_199_254_740_991_u64),
        json!(9_007_199_254_740_992_u64),
        json!(9_007_199_254_740_993_u64),
        json!(18_446_744_073_709_551_615_u64),
        json!(1e21),
        json!([]),
        json!({}),
        format!("id-{}", lone(0xDBFF)).into(),
    ]
}

fn methods() -> Vec<&'static str> {
    vec![
        "GET", "POST", "get", "Post", "HEAD", "DELETE", "OPTIONS", "",
    ]
}

fn origins() -> Vec<Value> {
    vec![
        json!([]),
        json!(["https://app.example.com"]),
        json!(["https://APP.example.com:443"]),
        json!(["https://evil.example"]),
        json!(["https://app.example.com", "https://app.example.com"]),
        json!(["null"]),
        json!(["https://app.example.com\u{00FF}"]),
        json!(["http://app.example.com"]),
    ]
}

fn sites() -> Vec<Value> {
    vec![
        json!([]),
        json!(["same-origin"]),
        json!(["SAME-ORIGIN"]),
        json!(["none"]),
        json!(["same-site"]),
        json!(["cross-site"]),
        json!(["same-origin", "same-origin"]),
    ]
}

/// Session users as apps hold them: extra fields, inherited ones, numbers, missing email.
fn session_users() -> Vec<Value> {
    let mut list = vec![
        Value::Null,
        json!({ "email": "ada@example.com" }),
        json!({ "email": "ada@example.com", "name": "Ada", "role": "admin", "created": 17 }),
        json!({ "email": "ada@example.com", "$inherited": { "id": "prototype-id", "name": "Eve" } }),
        json!({ "email": "not an email" }),
        json!({ "email": 42 }),
        json!({ "name": "No Email" }),
        json!({ "email": "ada@example.com", "name": 7 }),
        json!({ "email": format!("a{}@example.com", lone(0xD800)) }),
        json!({ "email": "ada@example.com", "name": format!("Ada {}", lone(0xDFFF)) }),
    ];
    for id in ids() {
        list.push(json!({ "email": "ada@example.com", "id": id }));
    }
    list
}

/// An HS256 token with any header and payload, signed with `secret`.
fn jws(secret: &[u8], header: &Value, payload: &Value) -> String {
    let part = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
    let signing_input = format!("{}.{}", part(header), part(payload));
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("any key length");
    mac.update(signing_input.as_bytes());
    let tag = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{tag}")
}

const NOW: u64 = 1_800_000_000;

/// Tokens a verifier must judge: well-formed, tampered, and crafted claims.
fn jwts() -> Vec<String> {
    let hs = json!({ "alg": "HS256", "typ": "JWT" });
    let key = SECRET.as_bytes();
    let claims = |iat: u64, exp: u64| json!({ "sub": "ada@example.com", "email": "ada@example.com", "iat": iat, "exp": exp, "jti": "t-1" });
    let good = jws(key, &hs, &claims(NOW, NOW + 300));
    let mut list = vec![
        good.clone(),
        format!("{}x", good),
        good.replacen('.', "..", 1),
        String::new(),
        "not.a.jwt".into(),
        jws(b"another-secret", &hs, &claims(NOW, NOW + 300)),
        jws(key, &json!({ "alg": "none" }), &claims(NOW, NOW + 300)),
        jws(key, &json!({ "alg": "HS512" }), &claims(NOW, NOW + 300)),
        jws(
            key,
            &json!({ "alg": "HS256", "kid": "unknown" }),
            &claims(NOW, NOW + 300),
        ),
        jws(
            key,
            &json!({ "alg": "HS256", "crit": ["x"] }),
            &claims(NOW, NOW + 300),
        ),
        // iat after exp, both inside the leeway: a token cannot expire before it was issued.
        jws(key, &hs, &claims(NOW + 20, NOW + 10)),
        jws(key, &hs, &claims(NOW - 600, NOW - 300)),
        jws(key, &hs, &claims(NOW + 600, NOW + 900)),
        jws(key, &hs, &claims(NOW, (NOW + 300) * 1000)),
        jws(key, &hs, &claims(NOW, NOW + 7200)),
    ];
    for (name, value) in [
        ("jti", json!(7)),
        ("jti", json!(null)),
        ("iat", json!("1800000000")),
        ("exp", json!(1.8e9 + 300.5)),
        ("exp", json!(-1)),
        ("sub", json!(5)),
        ("email", json!(null)),
        ("aud", json!("someone")),
        ("nbf", json!(NOW + 100)),
        ("iss", json!("me")),
    ] {
        let mut payload = claims(NOW, NOW + 300);
        payload[name] = value;
        list.push(jws(key, &hs, &payload));
    }
    let mut missing = claims(NOW, NOW + 300);
    missing.as_object_mut().expect("object").remove("sub");
    list.push(jws(key, &hs, &missing));
    list
}

fn token_options() -> Vec<Value> {
    vec![
        Value::Null,
        json!({ "kid": "k1", "ttl_seconds": 120 }),
        json!({ "audience": "unthread-portal", "issuer": "app" }),
        json!({ "ttl_seconds": 300000 }),
        json!({ "ttl_seconds": -1 }),
        json!({ "ttl_seconds": 1.5 }),
        json!({ "ttl_seconds": 120.0 }),
        json!({ "email_policy": "canonical" }),
        json!({ "email_policy": "loose" }),
        json!({ "claim_names": { "subject": "uid", "email": "mail" } }),
        json!({ "secret_encoding": "hex" }),
        json!({ "kid": "" }),
    ]
}

fn signer_options() -> Vec<Value> {
    vec![
        Value::Null,
        json!({ "email_policy": "exact" }),
        json!({ "email_policy": "canonical" }),
        json!({ "email_policy": "CANONICAL" }),
        json!({ "email_policy": 5 }),
        json!({ "previous_secrets": ["old-secret"] }),
        json!({ "previous_secrets": [""] }),
        json!({ "previous_secrets": "old-secret" }),
    ]
}

/// A hash for `email`: right (computed by the caller's HMAC), and its usual wrong forms.
fn hashes(email: &str, secret: &str) -> Vec<String> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).expect("key");
    mac.update(email.as_bytes());
    let tag = mac.finalize().into_bytes();
    let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
    vec![
        hex.clone(),
        hex.to_uppercase(),
        base64::engine::general_purpose::STANDARD.encode(tag),
        URL_SAFE_NO_PAD.encode(tag),
        format!("sha256={hex}"),
        format!("\"{hex}\""),
        hex[..63].to_owned(),
        "g".repeat(64),
        String::new(),
        "\u{FFFD}".into(),
        format!("{}", lone(0xD800)),
        format!("{}{}", &hex[..63], lone(0xDC00)),
    ]
}

/// The table: every list crossed with the others where it matters, in a fixed order.
pub fn table() -> Vec<Input> {
    let mut out: Vec<Input> = text_rule_probes()
        .into_iter()
        .map(|(_, input)| input)
        .collect();
    for secret in secrets() {
        for options in signer_options() {
            out.push(case(
                "signer",
                json!({ "secret": secret, "options": options }),
            ));
        }
    }
    for email in emails() {
        for policy in [Value::Null, json!({ "email_policy": "canonical" })] {
            out.push(case(
                "sign",
                json!({ "secret": SECRET, "options": policy, "email": email }),
            ));
        }
        for hash in hashes(email.trim(), SECRET) {
            let input = json!({ "secret": SECRET, "email": email, "hash": hash });
            out.push(case("verify", input.clone()));
            out.push(case("explain", input));
        }
    }
    for secret in secrets() {
        out.push(case(
            "sign",
            json!({ "secret": secret, "email": "ada@example.com" }),
        ));
    }
    for name in names() {
        for nonce in nonces() {
            let user = json!({ "email": "ada@example.com", "name": name });
            out.push(case(
                "start_script",
                json!({ "secret": SECRET, "user": user, "nonce": nonce }),
            ));
        }
        out.push(case(
            "user",
            json!({ "secret": SECRET, "user": { "email": "ada@example.com", "name": name } }),
        ));
    }
    for user in [
        json!({ "email": "ada@example.com", "nme": "typo" }),
        json!({ "email": "ada@example.com", "emailHash": "0".repeat(64) }),
        json!({ "email": format!("a{}@b.c", lone(0xD800)) }),
        json!({ "name": "no email" }),
    ] {
        out.push(case("user", json!({ "secret": SECRET, "user": user })));
    }
    for nonce in nonces() {
        out.push(case("stop_script", json!({ "nonce": nonce })));
        for (host, custom) in hosts() {
            out.push(case(
                "portal_csp",
                json!({ "host": host, "custom_domain": custom, "nonce": nonce }),
            ));
        }
    }
    for policy in policies() {
        for (hosts, development) in [
            (json!("help.acme.unthread.io"), Value::Null),
            (json!(["acme", "help.acme.unthread.io"]), json!(true)),
            (json!(["acme", "acme.unthread.io"]), json!(false)),
        ] {
            out.push(case(
                "portal_csp",
                json!({ "host": hosts, "nonce": "abc", "development": development, "policy": policy }),
            ));
        }
    }
    for (host, extra) in [
        (json!([]), json!({})),
        (json!(["acme", "evil.com"]), json!({})),
        (json!(["acme", 5]), json!({})),
        (json!(5), json!({})),
        (json!("acme"), json!({ "development": "yes" })),
        (json!("acme"), json!({ "policy": 5 })),
        (
            json!(["https://support.acme.com", "https://help.acme.com:8443"]),
            json!({ "custom_domain": true }),
        ),
    ] {
        let mut input = extra.as_object().cloned().unwrap_or_default();
        input.insert("host".to_owned(), host);
        out.push(case("portal_csp", Value::Object(input)));
    }
    for (host, custom) in hosts() {
        for custom in [custom, !custom] {
            out.push(case(
                "portal_boot_script",
                json!({ "base_url": host, "custom_domain": custom }),
            ));
        }
    }
    for token_url in token_urls() {
        for container in containers() {
            for nonce in [Value::Null, "abc".into(), "bad nonce".into()] {
                out.push(case(
                    "portal_boot_script",
                    json!({ "base_url": "help.acme.unthread.io", "token_url": token_url,
                            "container": container, "nonce": nonce }),
                ));
            }
        }
    }
    for claims in extra_claims() {
        out.push(case(
            "mint",
            json!({ "secret": SECRET, "options": { "extra_claims": claims },
                    "user": { "email": "ada@example.com", "id": "u1" }, "issued_at": NOW, "jwt_id": "x" }),
        ));
    }
    for (token_url, container) in long_boot_options() {
        out.push(case(
            "portal_boot_script",
            json!({ "base_url": "acme", "token_url": token_url, "container": container }),
        ));
    }
    for options in token_options() {
        for user in session_users().into_iter().filter(|u| !u.is_null()) {
            let mut user = user;
            if let Some(object) = user.as_object_mut() {
                object.remove("role");
                object.remove("created");
                object.remove("$inherited");
            }
            out.push(case(
                "mint",
                json!({ "secret": SECRET, "options": options, "user": user, "issued_at": NOW, "jwt_id": "fixed-id" }),
            ));
        }
        for jwt in jwts() {
            for now in [NOW, NOW + 299, NOW + 400] {
                let input = json!({ "secret": SECRET, "options": options, "jwt": jwt, "now": now });
                out.push(case("verify_token", input.clone()));
                out.push(case("explain_token", input));
            }
        }
    }
    for method in methods() {
        for origin in origins() {
            for site in sites() {
                let request = json!({ "secret": SECRET, "method": method, "origin": origin,
                                      "sec_fetch_site": site, "user": { "email": "ada@example.com" },
                                      "allowed_origins": ["https://app.example.com"] });
                out.push(case("user_endpoint", request.clone()));
                out.push(case("token_endpoint", request));
            }
        }
    }
    for user in session_users() {
        let request = json!({ "secret": SECRET, "method": "GET", "user": user,
                              "allowed_origins": ["https://app.example.com"] });
        out.push(case("user_endpoint", request.clone()));
        out.push(case("token_endpoint", request));
    }
    out
}

/// Text drawn from an alphabet of the characters that break things: 1- to 4-byte characters,
/// controls, invisible ones, lone surrogates, quotes and markup.
fn random_text(rng: &mut ChaCha8Rng, max: usize) -> String {
    const ALPHABET: [&str; 24] = [
        "a", "Z", "0", "@", ".", "-", "+", " ", "\t", "\n", "é", "€", "😀", "\u{00AD}", "\u{200B}",
        "\u{FEFF}", "\u{FFFD}", "<", "/", "\"", "\\", "\u{0}", "\u{2028}", "x",
    ];
    let len = rng.random_range(0..=max);
    (0..len)
        .map(|_| {
            if rng.random_ratio(1, 40) {
                // Followed by a letter, so that two draws never make a valid pair.
                format!("{}x", lone(rng.random_range(0xD800..=0xDFFF)))
            } else {
                ALPHABET[rng.random_range(0..ALPHABET.len())].to_owned()
            }
        })
        .collect()
}

fn pick<T: Clone>(rng: &mut ChaCha8Rng, list: &[T]) -> T {
    list[rng.random_range(0..list.len())].clone()
}

/// Text from a list, or random, or a list's entry with random text spliced in.
fn mutate(rng: &mut ChaCha8Rng, list: &[String]) -> String {
    match rng.random_range(0..4) {
        0 => random_text(rng, 40),
        1 => format!("{}{}", pick(rng, list), random_text(rng, 3)),
        2 => format!("{}{}", random_text(rng, 3), pick(rng, list)),
        _ => pick(rng, list),
    }
}

/// `count` inputs drawn from `seed`.
pub fn random(seed: u64, count: usize) -> Vec<Input> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let emails = emails();
    let host_texts: Vec<String> = hosts().into_iter().map(|(h, _)| h.to_owned()).collect();
    let urls: Vec<String> = ["/api/portal-token", "/t", "//x", "/\\x"]
        .map(String::from)
        .to_vec();
    let secrets: Vec<String> = ["s3cret", SECRET, "é"].map(String::from).to_vec();
    (0..count)
        .map(|_| match rng.random_range(0..8) {
            0 => case("sign", json!({ "secret": SECRET, "email": mutate(&mut rng, &emails) })),
            1 => {
                let email = mutate(&mut rng, &emails);
                let hash = pick(&mut rng, &hashes(&email, SECRET));
                let op = if rng.random_bool(0.5) { "verify" } else { "explain" };
                case(op, json!({ "secret": SECRET, "email": email, "hash": hash }))
            }
            2 => case("signer", json!({ "secret": mutate(&mut rng, &secrets) })),
            3 => {
                let (name, nonce) = (random_text(&mut rng, 12), pick(&mut rng, &nonces()));
                let user = json!({ "email": mutate(&mut rng, &emails), "name": name });
                case("start_script", json!({ "secret": SECRET, "user": user, "nonce": nonce }))
            }
            4 => case(
                "portal_csp",
                json!({ "host": mutate(&mut rng, &host_texts), "custom_domain": rng.random_bool(0.5) }),
            ),
            5 => case(
                "portal_boot_script",
                json!({ "base_url": mutate(&mut rng, &host_texts), "custom_domain": rng.random_bool(0.5),
                        "token_url": mutate(&mut rng, &urls), "container": random_text(&mut rng, 8) }),
            ),
            6 => {
                let user = json!({ "email": mutate(&mut rng, &emails), "name": random_text(&mut rng, 8),
                                   "id": pick(&mut rng, &ids()) });
                case("mint", json!({ "secret": SECRET, "user": user, "issued_at": NOW, "jwt_id": "r" }))
            }
            _ => {
                let op = if rng.random_bool(0.5) { "user_endpoint" } else { "token_endpoint" };
                let user = pick(&mut rng, &session_users());
                case(op, json!({ "secret": SECRET, "method": pick(&mut rng, &methods()),
                                 "origin": pick(&mut rng, &origins()), "sec_fetch_site": pick(&mut rng, &sites()),
                                 "user": user, "allowed_origins": ["https://app.example.com"] }))
            }
        })
        .collect()
}
