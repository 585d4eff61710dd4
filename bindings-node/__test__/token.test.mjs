// Token mode: the PyJWT-made vectors, interop with `jose` both ways, the refusals, the
// argument types, and the secret kept out of every output.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inspect } from 'node:util'
import * as jose from 'jose'
import { binding, tokenVectors } from './helpers.mjs'
import { tokenSignerFor } from './vector-ops.mjs'

const { TokenSigner } = binding
const NOW = 1_800_000_000

const signerFor = (v) => tokenSignerFor(TokenSigner, v)

test('mints the PyJWT vectors byte for byte', () => {
  assert.ok(tokenVectors.mint.length >= 9)
  for (const v of tokenVectors.mint) {
    const minted = signerFor(v).mintToken(v.user, { issuedAt: v.issued_at, jwtId: v.jwt_id })
    assert.deepEqual(minted, { jwt: v.jwt, expiresAt: v.expires_at }, v.name)
  }
})

test('verifies and explains the PyJWT vectors with the same codes as the core', () => {
  assert.ok(tokenVectors.verify.length >= 36)
  for (const v of tokenVectors.verify) {
    const signer = signerFor(v)
    let code = 'VALID'
    try {
      const claims = signer.verifyToken(v.jwt, { now: v.now })
      assert.equal(typeof claims.exp, 'number', v.name)
    } catch (error) {
      assert.ok(error instanceof Error && !(error instanceof TypeError), v.name)
      code = error.code
    }
    assert.equal(code, v.code, v.name)
    const diagnosis = signer.explainToken(v.jwt, { now: v.now })
    assert.equal(diagnosis.code, v.diagnosis, `${v.name}: ${diagnosis.message}`)
    assert.equal(diagnosis.valid, code === 'VALID', v.name)
  }
})

const secret = 'interop-embed-secret-0123456789abcdef'
const key = new TextEncoder().encode(secret)

test('jose verifies the tokens minted here, with kid, audience and issuer', async () => {
  const signer = new TokenSigner(secret, { kid: '2026-11', audience: 'portal', issuer: 'https://app.example' })
  const { jwt, expiresAt } = signer.mintToken({ email: 'zoë@exämple.com', name: 'Zoë 😀' })
  const { payload, protectedHeader } = await jose.jwtVerify(jwt, key, {
    algorithms: ['HS256'], audience: 'portal', issuer: 'https://app.example',
  })
  assert.deepEqual(protectedHeader, { alg: 'HS256', kid: '2026-11', typ: 'JWT' })
  assert.equal(payload.email, 'zoë@exämple.com')
  assert.equal(payload.name, 'Zoë 😀')
  assert.equal(payload.exp, expiresAt)
  assert.equal(payload.exp - payload.iat, 300)
  assert.equal(payload.iat - payload.nbf, 30)
  // jose with no leeway refuses it once expired; so do we, after the 30 s of skew.
  const later = new Date((expiresAt + 1) * 1000)
  await assert.rejects(jose.jwtVerify(jwt, key, { currentDate: later }), { code: 'ERR_JWT_EXPIRED' })
  assert.throws(() => signer.verifyToken(jwt, { now: expiresAt + 30 }), { code: 'ERR_TOKEN_EXPIRED' })
  assert.equal(signer.verifyToken(jwt, { now: expiresAt + 29 }).email, 'zoë@exämple.com')
})

const claims = (over = {}) => ({ sub: 'ada@example.com', email: 'ada@example.com', iat: NOW, nbf: NOW - 30, exp: NOW + 300, jti: 'j', ...over })
const sign = (payload, { alg = 'HS256', kid, with: k = key } = {}) =>
  new jose.SignJWT(payload).setProtectedHeader(kid ? { alg, kid, typ: 'JWT' } : { alg, typ: 'JWT' }).sign(k)

test('tokens that jose mints are verified here, and its refusals are ours', async () => {
  const signer = new TokenSigner(secret, { kid: 'new', previousKeys: [{ secret: 'old-embed-secret', kid: 'old' }] })
  const verify = (jwt, now = NOW) => {
    try { signer.verifyToken(jwt, { now }); return 'VALID' } catch (e) { return e.code }
  }
  assert.equal(verify(await sign(claims(), { kid: 'new' })), 'VALID')
  assert.equal(verify(await sign(claims())), 'VALID') // no kid: every key is tried
  assert.equal(verify(await sign(claims(), { kid: 'old', with: new TextEncoder().encode('old-embed-secret') })), 'VALID')
  assert.equal(verify(await sign(claims(), { kid: 'gone' })), 'ERR_TOKEN_UNKNOWN_KID')
  assert.equal(verify(await sign(claims(), { kid: 'old' })), 'ERR_TOKEN_SIGNATURE')
  assert.equal(verify(await sign(claims(), { alg: 'HS384' })), 'ERR_TOKEN_ALGORITHM')
  assert.equal(verify(await sign(claims(), { alg: 'HS512' })), 'ERR_TOKEN_ALGORITHM')
  assert.equal(verify(new jose.UnsecuredJWT(claims()).encode()), 'ERR_TOKEN_ALGORITHM')
  assert.equal(verify(await sign(claims(), { with: new TextEncoder().encode('another-secret') })), 'ERR_TOKEN_SIGNATURE')
  assert.equal(verify(await sign(claims({ exp: NOW - 31, iat: NOW - 331, nbf: NOW - 361 }))), 'ERR_TOKEN_EXPIRED')
  assert.equal(verify(await sign(claims({ nbf: NOW + 31 }))), 'ERR_TOKEN_NOT_YET_VALID')
  assert.equal(verify(await sign(claims({ exp: (NOW + 300) * 1000 }))), 'ERR_TOKEN_LIFETIME')
  assert.equal(verify(await sign(claims({ pad: 'x'.repeat(9000) }))), 'ERR_TOKEN_TOO_LONG')
  const { email, ...noEmail } = claims()
  assert.equal(verify(await sign(noEmail)), 'ERR_TOKEN_MISSING_CLAIM')
  // Leeway edges, as jose's clockTolerance sees them.
  const jwt = await sign(claims())
  assert.equal(verify(jwt, NOW + 329), 'VALID')
  assert.equal(verify(jwt, NOW + 330), 'ERR_TOKEN_EXPIRED')
  await jose.jwtVerify(jwt, key, { currentDate: new Date((NOW + 329) * 1000), clockTolerance: 30 })
  await assert.rejects(jose.jwtVerify(jwt, key, { currentDate: new Date((NOW + 330) * 1000), clockTolerance: 30 }))
})

test('the doctor names the usual mistakes', async () => {
  const signer = new TokenSigner(secret, { kid: 'k1' })
  const explain = (jwt) => signer.explainToken(jwt, { now: NOW })
  const ms = explain(await sign(claims({ exp: Date.UTC(2027, 0, 1) })))
  assert.equal(ms.code, 'EXP_IN_MILLISECONDS')
  assert.match(ms.message, /milliseconds/)
  assert.equal(explain(await sign(claims({ exp: String(NOW + 300) }))).code, 'CLAIM_TYPE')
  const typo = explain(await sign(claims({ emial: 'x' })))
  assert.equal(typo.code, 'VALID')
  assert.deepEqual(typo.extraClaims, ['emial'])
  // A dashboard secret that looks like base64, decoded by the minter and not here.
  const b64 = new TokenSigner('aW50ZXJvcC1rZXktYnl0ZXM')
  const decoded = b64.explainToken(await sign(claims(), { with: Buffer.from('aW50ZXJvcC1rZXktYnl0ZXM', 'base64') }), { now: NOW })
  assert.equal(decoded.code, 'SECRET_ENCODING')
  assert.match(decoded.message, /base64-decoded/)
  const other = explain(await sign(claims(), { with: new TextEncoder().encode('workspace-b') }))
  assert.equal(other.code, 'SIGNATURE')
  assert.equal(other.fingerprint, signer.fingerprint)
  assert.equal(explain('x'.repeat(10_000)).code, 'TOO_LONG')
  assert.equal(explain('not a token').code, 'MALFORMED')
})

test('options and arguments of the wrong type are TypeErrors; bad values are ERR_INVALID_OPTION', () => {
  const TYPE = { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }
  const OPTION = { code: 'ERR_INVALID_OPTION' }
  assert.throws(() => new TokenSigner(42), TYPE)
  assert.throws(() => new TokenSigner(secret, { ttlSeconds: '300' }), TYPE)
  // A number out of range is a bad value, not a wrong type: ERR_INVALID_OPTION, as Python's
  // InvalidOption for ttl_seconds=-1.
  assert.throws(() => new TokenSigner(secret, { ttlSeconds: 1.5 }), OPTION)
  assert.throws(() => new TokenSigner(secret, { ttlSeconds: -1 }), OPTION)
  assert.throws(() => new TokenSigner(secret, { ttlSeconds: 300_000 }), { code: 'ERR_INVALID_OPTION', message: /milliseconds/ })
  assert.throws(() => new TokenSigner(secret, { ttlSeconds: 3601 }), OPTION)
  assert.throws(() => new TokenSigner(secret, { tll: 300 }), OPTION)
  assert.throws(() => new TokenSigner(secret, { secretEncoding: 'base32' }), OPTION)
  assert.throws(() => new TokenSigner('not hex!', { secretEncoding: 'hex' }), { code: 'ERR_INVALID_SECRET' })
  assert.throws(() => new TokenSigner(secret, { extraClaims: { exp: 1 } }), OPTION)
  assert.throws(() => new TokenSigner(secret, { claimNames: { email: 'sub' } }), OPTION)
  assert.throws(() => new TokenSigner(secret, { previousKeys: [{ kid: 'x' }] }), TYPE)
  const signer = new TokenSigner(secret)
  assert.throws(() => signer.mintToken(null), TYPE)
  assert.throws(() => signer.mintToken({ name: 'x' }), TYPE)
  assert.throws(() => signer.mintToken({ email: 'a@b.c', role: 'admin' }), OPTION)
  assert.throws(() => signer.mintToken({ email: 'not an email' }), { code: 'ERR_INVALID_EMAIL' })
  assert.throws(() => signer.mintToken({ email: 'a@b.c' }, { issuedAt: Date.now() }), { code: 'ERR_INVALID_OPTION', message: /milliseconds/ })
  assert.throws(() => signer.verifyToken(42), TYPE)
  assert.throws(() => signer.verifyToken('a'.repeat(64 << 20)), { code: 'ERR_TOKEN_TOO_LONG' })
  assert.throws(() => signer.explainToken(undefined), TYPE)
})

test('the embed secret is read from its own variable, with the same refusals', () => {
  process.env.UNTHREAD_PORTAL_EMBED_SECRET = secret
  try {
    const fromEnv = TokenSigner.fromEnv()
    assert.equal(fromEnv.fingerprint, new TokenSigner(secret).fingerprint)
    assert.throws(() => TokenSigner.fromEnv('NEXT_PUBLIC_UNTHREAD_PORTAL_EMBED_SECRET'), { code: 'ERR_EXPOSED_SECRET_VARIABLE' })
  } finally {
    delete process.env.UNTHREAD_PORTAL_EMBED_SECRET
  }
  assert.throws(() => TokenSigner.fromEnv(), { code: 'ERR_INVALID_SECRET' })
  assert.throws(() => new TokenSigner(' padded '), { code: 'ERR_INVALID_SECRET' })
})

test('no output shows the embed secret', async () => {
  const canary = 'canary-embed-secret-71b2'
  const signer = new TokenSigner(canary, { kid: 'k' })
  const outputs = [inspect(signer), JSON.stringify(signer), inspect(signer, { showHidden: true })]
  const { jwt } = signer.mintToken({ email: 'a@b.c' })
  for (const token of [jwt, await sign(claims()), 'a.b.c', jwt.slice(0, -3)]) {
    outputs.push(JSON.stringify(signer.explainToken(token)))
    try { signer.verifyToken(token, { now: NOW }) } catch (e) { outputs.push(e.message, e.stack, inspect(e)) }
  }
  for (const bad of [`${canary} `, `${canary}\n`]) {
    try { new TokenSigner(bad) } catch (e) { outputs.push(e.message, inspect(e)) }
  }
  try { new TokenSigner(`${canary}!`, { secretEncoding: 'base64' }) } catch (e) { outputs.push(e.message, inspect(e)) }
  for (const output of outputs) assert.ok(!output.includes(canary), output)
})

test('the token length is measured before the copy, exactly, at every length around the cap', () => {
  const signer = new TokenSigner(secret)
  const CAP = 8192
  // 1- to 4-byte characters, and a lone surrogate (written as U+FFFD, 3 bytes), at the end.
  for (const [char, bytes] of [['a', 1], ['é', 2], ['€', 3], ['😀', 4], ['\ud800', 3]]) {
    for (let total = CAP - 8; total <= CAP + 8; total++) {
      for (let n = 1; n <= 3; n++) {
        const jwt = 'a'.repeat(total - n * bytes) + char.repeat(n)
        const over = total > CAP
        assert.throws(() => signer.verifyToken(jwt), {
          code: over ? 'ERR_TOKEN_TOO_LONG' : 'ERR_TOKEN_MALFORMED',
          message: over ? new RegExp(`is at least ${total} bytes long`) : /malformed/,
        }, `${total} bytes ending in ${n} × ${JSON.stringify(char)}`)
        const d = signer.explainToken(jwt)
        assert.equal(d.code, over ? 'TOO_LONG' : 'MALFORMED', `${total}, ${n} × ${JSON.stringify(char)}`)
        if (over) assert.match(d.message, new RegExp(`is at least ${total} bytes long`))
      }
    }
  }
})
