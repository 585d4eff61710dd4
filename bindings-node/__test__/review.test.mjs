// The reproductions of the adversarial review of token mode (issue 18), as Node shows them.
// The crash cases run in child processes, so that a SIGSEGV fails its test instead of the run.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createHmac } from 'node:crypto'
import { createRequire } from 'node:module'
import { test } from 'node:test'

import { binding } from './helpers.mjs'

const { TokenSigner, AllowedOrigins } = binding
const require = createRequire(import.meta.url)
const index = new URL('../index.js', import.meta.url).pathname
const SECRET = 'review-embed-secret-of-32-bytes!'
const NOW = 1_800_000_000
const OPTION = { code: 'ERR_INVALID_OPTION' }
const MAX_CLAIM_DEPTH = 32

function child(expression) {
  const script = `
    const b = require(${JSON.stringify(index)})
    let out
    try { out = { value: (${expression}) ?? null } } catch (e) { out = { error: e?.code ?? e?.name, message: e?.message } }
    process.stdout.write(JSON.stringify(out))`
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
}

const deep = (n) => `(() => { let o = 1; for (let i = 0; i < ${n}; i++) o = { a: o }; return o })()`

for (const [what, claims] of [
  ['a cyclic object', '(() => { const o = {}; o.self = o; return o })()'],
  ['a cyclic array', '(() => { const a = []; a.push(a); return { a } })()'],
  ['a 20,000-deep object', deep(20_000)],
  ['a 20,000-deep array', '(() => { let a = 1; for (let i = 0; i < 20000; i++) a = [a]; return { a } })()'],
]) {
  test(`review 1: extraClaims of ${what} is ERR_INVALID_OPTION naming the option, not a crash`, () => {
    const run = child(`new b.TokenSigner('secret', { extraClaims: ${claims} })`)
    assert.equal(run.signal, null, `the process died with ${run.signal}`)
    assert.equal(run.status, 0, run.stderr)
    const out = JSON.parse(run.stdout)
    assert.equal(out.error, 'ERR_INVALID_OPTION', run.stdout)
    assert.match(out.message, /options\.extraClaims/)
  })
}

test('review 1: extraClaims exactly at the depth limit mints and verifies; one more is refused', () => {
  let claims = 'leaf'
  for (let i = 0; i < MAX_CLAIM_DEPTH - 1; i++) claims = { a: claims }
  const tokens = new TokenSigner(SECRET, { extraClaims: { a: claims } })
  const { jwt } = tokens.mintToken({ email: 'ada@example.com' })
  let back = tokens.verifyToken(jwt).a
  for (let i = 0; i < MAX_CLAIM_DEPTH - 1; i++) back = back.a
  assert.equal(back, 'leaf')
  assert.throws(() => new TokenSigner(SECRET, { extraClaims: { a: { a: claims } } }), (e) =>
    e.code === 'ERR_INVALID_OPTION' && /nested more than 32 levels/.test(e.message))
  // The same object twice, side by side, is not a cycle.
  const shared = { x: 1 }
  assert.doesNotThrow(() => new TokenSigner(SECRET, { extraClaims: { a: shared, b: shared } }))
})

/** A token with any header and payload, signed with Node's own HMAC. */
function forge(header, payload, secret = SECRET) {
  const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const input = `${b64(header)}.${b64(payload)}`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}
const claims = { sub: 'u1', email: 'ada@example.com', iat: NOW, nbf: NOW - 30, exp: NOW + 300, jti: 'j' }

test('review 2: a kid of 65-128 characters verifies its own tokens; a longer header kid is refused whole', () => {
  for (const len of [64, 65, 100, 128]) {
    const tokens = new TokenSigner(SECRET, { kid: 'k'.repeat(len) })
    const { jwt } = tokens.mintToken({ email: 'ada@example.com' }, { issuedAt: NOW })
    assert.equal(tokens.verifyToken(jwt, { now: NOW }).email, 'ada@example.com', `kid of ${len}`)
    assert.equal(tokens.explainToken(jwt, { now: NOW }).code, 'VALID')
  }
  const primary = 'p'.repeat(64) + '-2026'
  const rotated = new TokenSigner(SECRET, { kid: primary, previousKeys: [{ secret: 'the-previous-embed-secret-32-byte', kid: 'p'.repeat(64) }] })
  const { jwt } = rotated.mintToken({ email: 'ada@example.com' }, { issuedAt: NOW })
  assert.equal(rotated.verifyToken(jwt, { now: NOW }).email, 'ada@example.com')
  const doctor = rotated.explainToken(jwt, { now: NOW })
  assert.equal(doctor.code, 'VALID', doctor.message)
  assert.equal(doctor.kid, primary)

  const configured = new TokenSigner(SECRET, { kid: 'k'.repeat(64) })
  const sneaky = forge({ alg: 'HS256', kid: 'k'.repeat(64) + '-not-configured' }, claims)
  assert.throws(() => configured.verifyToken(sneaky, { now: NOW }), { code: 'ERR_TOKEN_UNKNOWN_KID' })
  assert.equal(configured.explainToken(sneaky, { now: NOW }).kid, 'k'.repeat(64) + '-not-configured')
  const tooLong = forge({ alg: 'HS256', kid: 'k'.repeat(129) }, claims)
  assert.throws(() => configured.verifyToken(tooLong, { now: NOW }), { code: 'ERR_TOKEN_MALFORMED' })
})

test('review 3: any crit, and a kid that is present but not a string, are ERR_TOKEN_MALFORMED', () => {
  const tokens = new TokenSigner(SECRET)
  assert.equal(tokens.verifyToken(forge({ alg: 'HS256' }, claims), { now: NOW }).sub, 'u1')
  for (const header of [
    { alg: 'HS256', crit: null }, { alg: 'HS256', crit: [] }, { alg: 'HS256', crit: ['exp'] },
    { alg: 'HS256', kid: null }, { alg: 'HS256', kid: 7 },
  ]) {
    assert.throws(() => tokens.verifyToken(forge(header, claims), { now: NOW }), { code: 'ERR_TOKEN_MALFORMED' }, JSON.stringify(header))
    assert.equal(tokens.explainToken(forge(header, claims), { now: NOW }).code, 'MALFORMED')
  }
})

test('review 4: float claims keep their value in verifyToken and explainToken', () => {
  const tokens = new TokenSigner(SECRET)
  const floats = [6.51592972722763e+76, 1e300, -1e-300, 0.1, 2 ** 64]
  const view = new DataView(new ArrayBuffer(8))
  let state = 0x9E3779B97F4A7C15n
  while (floats.length < 2000) {
    state ^= (state << 13n) & 0xFFFFFFFFFFFFFFFFn; state ^= state >> 7n; state ^= (state << 17n) & 0xFFFFFFFFFFFFFFFFn
    view.setBigUint64(0, state)
    const f = view.getFloat64(0)
    if (Number.isFinite(f)) floats.push(f)
  }
  let changed = 0
  for (let i = 0; i < floats.length; i += 150) {
    const chunk = floats.slice(i, i + 150)
    const jwt = forge({ alg: 'HS256' }, { ...claims, floats: chunk })
    const verified = tokens.verifyToken(jwt, { now: NOW }).floats
    const explained = tokens.explainToken(jwt, { now: NOW }).claims.floats
    chunk.forEach((f, j) => { if (!Object.is(verified[j], f) || !Object.is(explained[j], f)) changed++ })
  }
  assert.equal(changed, 0, `${changed} of ${floats.length} floats changed`)
})

test('review 4: extraClaims numbers are minted exactly or refused, never clamped', () => {
  for (const n of [2 ** 64, 1e300, -1e300, 2 ** 53 + 2, 0.1, -0.5, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE]) {
    const tokens = new TokenSigner(SECRET, { extraClaims: { n } })
    const { jwt } = tokens.mintToken({ email: 'ada@example.com' })
    assert.ok(Object.is(tokens.verifyToken(jwt).n, n), `${n} became ${tokens.verifyToken(jwt).n}`)
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url'))
    assert.ok(Object.is(payload.n, n), `${n} in the payload: ${payload.n}`)
  }
  for (const n of [NaN, Infinity, -Infinity]) {
    assert.throws(() => new TokenSigner(SECRET, { extraClaims: { n } }), (e) => e.code === 'ERR_INVALID_OPTION' && /options\.extraClaims\["n"\]/.test(e.message), String(n))
  }
  assert.throws(() => new TokenSigner(SECRET, { extraClaims: { n: 10n } }), OPTION)
  assert.throws(() => new TokenSigner(SECRET, { extraClaims: { d: new Date() } }), OPTION)
  assert.throws(() => new TokenSigner(SECRET, { extraClaims: { u: undefined } }), OPTION)
})

test('review 5: a lone surrogate in a token identity is refused, never merged with another', () => {
  const tokens = new TokenSigner(SECRET)
  for (const id of ['user\ud800', 'user\udfff', '\udc00user']) {
    assert.throws(() => tokens.mintToken({ email: 'ada@example.com', id }), OPTION, JSON.stringify(id))
  }
  const { jwt } = tokens.mintToken({ email: 'ada@example.com', id: 'user\ufffd' })
  assert.equal(tokens.verifyToken(jwt).sub, 'user\ufffd', 'a real U+FFFD is text like any other')
  assert.throws(() => tokens.mintToken({ email: 'ada\ud800@example.com' }), { code: 'ERR_INVALID_EMAIL' })
  // Display names keep the documented U+FFFD rule.
  const named = tokens.mintToken({ email: 'ada@example.com', name: 'Ada\ud800' })
  assert.equal(tokens.verifyToken(named.jwt).name, 'Ada\ufffd')
})

test('review 6: AllowedOrigins decides on every raw value, and fails closed', () => {
  const allowed = new AllowedOrigins(['https://app.example.com'])
  const app = 'https://app.example.com'
  assert.equal(allowed.allows(app), true)
  assert.equal(allowed.allows([app]), true)
  assert.equal(allowed.allows([app, app]), false, 'two Origin headers')
  assert.equal(allowed.allows([app, 'https://evil.example']), false)
  assert.equal(allowed.allows([]), true, 'no Origin')
  // Node decodes header bytes as Latin-1: \xff is the byte 0xFF, never UTF-8.
  assert.equal(allowed.allows('https://evil.example\xff'), false)
  assert.equal(allowed.allows('https://app.example.com\xff'), false)
  assert.equal(allowed.allows(null, 'CROSS-SITE'), false)
  assert.equal(allowed.allows(null, 'Same-Site'), false)
  assert.equal(allowed.allows(null, ['same-origin', 'same-origin']), false, 'two Sec-Fetch-Site headers')
  assert.equal(allowed.allows(null, 'same-origin, same-origin'), false, 'joined by fetch')
  assert.equal(allowed.allows(null, 'Same-Origin'), true)
  assert.equal(allowed.allows(undefined, 'none'), true)
  assert.throws(() => allowed.allows(5), { code: 'ERR_INVALID_ARG_TYPE' })
})

test('review 7: fromEnv names the embed secret; a short embed secret warns; new exposed prefixes', () => {
  const saved = { ...process.env }
  try {
    delete process.env.UNTHREAD_PORTAL_EMBED_SECRET
    delete process.env.PORTAL_EMBED_SECRET
    assert.throws(() => TokenSigner.fromEnv(), (e) => e.code === 'ERR_INVALID_SECRET' &&
      /UNTHREAD_PORTAL_EMBED_SECRET/.test(e.message) && /embed secret/.test(e.message) && !/identity verification/.test(e.message))
    process.env.PORTAL_EMBED_SECRET = SECRET
    assert.equal(TokenSigner.fromEnv().fingerprint, new TokenSigner(SECRET).fingerprint)
    process.env.UNTHREAD_PORTAL_EMBED_SECRET = 'a-different-embed-secret-value'
    assert.throws(() => TokenSigner.fromEnv(), (e) => e.code === 'ERR_INVALID_SECRET' &&
      /UNTHREAD_PORTAL_EMBED_SECRET/.test(e.message) && /PORTAL_EMBED_SECRET and/.test(e.message.replace('UNTHREAD_', '')) &&
      !e.message.includes(SECRET) && !e.message.includes('a-different'))
    for (const name of ['UMI_APP_X', 'GRIDSOME_X', 'PREACT_APP_X', 'RENDERER_VITE_X']) {
      process.env[name] = SECRET
      assert.throws(() => TokenSigner.fromEnv(name), { code: 'ERR_EXPOSED_SECRET_VARIABLE' }, name)
    }
    process.env.UNTHREAD_PORTAL_EMBED_SECRET = '\ufeff' + SECRET
    delete process.env.PORTAL_EMBED_SECRET
    assert.throws(() => TokenSigner.fromEnv(), (e) => e.code === 'ERR_INVALID_SECRET' && /invisible/.test(e.message))
    process.env.UNTHREAD_PORTAL_EMBED_SECRET = 'sec\u200bret-of-a-good-length-for-hs256'
    assert.throws(() => TokenSigner.fromEnv(), { code: 'ERR_INVALID_SECRET' })
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  }
  assert.deepEqual(new TokenSigner(SECRET).warnings, [])
  const short = new TokenSigner('demo')
  assert.equal(short.warnings.length, 1)
  assert.match(short.warnings[0], /4 bytes.*RFC 7518/)
})

test('review 8: the loader says what happened', () => {
  const { loadFailure } = require('../unsupported.js')
  const missing = new Error('Cannot find native binding. npm has a bug related to optional dependencies')
  missing.cause = Object.assign(new Error("Cannot find module 'unthread-identity-linux-x64-gnu'"), {
    cause: new Error("Cannot find module './unthread-identity.linux-x64-gnu.node'"),
  })
  assert.equal(loadFailure(missing).code, 'ERR_UNTHREAD_IDENTITY_PLATFORM')

  const denied = Object.assign(new Error('Requires sys access to "osRelease", run again with the --allow-sys flag'), { name: 'NotCapable' })
  const permission = loadFailure(denied)
  assert.equal(permission.code, 'ERR_UNTHREAD_IDENTITY_PERMISSION')
  assert.match(permission.message, /--allow-ffi --allow-read --allow-env/)
  // The denial is quoted; no cause chain or loader frames under it (80 lines under Deno).
  assert.ok(permission.message.includes('Requires sys access'), permission.message)
  assert.equal(permission.cause, undefined)
  assert.equal(permission.stack.split('\n').length, 1)
  const deniedDeep = new Error('Cannot find native binding.')
  deniedDeep.cause = new Error('Requires read access to "/usr/bin/ldd", run again with the --allow-read flag')
  assert.equal(loadFailure(deniedDeep).code, 'ERR_UNTHREAD_IDENTITY_PERMISSION')

  const bug = new ReferenceError('nativeBinding is not defined')
  const other = loadFailure(bug)
  assert.equal(other.code, 'ERR_UNTHREAD_IDENTITY_LOAD')
  assert.equal(other.cause, bug)
  assert.match(other.message, /ReferenceError: nativeBinding is not defined/)
  const glibc = new Error('Cannot find native binding.')
  glibc.cause = new Error("/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.39' not found")
  assert.match(loadFailure(glibc).message, /GLIBC_2\.39/)

  globalThis.EdgeRuntime = 'edge-runtime'
  try {
    const edge = loadFailure(new TypeError('process.dlopen is not a function'))
    assert.equal(edge.code, 'ERR_UNTHREAD_IDENTITY_RUNTIME')
    assert.match(edge.message, /edge runtime/)
    assert.match(edge.message, /runtime = 'nodejs'/)
    // The way to the WebAssembly build, by paths the package exports (checked below).
    assert.match(edge.message, /'unthread-identity\/wasm\/bind'.*'unthread-identity\/wasm\/module.wasm'/)
    const exports = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).exports
    assert.equal(exports['./wasm/bind'].default, './wasm/api.mjs')
    assert.equal(exports['./wasm/module.wasm'], './wasm/unthread_identity.wasm')
    assert.doesNotMatch(edge.message, /undefined-undefined/)
  } finally {
    delete globalThis.EdgeRuntime
  }
})

test('review 8: index.js rethrows a ReferenceError from loading as ERR_UNTHREAD_IDENTITY_LOAD with its cause', () => {
  const script = `
    const Module = require('node:module')
    const load = Module._load
    Module._load = function (request, ...rest) {
      if (request === './native.js') throw new ReferenceError('x is not defined')
      return load.call(this, request, ...rest)
    }
    try { require(${JSON.stringify(index)}); process.exit(1) } catch (e) {
      process.stdout.write(JSON.stringify({ code: e.code, cause: e.cause?.name }))
    }`
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  assert.deepEqual(JSON.parse(run.stdout), { code: 'ERR_UNTHREAD_IDENTITY_LOAD', cause: 'ReferenceError' })
})

test('review 7: the token length is exact at every length around the cap (the core\'s TokenText)', () => {
  // The same codes and lengths as Python's test of the same name: up to 8,192 UTF-8 bytes a
  // token is read (and malformed here), past it refused by its exact length; a lone surrogate
  // counts as the 3 bytes of U+FFFD.
  const tokens = new TokenSigner(SECRET)
  const CAP = 8192
  for (const [char, width] of [['a', 1], ['é', 2], ['€', 3], ['😀', 4], ['\ud800', 3]]) {
    for (let total = CAP - 8; total <= CAP + 8; total++) {
      for (let n = 1; n <= 3; n++) {
        const jwt = 'a'.repeat(total - n * width) + char.repeat(n)
        const over = total > CAP
        assert.throws(() => tokens.verifyToken(jwt), (e) => e.code === (over ? 'ERR_TOKEN_TOO_LONG' : 'ERR_TOKEN_MALFORMED') &&
          (!over || e.message.includes(`at least ${total} bytes`)), `${total} bytes ending in ${n} × ${JSON.stringify(char)}`)
        assert.equal(tokens.explainToken(jwt).code, over ? 'TOO_LONG' : 'MALFORMED')
      }
    }
  }
})

test('review 7: the token length is measured before any copy, at every length around 4 × the cap', () => {
  // Past 32,768 UTF-16 units a token is refused by its unit count, a lower bound of its bytes,
  // without reading it; up to there its UTF-8 length is exact. Both sides of that edge, ending
  // in 1- to 4-byte characters or a lone surrogate (written as U+FFFD, 3 bytes).
  const tokens = new TokenSigner(SECRET)
  const EDGE = 4 * 8192
  for (const char of ['a', 'é', '€', '😀', '\ud800']) {
    for (let units = EDGE - 4; units <= EDGE + 4; units++) {
      for (let n = 1; n <= 2; n++) {
        const jwt = 'a'.repeat(units - n * char.length) + char.repeat(n)
        assert.equal(jwt.length, units)
        const len = units > EDGE ? units : Buffer.byteLength(jwt)
        assert.throws(() => tokens.verifyToken(jwt), (e) => e.code === 'ERR_TOKEN_TOO_LONG' &&
          e.message.includes(`at least ${len} bytes`), `${units} units ending in ${n} × ${JSON.stringify(char)}`)
        assert.equal(tokens.explainToken(jwt).code, 'TOO_LONG')
      }
    }
  }
})
