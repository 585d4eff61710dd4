'use strict'
// The rules of the signed-user JSON endpoint, shared by the Express and web-standard handlers:
// - the identity comes only from the app's session (`getUser`), never from the request's
//   query or body, so a client cannot ask for another user's hash;
// - no session: 401;
// - every answer: `Cache-Control: no-store` (a proxy must not serve one user's object to
//   another) and `Vary: Cookie`;
// - the body is `{ user }`, or, for the embedded portal's token endpoint, `{ jwt, expiresAt }`;
// - the token endpoint also refuses (403) a request from an origin that is not allowed, by the
//   core's rule (`AllowedOrigins`).
// Signing, minting and validation are the core's (`signer.user`, `tokens.mintToken`).

const { AllowedOrigins } = require('../index.js')

const HEADERS = Object.freeze({
  'cache-control': 'no-store',
  vary: 'Cookie',
  'content-type': 'application/json; charset=utf-8',
})
const TOKEN_HEADERS = Object.freeze({ ...HEADERS, vary: 'Cookie, Origin' })

/** Only `email` and `name` of the session's user are signed; other fields are not the SDK's. */
function sessionUser(value) {
  if (value === null || value === undefined) return null
  if (typeof value !== 'object') {
    const error = new TypeError(`getUser must return { email, name } or null, received ${typeof value}`)
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
  return { email: value.email, name: value.name ?? null }
}

/** The status, headers and JSON body for the session's user (or for no user). */
function userResponse(signer, value) {
  const user = sessionUser(value)
  if (user === null) return { status: 401, headers: HEADERS, body: JSON.stringify({ error: 'not logged in' }) }
  return { status: 200, headers: HEADERS, body: JSON.stringify({ user: signer.user(user) }) }
}

/** The session's user for a token: `email`, `name` and a stable `id` when the app has one. */
function tokenUser(value) {
  const user = sessionUser(value)
  if (user === null) return null
  return value.id === undefined || value.id === null ? user : { ...user, id: String(value.id) }
}

/**
 * The status, headers and JSON body of the token endpoint. `headerValues` is `(name) =>
 * string[]`, every value of that request header as it arrived (none, one, or several), so that
 * the core's rule sees duplicates; `loadUser` reads the session, and is not called for a
 * refused origin.
 */
async function tokenResponse(tokens, allowed, headerValues, loadUser) {
  if (!allowed.allows(headerValues('origin'), headerValues('sec-fetch-site'))) {
    return { status: 403, headers: TOKEN_HEADERS, body: JSON.stringify({ error: 'origin not allowed' }) }
  }
  const user = tokenUser(await loadUser())
  if (user === null) return { status: 401, headers: TOKEN_HEADERS, body: JSON.stringify({ error: 'not logged in' }) }
  return { status: 200, headers: TOKEN_HEADERS, body: JSON.stringify(tokens.mintToken(user)) }
}

/** Checks a token handler's options; returns the `AllowedOrigins`, built once. */
function checkTokenOptions(options) {
  checkOptions(options, ['tokens', 'getUser', 'allowedOrigins'], 'tokens')
  if (!Array.isArray(options.allowedOrigins)) {
    const error = new TypeError('options.allowedOrigins must be an array of origins, such as ["https://app.example.com"]')
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
  return new AllowedOrigins(options.allowedOrigins)
}

function checkOptions(options, names, kind = 'signer') {
  if (options === null || typeof options !== 'object') {
    const error = new TypeError('options must be an object')
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
  for (const key of Object.keys(options)) {
    if (!names.includes(key)) {
      const error = new Error(`unknown option key "${key}": expected one of ${names.join(', ')}`)
      error.code = 'ERR_INVALID_OPTION'
      throw error
    }
  }
  const ok = kind === 'signer'
    ? options.signer && typeof options.signer.user === 'function'
    : options.tokens && typeof options.tokens.mintToken === 'function'
  if (!ok) {
    const error = new TypeError(kind === 'signer' ? 'options.signer must be a Signer' : 'options.tokens must be a TokenSigner')
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
  if (typeof options.getUser !== 'function') {
    const error = new TypeError('options.getUser must be a function')
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
}

module.exports = { userResponse, sessionUser, checkOptions, tokenResponse, checkTokenOptions }
