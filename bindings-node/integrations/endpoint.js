'use strict'
// Glue shared by the Express and web-standard handlers. Every HTTP decision (401, 403, 405,
// `no-store`, `Vary`, the body) is the core's (`UserEndpoint`, `TokenEndpoint`); this file only
// reads the app's user object and checks the handlers' options.

const { UserEndpoint, TokenEndpoint } = require('../index.js')

/**
 * The session's user as the endpoints take it: `email`, `name` and, for a token, a stable `id`
 * (its subject), from what your `getUser` returned; other fields are not the SDK's.
 */
function sessionUser(value, { withId = false } = {}) {
  if (value === null || value === undefined) return null
  if (typeof value !== 'object') {
    const error = new TypeError(`getUser must return { email, name } or null, received ${typeof value}`)
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
  const user = { email: value.email, name: value.name ?? null }
  if (withId && value.id !== undefined && value.id !== null) user.id = value.id
  return user
}

/** The user endpoint's answer for what `getUser` returned. */
function userResponse(endpoint, value) {
  return endpoint.respond(sessionUser(value))
}

/**
 * The token endpoint's answer. `headerValues` is `(name) => string[]`, every value of that
 * request header as it arrived; `loadUser` reads the session, and is not called for a refused
 * request.
 */
async function tokenResponse(endpoint, method, headerValues, loadUser) {
  const refused = endpoint.refusal(method, headerValues('origin'), headerValues('sec-fetch-site'))
  if (refused !== null) return refused
  return endpoint.respond(sessionUser(await loadUser(), { withId: true }))
}

/** Checks a user handler's options; returns its `UserEndpoint`, built once. */
function userEndpoint(options, names = ['signer', 'getUser']) {
  checkOptions(options, names)
  return new UserEndpoint(options.signer)
}

/** Checks a token handler's options; returns its `TokenEndpoint`, built once. */
function tokenEndpoint(options) {
  checkOptions(options, ['tokens', 'getUser', 'allowedOrigins'], 'tokens')
  if (!Array.isArray(options.allowedOrigins)) {
    const error = new TypeError('options.allowedOrigins must be an array of origins, such as ["https://app.example.com"]')
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
  return new TokenEndpoint(options.tokens, options.allowedOrigins)
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

module.exports = { sessionUser, userResponse, tokenResponse, userEndpoint, tokenEndpoint, checkOptions }
