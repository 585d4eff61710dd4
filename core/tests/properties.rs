//! Properties that hold for any email, hash and name.

use proptest::prelude::*;
use serde_json::Value;
use unthread_identity::{EmailPolicy, EmailProblem, Error, MAX_EMAIL_LEN, Secret, Signer};

fn signer() -> Signer {
    Signer::new(Secret::new("property-secret").unwrap())
}

/// Emails the exact policy accepts: no control characters, no surrounding whitespace, an `@`.
fn email() -> impl Strategy<Value = String> {
    (
        "[^\\p{Cc}\\s]{1,40}",
        "[^\\p{Cc}]{0,20}",
        "[^\\p{Cc}\\s]{1,40}",
    )
        .prop_map(|(local, middle, domain)| format!("{local}{middle}@{domain}"))
        .prop_filter("within the length limit", |e| {
            e.len() <= unthread_identity::MAX_EMAIL_LEN
        })
}

fn change_one_char(s: &str, index: prop::sample::Index, replacement: char) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let i = index.index(chars.len());
    if chars[i] == replacement {
        return None;
    }
    let mut changed = chars;
    changed[i] = replacement;
    Some(changed.into_iter().collect())
}

proptest! {
    #[test]
    fn hmac_equals_the_hmac_crate(
        key in prop::collection::vec(any::<u8>(), 1..300),
        message in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        use hmac::{Hmac, KeyInit, Mac};
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
        mac.update(&message);
        let expected = hex::encode(mac.finalize().into_bytes());
        let signer = Signer::new(Secret::from_bytes(key).unwrap());
        let hash = signer.sign_raw(&message);
        prop_assert_eq!(hash.as_str(), expected);
    }

    #[test]
    fn verify_accepts_its_own_signature(email in email()) {
        let s = signer();
        let hash = s.sign(&email).unwrap();
        let hash = hash.as_str();
        prop_assert_eq!(hash.len(), 64);
        prop_assert!(hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        prop_assert!(s.verify(&email, hash));
        prop_assert!(s.verify(&email, &hash.to_uppercase()));
    }

    #[test]
    fn any_one_character_change_to_the_hash_fails(
        email in email(), index in any::<prop::sample::Index>(), c in any::<char>()
    ) {
        let s = signer();
        let hash = s.sign(&email).unwrap().to_string();
        if let Some(changed) = change_one_char(&hash, index, c) {
            // Changing a digit's case is the only edit that keeps the same tag.
            prop_assume!(!changed.eq_ignore_ascii_case(&hash));
            prop_assert!(!s.verify(&email, &changed));
        }
    }

    #[test]
    fn any_one_character_change_to_the_email_fails(
        email in email(), index in any::<prop::sample::Index>(), c in any::<char>()
    ) {
        let s = signer();
        let hash = s.sign(&email).unwrap().to_string();
        if let Some(changed) = change_one_char(&email, index, c) {
            prop_assert!(!s.verify(&changed, &hash));
        }
    }

    #[test]
    fn canonical_signs_what_it_sends(email in email(), pad in "[ \t]{0,3}") {
        let s = signer().with_email_policy(EmailPolicy::Canonical);
        let padded = format!("{pad}{email}{pad}");
        match s.user(&padded, None) {
            Ok(user) => {
                let hash = signer().sign(user.email()).unwrap();
                prop_assert_eq!(user.email_hash(), hash.as_str());
                prop_assert!(s.verify(&padded, user.email_hash()));
            }
            // Lowercasing can lengthen an address (`İ` is 2 bytes, `i̇` 3) past the limit;
            // that is the only way a valid exact email can fail the canonical policy.
            Err(Error::InvalidEmail { problem: EmailProblem::TooLong { limit, .. }, .. }) => {
                prop_assert_eq!(limit, MAX_EMAIL_LEN);
                prop_assert!(email.to_lowercase().len() > MAX_EMAIL_LEN);
            }
            Err(other) => prop_assert!(false, "canonical refused {:?}: {}", padded, other),
        }
    }

    #[test]
    fn rendered_scripts_parse_back_and_cannot_break_out(
        email in email(), name in proptest::option::of(any::<String>())
    ) {
        let s = signer();
        let user = s.user(&email, name.as_deref()).unwrap();
        let html = s.start_script(&user, None).unwrap();
        let body = html
            .strip_prefix("<script>")
            .and_then(|rest| rest.strip_suffix(");</script>"))
            .expect("the element's shape");
        // Nothing in the element can end it or open a comment: no `<` and no `&` at all.
        prop_assert!(!body.contains('<') && !body.contains('&'));
        let separators = ['\u{2028}', '\u{2029}'];
        prop_assert!(!body.contains(separators), "raw line separator");
        let (_, args) = body.split_once("})([").expect("the call's arguments");
        let parsed: Value = serde_json::from_str(&format!("[{args}")).unwrap();
        prop_assert_eq!(&parsed[0], "start");
        let expected: Value = serde_json::from_str(&user.to_json()).unwrap();
        prop_assert_eq!(&parsed[1]["user"], &expected);
        prop_assert_eq!(parsed[1]["user"]["name"].as_str(), name.as_deref());
    }
}

/// The HMAC (RustCrypto's `HmacCore`, its states precomputed) at every length around SHA-256's
/// block and padding edges (55/56, 63/64/65, 119/120, 128 bytes) and the key's block edge
/// (64 bytes, hashed above it), with messages of 1- to 4-byte characters: the same tag as a
/// fresh `Hmac<Sha256>`.
#[test]
fn hmac_at_every_length_around_the_block_edges() {
    use hmac::{Hmac, KeyInit, Mac};
    for key_len in [1, 32, 63, 64, 65, 128] {
        let key: Vec<u8> = (0..key_len).map(|i| (i * 7 + 1) as u8).collect();
        let signer = Signer::new(Secret::from_bytes(key.clone()).unwrap());
        for unit in ["a", "é", "€", "😀"] {
            for len in 0..=200usize {
                // `len` bytes: whole characters, then ASCII to the exact length.
                let mut message = unit.repeat(len / unit.len());
                message.push_str(&"x".repeat(len - message.len()));
                assert_eq!(message.len(), len);
                let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
                mac.update(message.as_bytes());
                let expected = hex::encode(mac.finalize().into_bytes());
                assert_eq!(
                    signer.sign_raw(message.as_bytes()).as_str(),
                    expected,
                    "key {key_len}, {unit} x {len}"
                );
            }
        }
    }
}
