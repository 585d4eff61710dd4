//! Node.js binding: argument conversion and error mapping only. Every rule lives in the core.
#![deny(clippy::all)]

use napi::Env;
use napi::bindgen_prelude::{Buffer, Unknown};
use napi_derive::napi;
use unthread_identity as core;

mod args;
mod errors;

use args::{Arg, HexOut, OptionalArg, SecretArg, ShortStr};
use errors::{Result, to_js};

/// Options for a `Signer`.
#[napi(object, object_to_js = false)]
pub struct SignerOptions {
    /// `'exact'` (default): hash the email exactly as given, after validation.
    /// `'canonical'`: trim and lowercase it first, for both the hash and the user object.
    #[napi(ts_type = "'exact' | 'canonical'")]
    pub email_policy: Option<OptionalArg<String>>,
    /// Previous secrets, during a rotation: hashes made with them still verify, new hashes use
    /// the primary secret. See `matchingKey`.
    #[napi(ts_type = "Array<string | Buffer>")]
    pub previous_secrets: Option<OptionalArg<Vec<SecretArg>>>,
}

/// The user to sign: the email of the user who is logged in (never one sent by the client),
/// and an optional display name.
#[napi(object, object_to_js = false)]
pub struct UserInput {
    /// The logged-in user's email address.
    #[napi(ts_type = "string")]
    pub email: Arg<String>,
    /// The name the portal shows.
    #[napi(ts_type = "string")]
    pub name: Option<OptionalArg<String>>,
}

/// The user object for `window.$unthread.helpCenter("start", { user })`, as `user()` returns
/// it: keys in the order `name`, `email`, `emailHash`, exactly as the core serialises it.
#[napi(object, object_from_js = false)]
pub struct SignedUser {
    /// The name, when one was given.
    pub name: Option<String>,
    /// The email, exactly as it was hashed (after the email policy).
    pub email: String,
    /// HMAC-SHA256 of the email, 64 lowercase hex digits.
    pub email_hash: String,
}

/// Options for `startScript` and `stopScript`.
#[napi(object, object_to_js = false)]
pub struct ScriptOptions {
    /// The page's CSP nonce (base64 or base64url characters); it becomes the `nonce` attribute.
    #[napi(ts_type = "string")]
    pub nonce: Option<OptionalArg<String>>,
}

/// Signs and verifies email addresses with the identity verification secret.
///
/// Build it once at start-up and share it: the HMAC key state is precomputed, and the secret
/// never appears in `util.inspect`, `JSON.stringify` or an error message.
///
/// ```js
/// const { Signer } = require('unthread-identity')
/// const signer = Signer.fromEnv() // UNTHREAD_IDENTITY_SECRET
/// const user = signer.user({ email: session.email, name: session.name })
/// res.json({ unthreadUser: user })
/// ```
#[napi]
pub struct Signer {
    inner: core::Signer,
}

#[napi]
impl Signer {
    /// A signer for `secret` (a string, or a `Buffer` of raw bytes). Throws `ERR_INVALID_SECRET`
    /// for an empty secret and `ERR_INVALID_OPTION` for an unknown email policy.
    #[napi(
        constructor,
        ts_args_type = "secret: string | Buffer, options?: SignerOptions | undefined | null"
    )]
    pub fn new(secret: SecretArg, options: OptionalArg<SignerOptions>) -> Result<Self> {
        Self::build(secret.into_secret(), options)
    }

    /// A signer whose secret is read from the environment variable `name` (default
    /// `UNTHREAD_IDENTITY_SECRET`). Names that frontend bundlers expose to browsers
    /// (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, …) throw `ERR_EXPOSED_SECRET_VARIABLE`.
    #[napi(
        factory,
        ts_args_type = "name?: string | undefined | null, options?: SignerOptions | undefined | null"
    )]
    pub fn from_env(
        name: OptionalArg<String>,
        options: OptionalArg<SignerOptions>,
    ) -> Result<Self> {
        let name = name.0.as_deref().unwrap_or(core::DEFAULT_SECRET_VARIABLE);
        Self::build(core::Secret::from_env_var(name), options)
    }

    /// A signer whose secret is read from a file (one trailing newline is ignored).
    #[napi(
        factory,
        ts_args_type = "path: string, options?: SignerOptions | undefined | null"
    )]
    pub fn from_file(path: Arg<String>, options: OptionalArg<SignerOptions>) -> Result<Self> {
        Self::build(core::Secret::from_file(path.0), options)
    }

    fn build(
        secret: core::Result<core::Secret>,
        options: OptionalArg<SignerOptions>,
    ) -> Result<Self> {
        let mut inner = core::Signer::new(secret.map_err(to_js)?);
        if let Some(options) = options.0 {
            if let Some(policy) = options.email_policy.and_then(|p| p.0) {
                inner = inner.with_email_policy(policy.parse().map_err(to_js)?);
            }
            let previous = options
                .previous_secrets
                .and_then(|p| p.0)
                .unwrap_or_default();
            let previous = previous
                .into_iter()
                .map(SecretArg::into_secret)
                .collect::<core::Result<Vec<_>>>()
                .map_err(to_js)?;
            inner = inner.with_previous(previous);
        }
        Ok(Signer { inner })
    }

    /// The hash of `email` for the portal: HMAC-SHA256 as 64 lowercase hex digits. With the
    /// default policy, the bytes of `crypto.createHmac('sha256', secret).update(email).digest('hex')`.
    /// Throws `ERR_INVALID_EMAIL` for an email the policy refuses.
    #[napi(ts_args_type = "email: string", ts_return_type = "string")]
    pub fn sign(&self, email: ShortStr) -> Result<HexOut> {
        self.inner.sign(email.as_str()).map(HexOut).map_err(to_js)
    }

    /// Whether `hash` is the hash of `email` under the primary or a previous secret. Hex of
    /// either case is accepted; compared in constant time. A malformed hash or invalid email
    /// gives `false`.
    #[napi(ts_args_type = "email: string, hash: string")]
    pub fn verify(&self, email: ShortStr, hash: ShortStr) -> bool {
        self.inner.verify(email.as_str(), hash.as_str())
    }

    /// Like `verify`, but returns the fingerprint of the secret that made the hash, or `null`.
    /// Compare it with `fingerprint` to see whether a previous secret is still in use.
    #[napi(ts_args_type = "email: string, hash: string")]
    pub fn matching_key(&self, email: Arg<String>, hash: Arg<String>) -> Option<String> {
        self.inner
            .matching_key(&email.0, &hash.0)
            .map(|fingerprint| fingerprint.to_string())
    }

    /// Signs a batch of emails. Throws `ERR_INVALID_EMAIL`, naming the index, on the first
    /// invalid one.
    #[napi(ts_args_type = "emails: Array<string>")]
    pub fn sign_many(&self, emails: Arg<Vec<Arg<String>>>) -> Result<Vec<String>> {
        let emails = emails.0.iter().map(|email| email.0.as_str());
        let hashes = self.inner.sign_many(emails).map_err(to_js)?;
        Ok(hashes.into_iter().map(String::from).collect())
    }

    /// HMAC-SHA256 of raw bytes with the primary secret, with no email policy: for test vectors
    /// and diagnostics. Use `sign` for the portal.
    #[napi(ts_args_type = "data: Buffer")]
    pub fn sign_raw(&self, data: Arg<Buffer>) -> String {
        self.inner.sign_raw(&data.0).into()
    }

    /// The signed user object for the portal's `start` call: `{ name?, email, emailHash }`.
    #[napi(ts_args_type = "user: UserInput", ts_return_type = "SignedUser")]
    pub fn user<'env>(&self, env: &'env Env, user: Arg<UserInput>) -> Result<Unknown<'env>> {
        let signed = self.sign_user(user.0)?;
        env.to_js_value(&signed)
            .map_err(|e| napi::Error::new("ERR_INTERNAL", e.reason.clone()))
    }

    fn sign_user(&self, user: UserInput) -> Result<core::SignedUser> {
        self.inner
            .user(
                &user.email.0,
                user.name.as_ref().and_then(|n| n.0.as_deref()),
            )
            .map_err(to_js)
    }

    /// A complete `<script>` element that starts the portal for `user`, with the JSON escaped
    /// so that no name can close the element. Throws `ERR_INVALID_NONCE` for a malformed nonce.
    #[napi(ts_args_type = "user: UserInput, options?: ScriptOptions | undefined | null")]
    pub fn start_script(
        &self,
        user: Arg<UserInput>,
        options: OptionalArg<ScriptOptions>,
    ) -> Result<String> {
        let signed = self.sign_user(user.0)?;
        core::start_script(&signed, nonce_of(&options)).map_err(to_js)
    }

    /// The fingerprint of the primary secret: 12 hex digits that identify it in logs without
    /// revealing it.
    #[napi(getter)]
    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_string()
    }

    /// The fingerprints of the previous secrets.
    #[napi(getter)]
    pub fn previous_fingerprints(&self) -> Vec<String> {
        self.inner
            .previous_fingerprints()
            .map(|fingerprint| fingerprint.to_string())
            .collect()
    }

    /// The email policy in force: `'exact'` or `'canonical'`.
    #[napi(getter)]
    pub fn email_policy(&self) -> &'static str {
        self.inner.email_policy().as_str()
    }
}

/// A complete `<script>` element that stops the portal: call it at logout, so the next person on
/// the same browser does not see this user's tickets.
#[napi(ts_args_type = "options?: ScriptOptions | undefined | null")]
pub fn stop_script(options: OptionalArg<ScriptOptions>) -> Result<String> {
    core::stop_script(nonce_of(&options)).map_err(to_js)
}

fn nonce_of(options: &OptionalArg<ScriptOptions>) -> Option<&str> {
    options
        .0
        .as_ref()
        .and_then(|o| o.nonce.as_ref())
        .and_then(|n| n.0.as_deref())
}
