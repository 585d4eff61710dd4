//! Sign and verify against three references, in the same run:
//! - the floor: two SHA-256 compressions (inner and outer block, state precomputed) and hex
//!   into a stack buffer, the least work any HMAC-SHA256 of a short email can do;
//! - the naive code every snippet shows: a new HMAC key per call, then `hex::encode`;
//! - `ring`'s HMAC with its precomputed key.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use sha2::block_api::compress256;
use unthread_identity::{Secret, Signer};

const SECRET: &[u8] = b"unthread-demo-secret-4f1c2a9e";
const EMAIL: &str = "ada.lovelace@example.com";

/// The floor: precomputed inner/outer states, one compression each, hex into a stack buffer.
struct Floor {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl Floor {
    fn new(key: &[u8]) -> Self {
        let pad = |byte: u8| {
            let mut block = [byte; 64];
            block.iter_mut().zip(key).for_each(|(b, k)| *b ^= k);
            let mut state = SHA256_IV;
            compress256(&mut state, &[block]);
            state
        };
        Floor {
            inner: pad(0x36),
            outer: pad(0x5c),
        }
    }

    /// Valid for messages of at most 55 bytes (one padded block).
    fn sign(&self, message: &[u8]) -> [u8; 64] {
        let mut state = self.inner;
        compress256(&mut state, &[padded(message, 64)]);
        let mut digest = [0u8; 32];
        for (out, word) in digest.chunks_exact_mut(4).zip(state) {
            out.copy_from_slice(&word.to_be_bytes());
        }
        let mut state = self.outer;
        compress256(&mut state, &[padded(&digest, 64)]);
        let mut tag = [0u8; 32];
        for (out, word) in tag.chunks_exact_mut(4).zip(state) {
            out.copy_from_slice(&word.to_be_bytes());
        }
        let mut hex = [0u8; 64];
        hex::encode_to_slice(tag, &mut hex).unwrap();
        hex
    }
}

const SHA256_IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// One SHA-256 padded block for `message`, which follows `prefix_len` bytes already hashed.
fn padded(message: &[u8], prefix_len: usize) -> [u8; 64] {
    let mut block = [0u8; 64];
    block[..message.len()].copy_from_slice(message);
    block[message.len()] = 0x80;
    let bits = ((prefix_len + message.len()) as u64) * 8;
    block[56..].copy_from_slice(&bits.to_be_bytes());
    block
}

fn naive_sign(secret: &[u8], email: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
    mac.update(email.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn benches(c: &mut Criterion) {
    let signer = Signer::new(Secret::from_bytes(SECRET).unwrap());
    let floor = Floor::new(SECRET);
    let ring_key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, SECRET);
    let hash = String::from(signer.sign(EMAIL).unwrap());
    assert_eq!(&floor.sign(EMAIL.as_bytes())[..], hash.as_bytes());
    assert_eq!(naive_sign(SECRET, EMAIL), hash);

    let mut sign = c.benchmark_group("sign");
    sign.bench_function("floor", |b| {
        b.iter(|| floor.sign(black_box(EMAIL).as_bytes()))
    });
    sign.bench_function("unthread-identity", |b| {
        b.iter(|| signer.sign(black_box(EMAIL)))
    });
    sign.bench_function("unthread-identity sign_raw", |b| {
        b.iter(|| signer.sign_raw(black_box(EMAIL).as_bytes()))
    });
    sign.bench_function("ring", |b| {
        b.iter(|| {
            let tag = ring::hmac::sign(&ring_key, black_box(EMAIL).as_bytes());
            let mut hex = [0u8; 64];
            hex::encode_to_slice(tag.as_ref(), &mut hex).unwrap();
            hex
        })
    });
    sign.bench_function("naive new_from_slice + hex::encode", |b| {
        b.iter(|| naive_sign(black_box(SECRET), black_box(EMAIL)))
    });
    sign.finish();

    let mut verify = c.benchmark_group("verify");
    verify.bench_function("floor", |b| {
        b.iter(|| floor.sign(black_box(EMAIL).as_bytes()) == *black_box(hash.as_bytes()))
    });
    verify.bench_function("unthread-identity", |b| {
        b.iter(|| signer.verify(black_box(EMAIL), black_box(&hash)))
    });
    verify.bench_function("ring", |b| {
        b.iter(|| {
            let mut tag = [0u8; 32];
            hex::decode_to_slice(black_box(&hash), &mut tag).is_ok()
                && ring::hmac::verify(&ring_key, black_box(EMAIL).as_bytes(), &tag).is_ok()
        })
    });
    verify.finish();

    let emails: Vec<String> = (0..100).map(|i| format!("user{i}@example.com")).collect();
    let mut many = c.benchmark_group("sign_many");
    many.throughput(Throughput::Elements(emails.len() as u64));
    many.bench_function("sign_many x100", |b| {
        b.iter(|| signer.sign_many(black_box(&emails)))
    });
    many.bench_function("sign x100", |b| {
        b.iter(|| {
            black_box(&emails)
                .iter()
                .map(|e| signer.sign(e))
                .collect::<Result<Vec<_>, _>>()
        })
    });
    many.finish();

    let user = signer.user(EMAIL, Some("Ada Lovelace")).unwrap();
    c.bench_function("start_script", |b| {
        b.iter(|| signer.start_script(black_box(&user), Some("cmFuZG9t")))
    });

    // explain: the best case (verifies as given) and the worst (no known mistake: every
    // variant is tried).
    let good = signer.sign(EMAIL).unwrap().to_string();
    let other = Signer::new(Secret::new("another-secret").unwrap())
        .sign(EMAIL)
        .unwrap()
        .to_string();
    c.bench_function("explain/verified", |b| {
        b.iter(|| signer.explain(black_box(EMAIL), black_box(&good)))
    });
    c.bench_function("explain/unknown (every variant)", |b| {
        b.iter(|| signer.explain(black_box(EMAIL), black_box(&other)))
    });
}

criterion_group!(core, benches);
criterion_main!(core);
