'use strict'
// `unthread-identity/web`: a web-standard `(Request) => Promise<Response>` handler for the
// signed user, for a Next.js route handler, Hono, Remix or any runtime with `Response`.
//
//   export const GET = createUserHandler({ signer, getUser: async (request) => sessionUser(request) })

const { userResponse, checkOptions } = require('./endpoint.js')

function createUserHandler(options) {
  checkOptions(options, ['signer', 'getUser'])
  const { signer, getUser } = options
  return async function unthreadUser(request) {
    const { status, headers, body } = userResponse(signer, await getUser(request))
    // A fresh object: some adapters (@hono/node-server) add to the headers they are given.
    return new Response(body, { status, headers: { ...headers } })
  }
}

module.exports = { createUserHandler }
