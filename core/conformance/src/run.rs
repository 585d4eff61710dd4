//! The core's answer to one case: `{"ok": VALUE}` or `{"error": CODE}`.
//!
//! Inputs are read as the bindings read them: through the core's own input types (the config
//! structs, `TokenUserInput`, `SessionUserInput`), and text by the binding rule of its field:
//! text that names a user (an email, a hash, an id) or keys one (a secret) with a lone
//! surrogate is refused or diagnosed, display text (a name) gets U+FFFD (`wire.rs`).

use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use unthread_identity::bindings::{
    Field, HeaderValues, Key, Language, Node, ReadError, SessionEndpoint, SessionUserInput, Source,
    claims_from, read,
};
use unthread_identity::{
    AllowedOrigins, EmailProblem, Error, PortalBootConfig, PortalCspConfig, Secret, Signer,
    SignerConfig, TokenEndpoint, TokenSigner, TokenSignerConfig, TokenUserInput, UnixTime,
    UserEndpoint, UserInput, stop_script,
};

use crate::wire;

/// When the token endpoint's answer is minted and checked (the bindings mint at their own now;
/// only the claims that do not depend on it are compared).
const ENDPOINT_TIME: u64 = 1_800_000_000;

/// A failed case: the stable code every language must give.
pub struct Code(pub String);

impl From<Error> for Code {
    fn from(error: Error) -> Self {
        Code(error.code().to_owned())
    }
}

impl From<serde_json::Error> for Code {
    /// serde's wrong-type and missing-field messages are a `TypeError` in Node and Python (a
    /// programmer error); a number a count of seconds cannot be (fractional, negative) and
    /// anything else a struct refuses is an option error.
    fn from(error: serde_json::Error) -> Self {
        let message = error.to_string();
        let wrong_type = message.starts_with("invalid type")
            && !message.starts_with("invalid type: floating point");
        Code(if wrong_type || message.starts_with("missing field") {
            "ERR_INVALID_ARG_TYPE".into()
        } else {
            "ERR_INVALID_OPTION".into()
        })
    }
}

type Answer = Result<Value, Code>;

/// The core's answer to `op` on `input`.
pub fn run(op: &str, input: &Value) -> Value {
    let answer = match op {
        "sign" => sign(input),
        "verify" => verify(input),
        "explain" => explain(input),
        "user" => user(input),
        "start_script" => start_script(input),
        "stop_script" => stop_script(nonce(input).as_deref())
            .map(Value::from)
            .map_err(Code::from),
        "portal_csp" => portal_csp(input),
        "portal_boot_script" => portal_boot_script(input),
        "signer" => signer(input).map(|s| json!({ "fingerprint": s.fingerprint().to_string(), "email_policy": s.email_policy().as_str() })),
        "mint" => mint(input),
        "verify_token" => verify_token(input),
        "explain_token" => explain_token(input),
        "user_endpoint" => user_endpoint(input),
        "token_endpoint" => token_endpoint(input),
        other => panic!("no operation {other}"),
    };
    match answer {
        Ok(value) => json!({ "ok": value }),
        Err(Code(code)) => json!({ "error": code }),
    }
}

fn field<'a>(input: &'a Value, name: &str) -> &'a Value {
    input.get(name).unwrap_or(&Value::Null)
}

fn text<'a>(input: &'a Value, name: &str) -> &'a str {
    field(input, name).as_str().unwrap_or_default()
}

fn from<T: DeserializeOwned + Default>(input: &Value, name: &str) -> Result<T, Code> {
    match field(input, name) {
        Value::Null => Ok(T::default()),
        value => Ok(serde_json::from_value(value.clone())?),
    }
}

/// A secret: text (a lone surrogate is refused) or `{"$bytes": HEX}`.
fn secret(input: &Value) -> Result<Secret, Code> {
    match field(input, "secret") {
        Value::String(text) if wire::is_lone(text) => Err(Error::SecretNotUnicode.into()),
        Value::String(text) => Ok(Secret::new(text.as_str())?),
        value => {
            let hex = value["$bytes"].as_str().unwrap_or_default();
            let bytes = (0..hex.len() / 2)
                .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap_or(0))
                .collect::<Vec<u8>>();
            Ok(Secret::from_bytes(bytes)?)
        }
    }
}

fn signer(input: &Value) -> Result<Signer, Code> {
    let secret = secret(input)?;
    let config: SignerConfig = from(input, "options")?;
    Ok(config.build(secret)?)
}

fn tokens(input: &Value) -> Result<TokenSigner, Code> {
    let secret = secret(input)?;
    let mut input = input.clone();
    // Extra claims are read by the core's claim walk, as the bindings read them.
    if let Some(claims) = input
        .pointer_mut("/options/extra_claims")
        .filter(|claims| claims.is_object())
    {
        *claims = claims_from("options.extraClaims", &WireClaim(claims))
            .map_err(|error| match error {
                ReadError::Invalid(error) => Code::from(error),
                ReadError::Type(message) => Code(format!("TypeError: {message}")),
                ReadError::Source(never) => match never {},
            })?
            .into();
    }
    let config: TokenSignerConfig = from(&input, "options")?;
    Ok(config.build(secret)?)
}

/// A JSON value as a binding's claim: text with a lone surrogate (a stand-in) is `NotUnicode`.
#[derive(Clone)]
struct WireClaim<'a>(&'a Value);

impl Source for WireClaim<'_> {
    type Error = std::convert::Infallible;

    fn read(&self) -> Result<Node<Self>, Self::Error> {
        let text = |t: &str| {
            if wire::is_lone(t) {
                Key::NotUnicode(t.to_owned())
            } else {
                Key::Text(t.to_owned())
            }
        };
        Ok(match self.0 {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => match n.as_i64().map(i128::from).or(n.as_u64().map(i128::from)) {
                Some(n) => Node::Integer(n),
                None => Node::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(t) => match text(t) {
                Key::Text(t) => Node::Text(t),
                _ => Node::NotUnicode(t.to_owned()),
            },
            Value::Array(items) => Node::List(items.iter().map(WireClaim).collect()),
            Value::Object(map) => Node::Map(
                map.iter()
                    .map(|(key, item)| (text(key), WireClaim(item)))
                    .collect(),
            ),
        })
    }

    fn same(&self, other: &Self) -> Result<bool, Self::Error> {
        Ok(std::ptr::eq(self.0, other.0))
    }

    fn field(&self, key: &str) -> Result<Field<Self>, Self::Error> {
        Ok(match self.0 {
            Value::Object(map) => map
                .get(key)
                .map_or(Field::Absent, |v| Field::Present(WireClaim(v))),
            _ => Field::NotAnObject,
        })
    }

    fn type_name(&self) -> Result<String, Self::Error> {
        Ok("another type".to_owned())
    }
}

fn nonce(input: &Value) -> Option<String> {
    field(input, "nonce").as_str().map(str::to_owned)
}

/// An email or hash argument: `None` for text with a lone surrogate.
fn identity(input: &Value, name: &str) -> Option<String> {
    let text = text(input, name);
    (!wire::is_lone(text)).then(|| text.to_owned())
}

fn sign(input: &Value) -> Answer {
    let signer = signer(input)?;
    let email = identity(input, "email")
        .ok_or_else(|| Code::from(Error::email(EmailProblem::NotUnicode)))?;
    Ok(signer.sign(&email)?.as_str().into())
}

fn verify(input: &Value) -> Answer {
    let signer = signer(input)?;
    Ok(match (identity(input, "email"), identity(input, "hash")) {
        (Some(email), Some(hash)) => signer.verify(&email, &hash),
        _ => false,
    }
    .into())
}

fn explain(input: &Value) -> Answer {
    let signer = signer(input)?;
    let (email, hash) = (identity(input, "email"), identity(input, "hash"));
    let d = signer.explain_text(email.as_deref(), hash.as_deref());
    Ok(
        json!({ "code": d.code.as_str(), "message": d.message, "valid": d.valid,
               "fingerprint": d.fingerprint.to_string() }),
    )
}

/// A user object for `user` and the scripts: names are display text (U+FFFD).
fn user_input(input: &Value) -> Result<UserInput, Code> {
    let mut user = field(input, "user").clone();
    if let Some(name) = user.get("name").and_then(Value::as_str) {
        user["name"] = wire::lossy(name).into();
    }
    // An email with a lone surrogate is the `Identity` of no text, which the core refuses.
    if user
        .get("email")
        .and_then(Value::as_str)
        .is_some_and(wire::is_lone)
    {
        return Err(Error::email(EmailProblem::NotUnicode).into());
    }
    Ok(serde_json::from_value(user)?)
}

fn user(input: &Value) -> Answer {
    let signer = signer(input)?;
    let user = user_input(input)?;
    let signed = signer.signed_user(user.as_user()?)?;
    Ok(serde_json::to_value(&signed).unwrap_or_default())
}

fn start_script(input: &Value) -> Answer {
    let signer = signer(input)?;
    let user = user_input(input)?;
    let signed = signer.signed_user(user.as_user()?)?;
    Ok(signer
        .start_script(&signed, nonce(input).as_deref())?
        .into())
}

/// `{host, ...options}`: `host` is one host or a list of them (text), the rest the options.
fn portal_csp(input: &Value) -> Answer {
    let mut options = input.as_object().cloned().unwrap_or_default();
    let hosts: Vec<String> = match options.remove("host").unwrap_or(Value::Null) {
        Value::Array(hosts) => serde_json::from_value(Value::Array(hosts))?,
        host => vec![serde_json::from_value(host)?],
    };
    options.retain(|_, value| !value.is_null());
    let config: PortalCspConfig = serde_json::from_value(Value::Object(options))?;
    let csp = config.csp(&hosts)?;
    let origins: Vec<&str> = csp.origins().collect();
    Ok(json!({ "origin": csp.origin(), "origins": origins, "header": config.header(&csp)? }))
}

fn portal_boot_script(input: &Value) -> Answer {
    let mut input = input.clone();
    // The container is a selector written as JSON: display text (U+FFFD), as a name is.
    if let Some(container) = input.get("container").and_then(Value::as_str) {
        input["container"] = wire::lossy(container).into();
    }
    let config: PortalBootConfig = serde_json::from_value(input)?;
    Ok(config.boot_script()?.into())
}

/// A token user: names are display text, emails and ids identities (lone: refused).
fn token_user_value(user: &Value) -> Value {
    let mut user = user.clone();
    if let Some(name) = user.get("name").and_then(Value::as_str) {
        user["name"] = wire::lossy(name).into();
    }
    user
}

/// A user's fields are read (and their types checked) in order before any value is judged,
/// as the bindings' deserializers do: lone-surrogate text stands in as plain text for the read.
fn readable(user: &Value) -> Value {
    let mut user = user.clone();
    if let Some(object) = user.as_object_mut() {
        for value in object.values_mut() {
            if value.as_str().is_some_and(wire::is_lone) {
                *value = "lone".into();
            }
        }
    }
    user
}

/// The error of a field whose text has a lone surrogate: the core's, for the field it names.
fn lone_error(user: &Value) -> Option<Error> {
    let lone = |key: &str| {
        user.get(key)
            .and_then(Value::as_str)
            .is_some_and(wire::is_lone)
    };
    if lone("email") {
        Some(Error::email(EmailProblem::NotUnicode))
    } else if lone("id") {
        Some(Error::option("user id", "lone surrogate"))
    } else {
        None
    }
}

fn mint(input: &Value) -> Answer {
    let tokens = tokens(input)?;
    let user = token_user_value(field(input, "user"));
    let _: TokenUserInput = serde_json::from_value(readable(&user))?;
    if let Some(error) = lone_error(&user) {
        return Err(error.into());
    }
    let user: TokenUserInput = serde_json::from_value(user)?;
    let at = field(input, "issued_at")
        .as_u64()
        .map(UnixTime::from_secs)
        .transpose()?;
    let jwt_id = field(input, "jwt_id").as_str();
    let minted = tokens.mint_with(user.as_user("user.id")?, at, jwt_id)?;
    Ok(json!({ "jwt": minted.jwt, "expires_at": minted.expires_at.as_secs() }))
}

fn now(input: &Value) -> Result<UnixTime, Code> {
    Ok(UnixTime::from_secs(
        field(input, "now").as_u64().unwrap_or(0),
    )?)
}

fn verify_token(input: &Value) -> Answer {
    let tokens = tokens(input)?;
    let verified = tokens.verify_at(text(input, "jwt"), now(input)?)?;
    Ok(serde_json::from_str(&verified.payload_json).unwrap_or_default())
}

fn explain_token(input: &Value) -> Answer {
    let tokens = tokens(input)?;
    let d = tokens.explain_at(text(input, "jwt"), now(input)?);
    Ok(
        json!({ "code": d.code.as_str(), "valid": d.valid, "kid": d.kid,
               "fingerprint": d.fingerprint.to_string() }),
    )
}

/// Header values as the bindings pass them, read by the core's reader (Latin-1 text, one byte
/// a character).
fn header(input: &Value, name: &str) -> HeaderValues {
    let values = read::<HeaderValues, _>(WireClaim(field(input, name)), name, Language::Python);
    values.unwrap_or_default()
}

/// The session's user as an app gives it: unknown keys are ignored by the core's rule, and a
/// `$inherited` object (fields a JavaScript prototype would carry) is not the user's.
fn session(input: &Value) -> Result<Option<SessionUserInput>, Code> {
    let Some(user) = field(input, "user").as_object() else {
        return match field(input, "user") {
            Value::Null => Ok(None),
            _ => Err(Code("ERR_INVALID_ARG_TYPE".into())),
        };
    };
    let mut own: Map<String, Value> = user.clone();
    own.remove("$inherited");
    let own = token_user_value(&Value::Object(own));
    Ok(Some(serde_json::from_value(own)?))
}

fn readable_input(input: &Value) -> Value {
    let mut input = input.clone();
    input["user"] = readable(&input["user"]);
    input
}

fn lone_field(input: &Value, key: &str) -> bool {
    field(input, "user")
        .get(key)
        .and_then(Value::as_str)
        .is_some_and(wire::is_lone)
}

fn response(r: unthread_identity::EndpointResponse) -> Value {
    let headers: Map<String, Value> = r
        .headers
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.into()))
        .collect();
    let body: Value = serde_json::from_str(&r.body).unwrap_or_default();
    json!({ "status": r.status, "headers": headers, "body": body })
}

fn user_endpoint(input: &Value) -> Answer {
    let endpoint = UserEndpoint::new(signer(input)?);
    let (origin, site) = (header(input, "origin"), header(input, "sec_fetch_site"));
    let refused = endpoint.refusal(text(input, "method"), origin.slices(), site.slices());
    if let Some(refused) = refused {
        return Ok(response(refused));
    }
    session(&readable_input(input))?;
    // Text with a lone surrogate is the `Identity` of no text: the email the core refuses.
    if lone_field(input, "email") {
        return Ok(response(
            endpoint.failure(Error::email(EmailProblem::NotUnicode).code()),
        ));
    }
    let user = session(input)?;
    let now = UnixTime::from_secs(ENDPOINT_TIME)?;
    Ok(response(endpoint.respond_session(user.as_ref(), now)))
}

fn token_endpoint(input: &Value) -> Answer {
    let tokens = tokens(input)?;
    let origins: Vec<String> = from(input, "allowed_origins")?;
    let endpoint = TokenEndpoint::new(tokens.clone(), AllowedOrigins::new(origins)?);
    let (origin, site) = (header(input, "origin"), header(input, "sec_fetch_site"));
    let refused = endpoint.refusal(text(input, "method"), origin.slices(), site.slices());
    if let Some(refused) = refused {
        return Ok(response(refused));
    }
    session(&readable_input(input))?;
    // Text with a lone surrogate is the `Identity` of no text: an email or id the core refuses.
    if let Some(error) = lone_error(field(input, "user")) {
        return Ok(response(endpoint.failure(error.code())));
    }
    let user = session(input)?;
    // At a fixed time: no path of the runner reads the clock, so that it runs under wasm32 too
    // (core/conformance/wasm), where `SystemTime` traps.
    let at = UnixTime::from_secs(ENDPOINT_TIME)?;
    let mut answer = response(endpoint.respond_session(user.as_ref(), at));
    // A fresh token (a random id): compared by the claims every language must agree on.
    if let Some(jwt) = answer["body"]["jwt"].as_str() {
        let at = UnixTime::from_secs(ENDPOINT_TIME)?;
        let verified = tokens.verify_at(jwt, at).map_err(Code::from)?;
        let mut claims: Map<String, Value> =
            serde_json::from_str(&verified.payload_json).unwrap_or_default();
        for key in ["iat", "exp", "nbf", "jti"] {
            claims.remove(key);
        }
        answer["body"] = json!({ "claims": claims });
    }
    Ok(answer)
}
