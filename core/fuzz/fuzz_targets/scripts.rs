//! start_script and stop_script with arbitrary names and nonces: the element parses back to
//! the same user object, and never contains `</script` (any case), `<!--`, a raw `<` or `&`,
//! or a raw U+2028/U+2029.
#![no_main]
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use unthread_identity::{Secret, Signer, UserRef, stop_script};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (name, nonce) = text.split_once('\u{0}').unwrap_or((text, ""));
    let nonce = (!nonce.is_empty()).then_some(nonce);
    let signer = Signer::new(Secret::new("fuzz-secret").unwrap());
    let user = UserRef::new("ada@example.com").with_name(Some(name));
    for html in [signer.start_script(user, nonce), stop_script(nonce)] {
        let Ok(html) = html else { continue };
        let open_end = html.find('>').unwrap() + 1;
        let body = &html[open_end..html.len() - "</script>".len()];
        let lower = body.to_lowercase();
        assert!(!lower.contains("</script") && !body.contains("<!--"));
        assert!(!body.contains('<') && !body.contains('&'));
        assert!(!body.contains('\u{2028}') && !body.contains('\u{2029}'));
        if let Some((_, args)) = body.split_once("})([") {
            let args = args.strip_suffix(");").unwrap();
            let parsed: Value = serde_json::from_str(&format!("[{args}")).unwrap();
            if parsed[0] == "start" {
                assert_eq!(parsed[1]["user"]["name"].as_str(), Some(name));
            }
        }
    }
});
