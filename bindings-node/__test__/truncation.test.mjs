// Strings around the 1 KiB edge of the stack buffer, built from 1- to 4-byte characters: each
// gives createHmac's hash or exactly the error that the whole string gives (issue: a cut at a
// multi-byte character once signed `victim@example.com` for a 1,024-byte string).
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { test } from 'node:test'
import { binding } from './helpers.mjs'

const { Signer } = binding
const SECRET = 'truncation-secret'
const MAX_EMAIL_LEN = 320
const MAX_EMAIL_INPUT_LEN = 1024
const CHARS = ['a', 'é', '€', '\u{1F600}'] // 1, 2, 3 and 4 bytes of UTF-8
const bytes = (s) => Buffer.byteLength(s, 'utf8')
const hmac = (s) => crypto.createHmac('sha256', SECRET).update(s).digest('hex')

// What the core decides for the whole string, modelled independently in JS.
function expected(input, policy) {
  if (policy === 'exact') {
    if (bytes(input) > MAX_EMAIL_LEN) return { len: bytes(input), limit: MAX_EMAIL_LEN }
    return { hash: hmac(input), email: input }
  }
  if (bytes(input) > MAX_EMAIL_INPUT_LEN) return { len: bytes(input), limit: MAX_EMAIL_INPUT_LEN }
  const email = input.trim().toLowerCase()
  if (bytes(email) > MAX_EMAIL_LEN) return { len: bytes(email), limit: MAX_EMAIL_LEN }
  return { hash: hmac(email), email }
}

// Every string of 1,015 to 1,030 bytes of these shapes, for each character width.
function cases() {
  const out = []
  const victim = 'victim@example.com'
  for (const c of CHARS) {
    for (let total = 1015; total <= 1030; total++) {
      const pad = total - bytes(victim) - bytes(c)
      out.push(victim + ' '.repeat(pad) + c) // the reported attack, at every offset
      out.push(c + ' '.repeat(pad) + victim) // the character first
      out.push(' '.repeat(total - bytes(victim)) + victim) // only spaces around
      // Filled with the character itself up to the edge, then ASCII to the exact length.
      const fill = c.repeat(Math.floor((total - bytes(victim)) / bytes(c)))
      out.push(fill + 'x'.repeat(total - bytes(victim) - bytes(fill)) + victim)
    }
  }
  for (const s of out) assert.ok(bytes(s) >= 1015 && bytes(s) <= 1030, `${bytes(s)}`)
  return out
}

for (const policy of ['exact', 'canonical']) {
  test(`${policy}: sign, verify, matchingKey and user are exact at 1,015-1,030 bytes`, () => {
    const signer = new Signer(SECRET, { emailPolicy: policy })
    let signed = 0
    for (const input of cases()) {
      const want = expected(input, policy)
      const label = `${policy} ${bytes(input)} bytes ${JSON.stringify(input.slice(-3))}`
      if (want.hash) {
        signed++
        assert.equal(signer.sign(input), want.hash, label)
        assert.equal(signer.verify(input, want.hash), true, label)
        assert.equal(signer.matchingKey(input, want.hash), signer.fingerprint, label)
        assert.deepEqual(signer.user({ email: input }), { email: want.email, emailHash: want.hash }, label)
      } else {
        const message = `is ${want.len} bytes long; the limit is ${want.limit} bytes`
        const refused = (e) => e.code === 'ERR_INVALID_EMAIL' && e.message.includes(message)
        assert.throws(() => signer.sign(input), refused, label)
        assert.throws(() => signer.user({ email: input }), refused, label)
        assert.throws(() => signer.signMany(['a@b', input]), (e) => refused(e) && /at index 1/.test(e.message), label)
        const other = hmac(input.trim().toLowerCase())
        assert.equal(signer.verify(input, other), false, label)
        assert.equal(signer.matchingKey(input, other), null, label)
      }
    }
    // The canonical policy signs the space-padded strings of up to 1,024 bytes.
    assert.equal(signed > 0, policy === 'canonical')
  })
}

test('the reported attack string is refused, not signed as the victim', () => {
  const s = new Signer('k', { emailPolicy: 'canonical' })
  const e = 'victim@example.com' + ' '.repeat(1002) + '\u{1F600}'
  assert.equal(bytes(e), 1024)
  assert.throws(() => s.sign(e), { code: 'ERR_INVALID_EMAIL' })
})

test('a huge string is measured, not copied, and refused with its length', () => {
  const signer = new Signer(SECRET)
  const huge = 'a'.repeat(64 * 1024 * 1024) + '@example.com'
  assert.throws(() => signer.sign(huge), (e) => e.message.includes(`is ${bytes(huge)} bytes long`))
  assert.equal(signer.verify(huge, hmac('a@b')), false)
  assert.equal(signer.verify('a@b', huge), false)
})

test('a hash of any length around the edge is false, not an error', () => {
  const signer = new Signer(SECRET)
  const good = signer.sign('a@b')
  for (const c of CHARS) {
    for (let n = 1015; n <= 1030; n++) {
      const hash = good + c.repeat(Math.ceil((n - 64) / bytes(c)))
      assert.equal(signer.verify('a@b', hash), false)
    }
  }
})
