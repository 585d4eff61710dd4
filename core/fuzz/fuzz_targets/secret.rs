//! Secret loading from bytes and text: no panic; accepted secrets sign, and their Debug and
//! Display hold nothing of them.
#![no_main]
use libfuzzer_sys::fuzz_target;
use unthread_identity::{Secret, Signer};

fuzz_target!(|data: &[u8]| {
    let from_bytes = Secret::from_bytes(data.to_vec());
    assert_eq!(from_bytes.is_ok(), !data.is_empty());
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(secret) = Secret::new(text) {
            assert_eq!(text.trim(), text);
            // Nothing of the secret: the same fixed text for every secret.
            assert_eq!(format!("{secret:?} {secret}"), "Secret([redacted]) [redacted secret]");
            let signer = Signer::new(secret);
            assert_eq!(signer.sign("a@b").unwrap().as_str().len(), 64);
        }
    }
});
