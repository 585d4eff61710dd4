//! `TokenSigner`: the embedded portal's tokens. Argument conversion and error mapping only;
//! every rule (lifetimes, claim names, checks, the doctor) is the core's `TokenSigner`.

use napi::Env;
use napi::bindgen_prelude::{JavaScriptClassExt, This, Unknown};
use napi_derive::napi;
use unthread_identity as core;

use crate::errors::{self, Result, throw};
use crate::source::{Js, Value};
use crate::source::{checked, from_js, options as options_of};

/// Mints and verifies the embedded portal's short-lived tokens (HS256 JWTs) with the embed
/// secret, `UNTHREAD_PORTAL_EMBED_SECRET`. Build it once at start-up.
///
/// ```js
/// const { TokenSigner } = require('unthread-identity')
/// const tokens = TokenSigner.fromEnv() // UNTHREAD_PORTAL_EMBED_SECRET
/// const { jwt, expiresAt } = tokens.mintToken({ email: session.email, name: session.name })
/// ```
#[napi]
pub struct TokenSigner {
    pub(crate) inner: core::TokenSigner,
}

#[napi]
impl TokenSigner {
    /// A token signer for the embed secret: a string (used as its UTF-8 bytes, unless
    /// `secretEncoding` is `'base64'` or `'hex'`) or a `Buffer`/`Uint8Array` of raw bytes.
    /// Throws `ERR_INVALID_SECRET` for a refused secret and `ERR_INVALID_OPTION` for an option
    /// out of range (a `ttlSeconds` above 3600, which is what milliseconds look like).
    #[napi(
        constructor,
        ts_args_type = "secret: string | Buffer | Uint8Array, options?: TokenSignerOptions | undefined | null"
    )]
    pub fn new(env: &Env, this: This<Unknown>, secret: Value, options: Value) -> Result<Self> {
        called_with_new::<TokenSigner>(env, &this, "TokenSigner")?;
        let config: core::TokenSignerConfig = options_of(env, options)?;
        let inner = config.build(checked(env, secret, "secret")?);
        Ok(TokenSigner {
            inner: inner.map_err(|e| throw(env, e))?,
        })
    }

    /// A token signer whose secret is read from the environment variable `name`; by default
    /// `UNTHREAD_PORTAL_EMBED_SECRET`, else `PORTAL_EMBED_SECRET` (both set to different values
    /// throws `ERR_INVALID_SECRET`, naming both). The rules of `Signer.fromEnv` apply: names
    /// that frontend bundlers expose to browsers throw `ERR_EXPOSED_SECRET_VARIABLE`.
    #[napi(
        ts_args_type = "name?: string | undefined | null, options?: TokenSignerOptions | undefined | null"
    )]
    pub fn from_env(env: &Env, name: Value, options: Value) -> Result<TokenSigner> {
        let name: Option<core::bindings::VariableName> = checked(env, name, "name")?;
        let config: core::TokenSignerConfig = options_of(env, options)?;
        let inner = config
            .build_from_env(name.as_deref())
            .map_err(|e| throw(env, e))?;
        Ok(TokenSigner { inner })
    }

    /// A token for the logged-in user (`{ email, name?, id? }`, from your session, never from
    /// the request): `{ jwt, expiresAt }`, `expiresAt` in seconds since 1970. `options.issuedAt`
    /// (seconds) and `options.jwtId` make it reproducible, for tests. Throws
    /// `ERR_INVALID_EMAIL` for an email the policy refuses.
    #[napi(ts_args_type = "user: TokenUserInput, options?: MintOptions | undefined | null")]
    pub fn mint_token(&self, env: &Env, user: Value, options: Value) -> Result<MintedToken> {
        let user: core::TokenUserInput = from_js(env, user, "user")?;
        let options: core::MintConfig = options_of(env, options)?;
        let throw = |e| errors::throw(env, e);
        let token_user = user.as_user("user.id").map_err(throw)?;
        let minted = options.mint(&self.inner, token_user).map_err(throw)?;
        Ok(MintedToken {
            jwt: minted.jwt,
            expires_at: minted.expires_at.as_secs() as f64,
        })
    }

    /// The claims of a valid token. Throws an `Error` whose `code` says why it is refused:
    /// `ERR_TOKEN_EXPIRED`, `ERR_TOKEN_NOT_YET_VALID`, `ERR_TOKEN_ALGORITHM` (anything but HS256),
    /// `ERR_TOKEN_SIGNATURE`, `ERR_TOKEN_UNKNOWN_KID`, `ERR_TOKEN_LIFETIME`, … (the README lists
    /// them). `options.now` (seconds) checks it as of another time.
    #[napi(
        ts_args_type = "jwt: string, options?: TimeOptions | undefined | null",
        ts_return_type = "TokenClaims"
    )]
    pub fn verify_token<'env>(
        &self,
        env: &'env Env,
        jwt: Value,
        options: Value,
    ) -> Result<Unknown<'env>> {
        let now = now_of(env, options)?;
        let verified = self.inner.verify_text(&Js(env).token(jwt)?, now);
        let verified = verified.map_err(|e| throw(env, e))?;
        // V8's JSON.parse makes the object from the payload's own text faster than building it
        // property by property through Node-API (see bench/token.mjs).
        crate::realm::json_parse(env, verified.payload_json)
    }

    /// What is wrong with a token, decoded without trusting it: `{ code, message, valid, kid,
    /// fingerprint, extraClaims, claims }`, with a stable `code` (`'VALID'`, `'EXPIRED'`,
    /// `'EXP_IN_MILLISECONDS'`, `'SIGNED_BY_OTHER_KEY'`, `'SECRET_ENCODING'`, …). Never the
    /// secret.
    #[napi(
        ts_args_type = "jwt: string, options?: TimeOptions | undefined | null",
        ts_return_type = "TokenDiagnosis"
    )]
    pub fn explain_token<'env>(
        &self,
        env: &'env Env,
        jwt: Value,
        options: Value,
    ) -> Result<Unknown<'env>> {
        let now = now_of(env, options)?;
        let diagnosis = self.inner.explain_text(&Js(env).token(jwt)?, now);
        json_value(
            env,
            &diagnosis.to_json(core::bindings::Language::JavaScript),
        )
    }

    /// The fingerprint of the primary key: compare it with the minting server's.
    #[napi(getter)]
    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_string()
    }

    /// The primary key's `kid`, or `null`.
    #[napi(getter)]
    pub fn kid(&self) -> Option<String> {
        self.inner.kid().map(str::to_owned)
    }

    /// The lifetime of a minted token, in seconds.
    #[napi(getter)]
    pub fn ttl_seconds(&self) -> f64 {
        self.inner.options().ttl.as_secs() as f64
    }

    /// What is worth fixing about the keys: an embed secret shorter than 32 bytes (RFC 7518
    /// §3.2), a secret file that other users can read. Empty when all is well.
    #[napi(getter)]
    pub fn warnings(&self) -> Vec<String> {
        crate::texts(self.inner.warnings())
    }
}

/// What `mintToken` returns, and what a token endpoint sends as JSON.
#[napi(object)]
pub struct MintedToken {
    /// The compact JWT.
    pub jwt: String,
    /// Its `exp`, in seconds since 1970.
    pub expires_at: f64,
}

/// A class constructor called without `new` throws, as JavaScript's own classes do.
pub(crate) fn called_with_new<C: JavaScriptClassExt>(
    env: &Env,
    this: &This<Unknown>,
    name: &str,
) -> Result<()> {
    if C::instance_of(env, &**this).map_err(errors::from_napi)? {
        return Ok(());
    }
    let message = format!("Class constructor {name} cannot be invoked without 'new'");
    Err(errors::throw_type_error(env, &message))
}

/// A JSON value as JavaScript's `JSON.parse` makes it: every number a JS number with the value
/// its text has (napi-rs's serde conversion makes integers above 2^53 BigInts).
pub(crate) fn json_value<'env>(
    env: &'env Env,
    value: &impl serde::Serialize,
) -> Result<Unknown<'env>> {
    let text = serde_json::to_string(value)
        .map_err(|_| errors::internal("a value could not be written as JSON"))?;
    crate::realm::json_parse(env, text)
}

fn now_of(env: &Env, options: Value) -> Result<core::UnixTime> {
    let options: core::TimeConfig = options_of(env, options)?;
    options.now().map_err(|e| throw(env, e))
}

/// The origins allowed to fetch a token (each `scheme://host[:port]`), checked once. A token
/// endpoint answers `403` when `allows` is false: a request whose `Origin` is not listed, or,
/// without `Origin`, one whose `Sec-Fetch-Site` says it came from another site.
#[napi]
pub struct AllowedOrigins {
    inner: core::AllowedOrigins,
}

#[napi]
impl AllowedOrigins {
    /// Throws `ERR_INVALID_OPTION` for an empty list, `*`, or an entry that is not an origin
    /// (a trailing `/` or a path included).
    #[napi(constructor, ts_args_type = "origins: Array<string>")]
    pub fn new(env: &Env, this: This<Unknown>, origins: Value) -> Result<Self> {
        called_with_new::<AllowedOrigins>(env, &this, "AllowedOrigins")?;
        let inner = checked(env, origins, "origins")?;
        Ok(AllowedOrigins { inner })
    }

    /// Whether a request with these `Origin` and `Sec-Fetch-Site` headers may get a token. Give
    /// each header's values as they arrived: `undefined`/`null` when absent, a string, or an
    /// array of strings when the header came more than once (Express: from `req.rawHeaders`).
    /// Strings are HTTP byte strings, as Node and `fetch` decode headers (each character one
    /// byte, Latin-1). Two `Origin`s, an `Origin` that is not UTF-8, two `Sec-Fetch-Site`s or an
    /// unknown one are refused.
    #[napi(
        ts_args_type = "origin?: string | Array<string> | null, secFetchSite?: string | Array<string> | null"
    )]
    pub fn allows(&self, env: &Env, origin: Value, sec_fetch_site: Value) -> Result<bool> {
        let origin: core::bindings::HeaderValues = from_js(env, origin, "origin")?;
        let site: core::bindings::HeaderValues = from_js(env, sec_fetch_site, "secFetchSite")?;
        Ok(self.inner.allows_headers(origin.slices(), site.slices()))
    }

    /// The origins, normalized (scheme and host lowercased).
    #[napi(getter)]
    pub fn origins(&self) -> Vec<String> {
        self.inner.as_slice().to_vec()
    }
}
