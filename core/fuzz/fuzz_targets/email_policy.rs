//! Both email policies on any text: no panic; an accepted email is valid for the policy it
//! came from, the canonical form is a fixed point, and sign agrees with the policy.
#![no_main]
use libfuzzer_sys::fuzz_target;
use unthread_identity::{EmailPolicy, MAX_EMAIL_LEN, Secret, Signer};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let signer = Signer::new(Secret::new("fuzz-secret").unwrap());
    for policy in [EmailPolicy::Exact, EmailPolicy::Canonical] {
        let signer = signer.clone().with_email_policy(policy);
        match policy.apply(text) {
            Ok(email) => {
                assert!(!email.is_empty() && email.len() <= MAX_EMAIL_LEN && email.contains('@'));
                assert!(EmailPolicy::Exact.apply(&email).is_ok(), "an accepted email is valid as is");
                let hash = signer.sign(text).unwrap();
                assert!(signer.verify(text, hash.as_str()));
                assert_eq!(signer.user(text, None).unwrap().email(), email.as_ref());
            }
            Err(_) => {
                assert!(signer.sign(text).is_err());
                assert!(!signer.verify(text, &"0".repeat(64)));
            }
        }
    }
});
