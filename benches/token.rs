//! Token mode: minting and verification in the core, beside `jsonwebtoken` (the usual Rust JWT
//! crate, bench-only) doing the same HS256 work. Goal: mint ≤ 1 µs.
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use unthread_identity::{Secret, TokenOptions, TokenSigner, TokenUser, UnixTime};

const SECRET: &str = "bench-embed-secret-0123456789";

#[derive(Serialize, Deserialize)]
struct Claims {
    sub: String,
    email: String,
    name: String,
    iat: u64,
    nbf: u64,
    exp: u64,
    jti: String,
}

fn benches(c: &mut Criterion) {
    let signer = TokenSigner::new(Secret::new(SECRET).unwrap(), TokenOptions::default())
        .unwrap()
        .with_kid("2026-11")
        .unwrap();
    let user = TokenUser::new("ada@example.com").with_name(Some("Ada Lovelace"));
    let now = UnixTime::now();
    let jwt = signer.mint(user).unwrap().jwt;

    let mut mint = c.benchmark_group("token_mint");
    mint.bench_function("unthread-identity (random jti)", |b| {
        b.iter(|| signer.mint(black_box(user)).unwrap())
    });
    mint.bench_function("unthread-identity (fixed jti)", |b| {
        b.iter(|| {
            signer
                .mint_with(black_box(user), Some(now), Some("bench-jti"))
                .unwrap()
        })
    });
    let key = EncodingKey::from_secret(SECRET.as_bytes());
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some("2026-11".into());
    let claims = Claims {
        sub: "ada@example.com".into(),
        email: "ada@example.com".into(),
        name: "Ada Lovelace".into(),
        iat: now.as_secs(),
        nbf: now.as_secs() - 30,
        exp: now.as_secs() + 300,
        jti: "bench-jti".into(),
    };
    mint.bench_function("jsonwebtoken", |b| {
        b.iter(|| jsonwebtoken::encode(&header, black_box(&claims), &key).unwrap())
    });
    mint.finish();

    let mut verify = c.benchmark_group("token_verify");
    verify.bench_function("unthread-identity", |b| {
        b.iter(|| signer.verify(black_box(&jwt)).unwrap())
    });
    let decoding = DecodingKey::from_secret(SECRET.as_bytes());
    let validation = Validation::new(Algorithm::HS256);
    verify.bench_function("jsonwebtoken", |b| {
        b.iter(|| jsonwebtoken::decode::<Claims>(black_box(&jwt), &decoding, &validation).unwrap())
    });
    verify.finish();

    c.bench_function("token_explain/valid", |b| {
        b.iter(|| signer.explain(black_box(&jwt)))
    });
}

criterion_group!(token, benches);
criterion_main!(token);
