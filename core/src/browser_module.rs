//! The generated part of `unthread-identity/browser`, the npm package's page-side module: the
//! core's constants, messages and snippet code, and its boot-option rules in JavaScript
//! (`browser_module/rules.js`, for a page that cannot load the core). The conformance tool
//! writes it to `bindings-node/integrations/portal-rules.mjs`; `make test` fails when that file
//! differs from [`source`], and replays every boot case of the conformance table through both.

use crate::config::PortalBootConfig;
use crate::embed::{
    DEFAULT_CONTAINER, DEFAULT_TOKEN_PATH, QUEUE_STUB, check_container, check_token_path,
    token_fetch,
};
use crate::portal::{PORTAL_DOMAIN, PortalHost};
use crate::script::{MAX_NONCE_LEN, PORTAL_WAIT_INTERVAL_MS, PORTAL_WAIT_TRIES, check_nonce};
use crate::source::Language;

/// The rules, written once more in JavaScript: proven equal to the core's by the replay.
const RULES: &str = include_str!("browser_module/rules.js");

/// The fields of a config struct, in camelCase: derived, so a field added in the core is an
/// option of the browser module too.
fn field_names<T: serde::de::DeserializeOwned>() -> Vec<String> {
    let fields = crate::read::fields::<T>().iter();
    fields
        .map(|f| Language::JavaScript.key(f).into_owned())
        .collect()
}

/// The module's text.
pub fn source() -> String {
    let message = |result: Result<_, crate::error::Error>| {
        let error = result.expect_err("an invalid value");
        serde_json::Value::from(error.to_string()).to_string()
    };
    let messages = [
        ("portalHost", message(PortalHost::new("/").map(drop))),
        (
            "customDomain",
            message(PortalHost::custom_domain("/").map(drop)),
        ),
        ("tokenPath", message(check_token_path(""))),
        ("container", message(check_container(""))),
        ("nonce", message(check_nonce(""))),
    ]
    .map(|(key, text)| format!("  {key}: {text},\n"))
    .concat();
    let text = |s: &str| serde_json::Value::from(s).to_string();
    format!(
        "// Generated from the Rust core by `cargo run -p unthread-identity-conformance -- browser`:\n\
         // do not edit. `make test` fails when it differs from what the core generates.\n\
         \n\
         export const PORTAL_DOMAIN = {domain}\n\
         export const WAIT_INTERVAL_MS = {PORTAL_WAIT_INTERVAL_MS}\n\
         export const WAIT_TRIES = {PORTAL_WAIT_TRIES}\n\
         export const DEFAULT_TOKEN_PATH = {path}\n\
         export const DEFAULT_CONTAINER = {container}\n\
         const MAX_NONCE_LEN = {MAX_NONCE_LEN}\n\
         const MAX_OPTION_LEN = {max_option}\n\
         const MAX_HOST_LEN = {max_host}\n\
         const MESSAGES = {{\n{messages}}}\n\
         /** The options of `bootPortal`: the fields of the core's `PortalBootConfig`. */\n\
         const BOOT_OPTIONS = {boot_options}\n\
         \n\
         /** Unthread's queue stub, the text of the server's boot snippet. */\n\
         export function installQueueStub() {{\n  {QUEUE_STUB}\n}}\n\
         \n\
         /** The snippet's `getToken`: the JWT, `null` on 401, a rejection with the status otherwise. */\n\
         export function fetchPortalToken(path, method) {{\n  {fetch}\n}}\n\
         \n\
         {RULES}",
        domain = text(PORTAL_DOMAIN),
        path = text(DEFAULT_TOKEN_PATH),
        container = text(DEFAULT_CONTAINER),
        max_option = crate::embed::MAX_OPTION_LEN,
        max_host = crate::portal::MAX_HOST_LEN,
        fetch = token_fetch("path", "method"),
        boot_options = serde_json::Value::from(field_names::<PortalBootConfig>()),
    )
}
