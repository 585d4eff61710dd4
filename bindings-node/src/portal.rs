//! Where the portal lives: its CSP (`portalCsp`) and the embedded portal's boot snippet
//! (`portalBootScript`). Argument conversion only; hosts, paths and escaping are the core's
//! (`PortalHosts`, `PortalCspConfig::answer`, `boot_script`).

use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use unthread_identity as core;

use crate::errors::throw;

use crate::errors::Result;
use crate::source::Value;
use crate::source::{from_js, options};

/// The Content-Security-Policy that the portal needs: its `origin` (and `origins`, one per
/// host), and a `header` value with `script-src`, `connect-src` and `frame-src` for it, the
/// nonce of the inline scripts when given, `object-src 'none'` and `base-uri 'self'`. `host` is
/// your workspace's host under unthread.io (`acme`, `acme.unthread.io`,
/// `help.acme.unthread.io`, with or without `https://`), or an array of them for an app with
/// both portals; with `{ customDomain: true }`, the custom domain you configured in Unthread
/// (`https://support.acme.com`). `{ development: true }` adds `'unsafe-eval'` (for `next dev`);
/// `{ policy }` adds the portal's sources to the policy your app already sends instead. Throws
/// `ERR_INVALID_OPTION` for anything else.
#[napi(
    ts_args_type = "host: string | string[], options?: PortalCspOptions | undefined | null",
    ts_return_type = "PortalCsp"
)]
pub fn portal_csp<'env>(env: &'env Env, host: Value, options: Value) -> Result<Unknown<'env>> {
    let hosts: core::bindings::PortalHosts = from_js(env, host, "host")?;
    let config: core::PortalCspConfig = self::options(env, options)?;
    let answer = config.answer(&hosts).map_err(|e| throw(env, e))?;
    crate::token::json_value(env, &answer)
}

/// The embedded portal's boot snippet, as Unthread documents it: the queue stub,
/// `UnthreadPortal('boot', { baseUrl, getToken, container })` and the `embed.js` element, both
/// `<script>` elements carrying `nonce`. Its `getToken` is a same-origin `GET` of `tokenUrl`
/// (default `/api/portal-token`) with `cache: 'no-store'`, resolving `null` on 401 and
/// rejecting on any other failure. `baseUrl` is a host under unthread.io
/// (`https://help.acme.unthread.io`), or a custom domain with `customDomain: true`; `container`
/// defaults to `#portal`. Everything is escaped for a `<script>` element.
#[napi(ts_args_type = "options: PortalBootOptions")]
pub fn portal_boot_script(env: &Env, options: Value) -> Result<String> {
    let config: core::PortalBootConfig = from_js(env, options, "options")?;
    config.boot_script().map_err(|e| throw(env, e))
}
