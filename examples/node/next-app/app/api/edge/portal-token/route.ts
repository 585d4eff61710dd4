// The token endpoint of app/api/portal-token on the edge runtime: Next.js resolves
// 'unthread-identity/web' by the package's "edge-light" condition to its WebAssembly build, with
// the same answers (200 { jwt, expiresAt }, 401, 403, 405, no-store). The embed secret is read from
// process.env on the first request, as on the Node.js runtime.
import { createTokenHandler } from 'unthread-identity/web'
import { ALLOWED_ORIGINS } from '../../../../lib/origins'

export const runtime = 'edge'

/** The session's user, from the Node.js route that holds the sessions. */
async function userOf(request: Request) {
  const session = await fetch(new URL('/api/session', request.url), {
    headers: { cookie: request.headers.get('cookie') ?? '' },
    cache: 'no-store',
  })
  return (await session.json()).user
}

export const GET = createTokenHandler({ getUser: userOf, allowedOrigins: ALLOWED_ORIGINS })
export const POST = GET
