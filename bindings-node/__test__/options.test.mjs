// Options cross the boundary as the core's config structs (`unthread_identity::*Config`, read by
// the core's reader): the keys each call accepts are the structs' fields in camelCase, and
// nothing else. options.d.ts is generated from the same structs (core/conformance/src/options.rs);
// these tests hold the built addon to it: the keys an unknown-key error lists, the interfaces'
// keys, and JavaScript's own conventions.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { binding } from './helpers.mjs'

const { Signer, TokenSigner, portalCsp, portalBootScript, stopScript } = binding
const SECRET = 'options-test-secret-of-32-bytes-or-more'
const header = readFileSync(new URL('../options.d.ts', import.meta.url), 'utf8')

/** The keys of `interface name { … }` in options.d.ts. */
function declared(name) {
  const start = header.indexOf(`export interface ${name} {`)
  const body = header.slice(start, header.indexOf('\n}', start))
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]).sort()
}

/** The keys a call accepts, as its unknown-key error lists them (from the core's struct). */
function accepted(call) {
  try {
    call({ notAnOption: 1 })
  } catch (e) {
    assert.equal(e.code, 'ERR_INVALID_OPTION', e.message)
    return e.message.match(/expected one of (.*)$/)[1].split(', ').sort()
  }
  assert.fail('an unknown key was accepted')
}

const CALLS = {
  SignerOptions: (o) => new Signer(SECRET, o),
  ScriptOptions: (o) => stopScript(o),
  TokenSignerOptions: (o) => new TokenSigner(SECRET, o),
  MintOptions: (o) => new TokenSigner(SECRET).mintToken({ email: 'ada@example.com' }, o),
  TimeOptions: (o) => new TokenSigner(SECRET).verifyToken('a.b.c', o),
  PortalCspOptions: (o) => portalCsp('acme', o),
  PortalBootOptions: (o) => portalBootScript({ baseUrl: 'acme', ...o }),
}

test('each options interface of index.d.ts lists exactly the keys its core struct accepts', () => {
  for (const [name, call] of Object.entries(CALLS)) {
    assert.deepEqual(accepted(call), declared(name), name)
  }
})

test('a key is accepted in camelCase only: the snake_case field name is unknown', () => {
  const snake = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
  for (const [name, call] of Object.entries(CALLS)) {
    for (const key of declared(name).filter((k) => /[A-Z]/.test(k))) {
      assert.throws(() => call({ [snake(key)]: null }), { code: 'ERR_INVALID_OPTION', message: new RegExp(`"${snake(key)}"`) }, `${name}.${key}`)
    }
  }
  // Nested objects follow the same rule.
  assert.throws(() => new TokenSigner(SECRET, { claimNames: { jwt_id: 'id' } }), { code: 'ERR_INVALID_OPTION' })
  assert.throws(() => new TokenSigner(SECRET, { previousKeys: [{ secret: SECRET, kdi: 'x' }] }), { code: 'ERR_INVALID_OPTION' })
})

test('a missing key and undefined or null are the default; a required key missing is a TypeError', () => {
  const a = new TokenSigner(SECRET, { ttlSeconds: undefined, kid: null })
  assert.equal(a.ttlSeconds, 300)
  assert.equal(a.kid, null)
  assert.throws(() => portalBootScript({ customDomain: true }), {
    name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'options.baseUrl must be a string, received undefined',
  })
  assert.throws(() => new TokenSigner(SECRET, { previousKeys: [{ kid: 'old' }] }), {
    name: 'TypeError', message: 'options.previousKeys[0].secret must be a string, a Buffer or a Uint8Array, received undefined',
  })
})

test('a wrong type names its path; a bad value is ERR_INVALID_OPTION', () => {
  assert.throws(() => new TokenSigner(SECRET, { claimNames: { subject: 5 } }), {
    name: 'TypeError', message: 'options.claimNames.subject must be a string, received a number',
  })
  assert.throws(() => portalCsp('acme', { customDomain: 'yes' }), {
    name: 'TypeError', message: 'options.customDomain must be a boolean, received a string',
  })
  assert.throws(() => new TokenSigner(SECRET, { clockSkewSeconds: 0.5 }), { code: 'ERR_INVALID_OPTION', message: /options\.clockSkewSeconds/ })
  assert.throws(() => new TokenSigner(SECRET, { emailPolicy: 'loose' }), { code: 'ERR_INVALID_OPTION' })
  // A getter that throws propagates unchanged, and an inherited key is not an option.
  const boom = new Error('boom')
  assert.throws(() => new TokenSigner(SECRET, { get kid() { throw boom } }), (e) => e === boom)
  const inherited = Object.assign(Object.create(null), { kid: 'own' })
  assert.equal(new TokenSigner(SECRET, inherited).kid, 'own')
})

test('user objects are the core structs too: keys by their wire names, a whole-number id as text', () => {
  const signer = new Signer(SECRET)
  assert.throws(() => signer.user({ email: 'ada@example.com', email_hash: 'x' }), {
    code: 'ERR_INVALID_OPTION', message: 'unknown user key "email_hash": expected one of email, name, emailHash',
  })
  const tokens = new TokenSigner(SECRET)
  const sub = (id) => tokens.verifyToken(tokens.mintToken({ email: 'ada@example.com', id }).jwt).sub
  assert.equal(sub(42), '42')
  assert.equal(sub('42'), '42')
  assert.equal(sub(Number.MAX_SAFE_INTEGER), '9007199254740991')
  for (const id of [1.5, Number.MAX_SAFE_INTEGER + 1, NaN, true]) {
    assert.throws(() => sub(id), { name: 'TypeError', message: /^user\.id must be a string or a whole number of at most 2\^53 - 1, received/ }, String(id))
  }
  assert.throws(() => tokens.mintToken({ email: 42 }), { name: 'TypeError', message: 'user.email must be a string, received a number' })
})
