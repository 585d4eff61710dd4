//! Where the portal lives: its CSP (`portalCsp`) and the embedded portal's boot snippet
//! (`portalBootScript`). Argument conversion only; hosts, paths and escaping are the core's
//! (`PortalHost`, `PortalCsp`, `boot_script`).

use napi::bindgen_prelude::Object;
use napi::{Env, ValueType};
use napi_derive::napi;
use unthread_identity as core;

use crate::args::{Js, Value};
use crate::errors::{self, Result, to_js};

/// The Content-Security-Policy that the portal needs: its `origin`, and a `header` value with
/// `script-src`, `connect-src` and `frame-src` for it, the nonce of the inline scripts when
/// given, `object-src 'none'` and `base-uri 'self'`. `host` is your workspace's host under
/// unthread.io (`acme`, `acme.unthread.io`, `help.acme.unthread.io`, with or without
/// `https://`), or, with `{ customDomain: true }`, the custom domain you configured in Unthread
/// (`https://support.acme.com`). Throws `ERR_INVALID_OPTION` for anything else.
#[napi(
    ts_args_type = "host: string, options?: PortalCspOptions | undefined | null",
    ts_return_type = "{ origin: string, header: string }"
)]
pub fn portal_csp<'env>(env: &'env Env, host: Value, options: Value) -> Result<Object<'env>> {
    let js = Js(env);
    let host = js.string(host, "host")?;
    let o = read(js, options, "nonce, customDomain")?;
    let csp = core::PortalCsp::from(portal_host(&host, o.custom_domain)?);
    let header = csp.header(o.nonce.as_deref()).map_err(to_js)?;
    let e = errors::from_napi;
    let mut object = Object::new(env).map_err(e)?;
    object.set("origin", csp.origin()).map_err(e)?;
    object.set("header", header).map_err(e)?;
    Ok(object)
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
    let js = Js(env);
    if js.type_of(options)? != ValueType::Object {
        let actual = js.type_of(options)?;
        return Err(errors::type_error(
            js.0,
            "options",
            "a plain object",
            actual,
        ));
    }
    let o = read(
        js,
        options,
        "baseUrl, customDomain, tokenUrl, container, nonce",
    )?;
    let Some(base_url) = o.base_url else {
        let missing = ValueType::Undefined;
        return Err(errors::type_error(
            js.0,
            "options.baseUrl",
            "a string",
            missing,
        ));
    };
    let defaults = core::BootOptions::default();
    let boot = core::BootOptions {
        token_path: o.token_url.unwrap_or(defaults.token_path),
        container: o.container.unwrap_or(defaults.container),
        nonce: o.nonce,
    };
    core::boot_script(&portal_host(&base_url, o.custom_domain)?, &boot).map_err(to_js)
}

#[derive(Default)]
struct Options {
    base_url: Option<String>,
    custom_domain: bool,
    token_url: Option<String>,
    container: Option<String>,
    nonce: Option<String>,
}

fn read(js: Js, value: Value, expected: &'static str) -> Result<Options> {
    let mut o = Options::default();
    for (key, value) in crate::token::fields(js, value, "options", expected)? {
        let what = format!("options.{key}");
        match key.as_str() {
            "customDomain" => {
                o.custom_domain = match js.type_of(value)? {
                    ValueType::Undefined | ValueType::Null => false,
                    ValueType::Boolean => js.boolean(value)?,
                    actual => return Err(errors::type_error(js.0, what, "a boolean", actual)),
                }
            }
            "baseUrl" => o.base_url = js.optional_string(value, &what)?,
            "tokenUrl" => o.token_url = js.optional_string(value, &what)?,
            "container" => o.container = js.optional_string(value, &what)?,
            _ => o.nonce = js.optional_string(value, &what)?,
        }
    }
    Ok(o)
}

fn portal_host(host: &str, custom_domain: bool) -> Result<core::PortalHost> {
    core::PortalHost::parse(host, custom_domain).map_err(to_js)
}
