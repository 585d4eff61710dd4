//! `UserEndpoint` and `TokenEndpoint`: the HTTP decisions of the two JSON endpoints, made by the
//! core (`unthread_identity::{UserEndpoint, TokenEndpoint}`). The Express and web-standard
//! handlers (`integrations/`) only read the request and write the `{ status, headers, body }`
//! these return. Argument conversion only.

use std::collections::HashMap;

use napi::Env;
use napi_derive::napi;
use unthread_identity as core;

use crate::args::{Js, Value};
use crate::errors::Result;
use crate::source::from_js;
use core::bindings::HeaderValues;

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
    /// Without `allowedOrigins`, only same-origin requests (by `Sec-Fetch-Site`) are answered;
    /// with it, `Origin` is checked against the list, as the token endpoint does.
    #[napi(
        constructor,
        ts_args_type = "signer: Signer, allowedOrigins?: Array<string> | null | undefined"
    )]
    pub fn new(env: &Env, signer: &crate::Signer, allowed_origins: Value) -> Result<Self> {
        let js = Js(env);
        let inner = core::UserEndpoint::new((*signer.inner).clone());
        let inner = match js.type_of(allowed_origins)? {
            napi::ValueType::Undefined | napi::ValueType::Null => inner,
            _ => inner.with_allowed_origins(allowed(js, allowed_origins)?),
        };
        Ok(UserEndpoint { inner })
    }

    /// The first step, before the session is read: the answer that refuses the request (`405`
    /// for a method other than GET and POST, `403` from elsewhere), or `null` to go on.
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
        let (method, origin, site) = request(Js(env), method, origin, sec_fetch_site)?;
        Ok(self
            .inner
            .refusal(&method, origin.slices(), site.slices())
            .map(Into::into))
    }

    /// The answer for the session's user (its own `email` and `name`; other fields are
    /// ignored), or for `null` when nobody is logged in. A user the core refuses (an email
    /// the policy refuses) is a `500` with its code; a value of the wrong type is a `TypeError`.
    #[napi(ts_args_type = "user: SessionUser | null | undefined")]
    pub fn respond(&self, env: &Env, user: Value) -> Result<EndpointResponse> {
        let user: Option<core::bindings::SessionUserInput> = from_js(Js(env), user, "user")?;
        Ok(self.inner.respond_session(user.as_ref()).into())
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
        let allowed = allowed(Js(env), allowed_origins)?;
        Ok(TokenEndpoint {
            inner: core::TokenEndpoint::new(tokens.inner.clone(), allowed),
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
        let (method, origin, site) = request(Js(env), method, origin, sec_fetch_site)?;
        Ok(self
            .inner
            .refusal(&method, origin.slices(), site.slices())
            .map(Into::into))
    }

    /// The answer for the session's user (its own `email`, `name` and `id`, which becomes the
    /// subject; other fields are ignored), or for `null` when nobody is logged in. A user the
    /// core refuses is a `500` with its code; a value of the wrong type is a `TypeError`.
    #[napi(ts_args_type = "user: SessionUser | null | undefined")]
    pub fn respond(&self, env: &Env, user: Value) -> Result<EndpointResponse> {
        let user: Option<core::bindings::SessionUserInput> = from_js(Js(env), user, "user")?;
        let now = core::UnixTime::now();
        Ok(self.inner.respond_session_at(user.as_ref(), now).into())
    }
}

/// The user of a page, read from the session's user by the endpoints' rule (own `email` and
/// `name`; other fields ignored): what `signer.user()` takes, or `null` for no user.
#[napi(object)]
pub struct PageUser {
    pub email: String,
    pub name: Option<String>,
}

/// The session's user as the endpoints read it (its own `email` and `name`, every other field
/// ignored), for `signer.user()` and `signer.pageScript()`: `null` when nobody is logged in.
/// Throws `ERR_INVALID_EMAIL` for an email that is not Unicode, a `TypeError` for a wrong type.
#[napi(ts_args_type = "user: SessionUser | null | undefined")]
pub fn session_user(env: &Env, user: Value) -> Result<Option<PageUser>> {
    let user: Option<core::bindings::SessionUserInput> = from_js(Js(env), user, "user")?;
    user.map(|user| {
        let page = user.as_user().map_err(|e| Js(env).fail(e))?;
        Ok(PageUser {
            email: page.email().to_owned(),
            name: page.name().map(str::to_owned),
        })
    })
    .transpose()
}

fn allowed(js: Js, origins: Value) -> Result<core::AllowedOrigins> {
    let origins = js
        .array(origins, "allowedOrigins")?
        .map(|i, o| js.string(o, &format!("allowedOrigins[{i}]")))?;
    core::AllowedOrigins::new(origins).map_err(|e| js.fail(e))
}

type Request = (String, HeaderValues, HeaderValues);

fn request(js: Js, method: Value, origin: Value, sec_fetch_site: Value) -> Result<Request> {
    Ok((
        js.string(method, "method")?,
        from_js(js, origin, "origin")?,
        from_js(js, sec_fetch_site, "secFetchSite")?,
    ))
}
