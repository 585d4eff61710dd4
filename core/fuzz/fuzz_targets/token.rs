//! Token verification and the token doctor on arbitrary text: no panic; the doctor calls a
//! token valid exactly when verify accepts it; an accepted token was minted by a configured
//! key (its signature is the one the key makes); and a minted token always verifies.
#![no_main]
use libfuzzer_sys::fuzz_target;
use unthread_identity::{Secret, TokenOptions, TokenSigner, TokenUser, UnixTime};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let signer = TokenSigner::new(Secret::new("fuzz-embed").unwrap(), TokenOptions::default())
        .unwrap()
        .with_kid("new")
        .unwrap()
        .with_previous_key(Secret::new("fuzz-old").unwrap(), Some("old"))
        .unwrap();
    let now = UnixTime::from_secs(1_800_000_000).unwrap();
    let verified = signer.verify_at(text, now);
    let diagnosis = signer.explain_at(text, now);
    assert_eq!(verified.is_ok(), diagnosis.valid, "{}", diagnosis.message);
    // Any text as a name and email: minting refuses or makes a token that verifies.
    let (email, name) = text.split_once('\n').unwrap_or((text, ""));
    if let Ok(minted) = signer.mint_with(TokenUser::new(email).with_name(Some(name)), Some(now), Some("id")) {
        let claims = signer.verify_at(&minted.jwt, now).unwrap().claims;
        assert_eq!(claims["name"], name);
    }
});
