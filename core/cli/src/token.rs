//! `explain-token` and `mint-token`: the embedded portal's tokens from a terminal. The embed
//! secret comes from `--secret-env` (default `UNTHREAD_PORTAL_EMBED_SECRET`), `--secret-file`
//! or `--secret-stdin`, like the identity secret, and is never printed.

use clap::Args;
use serde_json::{Value, json};
use unthread_identity::{
    EMBED_SECRET_ALTERNATIVE_VARIABLE, EMBED_SECRET_VARIABLE, Error, Secret, SecretEncoding,
    TokenOptions, TokenSigner, TokenUser, UnixTime,
};

use crate::{EXIT_OK, EXIT_PROBLEM, Output, SecretSource, load_secret};

/// The token signer's settings on the command line.
#[derive(Args)]
pub(crate) struct TokenArgs {
    /// The primary key's id (the `kid` of minted tokens).
    #[arg(long)]
    kid: Option<String>,
    /// How the secret's text gives the key: text (default), base64 or hex.
    #[arg(long, default_value = "text", value_parser = ["text", "base64", "hex"])]
    secret_encoding: String,
    /// A previous key during a rotation, as ENV_NAME or ENV_NAME:KID (repeatable).
    #[arg(long, value_name = "ENV[:KID]")]
    previous_key: Vec<String>,
    /// The audience (`aud`) to mint and require.
    #[arg(long)]
    audience: Option<String>,
    /// The issuer (`iss`) to mint and require.
    #[arg(long)]
    issuer: Option<String>,
}

impl TokenArgs {
    fn signer(&self, source: &SecretSource, out: &mut Output) -> Result<TokenSigner, Error> {
        let encoding: SecretEncoding = self.secret_encoding.parse()?;
        let (secret, from) = load_secret(source, || {
            let from =
                format!("${EMBED_SECRET_VARIABLE} (or ${EMBED_SECRET_ALTERNATIVE_VARIABLE})");
            Ok((TokenSigner::secret_from_env(None)?, from))
        })?;
        let options = TokenOptions {
            audience: self.audience.clone(),
            issuer: self.issuer.clone(),
            ..TokenOptions::default()
        };
        let mut signer = TokenSigner::new(secret.decode(encoding)?, options)?;
        if let Some(kid) = &self.kid {
            signer = signer.with_kid(kid)?;
        }
        for spec in &self.previous_key {
            let (name, kid) = match spec.split_once(':') {
                Some((name, kid)) => (name, Some(kid)),
                None => (spec.as_str(), None),
            };
            let secret = Secret::from_env_var(name)?.decode(encoding)?;
            signer = signer.with_previous_key(secret, kid)?;
        }
        out.note(&format!(
            "embed secret from {from}, fingerprint {}; {} previous key(s)",
            signer.fingerprint(),
            signer.previous_keys().len()
        ));
        Ok(signer)
    }
}

/// `explain-token JWT`: exit 0 when the token verifies, 1 otherwise.
pub(crate) fn explain(
    source: &SecretSource,
    args: &TokenArgs,
    jwt: &str,
    now: Option<u64>,
    out: &mut Output,
) -> i32 {
    let signer = match args.signer(source, out) {
        Ok(signer) => signer,
        Err(error) => return out.error(&error),
    };
    let now = match now.map(UnixTime::from_secs).transpose() {
        Ok(now) => now.unwrap_or_else(UnixTime::now),
        Err(error) => return out.error(&error),
    };
    let d = signer.explain_at(jwt.trim(), now);
    let mut text = format!("{}: {} (key {})", d.code.as_str(), d.message, d.fingerprint);
    if !d.extra_claims.is_empty() {
        text.push_str(&format!(
            "\nclaims this signer does not write: {}",
            d.extra_claims.join(", ")
        ));
    }
    out.result(
        &text,
        json!({
            "code": d.code.as_str(),
            "message": d.message,
            "valid": d.valid,
            "kid": d.kid,
            "fingerprint": d.fingerprint.as_str(),
            "extraClaims": d.extra_claims,
            "claims": d.claims.map(Value::Object),
        }),
    );
    if d.valid { EXIT_OK } else { EXIT_PROBLEM }
}

/// `mint-token EMAIL`: a token to try a setup with (never for production traffic).
pub(crate) fn mint(
    source: &SecretSource,
    args: &TokenArgs,
    email: &str,
    name: Option<&str>,
    out: &mut Output,
) -> i32 {
    let signer = match args.signer(source, out) {
        Ok(signer) => signer,
        Err(error) => return out.error(&error),
    };
    match signer.mint(TokenUser::new(email).with_name(name)) {
        Ok(minted) => {
            out.result(
                &minted.jwt,
                json!({"jwt": minted.jwt, "expiresAt": minted.expires_at.as_secs()}),
            );
            EXIT_OK
        }
        Err(error) => out.error(&error),
    }
}
