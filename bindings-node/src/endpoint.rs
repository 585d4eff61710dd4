//! `UserEndpoint` and `TokenEndpoint`: the HTTP decisions of the two JSON endpoints, made by the
//! core (`unthread_identity::{UserEndpoint, TokenEndpoint}`), whose `EndpointResponse` is
//! returned as it serializes (`{ status, headers, body }`). The Express and web-standard
//! handlers (`integrations/`) only read the request and write the answer. Argument conversion
//! only.

use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use unthread_identity as core;

use crate::errors::Result;
use crate::source::Value;
use crate::source::{checked, from_js};
use crate::token::json_value;
use core::bindings::{HeaderValues, PageUser, SessionEndpoint, SessionUserInput};

/// The classic portal's signed-user endpoint: `{ user }` for the session's user, `401` without
/// one, always `no-store`.
#[napi]
pub struct UserEndpoint {
    inner: core::UserEndpoint,
}

#[napi]
impl UserEndpoint {
    /// Without `allowedOrigins`, only same-origin requests (by `Sec-Fetch-Site`) are answered;
    /// with it, `Origin` is checked against the list, as the token endpoint does.
    #[napi(
        constructor,
        ts_args_type = "signer: Signer, allowedOrigins?: Array<string> | null | undefined"
    )]
    pub fn new(env: &Env, signer: &crate::Signer, allowed_origins: Value) -> Result<Self> {
        let allowed: Option<_> = checked(env, allowed_origins, "allowedOrigins")?;
        let inner = core::UserEndpoint::new((*signer.inner).clone()).with_allowed_origins(allowed);
        Ok(UserEndpoint { inner })
    }

    /// The first step, before the session is read: the answer that refuses the request (`405`
    /// for a method other than GET and POST, `403` from elsewhere), or `null` to go on.
    #[napi(
        ts_args_type = "method: string, origin: string | Array<string> | null | undefined, secFetchSite: string | Array<string> | null | undefined",
        ts_return_type = "EndpointResponse | null"
    )]
    pub fn refusal<'env>(
        &self,
        env: &'env Env,
        method: Value,
        origin: Value,
        sec_fetch_site: Value,
    ) -> Result<Unknown<'env>> {
        refusal(env, &self.inner, [method, origin, sec_fetch_site])
    }

    /// The answer for the session's user (its own `email` and `name`; other fields are
    /// ignored), or for `null` when nobody is logged in. A user the core refuses (an email
    /// the policy refuses) is a `500` with its code; a value of the wrong type is a `TypeError`.
    #[napi(
        ts_args_type = "user: SessionUser | null | undefined",
        ts_return_type = "EndpointResponse"
    )]
    pub fn respond<'env>(&self, env: &'env Env, user: Value) -> Result<Unknown<'env>> {
        respond(env, &self.inner, user)
    }
}

/// The embedded portal's token endpoint: `{ jwt, expiresAt }` for the session's user, to pages
/// of the allowed origins, `GET` or `POST`.
#[napi]
pub struct TokenEndpoint {
    inner: core::TokenEndpoint,
}

#[napi]
impl TokenEndpoint {
    /// Throws `ERR_INVALID_OPTION` for origins that `AllowedOrigins` refuses.
    #[napi(
        constructor,
        ts_args_type = "tokens: TokenSigner, allowedOrigins: Array<string>"
    )]
    pub fn new(
        env: &Env,
        tokens: &crate::token::TokenSigner,
        allowed_origins: Value,
    ) -> Result<Self> {
        let allowed = checked(env, allowed_origins, "allowedOrigins")?;
        Ok(TokenEndpoint {
            inner: core::TokenEndpoint::new(tokens.inner.clone(), allowed),
        })
    }

    /// The first step, before the session is read: the answer that refuses the request (`405`
    /// for a method other than GET and POST, `403` from elsewhere), or `null` to go on. Give
    /// every raw value of `Origin` and `Sec-Fetch-Site` (see `AllowedOrigins.allows`).
    #[napi(
        ts_args_type = "method: string, origin: string | Array<string> | null | undefined, secFetchSite: string | Array<string> | null | undefined",
        ts_return_type = "EndpointResponse | null"
    )]
    pub fn refusal<'env>(
        &self,
        env: &'env Env,
        method: Value,
        origin: Value,
        sec_fetch_site: Value,
    ) -> Result<Unknown<'env>> {
        refusal(env, &self.inner, [method, origin, sec_fetch_site])
    }

    /// The answer for the session's user (its own `email`, `name` and `id`, which becomes the
    /// subject; other fields are ignored), or for `null` when nobody is logged in. A user the
    /// core refuses is a `500` with its code; a value of the wrong type is a `TypeError`.
    #[napi(
        ts_args_type = "user: SessionUser | null | undefined",
        ts_return_type = "EndpointResponse"
    )]
    pub fn respond<'env>(&self, env: &'env Env, user: Value) -> Result<Unknown<'env>> {
        respond(env, &self.inner, user)
    }
}

/// The session's user as the endpoints read it (its own `email` and `name`, every other field
/// ignored), for `signer.user()` and `signer.pageScript()`: `null` when nobody is logged in.
/// Throws `ERR_INVALID_EMAIL` for an email that is not Unicode, a `TypeError` for a wrong type.
#[napi(
    ts_args_type = "user: SessionUser | null | undefined",
    ts_return_type = "PageUser | null"
)]
pub fn session_user<'env>(env: &'env Env, user: Value) -> Result<Unknown<'env>> {
    let page: Option<PageUser> = checked(env, user, "user")?;
    json_value(env, &page)
}

/// Either endpoint's first step, from the request's method and header values.
fn refusal<'env>(
    env: &'env Env,
    endpoint: &impl SessionEndpoint,
    [method, origin, site]: [Value; 3],
) -> Result<Unknown<'env>> {
    let method: String = from_js(env, method, "method")?;
    let origin: HeaderValues = from_js(env, origin, "origin")?;
    let site: HeaderValues = from_js(env, site, "secFetchSite")?;
    json_value(env, &endpoint.refusal_of(&method, &origin, &site))
}

/// Either endpoint's second step, for the session's user.
fn respond<'env>(
    env: &'env Env,
    endpoint: &impl SessionEndpoint,
    user: Value,
) -> Result<Unknown<'env>> {
    let user: Option<SessionUserInput> = from_js(env, user, "user")?;
    json_value(
        env,
        &endpoint.respond_session(user.as_ref(), core::UnixTime::now()),
    )
}
