'use strict'
// Glue shared by the Express and web-standard handlers. Every HTTP decision (401, 403, 405,
// 500, `no-store`, `Vary`, the body) and the reading of the app's user object (its own
// `email`, `name` and `id`; other fields ignored) are the core's (`UserEndpoint`,
// `TokenEndpoint`); this file only passes the request's parts and checks the handlers' options.

const { UserEndpoint, TokenEndpoint } = require('../index.js')

/**
 * An endpoint's answer. `headerValues` is `(name) => string[]`, every value of that request
 * header as it arrived; `loadUser` reads the session, and is not called for a refused request.
 */
async function respond(endpoint, method, headerValues, loadUser) {
  const refused = endpoint.refusal(method, headerValues('origin'), headerValues('sec-fetch-site'))
  if (refused !== null) return refused
  return endpoint.respond(await loadUser())
}

/** Checks a user handler's options; returns its `UserEndpoint`, built once. */
function userEndpoint(options) {
  checkOptions(options, ['signer', 'getUser', 'allowedOrigins'])
  return new UserEndpoint(options.signer, options.allowedOrigins)
}

/** Checks a token handler's options; returns its `TokenEndpoint`, built once. */
function tokenEndpoint(options) {
  checkOptions(options, ['tokens', 'getUser', 'allowedOrigins'], 'tokens')
  if (!Array.isArray(options.allowedOrigins)) {
    throw typeError('options.allowedOrigins must be an array of origins, such as ["https://app.example.com"]')
  }
  return new TokenEndpoint(options.tokens, options.allowedOrigins)
}

function typeError(message) {
  const error = new TypeError(message)
  error.code = 'ERR_INVALID_ARG_TYPE'
  return error
}

function checkOptions(options, names, kind = 'signer') {
  if (options === null || typeof options !== 'object') throw typeError('options must be an object')
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
  if (!ok) throw typeError(kind === 'signer' ? 'options.signer must be a Signer' : 'options.tokens must be a TokenSigner')
  if (typeof options.getUser !== 'function') throw typeError('options.getUser must be a function')
}

module.exports = { respond, userEndpoint, tokenEndpoint, checkOptions }
