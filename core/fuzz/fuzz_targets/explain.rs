//! explain on any email and hash: no panic, and it says "verified" exactly when verify does.
#![no_main]
use libfuzzer_sys::fuzz_target;
use unthread_identity::{Secret, Signer};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (email, hash) = text.split_once('\n').unwrap_or(("ada@example.com", text));
    let signer = Signer::new(Secret::new("fuzz-secret").unwrap())
        .with_previous([Secret::new("fuzz-old").unwrap()]);
    let diagnosis = signer.explain(email, hash);
    assert_eq!(diagnosis.valid, signer.verify(email, hash));
    assert!(!diagnosis.message.contains("fuzz-secret"));
});
