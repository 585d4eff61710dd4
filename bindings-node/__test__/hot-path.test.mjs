// `sign` and `verify` have two entry points (src/hot.rs): a signer's own functions, made by the
// constructor and the factories, and the prototype methods. Both must give the same answers and
// the same errors, and a subclass must keep its overrides. Speed is in bench/, not here.
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import v8 from 'node:v8'
import vm from 'node:vm'
import { binding } from './helpers.mjs'

const { Signer } = binding
const SECRET = 'hot-path-secret'
const hmac = (email) => crypto.createHmac('sha256', SECRET).update(email).digest('hex')

function signers() {
  const dir = mkdtempSync(join(tmpdir(), 'hot-path-'))
  const file = join(dir, 'secret')
  writeFileSync(file, SECRET + '\n', { mode: 0o600 })
  process.env.HOT_PATH_SECRET = SECRET
  try {
    return {
      constructor: new Signer(SECRET),
      fromEnv: Signer.fromEnv('HOT_PATH_SECRET'),
      fromFile: Signer.fromFile(file),
    }
  } finally {
    rmSync(dir, { recursive: true })
    delete process.env.HOT_PATH_SECRET
  }
}

test('every way to make a signer gives it its own sign and verify, as methods are defined', () => {
  for (const [how, signer] of Object.entries(signers())) {
    assert.ok(signer instanceof Signer, how)
    for (const name of ['sign', 'verify']) {
      const own = Object.getOwnPropertyDescriptor(signer, name)
      assert.ok(own, `${how}: own ${name}`)
      assert.equal(typeof own.value, 'function')
      assert.equal(own.value.name, name)
      assert.deepEqual([own.enumerable, own.writable, own.configurable], [false, true, true], how)
    }
    assert.deepEqual(Object.keys(signer), [], `${how}: nothing enumerable`)
    assert.equal(JSON.stringify(signer), '{}')
  }
})

test('own functions and prototype methods agree on results, at every email length to the limit', () => {
  const { constructor: signer } = signers()
  const proto = Signer.prototype
  for (let n = 0; n <= 330; n += 7) {
    for (const ch of ['a', 'é', '€', '\u{1F600}']) {
      const email = 'u@' + ch.repeat(n)
      let own, viaProto
      try { own = signer.sign(email) } catch (e) { own = { code: e.code } }
      try { viaProto = proto.sign.call(signer, email) } catch (e) { viaProto = { code: e.code } }
      assert.deepEqual(own, viaProto, `${ch} × ${n}: ${JSON.stringify(email)}`)
      if (typeof own === 'string') {
        assert.equal(own, hmac(email))
        assert.equal(signer.verify(email, own), true)
        assert.equal(proto.verify.call(signer, email, own), true)
        assert.equal(signer.verify(email, own.toUpperCase()), true)
      } else {
        assert.deepEqual(own, { code: 'ERR_INVALID_EMAIL' })
      }
    }
  }
})

test('own functions throw what the methods throw: codes, TypeErrors, and false for bad hashes', () => {
  const { constructor: signer } = signers()
  const proto = Signer.prototype
  const cases = [
    [['sign', []], { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'email must be a string, received undefined' }],
    [['sign', [42]], { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'email must be a string, received a number' }],
    [['sign', ['']], { code: 'ERR_INVALID_EMAIL' }],
    [['sign', ['x'.repeat(5000)]], { code: 'ERR_INVALID_EMAIL' }],
    [['verify', ['a@b.c']], { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'hash must be a string, received undefined' }],
    [['verify', [Symbol('s'), 'h']], { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'email must be a string, received a symbol' }],
  ]
  for (const [[method, args], expected] of cases) {
    assert.throws(() => signer[method](...args), expected, `own ${method}`)
    assert.throws(() => proto[method].call(signer, ...args), expected, `prototype ${method}`)
  }
  assert.equal(signer.verify('a@b.c', 'zz'), false)
  assert.equal(signer.verify('a@b.c', 'f'.repeat(5000)), false)
  assert.equal(signer.verify('', hmac('')), false)
  // Extra arguments are ignored, as by the methods.
  assert.equal(signer.sign('a@b.c', 'extra'), hmac('a@b.c'))
})

test('an own function stays bound to its signer, whatever `this` is', () => {
  const { constructor: signer } = signers()
  const { sign, verify } = signer
  assert.equal(sign('a@b.c'), hmac('a@b.c'))
  assert.equal(verify('a@b.c', hmac('a@b.c')), true)
  assert.equal(sign.call(new Signer('other'), 'a@b.c'), hmac('a@b.c'))
})

test('a subclass keeps its overrides, and its instances still sign through the prototype', () => {
  class Audited extends Signer {
    sign(email) { return 'audited:' + super.sign(email) }
  }
  class Plain extends Signer {}
  const audited = new Audited(SECRET)
  assert.equal(audited.sign('a@b.c'), 'audited:' + hmac('a@b.c'))
  assert.equal(audited.verify('a@b.c', hmac('a@b.c')), true)
  assert.equal(Object.getOwnPropertyNames(audited).length, 0)
  assert.equal(new Plain(SECRET).sign('a@b.c'), hmac('a@b.c'))
})

test('signers and their functions are collected: memory levels off as signers come and go', async () => {
  // Node-API runs finalizers after a GC, between turns of the event loop: yield after each
  // round, as a server does between requests. A leak of one signer per `new` would grow by
  // 20,000 signers (several MiB) every round; collected, memory levels off after warm-up.
  const round = async () => {
    for (let i = 0; i < 20000; i++) new Signer(SECRET).sign('a@b.c')
    await new Promise((resolve) => setImmediate(resolve))
  }
  // Measured after a full collection and its finalizers, so that a busy machine, whose
  // collector lags, measures the same as an idle one.
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc')
  const settled = async () => {
    for (let i = 0; i < 3; i++) { gc(); await new Promise((resolve) => setImmediate(resolve)) }
    return process.memoryUsage().rss
  }
  for (let i = 0; i < 15; i++) await round()
  const before = await settled()
  for (let i = 0; i < 15; i++) await round()
  const grown = ((await settled()) - before) / 2 ** 20
  assert.ok(grown < 16, `RSS grew by ${grown.toFixed(1)} MiB over 300,000 more signers`)
})

test('signMany builds its array in chunks (src/realm.rs): exact at every chunk edge', () => {
  const { constructor: signer } = signers()
  for (const n of [0, 1, 2, 2047, 2048, 2049, 4095, 4096, 4097, 6145]) {
    const emails = Array.from({ length: n }, (_, i) => `u${i}@example.com`)
    const hashes = signer.signMany(emails)
    assert.ok(Array.isArray(hashes) && hashes.length === n, `length ${n}`)
    for (const i of [0, 1, n >> 1, n - 2, n - 1].filter((i) => i >= 0 && i < n)) {
      assert.equal(hashes[i], hmac(emails[i]), `${n}: [${i}]`)
    }
    assert.equal(Object.getPrototypeOf(hashes), Array.prototype)
  }
  const emails = Array.from({ length: 3000 }, (_, i) => `u${i}@example.com`)
  emails[2500] = ''
  assert.throws(() => signer.signMany(emails), { code: 'ERR_INVALID_EMAIL', message: /emails\[2500\]|index 2500/ })
})

test('a patched Array.prototype.push is never called by signMany', () => {
  const { constructor: signer } = signers()
  const push = Array.prototype.push
  Array.prototype.push = () => { throw new Error('push was called') }
  try {
    assert.deepEqual(signer.signMany(Array(3000).fill('a@b.c')).slice(-1), [hmac('a@b.c')])
  } finally {
    Array.prototype.push = push
  }
})
