// The integrations' own rules, without a browser: 401 with no session, no-store always, no
// identity taken from the request, the page script (start or stop), and the browser module.
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { binding } from './helpers.mjs'

const require = createRequire(import.meta.url)
const { unthread, unthreadUserHandler } = require('../integrations/express.js')
const { createUserHandler } = require('../integrations/web.js')
const { Signer, stopScript, portalCsp } = binding
const signer = new Signer('integration-secret')
const ADA = { email: 'ada@example.com', name: 'Ada', role: 'admin' } // extra fields are ignored
const adaHash = crypto.createHmac('sha256', 'integration-secret').update(ADA.email).digest('hex')

function fakeRes(locals = {}) {
  const res = { locals, statusCode: 200, headers: {}, body: undefined }
  res.status = (code) => { res.statusCode = code; return res }
  res.set = (headers) => { Object.assign(res.headers, headers); return res }
  res.send = (body) => { res.body = body; return res }
  return res
}
const run = (handler, req, res) => new Promise((resolve, reject) => {
  const done = (error) => (error ? reject(error) : resolve(res))
  Promise.resolve(handler(req, res, done)).then(() => { if (res.body !== undefined) resolve(res) }, reject)
})

test('express JSON handler: 401, no-store, and the session user only', async () => {
  const handler = unthreadUserHandler({ signer, getUser: (req) => req.session.user ?? null })
  const anonymous = await run(handler, { method: 'GET', session: {}, query: { email: 'eve@example.com' } }, fakeRes())
  assert.equal(anonymous.statusCode, 401)
  assert.equal(anonymous.headers['cache-control'], 'no-store')
  const req = { method: 'GET', session: { user: ADA }, query: { email: 'eve@example.com' }, body: { email: 'eve@example.com' } }
  const res = await run(handler, req, fakeRes())
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['cache-control'], 'no-store')
  assert.deepEqual(JSON.parse(res.body), { user: { name: 'Ada', email: ADA.email, emailHash: adaHash } })
})

test('express middleware: start for a user, stop otherwise, with the helmet-style nonce', async () => {
  const middleware = unthread({ signer, getUser: (req) => req.session.user ?? null })
  const logged = fakeRes({ cspNonce: 'bm9uY2U=' })
  await new Promise((resolve, reject) => middleware({ session: { user: ADA } }, logged, (e) => (e ? reject(e) : resolve())))
  assert.equal(logged.locals.unthread.user.emailHash, adaHash)
  assert.equal(logged.locals.unthread.script, signer.startScript({ email: ADA.email, name: 'Ada' }, { nonce: 'bm9uY2U=' }))
  const anonymous = fakeRes({ nonce: 'bm9uY2U=' })
  await new Promise((resolve, reject) => middleware({ session: {} }, anonymous, (e) => (e ? reject(e) : resolve())))
  assert.equal(anonymous.locals.unthread.user, null)
  assert.equal(anonymous.locals.unthread.script, stopScript({ nonce: 'bm9uY2U=' }))
  assert.throws(() => unthread({ signer, getUser: () => null, nonse: 'x' }), { code: 'ERR_INVALID_OPTION' })
  assert.throws(() => unthread({ signer }), TypeError)
})

test('web-standard handler: 401, no-store, and the session user only', async () => {
  const handler = createUserHandler({
    signer,
    getUser: async (request) => (request.headers.get('cookie') === 'sid=ada' ? ADA : null),
  })
  const anonymous = await handler(new Request('http://x/api/unthread-user?email=eve@example.com'))
  assert.equal(anonymous.status, 401)
  assert.equal(anonymous.headers.get('cache-control'), 'no-store')
  const response = await handler(new Request('http://x/api/unthread-user?email=eve@example.com', {
    method: 'POST', headers: { cookie: 'sid=ada' }, body: JSON.stringify({ email: 'eve@example.com' }),
  }))
  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  assert.equal((await response.json()).user.emailHash, adaHash)
})

test('pageScript and portalCsp', () => {
  assert.equal(signer.pageScript(null), stopScript())
  assert.equal(signer.pageScript(ADA.email ? { email: ADA.email } : null), signer.startScript({ email: ADA.email }))
  assert.deepEqual(portalCsp('https://acme.unthread.io', { nonce: 'abc' }), {
    origin: 'https://acme.unthread.io',
    origins: ['https://acme.unthread.io'],
    header: "script-src 'self' 'nonce-abc' https://acme.unthread.io; connect-src 'self' https://acme.unthread.io; " +
      "frame-src https://acme.unthread.io; object-src 'none'; base-uri 'self'",
  })
  assert.throws(() => portalCsp('acme.evil.com'), { code: 'ERR_INVALID_OPTION' })
})

test('portalCsp names every form of the portal host; a custom domain only when asked', () => {
  for (const form of ['help.acme.unthread.io', 'https://help.acme.unthread.io', 'HTTPS://Help.Acme.unthread.io/']) {
    assert.equal(portalCsp(form).origin, 'https://help.acme.unthread.io', form)
  }
  for (const form of ['acme', 'acme.unthread.io', 'https://acme.unthread.io']) {
    assert.equal(portalCsp(form).origin, 'https://acme.unthread.io', form)
  }
  for (const bad of ['support.acme.com', 'https://help.acme.unthread.io/embed.js', 'http://acme.unthread.io', '*.acme.unthread.io', 'acme.unthread.io:8443']) {
    assert.throws(() => portalCsp(bad), { code: 'ERR_INVALID_OPTION' }, bad)
  }
  assert.equal(portalCsp('https://support.acme.com', { customDomain: true }).origin, 'https://support.acme.com')
  assert.equal(portalCsp('support.acme.com:8443', { customDomain: true }).origin, 'https://support.acme.com:8443')
  for (const bad of ['https://*.acme.com', 'https://support.acme.com/x', 'http://support.acme.com', 'https://localhost']) {
    assert.throws(() => portalCsp(bad, { customDomain: true }), { code: 'ERR_INVALID_OPTION' }, bad)
  }
  assert.throws(() => portalCsp('acme', { customDomain: 'yes' }), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => portalCsp('acme', { custom: true }), { code: 'ERR_INVALID_OPTION' })
})

test('portalBootScript: the documented boot, escaped, with the nonce on both elements', () => {
  const { portalBootScript } = binding
  const html = portalBootScript({ baseUrl: 'https://help.acme.unthread.io', nonce: 'bm9uY2U=', container: '</script><b>' })
  assert.equal((html.match(/<script nonce="bm9uY2U=">/g) ?? []).length, 1)
  assert.ok(html.endsWith('<script nonce="bm9uY2U=" src="https://help.acme.unthread.io/embed.js" async></script>'), html)
  assert.ok(html.includes('fetch("/api/portal-token",{method:"GET",credentials:"same-origin",cache:"no-store"})'), html)
  assert.ok(html.includes('container:"\\u003c/script\\u003e\\u003cb\\u003e"'), html)
  assert.equal(html.split('</script>').length, 3, 'two elements, no third closing tag')
  const custom = portalBootScript({ baseUrl: 'https://support.acme.com', customDomain: true, tokenUrl: '/t?x=1' })
  assert.ok(custom.includes('src="https://support.acme.com/embed.js"') && custom.includes('fetch("/t?x=1"'))
  assert.throws(() => portalBootScript({ baseUrl: 'https://support.acme.com' }), { code: 'ERR_INVALID_OPTION' })
  for (const tokenUrl of ['//evil.example/t', '/\\evil.example', 'https://evil.example/t', 'relative']) {
    assert.throws(() => portalBootScript({ baseUrl: 'help.acme.unthread.io', tokenUrl }), { code: 'ERR_INVALID_OPTION' }, tokenUrl)
  }
  assert.throws(() => portalBootScript({ baseUrl: 'help.acme.unthread.io', nonce: 'a"b' }), { code: 'ERR_INVALID_NONCE' })
  assert.throws(() => portalBootScript({}), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => portalBootScript('https://help.acme.unthread.io'), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => portalBootScript({ baseUrl: 'help.acme.unthread.io', token: '/t' }), { code: 'ERR_INVALID_OPTION' })
})

test('browser module: waits like the rendered scripts, then calls helpCenter on its object', async () => {
  const browser = await import('../integrations/browser.mjs')
  // The same wait as the core's rendered scripts.
  const rendered = stopScript()
  assert.ok(rendered.includes(`${browser.WAIT_TRIES}>n++`), rendered)
  assert.ok(rendered.includes(`setTimeout(t,${browser.WAIT_INTERVAL_MS})`), rendered)
  const calls = []
  globalThis.window = {}
  setTimeout(() => {
    globalThis.window.$unthread = { helpCenter(...args) { assert.equal(this, globalThis.window.$unthread); calls.push(args) } }
  }, 120)
  const user = signer.user({ email: ADA.email })
  assert.equal(await browser.startPortal(user), true)
  assert.equal(await browser.stopPortal(), true)
  assert.deepEqual(calls, [['start', { user }], ['stop']])
  assert.throws(() => browser.startPortal({ email: 'a@b' }), TypeError)
  delete globalThis.window
})

test('bootPortal refuses what the server refuses (issue 24): control characters, other hosts, IPv4 forms', async () => {
  const { bootPortal, portalOrigin } = await import('../integrations/browser.mjs')
  const refused = (options) => {
    let server, page
    try { binding.portalBootScript(options) } catch (error) { server = error }
    try { bootPortal(options) } catch (error) { page = error }
    assert.ok(server && page, JSON.stringify(options))
    assert.equal(page.code, server.code)
    if (server.code !== 'ERR_INVALID_ARG_TYPE') assert.equal(page.message, server.message)
  }
  // The browser strips \t, \n and \r from a URL: "/\t/evil.example/t" would fetch evil.example.
  for (const tokenUrl of ['/\t/evil.example/t', '/\n/evil.example/t', '/\r/evil.example/t', '//evil.example/t']) {
    refused({ baseUrl: 'help.acme.unthread.io', tokenUrl })
  }
  // Any https origin was accepted; the server wants unthread.io, or a custom domain said to be one.
  refused({ baseUrl: 'https://evil.example' })
  for (const baseUrl of ['https://0x7f.0x1', 'https://1.2.3.0x4', 'https://0177.0.0.1', 'https://2130706433']) {
    refused({ baseUrl, customDomain: true })
  }
  refused({ baseUrl: 'acme', nonce: '' })
  refused({ baseUrl: 'acme', customDomain: 'false' })
  refused({ baseUrl: 'acme', token: '/t' })
  refused(null)
  assert.equal(portalOrigin('ACME'), 'https://acme.unthread.io')
  assert.equal(portalOrigin('https://support.acme.com:8443/', true), 'https://support.acme.com:8443')
})

test('portalCsp: a development policy, both portals, and the sources merged into an existing policy (issue 27)', () => {
  const { portalCsp } = binding
  const dev = portalCsp('acme', { nonce: 'abc', development: true })
  assert.ok(dev.header.includes("script-src 'self' 'nonce-abc' 'unsafe-eval' https://acme.unthread.io;"), dev.header)
  const both = portalCsp(['acme', 'help.acme.unthread.io'])
  assert.deepEqual(both.origins, ['https://acme.unthread.io', 'https://help.acme.unthread.io'])
  const merged = portalCsp('help.acme.unthread.io', { policy: "default-src 'self'; img-src *; frame-src 'none'" })
  assert.equal(merged.header, "default-src 'self'; img-src *; frame-src https://help.acme.unthread.io; " +
    "script-src 'self' https://help.acme.unthread.io; connect-src 'self' https://help.acme.unthread.io")
  assert.throws(() => portalCsp('acme', { policy: "default-src 'self', script-src *" }), (e) => e.code === 'ERR_INVALID_OPTION')
  assert.throws(() => portalCsp([]), (e) => e.code === 'ERR_INVALID_OPTION')
})

// Issue 27: `portals(React)` (unthread-identity/react). Strict Mode mounts, unmounts and mounts
// again: the portal is started (and booted) once. A fake React runs the effects as it does.
test('react portals: Strict Mode\'s mount-unmount-mount starts and boots once; bad props throw while rendering', async () => {
  const { portals } = await import('../integrations/react.mjs')
  const effects = []
  const React = {
    createElement: (type, props) => ({ type, props }),
    useEffect: (effect) => effects.push(effect),
    useId: () => ':r1:',
  }
  const { ClassicPortal, EmbeddedPortal } = portals(React)
  const strictMode = () => {
    for (const effect of effects.splice(0)) {
      const cleanup = effect()
      cleanup?.()
      effect()
    }
  }
  const calls = []
  const head = []
  globalThis.window = { $unthread: { helpCenter: (...args) => calls.push(args) } }
  globalThis.document = { head: { appendChild: (e) => head.push(e) }, querySelector: () => null, createElement: () => ({ dataset: {} }) }
  try {
    const user = signer.user({ email: ADA.email, name: 'Ada' })
    assert.equal(ClassicPortal({ user }), null)
    strictMode()
    const div = EmbeddedPortal({ baseUrl: 'help.acme.unthread.io', id: 'portal' })
    assert.deepEqual(div, { type: 'div', props: { id: 'portal', className: undefined, style: undefined, suppressHydrationWarning: true } })
    strictMode()
    await new Promise((r) => setTimeout(r, 20))
    assert.deepEqual(calls, [['start', { user: { ...user } }]])
    assert.equal(window.UnthreadPortal.q.length, 1, 'booted once')
    assert.equal(window.UnthreadPortal.q[0][1].container, '#portal')
    assert.equal(head.length, 1, 'embed.js once')
    assert.equal(EmbeddedPortal({ baseUrl: 'acme' }).props.id, 'unthread-portal-r1')
    assert.throws(() => EmbeddedPortal({ baseUrl: 'https://evil.example' }), { code: 'ERR_INVALID_OPTION' })
    assert.throws(() => EmbeddedPortal({ baseUrl: 'acme', id: 'a b' }), TypeError)
    assert.throws(() => ClassicPortal({ user: { email: 'a@b' } }), TypeError)
    assert.throws(() => portals({}), TypeError)
  } finally {
    delete globalThis.window
    delete globalThis.document
  }
})
