// 1,000 random emails x several secrets, each compared with Node's own crypto.
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { test } from 'node:test'
import { binding } from './helpers.mjs'

const { Signer, TokenSigner } = binding

// A small seeded PRNG, so a failure can be replayed.
function rng(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALPHABETS = [
  () => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-_',
  () => 'äöüßéèçñøåΩδοκιμήабвгд例え日本語한국어',
  () => ['🚀', '😀', '𝔘', '𐍈', '🧑‍💻'],
  () => ['\ud800', '\udfff', '\udbff', 'a'], // lone surrogates
]

function randomPart(next, maxLen) {
  const len = 1 + Math.floor(next() * maxLen)
  let out = ''
  for (let i = 0; i < len; i++) {
    const alphabet = [...ALPHABETS[Math.floor(next() * ALPHABETS.length)]()]
    out += alphabet[Math.floor(next() * alphabet.length)]
  }
  return out
}

const SECRETS = [
  'k',
  'unthread-demo-secret-4f1c2a9e',
  crypto.randomBytes(32),
  crypto.randomBytes(64),
  crypto.randomBytes(65),
  'sécret-ключ-🔑',
]

test('every hash of a well-formed JS string equals createHmac; a lone surrogate is refused', () => {
  const next = rng(20261124)
  const emails = Array.from({ length: 1000 }, () => `${randomPart(next, 20)}@${randomPart(next, 20)}`)
  const lone = (e) => !isWellFormed(e)
  assert.ok(emails.some(lone))
  for (const secret of SECRETS) {
    const signer = new Signer(secret)
    for (const email of emails) {
      const expected = crypto.createHmac('sha256', secret).update(email).digest('hex')
      if (lone(email)) {
        // createHmac would hash U+FFFD: "a\ud800" and "a\udfff" would be one user.
        assert.throws(() => signer.sign(email), { code: 'ERR_INVALID_EMAIL' })
        assert.equal(signer.verify(email, expected), false)
        continue
      }
      assert.equal(signer.sign(email), expected, JSON.stringify(email))
      assert.ok(signer.verify(email, expected))
    }
    const whole = emails.filter((e) => !lone(e))
    assert.deepEqual(
      signer.signMany(whole),
      whole.map((e) => crypto.createHmac('sha256', secret).update(e).digest('hex')),
    )
  }
})

/** `String.prototype.isWellFormed` (Node 20+). */
function isWellFormed(text) {
  return text.isWellFormed()
}

test('a lone surrogate is refused, never hashed as U+FFFD (one rule with Python)', () => {
  const signer = new Signer('k')
  assert.throws(() => signer.sign('a\ud800@b'), { code: 'ERR_INVALID_EMAIL' })
  assert.throws(() => signer.signMany(['a@b', 'a\udfff@b']), { code: 'ERR_INVALID_EMAIL' })
  assert.equal(signer.sign('a\ufffd@b').length, 64) // a real U+FFFD is text like any other
  assert.equal(signer.explain('a\ud800@b', 'x').code, 'EMAIL_REFUSED')
  assert.equal(signer.explain('a@b.c', '\ud800').code, 'MALFORMED_LENGTH')
  // A secret with a lone surrogate is refused: "\ud800", "\udfff" and "\ufffd" were one key.
  for (const secret of ['\ud800', 'k\udfff']) {
    assert.throws(() => new Signer(secret), { code: 'ERR_INVALID_SECRET' })
    assert.throws(() => new TokenSigner(secret), { code: 'ERR_INVALID_SECRET' })
  }
  assert.throws(() => new Signer('soft\u00adhyphen'), { code: 'ERR_INVALID_SECRET' })
})
