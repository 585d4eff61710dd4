// Bun.serve and Deno.serve: the signed-user and token endpoints with the /web handlers, the
// same file for both runtimes (the README's recipe; check.sh serves it under each and fetches).
//
//   bun examples/runtimes/server.mjs
//   deno run --allow-ffi --allow-read --allow-env --allow-net examples/runtimes/server.mjs
import { createTokenHandler, createUserHandler } from 'unthread-identity/web'

// Your session store; here one demo session, for the check.
const sessions = new Map([['demo', { email: 'ada@example.com', name: 'Ada Lovelace' }]])
const getUser = (request) => sessions.get(/(?:^|; )sid=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1]) ?? null

const port = Number(process.env.PORT ?? 8000)
const routes = {
  // Each reads its secret (UNTHREAD_IDENTITY_SECRET, UNTHREAD_PORTAL_EMBED_SECRET) on its first request.
  '/api/unthread-user': createUserHandler({ getUser }),
  '/api/portal-token': createTokenHandler({ getUser, allowedOrigins: [`http://127.0.0.1:${port}`] }),
}
const handle = (request) => (routes[new URL(request.url).pathname] ?? notFound)(request)
const notFound = () => new Response('not found', { status: 404 })

if (globalThis.Bun) Bun.serve({ hostname: '127.0.0.1', port, fetch: handle })
else Deno.serve({ hostname: '127.0.0.1', port }, handle)
