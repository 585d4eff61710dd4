// The shared vectors: expected values come from CPython's hmac and RFC 4231, not this package.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { binding, hexBuffer, vectors } from './helpers.mjs'

const { Signer, stopScript } = binding

test('RFC 4231 cases 1-7', () => {
  assert.equal(vectors.rfc4231.length, 7)
  for (const c of vectors.rfc4231) {
    const mac = new Signer(hexBuffer(c.key_hex)).signRaw(hexBuffer(c.data_hex))
    // RFC 4231 case 5 gives only the first 16 bytes of the tag.
    const digits = c.truncate_to_bytes ? 2 * c.truncate_to_bytes : 64
    assert.equal(mac.slice(0, digits), c.hmac_sha256_hex, c.name)
    assert.equal(c.hmac_sha256_hex.length, digits, c.name)
  }
})

test('email hashes', () => {
  assert.ok(vectors.email.length >= 30)
  for (const c of vectors.email) {
    const signer = new Signer(hexBuffer(c.secret_hex), { emailPolicy: c.policy })
    if (c.secret_text !== undefined) {
      assert.equal(new Signer(c.secret_text).fingerprint, signer.fingerprint, c.name)
    }
    assert.equal(signer.sign(c.email), c.hash, c.name)
    assert.ok(signer.verify(c.email, c.hash), c.name)
    assert.deepEqual(signer.user({ email: c.email }), { email: c.hashed_email, emailHash: c.hash })
  }
})

test('bad inputs give the expected error code', () => {
  for (const c of vectors.errors) {
    assert.throws(
      () => {
        const secret = c.secret_text ?? hexBuffer(c.secret_hex ?? vectors.verify_secret_hex)
        const signer = new Signer(secret, { emailPolicy: c.policy ?? 'exact' })
        const user = c.email_hash === undefined ? { email: c.email } : { email: c.email, emailHash: c.email_hash }
        signer.startScript(user, { nonce: c.nonce })
      },
      (err) => err instanceof Error && err.code === c.code,
      c.name,
    )
  }
})

test('verify and matchingKey', () => {
  for (const c of vectors.verify) {
    const signer = new Signer(hexBuffer(vectors.verify_secret_hex), {
      previousSecrets: (c.previous ?? []).map(hexBuffer),
    })
    const email = c.email ?? vectors.verify_email
    assert.equal(signer.verify(email, c.hash), c.valid, c.name)
    const matched = signer.matchingKey(email, c.hash)
    if (c.matched === 'primary') assert.equal(matched, signer.fingerprint, c.name)
    else if (c.matched === 'previous') {
      assert.ok(signer.previousFingerprints.includes(matched), c.name)
      assert.notEqual(matched, signer.fingerprint, c.name)
    } else assert.equal(matched, null, c.name)
  }
})

test('user objects and scripts, byte for byte', () => {
  for (const c of vectors.users) {
    const signer = new Signer(hexBuffer(c.secret_hex), { emailPolicy: c.policy })
    const input = { email: c.email, name: c.user_name }
    const signed = signer.user(input)
    assert.equal(JSON.stringify(signed), c.json, c.name)
    assert.equal(signer.startScript(input, { nonce: c.nonce }), c.start_script, c.name)
    // The signed user renders the same, its hash checked rather than recomputed.
    assert.equal(signer.startScript(signed, { nonce: c.nonce }), c.start_script, c.name)
    assert.equal(signer.startScript(JSON.parse(c.json), { nonce: c.nonce }), c.start_script, c.name)
    assert.equal(stopScript({ nonce: c.nonce }), c.stop_script, c.name)
  }
})

test('fingerprints', () => {
  for (const c of vectors.fingerprints) {
    assert.equal(new Signer(hexBuffer(c.secret_hex)).fingerprint, c.fingerprint)
  }
})

test('explain: the same code as the vectors', () => {
  assert.ok(vectors.explain.length >= 25)
  for (const c of vectors.explain) {
    const signer = new Signer(c.secret_text, { emailPolicy: c.policy, previousSecrets: c.previous_text ?? [] })
    const d = signer.explain(c.email, c.hash)
    assert.equal(d.code, c.code, c.name)
    assert.equal(d.valid, signer.verify(c.email, c.hash), c.name)
    assert.deepEqual([d.kid, d.extraClaims, d.claims], [null, [], null], 'one shape: no token details for a hash')
    assert.match(d.fingerprint, /^[0-9a-f]{12}$/)
    assert.ok(!d.message.includes(c.secret_text), c.name)
  }
})
