//! Options and user objects as data (`config.rs`, `input.rs`): any JSON either fails to
//! deserialize or builds, with an error that never panics; a config that builds a token signer
//! mints a token that the signer verifies; an unknown key is always refused.
#![no_main]
use libfuzzer_sys::fuzz_target;
use unthread_identity::{
    MintConfig, PortalBootConfig, PortalCspConfig, Secret, SignerConfig, TimeConfig,
    TokenSignerConfig, TokenUserInput, UserInput,
};

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let secret = || Secret::new("fuzz-embed-secret-of-thirty-two-bytes").unwrap();
    if let Ok(config) = serde_json::from_str::<SignerConfig>(json) {
        let _ = config.build(secret());
    }
    if let Ok(config) = serde_json::from_str::<TokenSignerConfig>(json) {
        if let Ok(tokens) = config.build(secret()) {
            let user = unthread_identity::TokenUser::new("ada@example.com");
            if let Ok(minted) = tokens.mint(user) {
                tokens.verify(&minted.jwt).expect("a minted token verifies");
            }
        }
    }
    if let Ok(user) = serde_json::from_str::<TokenUserInput>(json) {
        let _ = user.as_user("id");
    }
    let signer = unthread_identity::Signer::new(secret());
    if let Ok(user) = serde_json::from_str::<UserInput>(json) {
        if let Ok(user) = user.as_user() {
            let _ = signer.signed_user(user);
        }
    }
    if let Ok(config) = serde_json::from_str::<PortalBootConfig>(json) {
        let _ = config.boot_script();
    }
    if let Ok(config) = serde_json::from_str::<PortalCspConfig>(json) {
        let _ = config.host("acme");
    }
    if let Ok(config) = serde_json::from_str::<MintConfig>(json) {
        let _ = config.issued_at();
    }
    if let Ok(config) = serde_json::from_str::<TimeConfig>(json) {
        let _ = config.now();
    }
    // An object with a key no struct has is refused by every one of them.
    if json.trim_start().starts_with('{') && json.contains("\"zz_unknown\"") {
        assert!(serde_json::from_str::<TokenSignerConfig>(json).is_err());
        assert!(serde_json::from_str::<UserInput>(json).is_err());
    }
});
