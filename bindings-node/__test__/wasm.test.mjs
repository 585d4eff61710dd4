// The WebAssembly build (wasm/: the core compiled to wasm32, behind wasm/api.mjs) against the
// conformance table and against the native addon: for every case of the table and every hostile
// input below, the same value, or the same error (class, code, message and fields).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createRequire } from 'node:module'
import * as wasm from '../wasm/node.mjs'
import { canonical, disagreements, replay } from '../scripts/conformance.mjs'

const native = createRequire(import.meta.url)('../index.js')
const TABLE = new URL('../../testdata/conformance.json', import.meta.url).pathname

/** What calling `f` gives: its value, or everything a caller can see of its error. */
function outcome(f) {
  try {
    return { ok: f() }
  } catch (error) {
    const { name, message, code, ...fields } = error
    return { error: { class: error.constructor.name, name, message, code, fields: { ...fields } } }
  }
}

test('the conformance table replays in WebAssembly with no disagreement', () => {
  const { total, found } = disagreements(TABLE, wasm)
  assert.ok(total > 5000)
  assert.deepEqual(found.slice(0, 5), [])
})

test('every table case gives the value or the error of the addon, message included', async () => {
  const { cases } = JSON.parse((await import('node:fs')).readFileSync(TABLE, 'utf8'))
  const differ = []
  for (const c of cases) {
    const [a, b] = [replay(c, native, true), replay(c, wasm, true)]
    if (canonical(a) !== canonical(b)) differ.push({ op: c.op, a, b })
  }
  assert.deepEqual(differ.slice(0, 5), [])
})

const SECRET = 'an-embed-secret-of-32-bytes-or-more!'
const hostile = {
  'Signer(number)': (u) => new u.Signer(5),
  'Signer(Date options)': (u) => new u.Signer('k', new Date()),
  'Signer(Float64Array)': (u) => new u.Signer(new Float64Array(4)),
  'Signer(lone surrogate)': (u) => new u.Signer('k\ud800'),
  'Signer(Buffer)': (u) => new u.Signer(Buffer.from('raw key')).fingerprint,
  'Signer(unknown option)': (u) => new u.Signer('k', { email_policy: 'exact' }),
  'Signer(previousSecrets[0] wrong)': (u) => new u.Signer('k', { previousSecrets: [5] }),
  'sign(number)': (u) => new u.Signer('k').sign(5),
  'sign(lone surrogate)': (u) => new u.Signer('k').sign('a\udfff@b.c'),
  'sign(no email)': (u) => new u.Signer('k').sign(),
  'verify(lone surrogate)': (u) => new u.Signer('k').verify('a\ud800@b.c', '0'.repeat(64)),
  // The NFC/NFD diagnoses: the wasm build takes the forms from String.prototype.normalize.
  'explain(NFD given, NFC hashed)': (u) => {
    const s = new u.Signer('k')
    return s.explain('Jose\u0301@b.c', s.sign('Jos\u00e9@b.c'))
  },
  'explain(NFC given, NFD hashed)': (u) => {
    const s = new u.Signer('k')
    return s.explain('Jos\u00e9@b.c', s.sign('Jose\u0301@b.c'))
  },
  'explain(lone surrogate)': (u) => new u.Signer('k').explain('a\ud800@b.c', 'x'),
  'signMany(index)': (u) => new u.Signer('k').signMany(['a@b.c', 'not an email']),
  'signRaw(string)': (u) => new u.Signer('k').signRaw('text'),
  'signRaw(number)': (u) => new u.Signer('k').signRaw(5),
  'signRaw(Uint8Array)': (u) => new u.Signer('k').signRaw(new Uint8Array([1, 2, 3])),
  'user(Date)': (u) => new u.Signer('k').user(new Date()),
  'user(typo)': (u) => new u.Signer('k').user({ email: 'a@b.c', nme: 'Ada' }),
  'user(name lone surrogate)': (u) => new u.Signer('k').user({ email: 'a@b.c', name: 'A\ud800' }),
  'startScript(hash mismatch)': (u) => new u.Signer('k').startScript({ email: 'a@b.c', emailHash: '0'.repeat(64) }),
  'pageScript(null)': (u) => new u.Signer('k').pageScript(null, { nonce: 'abc' }),
  'pageScript(undefined)': (u) => new u.Signer('k').pageScript(undefined),
  'stopScript(bad nonce)': (u) => u.stopScript({ nonce: '"><script>' }),
  'TokenSigner(ttl ms)': (u) => new u.TokenSigner(SECRET, { ttlSeconds: 300000 }),
  'TokenSigner(NaN claim)': (u) => new u.TokenSigner(SECRET, { extraClaims: { n: NaN } }),
  'TokenSigner(function claim)': (u) => new u.TokenSigner(SECRET, { extraClaims: { f() {} } }),
  'TokenSigner(BigInt claim)': (u) => new u.TokenSigner(SECRET, { extraClaims: { n: 1n } }),
  'TokenSigner(Date claim)': (u) => new u.TokenSigner(SECRET, { extraClaims: { d: new Date(0) } }),
  'TokenSigner(cyclic claims)': (u) => {
    const claims = { a: {} }
    claims.a.b = claims
    return new u.TokenSigner(SECRET, { extraClaims: claims })
  },
  'TokenSigner(cyclic array claim)': (u) => {
    const list = [1]
    list.push({ x: list })
    return new u.TokenSigner(SECRET, { extraClaims: { l: list } })
  },
  'TokenSigner(20,000 levels of claims)': (u) => {
    let deep = {}
    for (let i = 0; i < 20000; i++) deep = { d: deep }
    return new u.TokenSigner(SECRET, { extraClaims: deep })
  },
  'TokenSigner(32 levels of claims)': (u) => {
    let deep = { leaf: 1 }
    for (let i = 0; i < 30; i++) deep = { d: deep }
    return new u.TokenSigner(SECRET, { extraClaims: deep }).fingerprint
  },
  'TokenSigner(a shared, acyclic claim)': (u) => {
    const shared = { s: 1 }
    return new u.TokenSigner(SECRET, { extraClaims: { a: shared, b: [shared, shared] } }).fingerprint
  },
  'UserEndpoint(respond a user that holds itself)': (u) => {
    class Account { constructor() { this.email = 'a@b.c'; this.self = this } }
    return new u.UserEndpoint(new u.Signer('k')).respond(new Account())
  },
  'TokenSigner(claim lone key)': (u) => new u.TokenSigner(SECRET, { extraClaims: { ['k\ud800']: 1 } }),
  'mintToken(fixed)': (u) => new u.TokenSigner(SECRET).mintToken({ email: 'a@b.c', id: 42 }, { issuedAt: 1.8e9, jwtId: 'j' }),
  'mintToken(id 1.5)': (u) => new u.TokenSigner(SECRET).mintToken({ email: 'a@b.c', id: 1.5 }),
  'verifyToken(expired)': (u) => {
    const t = new u.TokenSigner(SECRET)
    return t.verifyToken(t.mintToken({ email: 'a@b.c' }, { issuedAt: 1e9, jwtId: 'j' }).jwt)
  },
  'verifyToken(number)': (u) => new u.TokenSigner(SECRET).verifyToken(5),
  'verifyToken(too long)': (u) => new u.TokenSigner(SECRET).verifyToken('a'.repeat(100000)),
  'explainToken(garbage)': (u) => new u.TokenSigner(SECRET).explainToken('a.b.c', { now: 1.8e9 }),
  'portalCsp(two hosts)': (u) => u.portalCsp(['acme', 'beta'], { nonce: 'abc' }),
  'portalCsp(evil)': (u) => u.portalCsp('evil.example'),
  'portalBootScript': (u) => u.portalBootScript({ baseUrl: 'https://acme.unthread.io', nonce: 'n1' }),
  'AllowedOrigins(star)': (u) => new u.AllowedOrigins(['*']),
  'allows': (u) => new u.AllowedOrigins(['https://a.example']).allows(['https://a.example'], 'same-site'),
  'UserEndpoint(refusal)': (u) => new u.UserEndpoint(new u.Signer('k')).refusal('PUT', null, null),
  'UserEndpoint(respond class user)': (u) => {
    class Account { constructor() { this.email = 'a@b.c'; this.name = 'Ada'; this.role = 'x' } }
    return new u.UserEndpoint(new u.Signer('k')).respond(new Account())
  },
  'UserEndpoint(respond lone email)': (u) => new u.UserEndpoint(new u.Signer('k')).respond({ email: 'a\ud800' }),
  'TokenEndpoint(not a TokenSigner)': (u) => new u.TokenEndpoint({}, ['https://a.example']),
  'sessionUser(number)': (u) => u.sessionUser(5),
  'sessionUser(null)': (u) => u.sessionUser(null),
  'Signer.fromEnv(exposed name)': (u) => u.Signer.fromEnv('NEXT_PUBLIC_UNTHREAD_SECRET'),
  'Signer.fromEnv(unset)': (u) => u.Signer.fromEnv('UNTHREAD_TEST_UNSET_VARIABLE'),
  'Signer.fromEnv(lone surrogate)': (u) => u.Signer.fromEnv('X\ud800'),
  'Signer.fromEnv(set)': (u) => u.Signer.fromEnv('UNTHREAD_TEST_WASM_SECRET').fingerprint,
  'TokenSigner.fromEnv(conflict)': (u) => {
    process.env.UNTHREAD_PORTAL_EMBED_SECRET = SECRET
    process.env.PORTAL_EMBED_SECRET = `${SECRET}-other`
    try {
      return u.TokenSigner.fromEnv().fingerprint
    } finally {
      delete process.env.UNTHREAD_PORTAL_EMBED_SECRET
      delete process.env.PORTAL_EMBED_SECRET
    }
  },
}
process.env.UNTHREAD_TEST_WASM_SECRET = 'a-secret-from-the-environment'

test('hostile inputs: the value or the error of the addon, message included', () => {
  assert.ok(Object.keys(hostile).length > 50, 'the README says more than fifty')
  for (const [name, f] of Object.entries(hostile)) {
    const [a, b] = [outcome(() => f(native)), outcome(() => f(wasm))]
    if (name === 'TokenEndpoint(not a TokenSigner)') {
      // Both refuse a value that is no TokenSigner of their own with a TypeError.
      assert.equal(a.error.class, 'Error', name) // napi-rs's own check, not ours
      assert.equal(b.error.class, 'TypeError', name)
      continue
    }
    assert.deepEqual(b, a, name)
  }
})

test('the hot path (a fixed 1,024-byte buffer) agrees with the addon at every length around its edge', () => {
  // sign and verify copy a short, well-formed string into a reused buffer; longer or ill-formed
  // text takes the full path. At every length from 0 to past the edge (341 UTF-16 units), the
  // core's email limits included, with 1- to 4-byte characters, both builds give the same hash,
  // error or answer.
  const [n, w] = [new native.Signer('k'), new wasm.Signer('k')]
  for (const c of ['a', 'é', '€', '😀']) {
    for (let units = 0; units <= 360; units++) {
      const local = c.repeat(Math.ceil(units / c.length)).slice(0, units)
      for (const email of [local, `${local}@b.c`, `a@${local}.c`]) {
        assert.deepEqual(outcome(() => w.sign(email)), outcome(() => n.sign(email)), `${c} ${units}`)
        const hash = outcome(() => n.sign(email)).ok ?? local
        assert.equal(w.verify(email, hash), n.verify(email, hash), `${c} ${units}`)
      }
    }
  }
})

test('the wasm build has every export and static method of the addon, but the CLI', () => {
  const names = (o) => Object.keys(o).filter((k) => !['runCli', '__napiBindingTarget'].includes(k)).sort()
  assert.deepEqual(names(wasm), names(native))
  const statics = (C) => Object.getOwnPropertyNames(C).filter((k) => !['length', 'name', 'arguments', 'caller', 'prototype'].includes(k)).sort()
  for (const name of ['Signer', 'TokenSigner', 'AllowedOrigins', 'UserEndpoint', 'TokenEndpoint']) {
    assert.deepEqual(statics(wasm[name]), statics(native[name]), name)
    const methods = (C) => Object.getOwnPropertyNames(C.prototype).filter((k) => k !== 'constructor').sort()
    assert.deepEqual(methods(wasm[name]), methods(native[name]), name)
  }
  // The core's own answer, as the addon gives for a file it cannot read; the type rules too.
  assert.throws(() => wasm.Signer.fromFile('/run/secrets/x'), {
    code: 'ERR_INVALID_SECRET',
    message: /^cannot read the secret file \/run\/secrets\/x: this runtime has no file system; read the secret from the environment/,
  })
  assert.throws(() => wasm.Signer.fromFile(5), { name: 'TypeError', message: 'path must be a string, received a number' })
  assert.throws(() => native.Signer.fromFile(5), { name: 'TypeError', message: 'path must be a string, received a number' })
})

test('the .wasm stays under 200 KB gzipped, as the README says', async () => {
  const { gzipSync } = await import('node:zlib')
  const { readFileSync } = await import('node:fs')
  const bytes = readFileSync(new URL('../wasm/unthread_identity.wasm', import.meta.url))
  assert.ok(gzipSync(bytes, { level: 9 }).length <= 200 * 1024, `${gzipSync(bytes, { level: 9 }).length} bytes gzipped`)
})

test('each entry of the wasm build exports every name bind() returns', async () => {
  const { readFileSync } = await import('node:fs')
  const names = Object.keys((await import('../wasm/api.mjs')).bind(new WebAssembly.Module(readFileSync(new URL('../wasm/unthread_identity.wasm', import.meta.url))))).sort()
  assert.deepEqual(Object.keys(wasm).sort(), names)
  for (const entry of ['workerd.mjs', 'edge-light.mjs']) {
    const source = readFileSync(new URL(`../wasm/${entry}`, import.meta.url), 'utf8')
    const exported = [...source.matchAll(/^export const \{ (.*) \} = api$/gm)].flatMap((m) => m[1].split(', '))
    assert.deepEqual(exported.sort(), names, entry)
  }
})
