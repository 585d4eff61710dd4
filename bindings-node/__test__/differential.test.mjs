// 1,000 random emails x several secrets, each compared with Node's own crypto.
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { test } from 'node:test'
import { binding } from './helpers.mjs'

const { Signer } = binding

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

test('every hash equals createHmac for the same JS string', () => {
  const next = rng(20261124)
  const emails = Array.from({ length: 1000 }, () => `${randomPart(next, 20)}@${randomPart(next, 20)}`)
  assert.ok(emails.some((e) => /[\ud800-\udfff]/.test(e) && !e.isWellFormed?.()))
  for (const secret of SECRETS) {
    const signer = new Signer(secret)
    for (const email of emails) {
      const expected = crypto.createHmac('sha256', secret).update(email).digest('hex')
      assert.equal(signer.sign(email), expected, JSON.stringify(email))
      assert.ok(signer.verify(email, expected))
    }
    assert.deepEqual(
      signer.signMany(emails),
      emails.map((e) => crypto.createHmac('sha256', secret).update(e).digest('hex')),
    )
  }
})

test('a lone surrogate is hashed as U+FFFD, as Node encodes it', () => {
  const signer = new Signer('k')
  assert.equal(signer.sign('a\ud800@b'), signer.sign('a\ufffd@b'))
})
