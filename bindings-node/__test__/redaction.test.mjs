// The secret never shows where it could leak: inspect, own properties, getters, errors.
// (`JSON.stringify(signer)` is always "{}" for a native class, so it proves nothing.)
import assert from 'node:assert/strict'
import { test } from 'node:test'
import util from 'node:util'
import { binding } from './helpers.mjs'

const { Signer, stopScript } = binding
const SECRET = 'Sup3r-secret-value-never-print!'
const leaks = (text) =>
  [SECRET, Buffer.from(SECRET).toString('hex'), Buffer.from(SECRET).toString('base64')].some((s) => text.includes(s))

test('inspect shows the fingerprint and policy, and no secret', () => {
  const signer = new Signer(SECRET, { previousSecrets: [SECRET + '-old'], emailPolicy: 'canonical' })
  const text = util.inspect(signer, { showHidden: true, depth: 5 })
  assert.ok(!leaks(text), text)
  assert.ok(text.includes(signer.fingerprint), text)
  assert.ok(text.includes(signer.previousFingerprints[0]), text)
  assert.match(text, /^Signer \{/)
  assert.match(text, /emailPolicy: 'canonical'/)
})

test('no own property, prototype getter or method result holds the secret', () => {
  const signer = new Signer(SECRET, { previousSecrets: [SECRET + '-old'] })
  // The only own properties are the hot-path functions (src/hot.rs); they hold no value.
  assert.deepEqual(Object.getOwnPropertyNames(signer), ['sign', 'verify'])
  for (const name of ['sign', 'verify']) {
    const fn = signer[name]
    // What every native function has; nothing of ours.
    assert.deepEqual(Object.getOwnPropertyNames(fn).sort(), ['arguments', 'caller', 'length', 'name', 'prototype'])
    assert.deepEqual(Object.getOwnPropertyNames(fn.prototype), ['constructor'])
    assert.ok(!leaks(String(fn)) && !leaks(fn.name), String(fn))
  }
  assert.deepEqual(Object.getOwnPropertySymbols(signer), [])
  const proto = Object.getPrototypeOf(signer)
  const seen = []
  for (const key of Object.getOwnPropertyNames(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key)
    if (descriptor.get) seen.push(JSON.stringify(descriptor.get.call(signer)))
  }
  assert.ok(seen.length >= 4, 'fingerprint, previousFingerprints, emailPolicy, warnings')
  seen.push(JSON.stringify(signer.user({ email: 'a@b', name: 'n' })), signer.startScript({ email: 'a@b' }))
  for (const text of seen) assert.ok(!leaks(text), text)
})

test('errors show neither the secret nor the email', () => {
  const signer = new Signer(SECRET)
  const calls = [
    () => signer.sign(' private.person@example.com'),
    () => signer.sign('private.person'),
    () => signer.sign('private.person\u0000@example.com'),
    () => signer.startScript({ email: 'private.person@example.com' }, { nonce: SECRET }),
    () => signer.startScript({ email: 'private.person@example.com', emailHash: SECRET }),
    () => stopScript({ nonce: SECRET }),
    () => new Signer(SECRET, { emailPolicy: SECRET }),
    () => new Signer(SECRET + '\n'),
    () => new Signer(' ' + SECRET),
    () => new Signer(SECRET, { previousSecrets: [SECRET + '\n'] }),
    () => new Signer(SECRET, { previousSecrets: [5] }),
    () => new Signer(SECRET, []),
    () => Signer(SECRET),
    () => Signer.fromFile('/nonexistent/' + 'dir'),
  ]
  for (const call of calls) {
    let error
    try {
      call()
    } catch (err) {
      error = err
    }
    assert.ok(error, call.toString())
    const text = `${error.message} ${error.stack} ${util.inspect(error, { showHidden: true })} ${JSON.stringify(error)}`
    assert.ok(!leaks(text), text)
    assert.ok(!text.includes('private.person'), text)
  }
})
