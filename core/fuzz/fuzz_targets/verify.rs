//! verify and matching_key with arbitrary hashes: no panic, they agree, and only the right
//! hash (in either case) verifies.
#![no_main]
use libfuzzer_sys::fuzz_target;
use unthread_identity::{Secret, Signer};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (email, hash) = text.split_once('\n').unwrap_or(("ada@example.com", text));
    let signer = Signer::new(Secret::new("fuzz-secret").unwrap())
        .with_previous([Secret::new("fuzz-old").unwrap()]);
    let verified = signer.verify(email, hash);
    assert_eq!(verified, signer.matching_key(email, hash).is_some());
    if verified {
        let right = signer.sign(email).unwrap();
        let old = Signer::new(Secret::new("fuzz-old").unwrap()).sign(email).unwrap();
        let lower = hash.to_ascii_lowercase();
        assert!(lower == right.as_str() || lower == old.as_str());
    }
});
