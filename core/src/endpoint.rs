//! The two JSON endpoints, decided once for every framework: the classic portal's signed user
//! (`/api/unthread-user`) and the embedded portal's token (`/api/portal-token`).
//!
//! A framework adapter reads the request (its method, the raw `Origin` and `Sec-Fetch-Site`
//! values, the session's user) and writes the [`EndpointResponse`] it gets back; every decision
//! is made here:
//!
//! - the identity comes only from the session, never from the request's query or body;
//! - no session: `401`;
//! - the token endpoint answers `GET` (what Unthread's documented `getToken` sends) and `POST`,
//!   and anything else `405`; a request from elsewhere ([`AllowedOrigins`]) gets `403` before
//!   the session is read, which is why it is its own step ([`TokenEndpoint::refusal`]);
//! - every answer: `Cache-Control: no-store` (no proxy may serve one user's answer to
//!   another), `Vary: Cookie` (and `Origin` for tokens), JSON.

use serde_json::json;

use crate::error::Error;
use crate::signer::Signer;
use crate::token::{AllowedOrigins, TokenSigner, TokenUser};
use crate::user::UserRef;

/// What an endpoint answers: status, headers and a JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointResponse {
    /// `200`, `401`, `403` or `405`.
    pub status: u16,
    /// The headers to set, in this order.
    pub headers: Vec<(&'static str, &'static str)>,
    /// The JSON text of the body.
    pub body: String,
}

const JSON: (&str, &str) = ("content-type", "application/json; charset=utf-8");
const NO_STORE: (&str, &str) = ("cache-control", "no-store");

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

/// The classic portal's endpoint: `{"user": {name, email, emailHash}}` for the session's user.
///
/// ```
/// use unthread_identity::{Secret, Signer, UserEndpoint, UserRef};
/// let endpoint = UserEndpoint::new(Signer::new(Secret::new("demo-secret")?));
/// assert_eq!(endpoint.respond(None)?.status, 401);
/// let ok = endpoint.respond(Some(UserRef::new("ada@example.com")))?;
/// assert_eq!((ok.status, ok.headers[0]), (200, ("cache-control", "no-store")));
/// assert!(ok.body.starts_with(r#"{"user":{"email":"ada@example.com","emailHash":""#));
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct UserEndpoint {
    signer: Signer,
}

impl UserEndpoint {
    /// The endpoint for this signer.
    pub fn new(signer: Signer) -> Self {
        UserEndpoint { signer }
    }

    /// The signer it uses.
    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    /// The answer for the session's user (`None`: nobody is logged in). An email the policy
    /// refuses is the error of [`Signer::user`]: a bug of the app's session, not the client's.
    pub fn respond(&self, user: Option<UserRef<'_>>) -> Result<EndpointResponse, Error> {
        let Some(user) = user else {
            return Ok(error(401, "Cookie", "not logged in"));
        };
        let signed = self.signer.signed_user(user)?;
        Ok(answer(
            200,
            "Cookie",
            format!(r#"{{"user":{}}}"#, signed.to_json()),
        ))
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
/// assert_eq!(endpoint.respond(None)?.status, 401);
/// let ok = endpoint.respond(Some(TokenUser::new("ada@example.com")))?;
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
        if !method.eq_ignore_ascii_case("GET") && !method.eq_ignore_ascii_case("POST") {
            let mut refused = error(405, "Cookie, Origin", "method not allowed");
            refused.headers.push(("allow", "GET, POST"));
            return Some(refused);
        }
        if !self.allowed.allows_headers(origin, sec_fetch_site) {
            return Some(error(403, "Cookie, Origin", "origin not allowed"));
        }
        None
    }

    /// The second step: the answer for the session's user (`None`: nobody is logged in).
    pub fn respond(&self, user: Option<TokenUser<'_>>) -> Result<EndpointResponse, Error> {
        let Some(user) = user else {
            return Ok(error(401, "Cookie, Origin", "not logged in"));
        };
        let minted = self.tokens.mint(user)?;
        // `MintedToken`'s JSON form, `{"jwt", "expiresAt"}` in that order, with no fallible
        // serializer: a JWT is base64url and dots.
        let body = format!(
            r#"{{"jwt":{},"expiresAt":{}}}"#,
            serde_json::Value::from(minted.jwt),
            minted.expires_at
        );
        Ok(answer(200, "Cookie, Origin", body))
    }
}
