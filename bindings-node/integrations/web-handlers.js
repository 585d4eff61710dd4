'use strict'
// The handlers of `unthread-identity/web` over one build of the API (the addon's in `web.js`, the
// WebAssembly build's in `wasm/*-web.mjs`): a web-standard `(Request) => Promise<Response>`
// handler for the signed user, for a Next.js route handler, Hono, Remix or any runtime with
// `Response`.
//
//   export const GET = createUserHandler({ signer, getUser: async (request) => sessionUser(request) })
//
// and, for the embedded portal, the token endpoint that its `getToken` fetches:
//
//   const handler = createTokenHandler({ tokens, getUser, allowedOrigins: ['https://app.example.com'] })
//   export const GET = handler, POST = handler   // GET: what Unthread's documented getToken sends

const endpoints = require('./endpoint.js')

/** `createUserHandler` and `createTokenHandler` over `api`. */
function webHandlers(api) {
  const { respond, userEndpoint, tokenEndpoint } = endpoints(api)

  function handler(endpoint, getUser) {
    return async function unthreadEndpoint(request) {
      // `Headers.get` joins repeated values with ", ": the core refuses such a value.
      const header = (name) => {
        const value = request.headers.get(name)
        return value === null ? [] : [value]
      }
      const { status, headers, body } = await respond(endpoint, request.method, header, () => getUser(request))
      // A fresh object: some adapters (@hono/node-server) add to the headers they are given.
      return new Response(body, { status, headers: { ...headers } })
    }
  }

  function createUserHandler(options) {
    return handler(userEndpoint(options), options.getUser)
  }

  function createTokenHandler(options) {
    return handler(tokenEndpoint(options), options.getUser)
  }

  return { createUserHandler, createTokenHandler }
}

module.exports = webHandlers
