// The secret never shows in inspect, JSON, or an error message.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import util from 'node:util'
import { binding } from './helpers.mjs'

const { Signer, stopScript } = binding
const SECRET = 'Sup3r secret value, never print!'

test('inspect, String and JSON.stringify show no secret', () => {
  const signer = new Signer(SECRET, { previousSecrets: [SECRET + '-old'] })
  for (const text of [util.inspect(signer, { showHidden: true, depth: 5 }), String(signer), JSON.stringify(signer), JSON.stringify({ signer })]) {
    assert.ok(!text.includes(SECRET), text)
    assert.ok(!text.includes(Buffer.from(SECRET).toString('hex')), text)
  }
})

test('errors show neither the secret nor the email', () => {
  const signer = new Signer(SECRET)
  const errors = []
  for (const fn of [
    () => signer.sign(' private.person@example.com'),
    () => signer.sign('private.person'),
    () => signer.sign('private.person\u0000@example.com'),
    () => signer.startScript({ email: 'private.person@example.com' }, { nonce: SECRET }),
    () => stopScript({ nonce: SECRET }),
    () => new Signer(SECRET, { emailPolicy: SECRET }),
  ]) {
    try {
      fn()
    } catch (err) {
      errors.push(err)
    }
  }
  assert.equal(errors.length, 6)
  for (const err of errors) {
    const text = `${err.message} ${err.stack} ${util.inspect(err)}`
    assert.ok(!text.includes(SECRET), text)
    assert.ok(!text.includes('private.person'), text)
  }
})
