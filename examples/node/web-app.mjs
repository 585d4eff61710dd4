// A web-standard handler, `(Request) => Promise<Response>`, here in Hono; the same function
// works unchanged as a Next.js route handler (`export const GET = handler`) or in Remix.
// Run: UNTHREAD_IDENTITY_SECRET=... node examples/node/web-app.mjs (with
// UNTHREAD_PORTAL_EMBED_SECRET set, it also serves the embedded portal's token endpoint).
import crypto from 'node:crypto'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Hono } = require('../../bindings-node/node_modules/hono')
const { serve } = require('../../bindings-node/node_modules/@hono/node-server')
// In your app: require('unthread-identity') and require('unthread-identity/web').
const { Signer, TokenSigner, portalCsp, portalBootScript } = require('../../bindings-node/index.js')
const { createUserHandler, createTokenHandler } = require('../../bindings-node/integrations/web.js')

const signer = Signer.fromEnv()
const subdomain = process.env.UNTHREAD_PORTAL_SUBDOMAIN ?? 'acme'
const portalUrl = process.env.UNTHREAD_PORTAL_URL ?? 'https://help.acme.unthread.io'

// A minimal session: an opaque cookie naming a server-side record.
const sessions = new Map()
const sessionId = (request) => /(?:^|;\s*)sid=([0-9a-f]{32})/.exec(request.headers.get('cookie') ?? '')?.[1]
const getUser = async (request) => sessions.get(sessionId(request)) ?? null

const userHandler = createUserHandler({ signer, getUser })

const port = Number(process.env.PORT ?? 3000)
const app = new Hono()
app.get('/api/unthread-user', (c) => userHandler(c.req.raw))
if (process.env.UNTHREAD_PORTAL_EMBED_SECRET) {
  const tokenHandler = createTokenHandler({
    tokens: TokenSigner.fromEnv(), // UNTHREAD_PORTAL_EMBED_SECRET
    getUser,
    allowedOrigins: [process.env.APP_ORIGIN ?? `http://127.0.0.1:${port}`],
  })
  app.on(['GET', 'POST'], '/api/portal-token', (c) => tokenHandler(c.req.raw))
}
app.get('/', async (c) => {
  const nonce = crypto.randomBytes(16).toString('base64')
  const user = await getUser(c.req.raw)
  c.header('Content-Security-Policy', portalCsp(subdomain, { nonce }).header)
  return c.html(`<!doctype html>
<html><head><meta charset="utf-8"><title>Web handler + Unthread</title>
<!-- Unthread's embed code from the dashboard goes here -->
${signer.pageScript(user, { nonce })}
</head><body>
${user ? `<p id="who">Logged in</p><form method="post" action="/logout"><button id="logout">Log out</button></form>`
       : `<form method="post" action="/login"><button id="login">Log in</button></form>`}
</body></html>`)
})
// The embedded portal: Unthread's boot snippet, rendered with the page's nonce.
app.get('/embedded', (c) => {
  const nonce = crypto.randomBytes(16).toString('base64')
  c.header('Content-Security-Policy', portalCsp(portalUrl, { nonce }).header)
  return c.html(`<!doctype html>
<html><head><meta charset="utf-8"><title>Web handler + the embedded portal</title>
${portalBootScript({ baseUrl: portalUrl, nonce })}
</head><body><div id="portal"></div></body></html>`)
})
app.post('/login', (c) => {
  const id = crypto.randomBytes(16).toString('hex')
  sessions.set(id, { email: 'zoë.test@exämple.com', name: '</script><script>window.pwned=1</script>' })
  c.header('Set-Cookie', `sid=${id}; HttpOnly; SameSite=Lax; Path=/`)
  return c.redirect('/', 303)
})
app.post('/logout', (c) => {
  sessions.delete(sessionId(c.req.raw))
  c.header('Set-Cookie', 'sid=; Max-Age=0; Path=/')
  return c.redirect('/', 303)
})

serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log(`listening on http://127.0.0.1:${port}`))
