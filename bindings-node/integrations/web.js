'use strict'
// `unthread-identity/web`: a web-standard `(Request) => Promise<Response>` handler for the
// signed user, for a Next.js route handler, Hono, Remix or any runtime with `Response`.
//
//   export const GET = createUserHandler({ signer, getUser: async (request) => sessionUser(request) })
//
// and, for the embedded portal, the token endpoint that its `getToken` fetches:
//
//   const handler = createTokenHandler({ tokens, getUser, allowedOrigins: ['https://app.example.com'] })
//   export const GET = handler, POST = handler   // GET: what Unthread's documented getToken sends

const { createUserHandler, createTokenHandler } = require('./web-handlers.js')(require('../index.js'))

// An object of names, which ESM importers (Node's and Deno's CJS lexers) can read statically.
module.exports = { createUserHandler, createTokenHandler }
