'use strict'
// The rules of the signed-user JSON endpoint, shared by the Express and web-standard handlers:
// - the identity comes only from the app's session (`getUser`), never from the request's
//   query or body, so a client cannot ask for another user's hash;
// - no session: 401;
// - every answer: `Cache-Control: no-store` (a proxy must not serve one user's object to
//   another) and `Vary: Cookie`;
// - the body is `{ user }`, an envelope that a token mode can later fill with `{ jwt, expiresAt }`.
// Signing and validation are the core's (`signer.user`).

const HEADERS = Object.freeze({
  'cache-control': 'no-store',
  vary: 'Cookie',
  'content-type': 'application/json; charset=utf-8',
})

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

function checkOptions(options, names) {
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
  if (!options.signer || typeof options.signer.user !== 'function') {
    const error = new TypeError('options.signer must be a Signer')
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
  if (typeof options.getUser !== 'function') {
    const error = new TypeError('options.getUser must be a function')
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
}

module.exports = { userResponse, sessionUser, checkOptions }
