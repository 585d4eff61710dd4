// Browser end-to-end tests: real Chromium (Debian's package) driven by playwright-core, against
// every example app on a loopback port. A stand-in for the portal records the `helpCenter`
// calls; it is defined 300 ms after the page starts (so the rendered scripts must wait for it)
// or, in one pass, before the page's scripts run.
//
// A deliberately broken app runs through the same checks, which must fail: the harness can
// see the mistakes it is meant to catch.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import { after, before, test } from 'node:test'

const ROOT = new URL('../../', import.meta.url).pathname
const require = createRequire(`${ROOT}bindings-node/package.json`)
const { chromium } = require('playwright-core')
const jose = await import(require.resolve('jose'))

const SECRET = `e2e-${crypto.randomBytes(12).toString('hex')}`
const EMAIL = 'zoë.test@exämple.com'
const NAME = '</script><script>window.pwned=1</script>'
const EXPECTED_HASH = crypto.createHmac('sha256', SECRET).update(EMAIL).digest('hex')
const PYTHON = `${ROOT}.venv/bin/python`
// The embedded portal's secret: the token endpoint signs with it, the test verifies with it.
const EMBED_SECRET = `embed-${crypto.randomBytes(12).toString('hex')}`
// The embedded portal's host, served by the test (a stand-in of Unthread's documented client).
const PORTAL = 'https://help.acme.unthread.io'
// The browser module and the generated part it imports, served as the package ships them.
const BROWSER_MODULES = Object.fromEntries(['browser.mjs', 'portal-rules.mjs'].map((file) =>
  [file, readFileSync(`${ROOT}bindings-node/integrations/${file}`, 'utf8')]))

const APPS = [
  { name: 'express', cmd: [process.execPath, 'examples/node/express-app.mjs'] },
  { name: 'web-standard handler (Hono)', cmd: [process.execPath, 'examples/node/web-app.mjs'] },
  { name: 'fastapi + jinja2', cmd: [PYTHON, 'examples/python/fastapi_app.py'] },
  { name: 'django', cmd: [PYTHON, 'examples/python/django_app.py'] },
  { name: 'flask', cmd: [PYTHON, 'examples/python/flask_app.py'] },
  // `make next-app` built it (`next build`); `next start` reads PORT.
  // Its token endpoint twice: on the Node.js runtime (the addon) and on the edge runtime (the
  // package's WebAssembly build, by the "edge-light" condition).
  { name: 'next.js (app router)', cmd: [process.execPath, 'node_modules/next/dist/bin/next', 'start', '--hostname', '127.0.0.1'],
    cwd: 'examples/node/next-app', tokenPaths: ['/api/portal-token', '/api/edge/portal-token'] },
  { name: 'axum', cmd: [`${ROOT}target/release/axum_app`] },
]
const BROKEN = { name: 'broken (self-test)', cmd: [process.execPath, 'examples/e2e/broken-app.mjs'] }

let browser
before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
})
after(async () => {
  await browser?.close()
})

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function startApp(app) {
  const port = await freePort()
  const child = spawn(app.cmd[0], app.cmd.slice(1), {
    cwd: `${ROOT}${app.cwd ?? ''}`,
    env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', PORT: String(port),
           UNTHREAD_IDENTITY_SECRET: SECRET, UNTHREAD_PORTAL_SUBDOMAIN: 'acme',
           UNTHREAD_PORTAL_EMBED_SECRET: EMBED_SECRET, UNTHREAD_PORTAL_URL: PORTAL, ...app.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout.on('data', (d) => { log += d })
  child.stderr.on('data', (d) => { log += d })
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${app.name} exited: ${log}`)
    try {
      if ((await fetch(`${base}/`)).ok) break
    } catch {}
    if (Date.now() > deadline) throw new Error(`${app.name} did not start: ${log}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    base,
    log: () => log,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', resolve)
      child.kill('SIGTERM')
    }),
  }
}

// The stand-in portal: records calls and CSP violations; defines the API late or early.
function standIn(mode) {
  window.__unthread = { calls: [], violations: [] }
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__unthread.violations.push(`${e.violatedDirective} ${e.blockedURI}`)
  })
  const define = () => {
    window.$unthread = {
      helpCenter(...args) {
        if (this !== window.$unthread) throw new Error('helpCenter called without its object')
        window.__unthread.calls.push(JSON.parse(JSON.stringify(args)))
      },
    }
  }
  if (mode === 'late') setTimeout(define, 300)
  else define()
}

const settle = (page) => page.waitForTimeout(700) // the 300 ms late definition, plus polling

// The stand-in embedded portal: it calls the page's `getToken`, which fetches the token as
// `unthread-identity/browser`'s getPortalToken does (a POST, never cached), and keeps what it
// got for the test to check. `method: 'GET'` checks the path without an Origin header.
function embeddedPortal([method, path]) {
  const getToken = async () => {
    const r = await fetch(path, { method, credentials: 'same-origin', cache: 'no-store' })
    let body = null
    try { body = await r.json() } catch {}
    return { status: r.status, cacheControl: r.headers.get('cache-control'), body }
  }
  return getToken()
}

/**
 * One raw HTTP/1.1 request, with header lines written exactly as given (repeated, or holding
 * bytes that are not UTF-8), which fetch and Playwright cannot send. Resolves the status code.
 */
function rawRequest(base, path, headerLines) {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname)
    let answer = Buffer.alloc(0)
    socket.on('data', (d) => {
      answer = Buffer.concat([answer, d])
      const line = answer.toString('latin1').split('\r\n')[0]
      if (line.includes('\r') || answer.includes('\r\n')) {
        socket.destroy()
        resolve(Number(line.split(' ')[1]))
      }
    })
    socket.on('error', reject)
    socket.setTimeout(10_000, () => { socket.destroy(); reject(new Error('raw request timed out')) })
    const head = [`GET ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', ...headerLines, '', '']
    socket.write(Buffer.from(head.join('\r\n'), 'latin1'))
  })
}

/**
 * A stand-in of Unthread's embedded client (`embed.js`), served for the portal's host: it drains
 * the `UnthreadPortal` queue, answers later calls, calls each boot's `getToken`, keeps the
 * token for the test to verify, and mounts the portal's iframe in the container when it got
 * one. A page whose CSP does not allow the portal's host never runs it.
 */
const EMBED_JS = `(function () {
  var state = window.__embedded = { boots: 0, tokens: [], errors: [], mounted: 0 };
  function call(args) {
    if (args[0] !== 'boot') return;
    var o = args[1] || {};
    state.boots++;
    Promise.resolve().then(function () { return o.getToken(); }).then(function (jwt) {
      state.tokens.push(jwt === undefined ? null : jwt);
      var container = document.querySelector(o.container);
      if (typeof jwt === 'string' && container) {
        var frame = document.createElement('iframe');
        frame.src = o.baseUrl + '/portal#' + encodeURIComponent(jwt);
        frame.id = 'unthread-portal-frame';
        container.appendChild(frame);
        state.mounted++;
      }
    }, function (error) { state.errors.push(String(error)); });
  }
  var queue = (window.UnthreadPortal && window.UnthreadPortal.q) || [];
  window.UnthreadPortal = function () { call(Array.prototype.slice.call(arguments)); };
  for (var i = 0; i < queue.length; i++) call(Array.prototype.slice.call(queue[i]));
})();`

/** The documented snippet, exactly as Unthread's page shows it, with the page's nonce added. */
const documentedSnippet = (nonce) => `<div id="portal"></div>
<script nonce="${nonce}">
  window.UnthreadPortal = window.UnthreadPortal || function () {
    (window.UnthreadPortal.q = window.UnthreadPortal.q || []).push(arguments);
  };
  UnthreadPortal('boot', {
    baseUrl: '${PORTAL}',
    getToken: function () {
      return fetch('/api/portal-token')
        .then(function (res) { return res.json(); })
        .then(function (data) { return data.jwt; });
    },
    container: '#portal',
  });
</script>
<script nonce="${nonce}" src="${PORTAL}/embed.js" async></script>`

/** A single-page app's boot through `unthread-identity/browser`. */
const spaSnippet = (nonce) => `<div id="portal"></div>
<script type="module" nonce="${nonce}">
  import { bootPortal } from '/__unthread_test__/browser.mjs'
  bootPortal({ baseUrl: '${PORTAL}', tokenUrl: '/api/portal-token', container: '#portal', nonce: '${nonce}' })
</script>`

const CLIENTS = ['server-rendered boot snippet', 'bootPortal from /browser', 'the documented snippet']

/**
 * Opens the app's /embedded page with one of the three clients, under the app's own CSP
 * header: the server's snippet as served, or the page's body replaced by another client (the
 * header, and its nonce, kept). Resolves what the stand-in saw, and the CSP violations.
 */
async function embeddedRun(context, base, client) {
  const page = await context.newPage()
  await page.addInitScript(() => {
    window.__violations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`)
    })
  })
  let csp = null
  await page.route(`${base}/embedded`, async (route) => {
    const response = await route.fetch()
    csp = response.headers()['content-security-policy'] ?? null
    if (client === CLIENTS[0]) return route.fulfill({ response })
    const nonce = /'nonce-([^']+)'/.exec(csp ?? '')?.[1] ?? ''
    const body = `<!doctype html><html><head><meta charset="utf-8"></head><body>${
      client === CLIENTS[1] ? spaSnippet(nonce) : documentedSnippet(nonce)}</body></html>`
    return route.fulfill({ response, body, headers: { ...response.headers(), 'content-type': 'text/html; charset=utf-8' } })
  })
  await page.goto(`${base}/embedded`)
  // Until getToken settled (or 3 s, for a page whose CSP blocked embed.js).
  await page.waitForFunction(() => window.__embedded && (window.__embedded.tokens.length + window.__embedded.errors.length) > 0,
    null, { timeout: 3_000 }).catch(() => {})
  await page.waitForTimeout(300) // the frame's load, and any late violation
  const seen = await page.evaluate(() => ({
    embedded: window.__embedded ?? null,
    frames: document.querySelectorAll('#portal > iframe').length,
    violations: window.__violations,
  }))
  await page.close()
  return { ...seen, csp }
}

/** Whether `jwt` is a token of the embedded portal, checked independently of the SDK: HS256
 * with the embed secret, the session's email, whole-second `iat`/`nbf`/`exp`, `exp − iat` at
 * most an hour, not expired. */
async function checkEmbeddedToken(jwt, email) {
  try {
    const { payload, protectedHeader } = await jose.jwtVerify(jwt, new TextEncoder().encode(EMBED_SECRET), { algorithms: ['HS256'] })
    const now = Math.floor(Date.now() / 1000)
    const whole = ['iat', 'nbf', 'exp'].every((c) => Number.isInteger(payload[c]))
    const ok = protectedHeader.alg === 'HS256' && payload.email === email && whole &&
      payload.exp - payload.iat <= 3600 && payload.exp > now && payload.iat <= now + 30
    return { ok, detail: JSON.stringify({ iat: payload.iat, nbf: payload.nbf, exp: payload.exp, email: payload.email }) }
  } catch (error) {
    return { ok: false, detail: String(error) }
  }
}

/** The embedded portal with every client: logged in (a verified token and a mounted frame),
 * or not (no token, no frame). */
async function checkEmbedded(context, base, expect, state) {
  for (const client of CLIENTS) {
    const run = await embeddedRun(context, base, client)
    const e = run.embedded
    const noViolation = run.violations.length === 0
    expect(`embedded (${client}, ${state}): the page's CSP names the portal's host`, run.csp?.includes(PORTAL), run.csp)
    expect(`embedded (${client}, ${state}): embed.js loaded and booted once`, e?.boots === 1, JSON.stringify(e))
    expect(`embedded (${client}, ${state}): no CSP violation`, noViolation, run.violations.join('; '))
    if (state === 'logged in') {
      const verdict = await checkEmbeddedToken(e?.tokens?.[0], EMAIL)
      expect(`embedded (${client}, ${state}): getToken's JWT verifies independently (HS256, embed secret, the session's email, whole seconds, at most 1 h)`, verdict.ok, verdict.detail)
      expect(`embedded (${client}, ${state}): the portal frame is mounted in #portal`, run.frames === 1 && e?.mounted === 1, JSON.stringify({ frames: run.frames, e }))
    } else {
      expect(`embedded (${client}, ${state}): getToken gives no token and nothing is mounted`,
        e !== null && e.errors.length === 0 && e.tokens.length === 1 && !e.tokens[0] && run.frames === 0, JSON.stringify({ frames: run.frames, e }))
    }
  }
}

/** Whether `jwt` is an HS256 token of the embed secret for `email`, expiring within 5 minutes (+ slack). */
async function checkToken(jwt, email) {
  try {
    const { payload, protectedHeader } = await jose.jwtVerify(jwt, new TextEncoder().encode(EMBED_SECRET), { algorithms: ['HS256'] })
    const now = Math.floor(Date.now() / 1000)
    const ok = protectedHeader.alg === 'HS256' && payload.email === email &&
      Number.isInteger(payload.exp) && payload.exp > now && payload.exp <= now + 300 + 5
    return { ok, detail: JSON.stringify({ exp: payload.exp, now, email: payload.email }) }
  } catch (error) {
    return { ok: false, detail: String(error) }
  }
}

/**
 * Runs every check against one app. Returns the results instead of asserting, so that the
 * broken app's failures can be asserted too.
 */
async function check(app) {
  const results = []
  const expect = (name, ok, detail = '') => results.push({ name, ok: Boolean(ok), detail })
  const server = await startApp(app)
  const tokenPaths = app.tokenPaths ?? ['/api/portal-token']
  const context = await browser.newContext()
  await context.route(`${PORTAL}/**`, (route) => {
    const url = new URL(route.request().url())
    return url.pathname === '/embed.js'
      ? route.fulfill({ body: EMBED_JS, contentType: 'application/javascript' })
      : route.fulfill({ body: '<!doctype html><title>portal</title>', contentType: 'text/html' })
  })
  await context.route(`${server.base}/__unthread_test__/*.mjs`, (route) =>
    route.fulfill({ body: BROWSER_MODULES[new URL(route.request().url()).pathname.split('/').pop()] ?? '',
      contentType: 'text/javascript' }))
  const bodies = []
  context.on('response', async (response) => {
    try {
      bodies.push(JSON.stringify(await response.allHeaders()) + (await response.text()))
    } catch {}
  })
  try {
    const page = await context.newPage()
    await page.addInitScript(standIn, 'late')
    const state = () => page.evaluate(() => ({ ...window.__unthread, pwned: window.pwned }))
    const api = (url, init) => page.evaluate(async ([url, init]) => {
      const r = await fetch(url, init)
      const text = await r.text()
      let body = null
      try { body = JSON.parse(text) } catch {}
      return { status: r.status, cacheControl: r.headers.get('cache-control'), body }
    }, [url, init ?? {}])

    // Logged out: the page stops the portal, even though the API is defined after the script ran.
    await page.goto(`${server.base}/`)
    await settle(page)
    let s = await state()
    expect('logged-out page calls stop', s.calls.some((c) => c[0] === 'stop'), JSON.stringify(s.calls))
    expect('logged-out page does not call start', !s.calls.some((c) => c[0] === 'start'))
    const anonymous = await api('/api/unthread-user')
    expect('endpoint: 401 without a session', anonymous.status === 401, `status ${anonymous.status}`)
    expect('endpoint: no-store without a session', anonymous.cacheControl === 'no-store')
    for (const path of tokenPaths) {
      const noToken = await page.evaluate(embeddedPortal, ['POST', path])
      expect(`token (${path}): 401 without a session`, noToken.status === 401, `status ${noToken.status}`)
    }
    await checkEmbedded(context, server.base, expect, 'logged out')

    // Log in: the start call carries the right hash, and the hostile name runs nothing.
    await Promise.all([page.waitForURL(`${server.base}/`), page.click('#login')])
    await settle(page)
    s = await state()
    const start = s.calls.find((c) => c[0] === 'start')
    expect('logged-in page calls start', start, JSON.stringify(s.calls))
    const user = start?.[1]?.user ?? {}
    expect('start: emailHash equals an independent HMAC', user.emailHash === EXPECTED_HASH, user.emailHash)
    expect('start: the email is the session user\'s', user.email === EMAIL, user.email)
    expect('start: the hostile name arrives as text', user.name === NAME, user.name)
    expect('hostile name sets nothing on window', s.pwned === undefined)
    expect('no CSP violation', s.violations.length === 0, s.violations.join('; '))

    // The JSON endpoint: the session's user, whatever the client sends.
    const mine = await api('/api/unthread-user')
    expect('endpoint: 200 with a session', mine.status === 200, `status ${mine.status}`)
    expect('endpoint: no-store with a session', mine.cacheControl === 'no-store', mine.cacheControl)
    expect('endpoint: the session user\'s hash', mine.body?.user?.emailHash === EXPECTED_HASH)
    const query = await api('/api/unthread-user?email=eve%40example.com')
    expect('endpoint: a query email changes nothing',
      query.body?.user?.email === EMAIL && query.body?.user?.emailHash === EXPECTED_HASH, JSON.stringify(query.body))
    const posted = await api('/api/unthread-user', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'eve@example.com' }),
    })
    expect('endpoint: a body email changes nothing',
      posted.status !== 200 || (posted.body?.user?.email === EMAIL && posted.body?.user?.emailHash === EXPECTED_HASH),
      JSON.stringify(posted))

    // The embedded portal: getToken fetches a token, verified here with the embed secret.
    for (const path of tokenPaths) {
      for (const method of ['POST', 'GET']) {
        const got = await page.evaluate(embeddedPortal, [method, path])
        const name = `token (${method} ${path})`
        expect(`${name}: 200 with a session`, got.status === 200, `status ${got.status}`)
        expect(`${name}: no-store`, got.cacheControl === 'no-store', got.cacheControl)
        const verdict = await checkToken(got.body?.jwt, EMAIL)
        expect(`${name}: HS256 of the embed secret, the session user's email, exp in seconds within 5 min`, verdict.ok, verdict.detail)
        expect(`${name}: expiresAt is the token's exp`, got.body?.expiresAt === JSON.parse(verdict.detail).exp, JSON.stringify(got.body))
      }
      const foreignOrigin = await context.request.get(`${server.base}${path}`, { headers: { origin: 'https://evil.example' } })
      expect(`token (${path}): another origin is refused (403)`, foreignOrigin.status() === 403, `status ${foreignOrigin.status()}`)
      // PUT, where the app routes every method to the handler (the Next.js routes; Express and
      // Hono route GET and POST only, and answer 404 themselves).
      if (app.tokenPaths) {
        const put = await context.request.put(`${server.base}${path}`)
        expect(`token (${path}): PUT is refused (405)`, put.status() === 405, `status ${put.status()}`)
      }
    }
    // Another origin, with this browser's session cookie: refused, whatever the client says.
    const foreign = await context.request.post(`${server.base}/api/portal-token?email=eve%40example.com`, {
      headers: { origin: 'https://evil.example' }, data: { email: 'eve@example.com' },
    })
    expect('token: another origin is refused (403), with the session cookie', foreign.status() === 403, `status ${foreign.status()}`)
    const crossSite = await context.request.get(`${server.base}/api/portal-token`, { headers: { 'sec-fetch-site': 'cross-site' } })
    expect('token: a cross-site request without Origin is refused', crossSite.status() === 403, `status ${crossSite.status()}`)
    // Headers as only a hostile client sends them, with the session cookie: the core's rule on
    // every raw value decides, and fails closed.
    const cookie = `Cookie: ${(await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ')}`
    const raw = (...lines) => rawRequest(server.base, '/api/portal-token', [cookie, ...lines])
    const own = `Origin: ${server.base}`
    expect('token (raw): one allowed Origin gets 200', (await raw(own)) === 200)
    for (const [name, lines] of [
      ['an Origin with a byte that is not UTF-8', ['Origin: https://evil.example\xff']],
      ['the allowed Origin plus a byte that is not UTF-8', [`${own}\xff`]],
      ['two Origin headers, both allowed', [own, own]],
      ['the allowed Origin then a foreign one', [own, 'Origin: https://evil.example']],
      ['a foreign Origin then the allowed one', ['Origin: https://evil.example', own]],
      ['Sec-Fetch-Site: CROSS-SITE', ['Sec-Fetch-Site: CROSS-SITE']],
      ['Sec-Fetch-Site: Same-Site', ['Sec-Fetch-Site: Same-Site']],
      ['two Sec-Fetch-Site headers', ['Sec-Fetch-Site: same-origin', 'Sec-Fetch-Site: cross-site']],
      ['two same-origin Sec-Fetch-Site headers', ['Sec-Fetch-Site: same-origin', 'Sec-Fetch-Site: same-origin']],
    ]) {
      const status = await raw(...lines)
      expect(`token (raw): ${name} is refused (403)`, status === 403, `status ${status}`)
    }

    await checkEmbedded(context, server.base, expect, 'logged in')

    // The portal defined before the page's scripts: the start call still happens, once.
    const early = await context.newPage()
    await early.addInitScript(standIn, 'early')
    await early.goto(`${server.base}/`)
    await settle(early)
    const earlyState = await early.evaluate(() => window.__unthread)
    expect('start works with the portal defined first',
      earlyState.calls.filter((c) => c[0] === 'start').length === 1, JSON.stringify(earlyState.calls))
    await early.close()

    // Log out: the next page stops the portal.
    await Promise.all([page.waitForURL(`${server.base}/`), page.click('#logout')])
    await settle(page)
    s = await state()
    expect('logout leads to a page that calls stop', s.calls.some((c) => c[0] === 'stop'), JSON.stringify(s.calls))
    expect('after logout: no start', !s.calls.some((c) => c[0] === 'start'))
    const gone = await api('/api/unthread-user')
    expect('endpoint: 401 after logout', gone.status === 401)
    for (const path of tokenPaths) {
      const goneToken = await page.evaluate(embeddedPortal, ['POST', path])
      expect(`token (${path}): 401 after logout`, goneToken.status === 401, `status ${goneToken.status}`)
    }
    expect('no CSP violation after logout', s.violations.length === 0, s.violations.join('; '))
    await checkEmbedded(context, server.base, expect, 'after logout')
  } finally {
    await context.close()
    await server.stop()
  }
  const leaked = [SECRET, EMBED_SECRET].some((secret) => bodies.some((b) => b.includes(secret)) || server.log().includes(secret))
  expect('no response header, body or log holds either secret', !leaked)
  return results
}

for (const app of APPS) {
  test(`browser: ${app.name}`, { timeout: 120_000 }, async (t) => {
    if (app.name === 'axum' && !existsSync(app.cmd[0])) assert.fail('build the axum example first (make e2e does)')
    const results = await check(app)
    const failed = results.filter((r) => !r.ok)
    t.diagnostic(`${results.length} browser assertions, ${failed.length} failed`)
    assert.deepEqual(failed, [], failed.map((r) => `${r.name}: ${r.detail}`).join('\n'))
    assert.ok(results.length >= 30)
  })
}

// Next.js: the portals as client components survive a client-side navigation (next/link
// inserts a page without running its scripts), with no CSP violation, no console error or
// warning and no page error; the embedded portal boots again in its new container, embed.js
// loads once. Under `next start`, and under `next dev`, where React's Strict Mode mounts,
// unmounts and mounts every component again (each portal must still start and boot once).
async function softNavigation(app) {
  const server = await startApp(app)
  const tokenPaths = app.tokenPaths ?? ['/api/portal-token']
  const context = await browser.newContext()
  await context.route(`${PORTAL}/**`, (route) => new URL(route.request().url()).pathname === '/embed.js'
    ? route.fulfill({ body: EMBED_JS, contentType: 'application/javascript' })
    : route.fulfill({ body: '<!doctype html><title>portal</title>', contentType: 'text/html' }))
  try {
    const page = await context.newPage()
    const problems = []
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`) })
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    await page.addInitScript(standIn, 'early')
    await page.goto(`${server.base}/`)
    await Promise.all([page.waitForURL(`${server.base}/`), page.click('#login')])
    await page.waitForFunction(() => window.__unthread.calls.some((c) => c[0] === 'start'), null, { timeout: 30_000 })
    const marker = await page.evaluate(() => (window.__softNavigation = 'same document'))
    const seen = () => page.evaluate(() => ({ marker: window.__softNavigation, frames: document.querySelectorAll('#portal > iframe').length,
      boots: window.__embedded.boots, scripts: document.querySelectorAll('script[data-unthread-embed]').length,
      starts: window.__unthread.calls.filter((c) => c[0] === 'start').length, violations: window.__unthread.violations }))
    // To the embedded portal, without a page load.
    await page.click('#to-embedded')
    await page.waitForFunction(() => window.__embedded?.mounted === 1, null, { timeout: 30_000 })
    await page.waitForTimeout(300) // a second boot or start, had Strict Mode caused one
    assert.deepEqual(await seen(), { marker, frames: 1, boots: 1, scripts: 1, starts: 1, violations: [] })
    // Back to the classic portal: started again for the user.
    await page.click('#to-classic')
    await page.waitForFunction(() => window.__unthread.calls.filter((c) => c[0] === 'start').length === 2, null, { timeout: 30_000 })
    // And to the embedded one again: a second boot, in the new container, embed.js still once.
    await page.click('#to-embedded')
    await page.waitForFunction(() => window.__embedded?.mounted === 2, null, { timeout: 30_000 })
    await page.waitForTimeout(300)
    assert.deepEqual(await seen(), { marker, frames: 1, boots: 2, scripts: 1, starts: 2, violations: [] })
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
    await server.stop()
  }
}

const NEXT = APPS.find((a) => a.name.startsWith('next.js'))

test('browser: next.js client-side navigation between the classic and the embedded portal (next start)', { timeout: 120_000 }, () =>
  softNavigation(NEXT))

test('browser: next.js client-side navigation under next dev (Strict Mode, development CSP)', { timeout: 180_000 }, () =>
  softNavigation({ ...NEXT, name: 'next.js (next dev)', cmd: [process.execPath, 'node_modules/next/dist/bin/next', 'dev', '--hostname', '127.0.0.1'] }))

test('browser self-test: the broken app fails the same checks', { timeout: 120_000 }, async (t) => {
  const results = await check(BROKEN)
  const failed = new Set(results.filter((r) => !r.ok).map((r) => r.name))
  t.diagnostic(`broken app: ${failed.size} of ${results.length} checks failed, as they must`)
  for (const name of [
    'hostile name sets nothing on window',
    'logged-out page calls stop',
    'logout leads to a page that calls stop',
    'endpoint: 401 without a session',
    'endpoint: no-store with a session',
    'endpoint: a query email changes nothing',
    'logged-in page calls start', // its script does not wait for the portal
    'token: another origin is refused (403), with the session cookie',
    'token (POST /api/portal-token): no-store',
    'token (POST /api/portal-token): HS256 of the embed secret, the session user\'s email, exp in seconds within 5 min',
    'embedded (server-rendered boot snippet, logged in): embed.js loaded and booted once',
    'embedded (the documented snippet, logged in): no CSP violation',
    'embedded (bootPortal from /browser, logged in): the portal frame is mounted in #portal',
  ]) {
    assert.ok(failed.has(name), `the harness did not catch: ${name}`)
  }
})
