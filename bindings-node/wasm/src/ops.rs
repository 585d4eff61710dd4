//! The operations of `wasm/api.mjs`, each the addon's method of the same name: arguments read by
//! the core's reader, the core called, the answer written as JSON. Objects built once (a
//! `Signer`, a `TokenSigner`, an endpoint) live here, named by a handle that JavaScript frees
//! when its object is collected.

use std::cell::RefCell;

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use unthread_identity::bindings::{
    Checked, HeaderValues, Identity, Language, NormalForms, PageUser, RawBytes, ReadError,
    SessionEndpoint, SessionUserInput, TokenText, VariableName, read, read_checked,
};
use unthread_identity::{self as core, Error, UnixTime};

use crate::json::Json;

/// An object that JavaScript holds by its handle.
enum Object {
    Signer(core::Signer),
    Tokens(core::TokenSigner),
    Origins(core::AllowedOrigins),
    UserEndpoint(core::UserEndpoint),
    TokenEndpoint(core::TokenEndpoint),
}

thread_local! {
    // wasm32 runs one thread: a handle is an index here.
    static OBJECTS: RefCell<Vec<Option<Object>>> = const { RefCell::new(Vec::new()) };
}

/// Why an operation failed.
enum Failure {
    Core(Error),
    Type(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Core(error)
    }
}

/// An operation's answer as JSON text.
type Answer = Result<String, Failure>;

#[derive(serde::Deserialize)]
struct Request {
    op: String,
    #[serde(default)]
    this: Option<usize>,
    #[serde(default)]
    args: Vec<Value>,
    /// Seconds since 1970, from `Date.now()`.
    now: u64,
}

/// The answer to one request, as JSON text.
pub fn answer(request: &[u8]) -> String {
    let request: Request = match serde_json::from_slice(request) {
        Ok(request) => request,
        // A lone surrogate in an object's key is the one thing JSON text cannot bring here:
        // no option, user field or claim may have such a key.
        Err(_) => {
            let error = Error::option("key", "an object's key holds a lone surrogate".to_owned());
            return failure(Failure::Core(error));
        }
    };
    match run(&request) {
        Ok(ok) => format!(r#"{{"ok":{ok}}}"#),
        Err(error) => failure(error),
    }
}

fn failure(failure: Failure) -> String {
    match failure {
        Failure::Core(error) => {
            let fields: serde_json::Map<String, Value> = error.fields().into_iter().collect();
            json!({ "error": { "code": error.code(), "message": error.to_string(), "fields": fields } })
                .to_string()
        }
        Failure::Type(message) => json!({ "type": message }).to_string(),
    }
}

/// Argument `i`, read as `T` (a missing one is `undefined`); `name` names it in messages.
fn arg<T: DeserializeOwned>(request: &Request, i: usize, name: &str) -> Result<T, Failure> {
    read(Json(argument(request, i)), name, Language::JavaScript).map_err(Failure::from)
}

/// Argument `i`, read as `T`'s input and checked by the core (a secret, a list of origins, the
/// name of an environment variable).
fn checked<T: Checked>(request: &Request, i: usize, name: &str) -> Result<T, Failure> {
    read_checked(Json(argument(request, i)), name, Language::JavaScript).map_err(Failure::from)
}

/// Argument `i`, or `undefined`.
fn argument(request: &Request, i: usize) -> &Value {
    static UNDEFINED: std::sync::LazyLock<Value> =
        std::sync::LazyLock::new(|| json!({ "$undefined": true }));
    request.args.get(i).unwrap_or(&UNDEFINED)
}

impl From<ReadError<std::convert::Infallible>> for Failure {
    fn from(error: ReadError<std::convert::Infallible>) -> Self {
        match error {
            ReadError::Invalid(error) => Failure::Core(error),
            ReadError::Type(message) => Failure::Type(message),
            ReadError::Source(never) => match never {},
        }
    }
}

fn text(value: impl serde::Serialize) -> Answer {
    Ok(serde_json::to_string(&value).unwrap_or_else(|_| "null".to_owned()))
}

fn store(object: Object) -> usize {
    OBJECTS.with_borrow_mut(|objects| {
        objects.push(Some(object));
        objects.len() - 1
    })
}

/// Runs `f` on the object of the request's handle.
fn with<T>(request: &Request, f: impl FnOnce(&Object) -> Result<T, Failure>) -> Result<T, Failure> {
    OBJECTS.with_borrow(|objects| {
        match request
            .this
            .and_then(|i| objects.get(i))
            .and_then(Option::as_ref)
        {
            Some(object) => f(object),
            None => Err(Failure::Type("the object was released".to_owned())),
        }
    })
}

/// The endpoint `this` names, either kind.
fn endpoint<T>(
    request: &Request,
    f: impl FnOnce(&dyn SessionEndpoint) -> Result<T, Failure>,
) -> Result<T, Failure> {
    with(request, |object| match object {
        Object::UserEndpoint(e) => f(e),
        Object::TokenEndpoint(e) => f(e),
        _ => Err(Failure::Type("not an endpoint".to_owned())),
    })
}

/// `sign_email`: 0 with the hash in `out`, 1 for anything the full path must answer.
pub fn sign_email(handle: usize, email: &[u8], out: &mut [u8]) -> u32 {
    OBJECTS.with_borrow(|objects| match objects.get(handle) {
        Some(Some(Object::Signer(signer))) => {
            match std::str::from_utf8(email).map(|e| signer.sign(e)) {
                Ok(Ok(hash)) => {
                    out.copy_from_slice(hash.as_str().as_bytes());
                    0
                }
                _ => 1,
            }
        }
        _ => 1,
    })
}

/// `verify_email`: whether `hash` is the hash of `email` (text JavaScript checked).
pub fn verify_email(handle: usize, email: &[u8], hash: &[u8]) -> u32 {
    OBJECTS.with_borrow(|objects| match objects.get(handle) {
        Some(Some(Object::Signer(signer))) => {
            match (std::str::from_utf8(email), std::str::from_utf8(hash)) {
                (Ok(email), Ok(hash)) => u32::from(signer.verify(email, hash)),
                _ => 0,
            }
        }
        _ => 0,
    })
}

fn signer<T>(
    request: &Request,
    f: impl FnOnce(&core::Signer) -> Result<T, Failure>,
) -> Result<T, Failure> {
    with(request, |object| match object {
        Object::Signer(signer) => f(signer),
        _ => Err(Failure::Type("not a Signer".to_owned())),
    })
}

fn tokens<T>(
    request: &Request,
    f: impl FnOnce(&core::TokenSigner) -> Result<T, Failure>,
) -> Result<T, Failure> {
    with(request, |object| match object {
        Object::Tokens(tokens) => f(tokens),
        _ => Err(Failure::Type("not a TokenSigner".to_owned())),
    })
}

fn now(request: &Request) -> Result<UnixTime, Failure> {
    Ok(UnixTime::from_secs(request.now)?)
}

fn signed_user(
    request: &Request,
    signer: &core::Signer,
    i: usize,
) -> Result<core::SignedUser, Failure> {
    let user: core::UserInput = arg(request, i, "user")?;
    Ok(user.signed_by(signer)?)
}

fn nonce(request: &Request, i: usize) -> Result<Option<String>, Failure> {
    let options: Option<core::ScriptConfig> = arg(request, i, "options")?;
    Ok(options.and_then(|o| o.nonce))
}

/// A token argument, measured by the core's rule as the addon measures one (UTF-16 units
/// first; a lone surrogate's U+FFFD counting 3 bytes).
fn jwt(request: &Request) -> Result<TokenText<'static>, Failure> {
    let jwt: Identity = arg(request, 0, "jwt")?;
    let lossy = match (jwt.text(), request.args.first().and_then(|v| v.get("$u"))) {
        (Some(text), _) => text.to_owned(),
        (None, Some(Value::String(lossy))) => lossy.clone(),
        (None, _) => String::new(),
    };
    let read = || Ok::<_, Failure>(jwt.text().map(|text| text.to_owned().into()));
    TokenText::measure(lossy.encode_utf16().count(), || Ok(lossy.len()), read)
}

fn time(request: &Request, i: usize) -> Result<UnixTime, Failure> {
    let options: Option<core::TimeConfig> = arg(request, i, "options")?;
    match options.and_then(|o| o.now) {
        Some(seconds) => Ok(UnixTime::from_secs(seconds)?),
        None => now(request),
    }
}

fn signer_info(signer: &core::Signer) -> Value {
    json!({
        "fingerprint": signer.fingerprint().as_str(),
        "previousFingerprints": signer.previous_fingerprints().map(|f| f.to_string()).collect::<Vec<_>>(),
        "emailPolicy": signer.email_policy().as_str(),
        "warnings": signer.warnings().iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

fn tokens_info(tokens: &core::TokenSigner) -> Value {
    json!({
        "fingerprint": tokens.fingerprint().as_str(),
        "kid": tokens.kid(),
        "ttlSeconds": tokens.options().ttl.as_secs(),
        "warnings": tokens.warnings().iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

/// A signer for `secret` with the options of argument 1, stored: its handle and getters.
fn new_signer(r: &Request, secret: core::Secret) -> Answer {
    let config: Option<core::SignerConfig> = arg(r, 1, "options")?;
    stored_signer(config.unwrap_or_default().build(secret)?)
}

/// `signer`, stored: its handle and getters.
fn stored_signer(signer: core::Signer) -> Answer {
    let mut info = signer_info(&signer);
    info["handle"] = store(Object::Signer(signer)).into();
    text(info)
}

fn run(request: &Request) -> Answer {
    let r = request;
    match r.op.as_str() {
        // The secret first, then the options, as the addon reads them.
        "signer" => new_signer(r, checked(r, 0, "secret")?),
        "signerFromEnv" => {
            let env: std::collections::BTreeMap<String, String> = arg(r, 2, "env")?;
            let name: Option<VariableName> = checked(r, 0, "name")?;
            let config: Option<core::SignerConfig> = arg(r, 1, "options")?;
            let signer = config
                .unwrap_or_default()
                .build_from_env_in(&env, name.as_deref())?;
            stored_signer(signer)
        }
        // The core answers: this build has no file system.
        "signerFromFile" => {
            let path: String = arg(r, 0, "path")?;
            let config: Option<core::SignerConfig> = arg(r, 1, "options")?;
            stored_signer(config.unwrap_or_default().build_from_file(path)?)
        }
        "tokensFromEnv" => {
            let env: std::collections::BTreeMap<String, String> = arg(r, 2, "env")?;
            let name: Option<VariableName> = checked(r, 0, "name")?;
            let config: Option<core::TokenSignerConfig> = arg(r, 1, "options")?;
            let tokens = config
                .unwrap_or_default()
                .build_from_env_in(&env, name.as_deref())?;
            let mut info = tokens_info(&tokens);
            info["handle"] = store(Object::Tokens(tokens)).into();
            text(info)
        }
        "sign" => signer(r, |s| {
            let email: Identity = arg(r, 0, "email")?;
            text(s.sign_measured(email.text().into())?.as_str())
        }),
        "verify" | "matchingKey" => signer(r, |s| {
            let email: Identity = arg(r, 0, "email")?;
            let hash: Identity = arg(r, 1, "hash")?;
            let found = s.matching_key_text(email.text(), hash.text());
            let found = found.map(|fingerprint| fingerprint.to_string());
            match r.op.as_str() {
                "verify" => text(found.is_some()),
                _ => text(found),
            }
        }),
        "explain" => signer(r, |s| {
            let email: Identity = arg(r, 0, "email")?;
            let hash: Identity = arg(r, 1, "hash")?;
            let forms: Option<NormalForms> = arg(r, 2, "forms")?;
            let d = s.explain_text_with_forms(email.text(), hash.text(), forms.unwrap_or_default());
            text(d.to_json(Language::JavaScript))
        }),
        "signMany" => signer(r, |s| {
            let emails: Vec<Identity> = arg(r, 0, "emails")?;
            let mut hashes = Vec::with_capacity(emails.len());
            for (index, email) in emails.iter().enumerate() {
                let email = email
                    .text()
                    .ok_or(Error::email(core::EmailProblem::NotUnicode));
                let hash = email
                    .and_then(|email| s.sign(email))
                    .map_err(|e| e.at_index(index))?;
                hashes.push(hash.as_str().to_owned());
            }
            text(hashes)
        }),
        "signRaw" => signer(r, |s| {
            let data: RawBytes = arg(r, 0, "data")?;
            text(s.sign_raw(&data.0).as_str())
        }),
        "user" => signer(r, |s| Ok(signed_user(r, s, 0)?.to_json())),
        "startScript" => signer(r, |s| {
            let user = signed_user(r, s, 0)?;
            text(s.start_script(&user, nonce(r, 1)?.as_deref())?)
        }),
        "pageScript" => signer(r, |s| {
            let present = !matches!(r.args.first(), None | Some(Value::Null))
                && r.args.first().and_then(|v| v.get("$undefined")).is_none();
            let nonce = nonce(r, 1)?;
            let user = present.then(|| signed_user(r, s, 0)).transpose()?;
            text(s.page_script(user.as_ref().map(Into::into), nonce.as_deref())?)
        }),
        "stopScript" => text(core::stop_script(nonce(r, 0)?.as_deref())?),
        "portalCsp" => {
            let hosts: core::bindings::PortalHosts = arg(r, 0, "host")?;
            let config: Option<core::PortalCspConfig> = arg(r, 1, "options")?;
            text(config.unwrap_or_default().answer(&hosts)?)
        }
        "portalBootScript" => {
            let config: core::PortalBootConfig = arg(r, 0, "options")?;
            text(config.boot_script()?)
        }
        "tokens" => {
            // The options first, then the secret, as the addon reads them.
            let config: Option<core::TokenSignerConfig> = arg(r, 1, "options")?;
            let tokens = config.unwrap_or_default().build(checked(r, 0, "secret")?)?;
            let mut info = tokens_info(&tokens);
            info["handle"] = store(Object::Tokens(tokens)).into();
            text(info)
        }
        "mintToken" => tokens(r, |t| {
            let user: core::TokenUserInput = arg(r, 0, "user")?;
            let options: Option<core::MintConfig> = arg(r, 1, "options")?;
            let mut options = options.unwrap_or_default();
            options.issued_at = Some(options.issued_at.unwrap_or(r.now));
            let minted = options.mint(t, user.as_user("user.id")?)?;
            text(json!({ "jwt": minted.jwt, "expiresAt": minted.expires_at.as_secs() }))
        }),
        "verifyToken" => tokens(r, |t| {
            let now = time(r, 1)?;
            Ok(t.verify_text(&jwt(r)?, now)?.payload_json)
        }),
        "explainToken" => tokens(r, |t| {
            let now = time(r, 1)?;
            text(t.explain_text(&jwt(r)?, now).to_json(Language::JavaScript))
        }),
        "allowedOrigins" => {
            let allowed: core::AllowedOrigins = checked(r, 0, "origins")?;
            let list = allowed.as_slice().to_vec();
            let handle = store(Object::Origins(allowed));
            text(json!({ "handle": handle, "origins": list }))
        }
        "allows" => with(r, |object| match object {
            Object::Origins(allowed) => {
                let origin: HeaderValues = arg(r, 0, "origin")?;
                let site: HeaderValues = arg(r, 1, "secFetchSite")?;
                text(allowed.allows_headers(origin.slices(), site.slices()))
            }
            _ => Err(Failure::Type("not an AllowedOrigins".to_owned())),
        }),
        "userEndpoint" => {
            let endpoint = signer(r, |s| Ok(core::UserEndpoint::new(s.clone())))?;
            let endpoint =
                endpoint.with_allowed_origins(checked::<Option<_>>(r, 0, "allowedOrigins")?);
            text(store(Object::UserEndpoint(endpoint)))
        }
        "tokenEndpoint" => {
            let allowed = checked(r, 0, "allowedOrigins")?;
            let endpoint = tokens(r, |t| Ok(core::TokenEndpoint::new(t.clone(), allowed)))?;
            text(store(Object::TokenEndpoint(endpoint)))
        }
        "refusal" => endpoint(r, |e| {
            let method: String = arg(r, 0, "method")?;
            let origin: HeaderValues = arg(r, 1, "origin")?;
            let site: HeaderValues = arg(r, 2, "secFetchSite")?;
            text(e.refusal_of(&method, &origin, &site))
        }),
        "respond" => endpoint(r, |e| {
            let user: Option<SessionUserInput> = arg(r, 0, "user")?;
            text(e.respond_session(user.as_ref(), now(r)?))
        }),
        "sessionUser" => {
            let user: Option<PageUser> = checked(r, 0, "user")?;
            text(user)
        }
        "free" => {
            OBJECTS.with_borrow_mut(|objects| {
                if let Some(slot) = r.this.and_then(|i| objects.get_mut(i)) {
                    *slot = None;
                }
            });
            text(Value::Null)
        }
        other => Err(Failure::Type(format!("unknown operation {other}"))),
    }
}
