//! `UserEndpoint` and `TokenEndpoint`: the HTTP decisions of the two JSON endpoints, made by the
//! core (`unthread_identity::{UserEndpoint, TokenEndpoint}`). The Express and web-standard
//! handlers (`integrations/`) only read the request and write the `{ status, headers, body }`
//! these return. Argument conversion only.

use std::collections::HashMap;

use napi::Env;
use napi_derive::napi;
use unthread_identity as core;

use crate::args::{Js, Value};
use crate::de::from_js;
use crate::errors::{Result, to_js};

/// An endpoint's answer: write `status`, every header of `headers`, and `body` (JSON text).
#[napi(object)]
pub struct EndpointResponse {
    pub status: u32,
    pub headers: HashMap<String, String>,
    pub body: String,
}

impl From<core::EndpointResponse> for EndpointResponse {
    fn from(r: core::EndpointResponse) -> Self {
        EndpointResponse {
            status: u32::from(r.status),
            headers: r
                .headers
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            body: r.body,
        }
    }
}

/// The classic portal's signed-user endpoint: `{ user }` for the session's user, `401` without
/// one, always `no-store`.
#[napi]
pub struct UserEndpoint {
    inner: core::UserEndpoint,
}

#[napi]
impl UserEndpoint {
    #[napi(constructor, ts_args_type = "signer: Signer")]
    pub fn new(signer: &crate::Signer) -> Self {
        UserEndpoint {
            inner: core::UserEndpoint::new(signer.core().clone()),
        }
    }

    /// The answer for the session's user, `{ email, name? }`, or `null` when nobody is logged in.
    #[napi(ts_args_type = "user: { email: string, name?: string | null } | null | undefined")]
    pub fn respond(&self, env: &Env, user: Value) -> Result<EndpointResponse> {
        let user: Option<core::SessionUserInput> = from_js(Js(env), user, "user")?;
        let user = user
            .as_ref()
            .map(|u| u.as_user())
            .transpose()
            .map_err(to_js)?;
        self.inner.respond(user).map(Into::into).map_err(to_js)
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
        let js = Js(env);
        let origins = js
            .array(allowed_origins, "allowedOrigins")?
            .map(|i, o| js.string(o, &format!("allowedOrigins[{i}]")))?;
        let allowed = core::AllowedOrigins::new(origins).map_err(to_js)?;
        Ok(TokenEndpoint {
            inner: core::TokenEndpoint::new(tokens.core().clone(), allowed),
        })
    }

    /// The first step, before the session is read: the answer that refuses the request (`405`
    /// for a method other than GET and POST, `403` from elsewhere), or `null` to go on. Give
    /// every raw value of `Origin` and `Sec-Fetch-Site` (see `AllowedOrigins.allows`).
    #[napi(
        ts_args_type = "method: string, origin: string | Array<string> | null | undefined, secFetchSite: string | Array<string> | null | undefined"
    )]
    pub fn refusal(
        &self,
        env: &Env,
        method: Value,
        origin: Value,
        sec_fetch_site: Value,
    ) -> Result<Option<EndpointResponse>> {
        let js = Js(env);
        let method = js.string(method, "method")?;
        let origin = crate::token::header_values(js, origin, "origin")?;
        let site = crate::token::header_values(js, sec_fetch_site, "secFetchSite")?;
        Ok(self
            .inner
            .refusal(
                &method,
                origin.iter().map(Vec::as_slice),
                site.iter().map(Vec::as_slice),
            )
            .map(Into::into))
    }

    /// The answer for the session's user, `{ email, name?, id? }` (`id`, a string or a number,
    /// becomes the subject), or `null` when nobody is logged in.
    #[napi(
        ts_args_type = "user: { email: string, name?: string | null, id?: string | number | null } | null | undefined"
    )]
    pub fn respond(&self, env: &Env, user: Value) -> Result<EndpointResponse> {
        let user: Option<core::TokenUserInput> = from_js(Js(env), user, "user")?;
        let user = user
            .as_ref()
            .map(|u| u.as_user("user.id"))
            .transpose()
            .map_err(to_js)?;
        self.inner.respond(user).map(Into::into).map_err(to_js)
    }
}
