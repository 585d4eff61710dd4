//! Node.js binding: argument conversion and error mapping only. Every rule lives in the core.
//!
//! Arguments arrive as raw values. The core's reader reads options, users and every other
//! object (`source.rs` says what a JavaScript value is; the core decides keys, types and the
//! words of each `TypeError`); the hot path reads a short string by hand (`args.rs`, `text.rs`)
//! and a long one is measured before it is copied. The TypeScript types of the objects are
//! declared in `types-header.d.ts` (the napi CLI puts it at the top of `native.d.ts`), and those
//! of the token's user and claims are generated from the core (`claims.d.ts`).
#![deny(clippy::all)]
// `unsafe` is refused everywhere but `text.rs` (marked there), and each block carries its SAFETY
// argument. napi-rs's macros expand to their own `unsafe`, which they allow for themselves.
#![deny(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

use std::sync::Arc;

use napi::bindgen_prelude::{
    ClassInstance, JavaScriptClassExt, JsObjectValue, Object, This, Unknown,
};
use napi::{Env, JsValue};
use napi_derive::napi;
use unthread_identity as core;
use unthread_identity::bindings::{Identity, VariableName};

use crate::errors::throw;

mod args;
pub mod endpoint;
mod errors;
mod hot;
pub mod portal;
mod realm;
mod source;
#[allow(unsafe_code)] // The one module with `unsafe`: two blocks, each with its SAFETY argument.
mod text;
mod token;

use args::{Element, TextBuf};
use errors::Result;
use source::{Js, Value};

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
    /// Shared with the instance's own `sign` and `verify` (see `hot.rs`).
    pub(crate) inner: Arc<core::Signer>,
}

#[napi]
impl Signer {
    /// A signer for `secret`: a string (refused when empty or with surrounding whitespace), or
    /// a `Buffer`/`Uint8Array` of raw bytes. Throws `ERR_INVALID_SECRET` for a refused secret
    /// and `ERR_INVALID_OPTION` for an unknown option or email policy. Call it with `new`.
    #[napi(
        constructor,
        ts_args_type = "secret: string | Buffer | Uint8Array, options?: SignerOptions | undefined | null"
    )]
    pub fn new(env: &Env, this: This<Unknown>, secret: Value, options: Value) -> Result<Self> {
        token::called_with_new::<Signer>(env, &this, "Signer")?;
        let secret = source::checked(env, secret, "secret")?;
        let config: core::SignerConfig = source::options(env, options)?;
        let signer = Signer {
            inner: Arc::new(config.build(secret).map_err(|e| throw(env, e))?),
        };
        // A subclass keeps its own `sign`/`verify` overrides: only a plain `new Signer` gets
        // the per-instance functions.
        let object = this.coerce_to_object().map_err(errors::from_napi)?;
        if realm::made_by_signer_itself(env, &object)? {
            hot::install(env, object, &signer.inner)?;
        }
        Ok(signer)
    }

    /// A signer whose secret is read from the environment variable `name` (default
    /// `UNTHREAD_IDENTITY_SECRET`), as text. Names that frontend bundlers expose to browsers
    /// (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `VUE_APP_`, …) throw `ERR_EXPOSED_SECRET_VARIABLE`;
    /// when the variable is not set but an exposed look-alike is, the error names it.
    #[napi(
        ts_args_type = "name?: string | undefined | null, options?: SignerOptions | undefined | null",
        ts_return_type = "Signer"
    )]
    pub fn from_env<'env>(
        env: &'env Env,
        name: Value,
        options: Value,
    ) -> Result<ClassInstance<'env, Signer>> {
        let name: Option<VariableName> = source::checked(env, name, "name")?;
        let config: core::SignerConfig = source::options(env, options)?;
        Self::instance(env, config.build_from_env(name.as_deref()))
    }

    /// A signer whose secret is read from a text file: a regular file of at most 4 KiB, with a
    /// UTF-8 BOM and one trailing newline removed. See `warnings` for a file others can read.
    #[napi(
        ts_args_type = "path: string, options?: SignerOptions | undefined | null",
        ts_return_type = "Signer"
    )]
    pub fn from_file<'env>(
        env: &'env Env,
        path: Value,
        options: Value,
    ) -> Result<ClassInstance<'env, Signer>> {
        let path: String = source::from_js(env, path, "path")?;
        let config: core::SignerConfig = source::options(env, options)?;
        Self::instance(env, config.build_from_file(path))
    }

    /// The hash of `email` for the portal: HMAC-SHA256 as 64 lowercase hex digits. With the
    /// default policy, the bytes of `crypto.createHmac('sha256', secret).update(email).digest('hex')`.
    /// Throws `ERR_INVALID_EMAIL` for an email the policy refuses.
    #[napi(ts_args_type = "email: string", ts_return_type = "string")]
    pub fn sign(&self, env: &Env, email: Value) -> Result<Value> {
        hot::sign(env, &self.inner, email)
    }

    /// Whether `hash` is the hash of `email` under the primary or a previous secret. Hex of
    /// either case is accepted; compared in constant time. A malformed hash or invalid email
    /// gives `false`.
    #[napi(ts_args_type = "email: string, hash: string")]
    pub fn verify(&self, env: &Env, email: Value, hash: Value) -> Result<bool> {
        hot::verify(env, &self.inner, email, hash)
    }

    /// Like `verify`, but returns the fingerprint of the secret that made the hash, or `null`.
    /// Compare it with `fingerprint` to see whether a previous secret is still in use.
    #[napi(
        ts_args_type = "email: string, hash: string",
        ts_return_type = "string | null"
    )]
    pub fn matching_key(&self, env: &Env, email: Value, hash: Value) -> Result<Option<String>> {
        let email: Identity = source::from_js(env, email, "email")?;
        let hash: Identity = source::from_js(env, hash, "hash")?;
        let key = self.inner.matching_key_text(email.text(), hash.text());
        Ok(key.map(|fingerprint| fingerprint.to_string()))
    }

    /// Why `hash` does or does not verify for `email`: `{ code, message, valid,
    /// fingerprint }`, with a stable `code` (`'VERIFIED'`, `'BASE64'`, `'EMAIL_LOWERCASED'`,
    /// `'UNKNOWN'`, …, listed in the README), one sentence saying what to do, and the
    /// fingerprint of the secret concerned. It reveals nothing that `verify` does not.
    #[napi(
        ts_args_type = "email: string, hash: string",
        ts_return_type = "Diagnosis"
    )]
    pub fn explain<'env>(
        &self,
        env: &'env Env,
        email: Value,
        hash: Value,
    ) -> Result<Unknown<'env>> {
        let email: Identity = source::from_js(env, email, "email")?;
        let hash: Identity = source::from_js(env, hash, "hash")?;
        let diagnosis = self.inner.explain_text(email.text(), hash.text());
        token::json_value(
            env,
            &diagnosis.to_json(core::bindings::Language::JavaScript),
        )
    }

    /// Signs a batch of emails: any array, a Proxy of one included. Throws `ERR_INVALID_EMAIL`,
    /// naming the index, on the first invalid one.
    #[napi(
        ts_args_type = "emails: Array<string>",
        ts_return_type = "Array<string>"
    )]
    pub fn sign_many<'env>(&self, env: &'env Env, emails: Value) -> Result<Unknown<'env>> {
        let mut buf = TextBuf::new();
        let (emails, len) = Js(env).list(emails, "emails")?;
        // One string of hashes, cut into the array by V8 (see realm.rs).
        let mut joined = String::with_capacity(64 * (len as usize).min(1 << 16));
        for index in 0..len {
            let email = emails.get_element(index).map_err(errors::from_napi)?;
            let email = Js(env).text(&mut buf, email, Element("emails", index))?;
            let hash = self.inner.sign_measured(email);
            let hash = hash.map_err(|e| errors::throw(env, e.at_index(index as usize)))?;
            joined.push_str(hash.as_str());
        }
        realm::hashes_of(env, joined)
    }

    /// HMAC-SHA256 of raw bytes with the primary secret, with no email policy: for test vectors
    /// and diagnostics. Use `sign` for the portal.
    #[napi(ts_args_type = "data: Buffer | Uint8Array", ts_return_type = "string")]
    pub fn sign_raw(&self, env: &Env, data: Value) -> Result<Value> {
        let data: core::bindings::RawBytes = source::from_js(env, data, "data")?;
        Js(env).hex(&self.inner.sign_raw(&data.0))
    }

    /// The signed user object for the portal's `start` call: `{ name?, email, emailHash }`.
    /// Given a signed user, its `emailHash` is checked (`ERR_EMAIL_HASH_MISMATCH`), not
    /// recomputed. Unknown keys throw `ERR_INVALID_OPTION`.
    #[napi(
        ts_args_type = "user: UserInput | SignedUser",
        ts_return_type = "SignedUser"
    )]
    pub fn user<'env>(&self, env: &'env Env, user: Value) -> Result<Unknown<'env>> {
        token::json_value(env, &self.signed_user(env, user)?)
    }

    /// A complete `<script>` element that starts the portal for `user` (an email and name to
    /// sign, or a signed user from `user()`, whose hash is checked, never recomputed), with the
    /// JSON escaped so that no name can close the element. Throws `ERR_INVALID_NONCE` for a
    /// malformed nonce and `ERR_EMAIL_HASH_MISMATCH` for a hash that is not the email's.
    #[napi(
        ts_args_type = "user: UserInput | SignedUser, options?: ScriptOptions | undefined | null"
    )]
    pub fn start_script(&self, env: &Env, user: Value, options: Value) -> Result<String> {
        let signed = self.signed_user(env, user)?;
        let nonce = nonce_of(env, options)?;
        let script = self.inner.start_script(&signed, nonce.as_deref());
        script.map_err(|e| throw(env, e))
    }

    /// The script for any page: `startScript(user)` when `user` is given (a user is logged in),
    /// `stopScript()` when it is `null` or `undefined`. Render it on every page, so that every
    /// logged-out page clears the portal, not only the one after the logout click.
    #[napi(
        ts_args_type = "user: UserInput | SignedUser | null | undefined, options?: ScriptOptions | undefined | null"
    )]
    pub fn page_script(&self, env: &Env, user: Value, options: Value) -> Result<String> {
        let nonce = nonce_of(env, options)?;
        let user: Option<core::UserInput> = source::from_js(env, user, "user")?;
        let user = user.as_ref().map(core::UserInput::as_user).transpose();
        let script = user.and_then(|user| self.inner.page_script(user, nonce.as_deref()));
        script.map_err(|e| throw(env, e))
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
        texts(self.inner.previous_fingerprints())
    }

    /// The email policy in force.
    #[napi(getter, ts_return_type = "'exact' | 'canonical'")]
    pub fn email_policy(&self) -> &'static str {
        self.inner.email_policy().as_str()
    }

    /// What is worth fixing about where the secrets came from (a secret file that other users
    /// can read, say). Empty when all is well.
    #[napi(getter)]
    pub fn warnings(&self) -> Vec<String> {
        texts(self.inner.warnings())
    }
}

impl Signer {
    /// `{ email, name?, emailHash? }`, signed by the core or its hash checked.
    fn signed_user(&self, env: &Env, user: Value) -> Result<core::SignedUser> {
        let user: core::UserInput = source::from_js(env, user, "user")?;
        user.signed_by(&self.inner).map_err(|e| throw(env, e))
    }

    /// The JavaScript object of a signer made by a factory, with its own `sign`/`verify`.
    fn instance(env: &Env, made: core::Result<core::Signer>) -> Result<ClassInstance<'_, Signer>> {
        let inner = Arc::new(made.map_err(|e| throw(env, e))?);
        let instance = Signer {
            inner: Arc::clone(&inner),
        };
        let instance = instance.into_instance(env).map_err(errors::from_napi)?;
        hot::install(env, instance.as_object(env), &inner)?;
        Ok(instance)
    }
}

/// A complete `<script>` element that stops the portal: call it at logout, so the next person on
/// the same browser does not see this user's tickets.
#[napi(ts_args_type = "options?: ScriptOptions | undefined | null")]
pub fn stop_script(env: &Env, options: Value) -> Result<String> {
    let nonce = nonce_of(env, options)?;
    core::stop_script(nonce.as_deref()).map_err(|e| throw(env, e))
}

/// Runs the `unthread-identity` command with `args` (without the program name) and returns its
/// exit code: what `npx unthread-identity` calls. The command is the Rust CLI's, unchanged.
#[napi(ts_args_type = "args: Array<string>")]
pub fn run_cli(env: &Env, args: Value) -> Result<i32> {
    let args: Vec<String> = source::from_js(env, args, "args")?;
    let argv = std::iter::once("unthread-identity".to_owned()).chain(args);
    Ok(unthread_identity_cli::run(argv))
}

/// Each item as its text: fingerprints, warnings.
pub(crate) fn texts<T: ToString>(items: impl IntoIterator<Item = T>) -> Vec<String> {
    items.into_iter().map(|item| item.to_string()).collect()
}

/// `options.nonce`, of an options object that has no other key.
pub(crate) fn nonce_of(env: &Env, options: Value) -> Result<Option<String>> {
    source::options::<core::ScriptConfig>(env, options).map(|c| c.nonce)
}

/// Makes this environment's realm (`realm.rs`) when the module loads. (`util.inspect` of a
/// signer is installed in `index.js`, in plain JavaScript.)
#[napi(module_exports)]
pub fn module_exports(env: Env, exports: Object) -> napi::Result<()> {
    let signer: Unknown = exports.get_named_property("Signer")?;
    let signer_class = signer.coerce_to_object()?;
    realm::init(&env, &signer_class).map_err(|e| napi::Error::from_reason(e.reason))
}
