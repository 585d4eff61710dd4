// Express: the whole flow in a real app. Run: UNTHREAD_IDENTITY_SECRET=... node examples/node/express-app.mjs
// (after `make demo`; PORT defaults to 3000, UNTHREAD_PORTAL_SUBDOMAIN to "acme"). With
// UNTHREAD_PORTAL_EMBED_SECRET set, it also serves the embedded portal's token endpoint.
import crypto from 'node:crypto'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const express = require('../../bindings-node/node_modules/express')
const session = require('../../bindings-node/node_modules/express-session')
// In your app: require('unthread-identity') and require('unthread-identity/express').
const { Signer, TokenSigner, portalCsp, portalBootScript } = require('../../bindings-node/index.js')
const { unthread, unthreadUserHandler, portalTokenHandler } = require('../../bindings-node/integrations/express.js')

const signer = Signer.fromEnv() // UNTHREAD_IDENTITY_SECRET, once, at start-up
const subdomain = process.env.UNTHREAD_PORTAL_SUBDOMAIN ?? 'acme'
// The embedded portal's host (Unthread: Settings → Portal → Embed).
const portalUrl = process.env.UNTHREAD_PORTAL_URL ?? 'https://help.acme.unthread.io'
const getUser = (req) => req.session.user ?? null // from your own session, never from the request

const app = express()
app.use(session({ secret: crypto.randomBytes(32).toString('hex'), resave: false, saveUninitialized: false }))
app.use((req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
  // The classic portal's pages allow its host; the embedded portal's page allows its own.
  const host = req.path === '/embedded' ? portalUrl : subdomain
  res.set('Content-Security-Policy', portalCsp(host, { nonce: res.locals.cspNonce }).header)
  next()
})
app.use(unthread({ signer, getUser })) // res.locals.unthread.script: start, or stop when logged out

app.get('/', (req, res) => {
  const { user, script } = res.locals.unthread
  res.type('html').send(`<!doctype html>
<html><head><meta charset="utf-8"><title>Express + Unthread</title>
<!-- Unthread's embed code from the dashboard goes here -->
${script}
</head><body>
${user ? `<p id="who">Logged in</p><form method="post" action="/logout"><button id="logout">Log out</button></form>`
       : `<form method="post" action="/login"><button id="login">Log in</button></form>`}
</body></html>`)
})

app.get('/api/unthread-user', unthreadUserHandler({ signer, getUser })) // for single-page apps

// The embedded portal: Unthread's boot snippet, rendered with the page's nonce. Its getToken
// GETs /api/portal-token.
app.get('/embedded', (req, res) => {
  res.type('html').send(`<!doctype html>
<html><head><meta charset="utf-8"><title>Express + the embedded portal</title>
${portalBootScript({ baseUrl: portalUrl, nonce: res.locals.cspNonce })}
</head><body><div id="portal"></div></body></html>`)
})

const port = Number(process.env.PORT ?? 3000)
if (process.env.UNTHREAD_PORTAL_EMBED_SECRET) {
  // The embedded portal: its getToken fetches { jwt, expiresAt } from here (a GET, as
  // Unthread's snippet does; POST too, for getPortalToken's { method: 'POST' }).
  const tokens = TokenSigner.fromEnv() // UNTHREAD_PORTAL_EMBED_SECRET
  const allowedOrigins = [process.env.APP_ORIGIN ?? `http://127.0.0.1:${port}`]
  const tokenHandler = portalTokenHandler({ tokens, getUser, allowedOrigins })
  app.get('/api/portal-token', tokenHandler)
  app.post('/api/portal-token', tokenHandler)
}

// A test login: your real login authenticates the user, then stores who they are.
app.post('/login', (req, res) => {
  req.session.user = { email: 'zoë.test@exämple.com', name: '</script><script>window.pwned=1</script>' }
  res.redirect(303, '/')
})
app.post('/logout', (req, res) => req.session.destroy(() => res.redirect(303, '/')))

app.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}`))
