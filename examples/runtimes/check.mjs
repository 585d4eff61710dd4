// The Node package under Bun and Deno (run by check.sh, which also runs the Node quickstart
// under each): the shared vectors, a differential against the runtime's own HMAC, the token
// vectors, and the web-standard token handler served by the runtime's own server on loopback.
// Node runs it too, as the reference.
import assert from 'node:assert/strict'
import { Buffer } from 'node:buffer'
import { createHmac, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Signer, TokenSigner } = require('../../bindings-node/index.js')
const { createTokenHandler } = require('../../bindings-node/integrations/web.js')
const runtime = globalThis.Bun ? `Bun ${Bun.version}` : globalThis.Deno ? `Deno ${Deno.version.deno}` : `Node ${process.version}`
const data = (name) => JSON.parse(readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8'))
const hex = (h) => Buffer.from(h, 'hex')
let checks = 0

// 1. The shared vectors (RFC 4231, email hashes, verify), computed by CPython's hmac.
const vectors = data('vectors.json')
for (const c of vectors.rfc4231) {
  const digits = c.truncate_to_bytes ? 2 * c.truncate_to_bytes : 64
  assert.equal(new Signer(hex(c.key_hex)).signRaw(hex(c.data_hex)).slice(0, digits), c.hmac_sha256_hex, c.name)
  checks++
}
for (const c of vectors.email) {
  const signer = new Signer(hex(c.secret_hex), { emailPolicy: c.policy })
  assert.equal(signer.sign(c.email), c.hash, c.name)
  assert.ok(signer.verify(c.email, c.hash), c.name)
  checks++
}
for (const c of vectors.verify) {
  const signer = new Signer(hex(vectors.verify_secret_hex), { previousSecrets: (c.previous ?? []).map(hex) })
  assert.equal(signer.verify(c.email ?? vectors.verify_email, c.hash), c.valid, c.name)
  checks++
}

// 2. A differential against this runtime's own node:crypto HMAC: random secrets and emails
// of 1- to 4-byte characters.
const alphabet = ['a', 'Z', '0', '.', '@', 'é', 'ß', '€', '中', '😀']
for (let i = 0; i < 500; i++) {
  const secret = randomBytes(8 + (i % 40)).toString('base64url')
  let local = ''
  for (let j = 0; j < 1 + (i % 60); j++) local += alphabet[(i * 7 + j * 13) % alphabet.length]
  const email = `${local}@exämple.com`
  const expected = createHmac('sha256', secret).update(email).digest('hex')
  assert.equal(new Signer(secret).sign(email), expected, `${runtime}: ${JSON.stringify(email)}`)
  checks++
}

// 3. The token vectors made by PyJWT: minted byte for byte, verified or refused with the code.
const tokens = data('token_vectors.json')
for (const v of tokens.mint) {
  const o = v.options
  const signer = new TokenSigner(v.secret, {
    kid: v.kid, secretEncoding: v.secret_encoding, previousKeys: v.previous ?? undefined,
    ttlSeconds: o.ttl, clockSkewSeconds: o.clock_skew, audience: o.audience, issuer: o.issuer,
    claimNames: o.claim_names && { subject: o.claim_names.subject, email: o.claim_names.email, name: o.claim_names.name, jwtId: o.claim_names.jwt_id },
    extraClaims: o.extra_claims, emailPolicy: o.email_policy,
  })
  const user = { email: v.user.email, name: v.user.name ?? undefined, id: v.user.id ?? undefined }
  const minted = signer.mintToken(user, { issuedAt: v.issued_at, jwtId: v.jwt_id })
  assert.equal(minted.jwt, v.jwt, v.name)
  checks++
}

// 4. The token endpoint on this runtime's own server (Bun.serve / Deno.serve / node:http).
const EMBED = `embed-${randomBytes(8).toString('hex')}`
const minter = new TokenSigner(EMBED)
const sessions = new Map([['s1', { email: 'ada@example.com', name: 'Ada' }]])
const getUser = async (request) => sessions.get(/sid=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1]) ?? null
let handler = null // made once the server's origin is known
const { url, stop } = await serve((request) => handler(request))
const origin = url
handler = createTokenHandler({ tokens: minter, getUser, allowedOrigins: [origin] })
try {
  const get = (headers) => fetch(`${url}/api/portal-token`, { headers })
  const ok = await get({ cookie: 'sid=s1', 'sec-fetch-site': 'same-origin' })
  assert.equal(ok.status, 200)
  assert.equal(ok.headers.get('cache-control'), 'no-store')
  const { jwt, expiresAt } = await ok.json()
  const claims = minter.verifyToken(jwt)
  assert.equal(claims.email, 'ada@example.com')
  assert.equal(claims.exp, expiresAt)
  // Verified independently: the runtime's HMAC over the signing input.
  const [head, body, signature] = jwt.split('.')
  assert.equal(createHmac('sha256', EMBED).update(`${head}.${body}`).digest('base64url'), signature)
  assert.equal((await get({ cookie: 'sid=s1', origin })).status, 200)
  assert.equal((await get({ cookie: 'sid=s1', origin: 'https://evil.example' })).status, 403)
  assert.equal((await get({ cookie: 'sid=s1', 'sec-fetch-site': 'CROSS-SITE' })).status, 403)
  assert.equal((await get({ origin })).status, 401)
  checks += 6
} finally {
  await stop()
}
console.log(`${runtime}: ${checks} checks passed (vectors, ${500} differential emails, token vectors, token endpoint on ${url})`)

/** The runtime's own HTTP server on 127.0.0.1, on a free port. */
async function serve(fetchHandler) {
  if (globalThis.Bun) {
    const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: fetchHandler })
    return { url: `http://127.0.0.1:${server.port}`, stop: async () => server.stop(true) }
  }
  if (globalThis.Deno) {
    const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, fetchHandler)
    return { url: `http://127.0.0.1:${server.addr.port}`, stop: () => server.shutdown() }
  }
  const http = await import('node:http')
  const server = http.createServer(async (req, res) => {
    const headers = new Headers()
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
    const response = await fetchHandler(new Request(`http://127.0.0.1${req.url}`, { headers }))
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((r) => server.close(r)) }
}
