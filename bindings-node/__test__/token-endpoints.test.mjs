// The token endpoints' rules, without a browser: 403 from another origin (before the session is
// read), 401 with no session, no-store always, and the identity from the session only.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import * as jose from 'jose'
import { binding } from './helpers.mjs'

const require = createRequire(import.meta.url)
const { portalTokenHandler } = require('../integrations/express.js')
const { createTokenHandler } = require('../integrations/web.js')
const { TokenSigner, AllowedOrigins } = binding
const EMBED = 'endpoint-embed-secret'
const tokens = new TokenSigner(EMBED, { kid: 'k1' })
const APP = 'https://app.example.com'
const ADA = { email: 'ada@example.com', name: 'Ada', id: 42, role: 'admin' }

async function claimsOf(jwt) {
  const { payload } = await jose.jwtVerify(jwt, new TextEncoder().encode(EMBED), { algorithms: ['HS256'] })
  return payload
}

function fakeRes() {
  const res = { statusCode: 200, headers: {}, body: undefined }
  res.status = (code) => { res.statusCode = code; return res }
  res.set = (headers) => { Object.assign(res.headers, headers); return res }
  res.send = (body) => { res.body = body; return res }
  return res
}
const expressReq = (headers, session = {}, method = 'GET') => ({
  method, session, query: { email: 'eve@example.com' }, body: { email: 'eve@example.com', id: 'eve' },
  // As Node gives them: [name, value, name, value, ...], repeated headers repeated.
  rawHeaders: Object.entries(headers).flatMap(([name, value]) => [].concat(value).flatMap((v) => [name, v])),
  get: (name) => headers[name.toLowerCase()],
})
const run = (handler, req) => new Promise((resolve, reject) => {
  const res = fakeRes()
  Promise.resolve(handler(req, res, (e) => (e ? reject(e) : resolve(res)))).then(() => resolve(res), reject)
})

test('express token handler: 403, 401, no-store, the session user as the subject', async () => {
  let reads = 0
  const handler = portalTokenHandler({
    tokens, allowedOrigins: [APP], getUser: (req) => { reads++; return req.session.user ?? null },
  })
  const evil = await run(handler, expressReq({ origin: 'https://evil.example' }, { user: ADA }))
  assert.equal(evil.statusCode, 403)
  assert.equal(evil.headers['cache-control'], 'no-store')
  assert.equal(reads, 0, 'a refused origin is answered before the session is read')
  const crossSite = await run(handler, expressReq({ 'sec-fetch-site': 'cross-site' }, { user: ADA }))
  assert.equal(crossSite.statusCode, 403)
  for (const headers of [
    { origin: [APP, APP] }, { origin: [APP, 'https://evil.example'] }, { origin: `${APP}\xff` },
    { 'sec-fetch-site': 'CROSS-SITE' }, { 'sec-fetch-site': ['same-origin', 'same-origin'] },
  ]) {
    const raw = await run(handler, expressReq(headers, { user: ADA }))
    assert.equal(raw.statusCode, 403, JSON.stringify(headers))
  }
  const put = await run(handler, expressReq({ origin: APP }, { user: ADA }, 'PUT'))
  assert.equal(put.statusCode, 405)
  assert.equal(put.headers.allow, 'GET, POST')
  const posted = await run(handler, expressReq({ origin: APP }, { user: ADA }, 'POST'))
  assert.equal(posted.statusCode, 200)
  assert.equal(reads, 1, 'a refused request never reads the session')
  reads = 0
  const anonymous = await run(handler, expressReq({ origin: APP }))
  assert.equal(anonymous.statusCode, 401)
  assert.equal(anonymous.headers['cache-control'], 'no-store')
  for (const headers of [{ origin: APP }, { 'sec-fetch-site': 'same-origin' }]) {
    const res = await run(handler, expressReq(headers, { user: ADA }))
    assert.equal(res.statusCode, 200)
    assert.equal(res.headers['cache-control'], 'no-store')
    assert.match(res.headers.vary, /Origin/)
    const body = JSON.parse(res.body)
    assert.deepEqual(Object.keys(body), ['jwt', 'expiresAt'])
    const claims = await claimsOf(body.jwt)
    assert.equal(claims.sub, '42')
    assert.equal(claims.email, ADA.email)
    assert.equal(claims.exp, body.expiresAt)
    assert.equal(claims.role, undefined)
  }
})

test('web-standard token handler: the same rules', async () => {
  const handler = createTokenHandler({
    tokens, allowedOrigins: [APP],
    getUser: async (request) => (request.headers.get('cookie') === 'sid=ada' ? ADA : null),
  })
  const post = (headers) => handler(new Request(`${APP}/api/portal-token?email=eve@example.com`, {
    method: 'POST', headers, body: JSON.stringify({ email: 'eve@example.com' }),
  }))
  const twice = new Headers([['origin', APP], ['origin', APP], ['cookie', 'sid=ada']])
  assert.equal((await handler(new Request(`${APP}/api/portal-token`, { headers: twice }))).status, 403, 'Headers joins two Origins')
  assert.equal((await handler(new Request(`${APP}/api/portal-token`, { headers: { 'sec-fetch-site': 'CROSS-SITE', cookie: 'sid=ada' } }))).status, 403)
  assert.equal((await handler(new Request(`${APP}/api/portal-token`, { headers: { origin: `${APP}\xff`, cookie: 'sid=ada' } }))).status, 403)
  assert.equal((await handler(new Request(`${APP}/api/portal-token`, { method: 'DELETE', headers: { origin: APP, cookie: 'sid=ada' } }))).status, 405)
  const get = await handler(new Request(`${APP}/api/portal-token`, { headers: { cookie: 'sid=ada', 'sec-fetch-site': 'same-origin' } }))
  assert.equal(get.status, 200, 'the documented GET')
  assert.equal((await post({ origin: 'https://evil.example', cookie: 'sid=ada' })).status, 403)
  const anonymous = await post({ origin: APP })
  assert.equal(anonymous.status, 401)
  assert.equal(anonymous.headers.get('cache-control'), 'no-store')
  const ok = await post({ origin: APP, cookie: 'sid=ada' })
  assert.equal(ok.status, 200)
  assert.equal(ok.headers.get('cache-control'), 'no-store')
  const body = await ok.json()
  assert.equal((await claimsOf(body.jwt)).email, ADA.email)
  assert.equal(tokens.verifyToken(body.jwt).email, ADA.email)
})

test('options are checked when the handler is made', () => {
  assert.throws(() => portalTokenHandler({ tokens, getUser: () => null }), TypeError)
  assert.throws(() => portalTokenHandler({ tokens, getUser: () => null, allowedOrigins: [] }), { code: 'ERR_INVALID_OPTION' })
  assert.throws(() => portalTokenHandler({ tokens, getUser: () => null, allowedOrigins: ['*'] }), { code: 'ERR_INVALID_OPTION' })
  assert.throws(() => createTokenHandler({ tokens, getUser: () => null, allowedOrigins: [`${APP}/`] }), { code: 'ERR_INVALID_OPTION' })
  assert.throws(() => createTokenHandler({ signer: tokens, getUser: () => null, allowedOrigins: [APP] }), { code: 'ERR_INVALID_OPTION' })
  assert.throws(() => createTokenHandler({ tokens: {}, getUser: () => null, allowedOrigins: [APP] }), TypeError)
  const allowed = new AllowedOrigins(['HTTPS://App.Example.com'])
  assert.deepEqual(allowed.origins, [APP])
  assert.equal(allowed.allows(APP), true)
  assert.equal(allowed.allows('null'), false)
  assert.equal(allowed.allows(undefined, 'same-site'), false)
  assert.throws(() => allowed.allows(42), { name: 'TypeError' })
})

test('browser module: getPortalToken GETs (or POSTs when asked), and resolves null when logged out', async () => {
  const { getPortalToken } = await import('../integrations/browser.mjs')
  const calls = []
  const original = globalThis.fetch
  globalThis.fetch = async (url, init) => {
    calls.push([url, init])
    return calls.length === 1
      ? new Response('{"error":"not logged in"}', { status: 401 })
      : Response.json({ jwt: 'a.b.c', expiresAt: 1 })
  }
  try {
    assert.equal(await getPortalToken(), null)
    assert.equal(await getPortalToken('/t', { method: 'POST' }), 'a.b.c')
    await assert.rejects(getPortalToken('/t', { method: 'PUT' }), TypeError)
  } finally {
    globalThis.fetch = original
  }
  assert.equal(calls[0][0], '/api/portal-token')
  assert.equal(calls[0][1].method, 'GET', 'the documented client GETs')
  assert.equal(calls[0][1].cache, 'no-store')
  assert.equal(calls[1][1].method, 'POST')
})

test('the session user is read by the core rule: own properties only, other fields ignored', () => {
  const { TokenEndpoint, UserEndpoint, TokenSigner, Signer } = binding
  const tokens = new TokenSigner('endpoint-secret-of-32-bytes-long!!')
  const endpoint = new TokenEndpoint(tokens, ['https://app.example.com'])
  Object.prototype.id = 'x' // elsewhere in an app
  try {
    const answer = endpoint.respond({ email: 'ada@example.com', role: 'admin' })
    assert.equal(tokens.verifyToken(JSON.parse(answer.body).jwt).sub, 'ada@example.com')
  } finally {
    delete Object.prototype.id
  }
  class Account { constructor() { this.email = 'ada@example.com'; this.id = 7 } }
  assert.equal(tokens.verifyToken(JSON.parse(endpoint.respond(new Account()).body).jwt).sub, '7')
  const users = new UserEndpoint(new Signer('endpoint-secret'))
  assert.equal(users.refusal('get', null, null).status, 405)
  assert.equal(users.refusal('GET', null, 'cross-site').status, 403)
  const refused = users.respond({ email: 'not an email' })
  assert.deepEqual([refused.status, refused.body, refused.headers['cache-control']], [500, '{"error":"ERR_INVALID_EMAIL"}', 'no-store'])
})

// Issue 27: `next build` imports route modules without the secrets. A handler made at module
// load reads no secret until its first request: the signer may be omitted (fromEnv then), or a
// function, called once.
test('handlers made at module load read the secret on their first request, once', async () => {
  const { createUserHandler } = require('../integrations/web.js')
  const saved = { id: process.env.UNTHREAD_IDENTITY_SECRET, embed: process.env.UNTHREAD_PORTAL_EMBED_SECRET }
  delete process.env.UNTHREAD_IDENTITY_SECRET
  delete process.env.UNTHREAD_PORTAL_EMBED_SECRET
  try {
    const user = createUserHandler({ getUser: () => ADA })
    const token = createTokenHandler({ getUser: () => ADA, allowedOrigins: [APP] })
    let made = 0
    const viaFunction = createTokenHandler({ tokens: () => (made++, new binding.TokenSigner('f'.repeat(32))), getUser: () => ADA, allowedOrigins: [APP] })
    assert.equal(made, 0, 'nothing is built before a request')
    const get = (url) => new Request(url, { headers: { 'sec-fetch-site': 'same-origin' } })
    // The first request without the secret fails the way fromEnv does.
    await assert.rejects(user(get(`${APP}/api/unthread-user`)), { code: 'ERR_INVALID_SECRET' })
    process.env.UNTHREAD_IDENTITY_SECRET = 'identity-secret-from-the-environment'
    process.env.UNTHREAD_PORTAL_EMBED_SECRET = 'e'.repeat(32)
    const signed = await (await user(get(`${APP}/api/unthread-user`))).json()
    assert.equal(signed.user.emailHash, new binding.Signer('identity-secret-from-the-environment').sign(ADA.email))
    const minted = await (await token(get(`${APP}/api/portal-token`))).json()
    assert.equal(new binding.TokenSigner('e'.repeat(32)).verifyToken(minted.jwt).email, ADA.email)
    await viaFunction(get(`${APP}/api/portal-token`))
    await viaFunction(get(`${APP}/api/portal-token`))
    assert.equal(made, 1, 'the function is called once')
    assert.throws(() => createTokenHandler({ tokens: 'secret', getUser: () => ADA, allowedOrigins: [APP] }), TypeError)
  } finally {
    for (const [name, value] of [['UNTHREAD_IDENTITY_SECRET', saved.id], ['UNTHREAD_PORTAL_EMBED_SECRET', saved.embed]]) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
})
