// The boot options' rules, for a page that cannot load the core: the same checks as the core's
// `PortalHost` (portal.rs), `check_token_path` and `check_container` (embed.rs) and
// `check_nonce` (script.rs), in the same order, with the core's messages. Every boot case of
// testdata/conformance.json, and the random ones of `make conformance`, runs through these and
// through the core, and the answers must agree.

const fail = (code, message) => Object.assign(new Error(message), { code })
const typeFail = (name, what) =>
  Object.assign(new TypeError(`bootPortal: ${name} must be ${what}`), { code: 'ERR_INVALID_ARG_TYPE' })

// ASCII only, as Rust's `to_ascii_lowercase`: `toLowerCase` would turn U+212A (Kelvin) into k.
const asciiLower = (text) => text.replace(/[A-Z]/g, (c) => c.toLowerCase())
const utf8Length = (text) => new TextEncoder().encode(text).length

/** The authority of `https://AUTHORITY[/]` or `AUTHORITY[/]`; null for another scheme or anything after it. */
function strip(text) {
  let rest = text
  const at = text.indexOf('://')
  if (at >= 0) {
    if (asciiLower(text.slice(0, at)) !== 'https') return null
    rest = text.slice(at + 3)
  }
  if (rest.endsWith('/')) rest = rest.slice(0, -1)
  return rest !== '' && !/[/?#@\\]/.test(rest) ? rest : null
}

/** The WHATWG URL standard's "ends in a number": a host a browser reads as an IPv4 address. */
function endsInANumber(host) {
  const trimmed = host.endsWith('.') ? host.slice(0, -1) : host
  const last = trimmed.slice(trimmed.lastIndexOf('.') + 1)
  return /^[0-9]+$/.test(last) || /^0[xX][0-9a-fA-F]*$/.test(last)
}

/** A DNS host name: labels of 1 to 63 letters, digits and inner hyphens, 253 bytes at most. */
function validHost(host) {
  return utf8Length(host) <= MAX_HOST_LEN &&
    host.split('.').every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label))
}

function unthreadHost(text) {
  const host = strip(text)
  if (host === null) return null
  const lower = asciiLower(host)
  const full = lower.includes('.') ? lower : `${lower}.${PORTAL_DOMAIN}`
  const under = full.endsWith(PORTAL_DOMAIN) ? full.slice(0, -PORTAL_DOMAIN.length) : null
  if (under === null || !under.endsWith('.') || under === '.' || !validHost(full)) return null
  return `https://${full}`
}

function customDomain(text) {
  const stripped = strip(text)
  if (stripped === null) return null
  const authority = asciiLower(stripped)
  const colon = authority.indexOf(':')
  const host = colon >= 0 ? authority.slice(0, colon) : authority
  const port = colon >= 0 ? authority.slice(colon + 1) : null
  const portOk = port === null || (/^[0-9]{1,5}$/.test(port) && Number(port) > 0 && Number(port) <= 65535)
  if (!portOk || host.split('.').length < 2 || endsInANumber(host) || !validHost(host)) return null
  return `https://${authority}`
}

/** The portal's `https` origin, by the core's rule for a host under unthread.io or a custom domain. */
export function portalOrigin(host, custom = false) {
  const origin = custom ? customDomain(host) : unthreadHost(host)
  if (origin === null) throw fail('ERR_INVALID_OPTION', custom ? MESSAGES.customDomain : MESSAGES.portalHost)
  return origin
}

function checkTokenPath(path) {
  const ok = /^\/(?![/\\])/.test(path) && path.length <= MAX_OPTION_LEN && /^[\x21-\x5b\x5d-\x7e]*$/.test(path)
  if (!ok) throw fail('ERR_INVALID_OPTION', MESSAGES.tokenPath)
}

// Rust's `trim` removes Unicode White_Space (U+0085 too, U+FEFF not), `is_control` is Cc.
const RUST_WHITESPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/
function checkContainer(container) {
  const ok = !RUST_WHITESPACE.test(container) && utf8Length(container) <= MAX_OPTION_LEN &&
    !/[\x00-\x1f\x7f-\x9f]/.test(container)
  if (!ok) throw fail('ERR_INVALID_OPTION', MESSAGES.container)
}

function checkNonce(nonce) {
  const body = nonce.replace(/=+$/, '')
  const ok = body !== '' && nonce.length <= MAX_NONCE_LEN && nonce.length - body.length <= 2 &&
    /^[A-Za-z0-9+/_-]*$/.test(body)
  if (!ok) throw fail('ERR_INVALID_NONCE', MESSAGES.nonce)
}

const given = (value) => value !== undefined && value !== null
function text(value, name) {
  if (typeof value !== 'string') throw typeFail(name, 'a string')
  return value
}

/**
 * The boot options, checked by the core's rules and with its defaults: `{ origin, tokenUrl,
 * container, nonce }`. A container is display text, as in the server's snippet: a lone
 * surrogate reads as U+FFFD.
 */
export function bootOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw typeFail('options', 'an object')
  const unknown = Object.keys(options).find((key) => !BOOT_OPTIONS.includes(key))
  if (unknown !== undefined) {
    throw fail('ERR_INVALID_OPTION', `unknown option key ${JSON.stringify(unknown)}: expected one of ${BOOT_OPTIONS.join(', ')}`)
  }
  const { baseUrl, customDomain: custom, tokenUrl, container, nonce } = options
  text(baseUrl, 'baseUrl')
  if (given(custom) && typeof custom !== 'boolean') throw typeFail('customDomain', 'a boolean')
  const path = given(tokenUrl) ? text(tokenUrl, 'tokenUrl') : DEFAULT_TOKEN_PATH
  const selector = given(container) ? wellFormed(text(container, 'container')) : DEFAULT_CONTAINER
  if (given(nonce)) text(nonce, 'nonce')
  const origin = portalOrigin(baseUrl, custom === true)
  checkTokenPath(path)
  checkContainer(selector)
  if (given(nonce)) checkNonce(nonce)
  return { origin, tokenUrl: path, container: selector, nonce: given(nonce) ? nonce : undefined }
}

function wellFormed(text) {
  return typeof text.toWellFormed === 'function'
    ? text.toWellFormed()
    : text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}
