'use strict'
// Glue shared by the Express and web-standard handlers. Every HTTP decision (401, 403, 405,
// 500, `no-store`, `Vary`, the body) and the reading of the app's user object (its own
// `email`, `name` and `id`; other fields ignored) are the core's (`UserEndpoint`,
// `TokenEndpoint`); this file only passes the request's parts and checks the handlers' options.
// It is made for one build of the API: the native addon's (`../index.js`) or the WebAssembly
// one's (`../wasm/`), which edge runtimes load.

/** The glue over `api`, the package's classes from one build. */
function endpoints({ AllowedOrigins, Signer, TokenSigner, UserEndpoint, TokenEndpoint }) {

  /**
   * An endpoint's answer. `endpoint` is `() => UserEndpoint | TokenEndpoint` (built on the first
   * request); `headerValues` is `(name) => string[]`, every value of that request header as it
   * arrived; `loadUser` reads the session, and is not called for a refused request.
   */
  async function respond(endpoint, method, headerValues, loadUser) {
    const ready = endpoint()
    const refused = ready.refusal(method, headerValues('origin'), headerValues('sec-fetch-site'))
    if (refused !== null) return refused
    return ready.respond(await loadUser())
  }

  /**
   * `make()` once, on the first call: a handler's endpoint is built on its first request, so
   * that a module that creates handlers at load (a Next.js route, which `next build` imports
   * without the secrets) reads no secret until it serves one.
   */
  function once(make) {
    let made
    return () => (made ??= make())
  }

  /**
   * The signer of a handler's options: the instance given, what the function given returns, or,
   * when neither is given, the one `fromEnv()` reads from the environment. Not called before the
   * first request.
   */
  function signerOf(given, Class, name) {
    const method = Class === Signer ? 'user' : 'mintToken'
    return once(() => {
      const signer = typeof given === 'function' ? given() : given ?? Class.fromEnv()
      if (typeof signer?.[method] !== 'function') {
        throw typeError(`options.${name} must be a ${Class.name}, or a function that returns one`)
      }
      return signer
    })
  }

  /** Checks a user handler's options; returns its `UserEndpoint`, built on the first request. */
  function userEndpoint(options) {
    checkOptions(options, ['signer', 'getUser', 'allowedOrigins'])
    const signer = signerOf(options.signer, Signer, 'signer')
    // The origins need no secret: checked now, when the handler is made.
    if (options.allowedOrigins !== undefined && options.allowedOrigins !== null) new AllowedOrigins(options.allowedOrigins)
    return once(() => new UserEndpoint(signer(), options.allowedOrigins))
  }

  /** Checks a token handler's options; returns its `TokenEndpoint`, built on the first request. */
  function tokenEndpoint(options) {
    checkOptions(options, ['tokens', 'getUser', 'allowedOrigins'], 'tokens')
    if (!Array.isArray(options.allowedOrigins)) {
      throw typeError('options.allowedOrigins must be an array of origins, such as ["https://app.example.com"]')
    }
    const tokens = signerOf(options.tokens, TokenSigner, 'tokens')
    new AllowedOrigins(options.allowedOrigins) // needs no secret: checked now
    return once(() => new TokenEndpoint(tokens(), options.allowedOrigins))
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
    // A signer now, a function that makes one on the first request, or none (from the
    // environment on the first request).
    const given = options[kind]
    const ok = given === undefined || given === null || typeof given === 'function' ||
      (kind === 'signer' ? typeof given.user === 'function' : typeof given.mintToken === 'function')
    if (!ok) {
      throw typeError(kind === 'signer'
        ? 'options.signer must be a Signer, or a function that returns one'
        : 'options.tokens must be a TokenSigner, or a function that returns one')
    }
    if (typeof options.getUser !== 'function') throw typeError('options.getUser must be a function')
  }

  return { respond, userEndpoint, tokenEndpoint, checkOptions, signerOf }
}

module.exports = endpoints
