// A Cloudflare Worker serving the embedded portal's token endpoint: `unthread-identity` resolves
// to its WebAssembly build there (the package's "workerd" condition), and wrangler's default
// rules import the .wasm file as a compiled module. The secret comes from the Worker's env
// (`wrangler secret put UNTHREAD_PORTAL_EMBED_SECRET`; `.dev.vars` for `wrangler dev`).
import { TokenSigner } from 'unthread-identity'
import { createTokenHandler } from 'unthread-identity/web'

/**
 * The logged-in user, from your session. Here, Cloudflare Access's header, which Access sets on
 * every request it lets through: trust it only on a route that Access protects (never an email
 * that the page or its query sends).
 */
function getUser(request) {
  const email = request.headers.get('cf-access-authenticated-user-email')
  return email ? { email } : null
}

let handler
export default {
  fetch(request, env) {
    // Built on the first request: a Worker's env exists only in its handlers.
    handler ??= createTokenHandler({
      tokens: new TokenSigner(env.UNTHREAD_PORTAL_EMBED_SECRET),
      allowedOrigins: [env.APP_ORIGIN],
      getUser,
    })
    return handler(request)
  },
}
