//! The two JSON endpoints, decided once for every framework: the classic portal's signed user
//! (`/api/unthread-user`) and the embedded portal's token (`/api/portal-token`).
//!
//! A framework adapter reads the request (its method, the raw `Origin` and `Sec-Fetch-Site`
//! values, the session's user) and writes the [`EndpointResponse`] it gets back; every decision
//! is made here:
//!
//! - the identity comes only from the session, never from the request's query or body;
//! - no session: `401`;
//! - both endpoints answer `GET` (what Unthread's documented `getToken` sends) and `POST`,
//!   compared case-sensitively (RFC 9110 §9.1: `get` is not `GET`), and anything else `405`
//!   with `Allow`; a request from elsewhere gets `403` before the session is read, which is
//!   why it is its own step (`refusal`): the token endpoint checks [`AllowedOrigins`], the user
//!   endpoint the same list when it has one, and otherwise `Sec-Fetch-Site`;
//! - a session user the endpoint cannot answer for (an email the policy refuses, a user the
//!   binding could not read) gets `500` with `{"error": CODE}`, never an exception that each
//!   framework would render its own way;
//! - every answer: `Cache-Control: no-store` (no proxy may serve one user's answer to
//!   another), `Vary: Cookie` (and `Origin` for tokens), JSON.

use serde_json::json;

use crate::input::SessionUserInput;
use crate::signer::Signer;
use crate::token::{
    AllowedOrigins, HeaderValues, TokenSigner, TokenUser, UnixTime, same_origin_only,
};
use crate::user::UserRef;

/// What an endpoint answers: status, headers and a JSON body. It serializes as the bindings
/// return it: `{"status": 401, "headers": {"cache-control": "no-store", …}, "body": "…"}`, the
/// headers in their order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointResponse {
    /// `200`, `401`, `403`, `405` or `500`.
    pub status: u16,
    /// The headers to set, in this order.
    pub headers: Vec<(&'static str, &'static str)>,
    /// The JSON text of the body.
    pub body: String,
}

impl serde::Serialize for EndpointResponse {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// The headers as one object, in their order.
        struct Headers<'a>(&'a [(&'static str, &'static str)]);
        impl serde::Serialize for Headers<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_map(self.0.iter().copied())
            }
        }
        let mut response = serializer.serialize_struct("EndpointResponse", 3)?;
        response.serialize_field("status", &self.status)?;
        response.serialize_field("headers", &Headers(&self.headers))?;
        response.serialize_field("body", &self.body)?;
        response.end()
    }
}

/// The methods both endpoints answer, as `Allow` lists them.
pub const ENDPOINT_METHODS: &str = "GET, POST";

const JSON: (&str, &str) = ("content-type", "application/json; charset=utf-8");
const NO_STORE: (&str, &str) = ("cache-control", "no-store");
const USER_VARY: &str = "Cookie";
const TOKEN_VARY: &str = "Cookie, Origin";

fn answer(status: u16, vary: &'static str, body: String) -> EndpointResponse {
    EndpointResponse {
        status,
        headers: vec![NO_STORE, ("vary", vary), JSON],
        body,
    }
}

fn error(status: u16, vary: &'static str, message: &str) -> EndpointResponse {
    answer(status, vary, json!({ "error": message }).to_string())
}

/// The `500` of an endpoint that could not answer: the error's stable code, nothing else (no
/// message: it could name the app's data; never the secret, which no code holds).
fn failure(vary: &'static str, code: &str) -> EndpointResponse {
    error(500, vary, code)
}

/// The refusal step both endpoints share: `405` for any method but `GET` and `POST` (exact
/// case), `403` for a request from elsewhere.
fn refusal<'a>(
    endpoint: &(impl SessionEndpoint + ?Sized),
    method: &str,
    origin: impl IntoIterator<Item = &'a [u8]>,
    sec_fetch_site: impl IntoIterator<Item = &'a [u8]>,
) -> Option<EndpointResponse> {
    let (vary, allowed) = (endpoint.vary(), endpoint.allowed());
    if method != "GET" && method != "POST" {
        let mut refused = error(405, vary, "method not allowed");
        refused.headers.push(("allow", ENDPOINT_METHODS));
        return Some(refused);
    }
    let allowed = match allowed {
        Some(allowed) => allowed.allows_headers(origin, sec_fetch_site),
        None => same_origin_only(origin, sec_fetch_site),
    };
    (!allowed).then(|| error(403, vary, "origin not allowed"))
}

/// The classic portal's endpoint: `{"user": {name, email, emailHash}}` for the session's user.
///
/// ```
/// use unthread_identity::{Secret, Signer, UserEndpoint, UserRef};
/// let endpoint = UserEndpoint::new(Signer::new(Secret::new("demo-secret")?));
/// assert_eq!(endpoint.refusal("get", [], []).unwrap().status, 405); // methods are case-sensitive
/// assert_eq!(endpoint.refusal("GET", [], [&b"cross-site"[..]]).unwrap().status, 403);
/// assert!(endpoint.refusal("GET", [], [&b"same-origin"[..]]).is_none()); // go on
/// assert_eq!(endpoint.respond(None).status, 401);
/// let ok = endpoint.respond(Some(UserRef::new("ada@example.com")));
/// assert_eq!((ok.status, ok.headers[0]), (200, ("cache-control", "no-store")));
/// assert!(ok.body.starts_with(r#"{"user":{"email":"ada@example.com","emailHash":""#));
/// assert_eq!(endpoint.respond(Some(UserRef::new("not an email"))).body, r#"{"error":"ERR_INVALID_EMAIL"}"#);
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct UserEndpoint {
    signer: Signer,
    allowed: Option<AllowedOrigins>,
}

impl UserEndpoint {
    /// The endpoint for this signer, for same-origin pages (by `Sec-Fetch-Site`).
    pub fn new(signer: Signer) -> Self {
        UserEndpoint {
            signer,
            allowed: None,
        }
    }

    /// Checks each request's `Origin` against `allowed`, as the token endpoint does; `None`
    /// keeps the default, same-origin requests only (what a binding's omitted argument means).
    #[must_use]
    pub fn with_allowed_origins(mut self, allowed: impl Into<Option<AllowedOrigins>>) -> Self {
        self.allowed = allowed.into();
        self
    }

    /// The signer it uses.
    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    /// The first step, before the session is read: the answer that refuses the request (`405`,
    /// `403`), or `None` to go on. See [`TokenEndpoint::refusal`].
    pub fn refusal<'a, O, S>(
        &self,
        method: &str,
        origin: O,
        sec_fetch_site: S,
    ) -> Option<EndpointResponse>
    where
        O: IntoIterator<Item = &'a [u8]>,
        S: IntoIterator<Item = &'a [u8]>,
    {
        refusal(self, method, origin, sec_fetch_site)
    }

    /// The answer for the session's user (`None`: nobody is logged in). An email the policy
    /// refuses is a `500` with its code: a bug of the app's session, not the client's.
    pub fn respond(&self, user: Option<UserRef<'_>>) -> EndpointResponse {
        let Some(user) = user else {
            return error(401, USER_VARY, "not logged in");
        };
        match self.signer.signed_user(user) {
            Ok(signed) => answer(
                200,
                USER_VARY,
                format!(r#"{{"user":{}}}"#, signed.to_json()),
            ),
            Err(e) => self.failure(e.code()),
        }
    }

    /// The `500` for a session user that could not be read, with the stable code of the
    /// binding's error (`ERR_INVALID_ARG_TYPE`, say).
    pub fn failure(&self, code: &str) -> EndpointResponse {
        failure(USER_VARY, code)
    }
}

/// The embedded portal's endpoint: `{"jwt": ..., "expiresAt": ...}` for the session's user, to
/// pages of the allowed origins only.
///
/// ```
/// use unthread_identity::{AllowedOrigins, Secret, TokenEndpoint, TokenOptions, TokenSigner, TokenUser};
/// let tokens = TokenSigner::new(Secret::new("embed-secret")?, TokenOptions::default())?;
/// let endpoint = TokenEndpoint::new(tokens, AllowedOrigins::new(["https://app.example.com"])?);
/// let evil: &[u8] = b"https://evil.example";
/// assert_eq!(endpoint.refusal("GET", [evil], []).unwrap().status, 403);
/// assert_eq!(endpoint.refusal("DELETE", [], []).unwrap().status, 405);
/// assert!(endpoint.refusal("GET", [], [&b"same-origin"[..]]).is_none()); // go on: read the session
/// assert_eq!(endpoint.respond(None).status, 401);
/// let ok = endpoint.respond(Some(TokenUser::new("ada@example.com")));
/// assert!(ok.body.starts_with(r#"{"jwt":"ey"#));
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct TokenEndpoint {
    tokens: TokenSigner,
    allowed: AllowedOrigins,
}

impl TokenEndpoint {
    /// The endpoint for this token signer and these origins.
    pub fn new(tokens: TokenSigner, allowed: AllowedOrigins) -> Self {
        TokenEndpoint { tokens, allowed }
    }

    /// The token signer it uses.
    pub fn tokens(&self) -> &TokenSigner {
        &self.tokens
    }

    /// The first step, before the session is read: the answer when the request is refused
    /// (`405` for a method other than `GET` and `POST`, `403` for a request from elsewhere, by
    /// [`AllowedOrigins::allows_headers`] on every raw header value), or `None` to go on.
    pub fn refusal<'a, O, S>(
        &self,
        method: &str,
        origin: O,
        sec_fetch_site: S,
    ) -> Option<EndpointResponse>
    where
        O: IntoIterator<Item = &'a [u8]>,
        S: IntoIterator<Item = &'a [u8]>,
    {
        refusal(self, method, origin, sec_fetch_site)
    }

    /// The second step: the answer for the session's user (`None`: nobody is logged in); a
    /// user the signer cannot mint for is a `500` with the error's code. The token is issued
    /// now, by the system clock.
    pub fn respond(&self, user: Option<TokenUser<'_>>) -> EndpointResponse {
        self.respond_at(user, UnixTime::now())
    }

    /// [`respond`](Self::respond) with the token issued at `now`: for a runtime whose clock
    /// is the host's (WebAssembly, where the core must not read `SystemTime`), and for tests.
    pub fn respond_at(&self, user: Option<TokenUser<'_>>, now: UnixTime) -> EndpointResponse {
        let Some(user) = user else {
            return error(401, TOKEN_VARY, "not logged in");
        };
        match self.tokens.mint_with(user, Some(now), None) {
            // `MintedToken`'s JSON form, `{"jwt", "expiresAt"}` in that order, with no fallible
            // serializer: a JWT is base64url and dots.
            Ok(minted) => answer(
                200,
                TOKEN_VARY,
                format!(
                    r#"{{"jwt":{},"expiresAt":{}}}"#,
                    serde_json::Value::from(minted.jwt),
                    minted.expires_at
                ),
            ),
            Err(e) => self.failure(e.code()),
        }
    }

    /// The `500` for a session user that could not be read, with the stable code of the
    /// binding's error (`ERR_INVALID_ARG_TYPE`, say).
    pub fn failure(&self, code: &str) -> EndpointResponse {
        failure(TOKEN_VARY, code)
    }
}

/// Both endpoints as a binding calls them, with the values it read: the request's method and
/// header values, then the session's user (a user the core refuses, an email with a lone
/// surrogate, is a `500` with its code).
#[doc(hidden)]
pub trait SessionEndpoint {
    /// The `Vary` header of the endpoint's answers (a method, so that the trait stays `dyn`).
    fn vary(&self) -> &'static str;
    /// The origins it answers, or `None`: same-origin requests only.
    fn allowed(&self) -> Option<&AllowedOrigins>;
    /// The second step, for the session's user, at `now` (a token's `iat`).
    fn respond_session(&self, user: Option<&SessionUserInput>, now: UnixTime) -> EndpointResponse;

    /// The first step, `refusal`, from the header values a binding read.
    fn refusal_of(
        &self,
        method: &str,
        origin: &HeaderValues,
        site: &HeaderValues,
    ) -> Option<EndpointResponse> {
        refusal(self, method, origin.slices(), site.slices())
    }
}

impl SessionEndpoint for UserEndpoint {
    fn vary(&self) -> &'static str {
        USER_VARY
    }
    fn allowed(&self) -> Option<&AllowedOrigins> {
        self.allowed.as_ref()
    }
    fn respond_session(&self, user: Option<&SessionUserInput>, _: UnixTime) -> EndpointResponse {
        match user.map(SessionUserInput::as_user).transpose() {
            Ok(user) => self.respond(user),
            Err(error) => self.failure(error.code()),
        }
    }
}

impl SessionEndpoint for TokenEndpoint {
    fn vary(&self) -> &'static str {
        TOKEN_VARY
    }
    fn allowed(&self) -> Option<&AllowedOrigins> {
        Some(&self.allowed)
    }
    fn respond_session(&self, user: Option<&SessionUserInput>, now: UnixTime) -> EndpointResponse {
        match user.map(SessionUserInput::as_token_user).transpose() {
            Ok(user) => self.respond_at(user, now),
            Err(error) => self.failure(error.code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_serializes_with_its_headers_in_order() {
        let response = EndpointResponse {
            status: 401,
            headers: vec![("x-b", "2"), ("x-a", "1")],
            body: "{}".into(),
        };
        let text = serde_json::to_string(&response).unwrap();
        assert_eq!(
            text,
            r#"{"status":401,"headers":{"x-b":"2","x-a":"1"},"body":"{}"}"#
        );
    }
}
