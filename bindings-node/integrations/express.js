'use strict'
// `unthread-identity/express`: two lines of glue for an Express app.
//
//   app.use(unthread({ signer, getUser: (req) => req.session.user ?? null }))
//   app.get('/api/unthread-user', unthreadUserHandler({ signer, getUser }))
//
// The middleware sets `res.locals.unthread = { user, script }`: `script` is the start call for
// a logged-in user and the stop call on every logged-out page, with the CSP nonce of
// `res.locals.cspNonce` (helmet-style setups) or `res.locals.nonce`, or the `nonce` option.
// Put `<%- unthread.script %>` (or your engine's unescaped output) in the page's <head>.
//
// For the embedded portal, the token endpoint that its `getToken` fetches:
//
//   const handler = portalTokenHandler({ tokens, getUser, allowedOrigins: ['https://app.example.com'] })
//   app.get('/api/portal-token', handler)   // what Unthread's documented getToken sends
//   app.post('/api/portal-token', handler)

const native = require('../index.js')
const { Signer, sessionUser } = native
const { respond, checkOptions, userEndpoint, tokenEndpoint, signerOf } = require('./endpoint.js')(native)

function nonceFor(option, req, res) {
  if (typeof option === 'function') return option(req, res)
  if (typeof option === 'string') return option
  return res.locals.cspNonce ?? res.locals.nonce ?? null
}

function unthread(options) {
  checkOptions(options, ['signer', 'getUser', 'nonce'])
  const { getUser, nonce } = options
  const signerNow = signerOf(options.signer, Signer, 'signer')
  return async function unthreadMiddleware(req, res, next) {
    try {
      const signer = signerNow()
      const user = sessionUser(await getUser(req))
      const signed = user === null ? null : signer.user(user)
      const script = signer.pageScript(signed, { nonce: nonceFor(nonce, req, res) })
      res.locals.unthread = { user: signed, script }
      next()
    } catch (error) {
      next(error)
    }
  }
}

function handler(endpoint, getUser) {
  return async function unthreadEndpoint(req, res, next) {
    try {
      const { status, headers, body } = await respond(endpoint, req.method, (name) => rawHeaderValues(req, name), () => getUser(req))
      res.status(status).set(headers).send(body)
    } catch (error) {
      next(error)
    }
  }
}

function unthreadUserHandler(options) {
  return handler(userEndpoint(options), options.getUser)
}

function portalTokenHandler(options) {
  return handler(tokenEndpoint(options), options.getUser)
}

/**
 * Every value of a header, from `req.rawHeaders` (`[name, value, name, value, …]`): `req.get`
 * and `req.headers` keep only the first `Origin`, or join repeated values.
 */
function rawHeaderValues(req, name) {
  const raw = req.rawHeaders
  if (!Array.isArray(raw)) {
    // Not a Node request (a test double, an adapter): what it offers, never "no header".
    const value = typeof req.get === 'function' ? req.get(name) : req.headers?.[name]
    return value === undefined || value === null ? [] : [].concat(value)
  }
  const values = []
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (String(raw[i]).toLowerCase() === name) values.push(raw[i + 1])
  }
  return values
}

module.exports = { unthread, unthreadUserHandler, portalTokenHandler }
