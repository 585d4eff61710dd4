// A deliberately broken integration, for the browser suite's self-test: it makes each mistake
// that the SDK's integrations prevent, so the same assertions must fail against it.
// - the user object goes into <script> through plain JSON.stringify (XSS through the name);
// - the CSP allows inline scripts, so the injected one runs;
// - logged-out pages render no `stop`;
// - the JSON endpoint signs an email from the query and has no Cache-Control;
// - the token endpoint checks no origin, sets no Cache-Control, and writes exp in milliseconds;
// - the embedded portal's page sends a CSP for the classic portal's host only (the mistake the
//   old CSP helper forced: it could not name help.acme.unthread.io), so embed.js is blocked.
// Never copy this file.
import crypto from 'node:crypto'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const express = require('../../bindings-node/node_modules/express')
const session = require('../../bindings-node/node_modules/express-session')

const secret = process.env.UNTHREAD_IDENTITY_SECRET
const hash = (email) => crypto.createHmac('sha256', secret).update(email).digest('hex')

const app = express()
app.use(session({ secret: 'x', resave: false, saveUninitialized: false }))
app.get('/', (req, res) => {
  const user = req.session.user
  res.set('Content-Security-Policy', "script-src 'self' 'unsafe-inline' https://acme.unthread.io")
  const script = user
    ? `<script>window.$unthread && window.$unthread.helpCenter("start", { user: ${JSON.stringify({ ...user, emailHash: hash(user.email) })} })</script>`
    : ''
  res.type('html').send(`<!doctype html><html><head>${script}</head><body>
${user ? '<form method="post" action="/logout"><button id="logout">Log out</button></form>'
       : '<form method="post" action="/login"><button id="login">Log in</button></form>'}</body></html>`)
})
app.get('/api/unthread-user', (req, res) => {
  const user = req.session.user
  if (!user) return res.status(200).json({ user: null })
  const email = req.query.email ?? user.email
  res.json({ user: { ...user, email, emailHash: hash(email) } })
})
app.get('/embedded', (req, res) => {
  res.set('Content-Security-Policy', "script-src 'self' 'unsafe-inline' https://acme.unthread.io; frame-src https://acme.unthread.io")
  res.type('html').send(`<!doctype html><html><head><script>
window.UnthreadPortal = window.UnthreadPortal || function () { (window.UnthreadPortal.q = window.UnthreadPortal.q || []).push(arguments) }
UnthreadPortal('boot', { baseUrl: 'https://help.acme.unthread.io', getToken: function () {
  return fetch('/api/portal-token', { method: 'POST' }).then(function (r) { return r.json() }).then(function (d) { return d.jwt }) }, container: '#portal' })
</script><script src="https://help.acme.unthread.io/embed.js" async></script></head><body><div id="portal"></div></body></html>`)
})
const b64url = (data) => Buffer.from(data).toString('base64url')
function naiveToken(email) {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const body = b64url(JSON.stringify({ email, exp: Date.now() + 300_000 })) // milliseconds
  const sig = crypto.createHmac('sha256', process.env.UNTHREAD_PORTAL_EMBED_SECRET).update(`${head}.${body}`).digest('base64url')
  return `${head}.${body}.${sig}`
}
app.all('/api/portal-token', (req, res) => {
  const user = req.session.user
  if (!user) return res.status(401).json({ error: 'not logged in' })
  res.json({ jwt: naiveToken(req.query.email ?? user.email) })
})
app.post('/login', (req, res) => {
  req.session.user = { email: 'zoë.test@exämple.com', name: '</script><script>window.pwned=1</script>' }
  res.redirect(303, '/')
})
app.post('/logout', (req, res) => req.session.destroy(() => res.redirect(303, '/')))
const port = Number(process.env.PORT)
app.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}`))
