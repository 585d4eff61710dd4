// Bad inputs: a TypeError for a wrong type, a coded Error for a bad value, never a crash.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { binding } from './helpers.mjs'

const { Signer, stopScript } = binding
const signer = new Signer('inputs-secret')
const good = signer.sign('ada@example.com')

const isTypeError = (err) => err instanceof TypeError && err.code === 'ERR_INVALID_ARG_TYPE'

test('wrong argument types throw TypeError', () => {
  for (const bad of [undefined, null, 42, {}, [], true, Symbol('x'), () => 1, 10n]) {
    assert.throws(() => signer.sign(bad), isTypeError)
    assert.throws(() => signer.verify(bad, good), isTypeError)
    assert.throws(() => signer.verify('ada@example.com', bad), isTypeError)
    assert.throws(() => new Signer(bad), isTypeError)
  }
  assert.throws(() => signer.user(5), isTypeError)
  assert.throws(() => signer.user(null), isTypeError)
  assert.throws(() => signer.user({ email: 5 }), isTypeError)
  assert.throws(() => signer.user({ email: 'a@b', name: 5 }), isTypeError)
  assert.throws(() => signer.signMany('a@b'), isTypeError)
  assert.throws(() => signer.signMany(['a@b', 5]), isTypeError)
  assert.throws(() => signer.startScript({ email: 'a@b' }, 'nonce'), isTypeError)
  assert.throws(() => stopScript({ nonce: 5 }), isTypeError)
  assert.throws(() => new Signer('x', { emailPolicy: 5 }), isTypeError)
  assert.throws(() => new Signer('x', { previousSecrets: [5] }), isTypeError)
})

test('bad values throw coded errors', () => {
  const code = (c) => (err) => err instanceof Error && !(err instanceof TypeError) && err.code === c
  assert.throws(() => new Signer(''), code('ERR_INVALID_SECRET'))
  assert.throws(() => new Signer(Buffer.alloc(0)), code('ERR_INVALID_SECRET'))
  assert.throws(() => new Signer('x', { emailPolicy: 'lower' }), code('ERR_INVALID_OPTION'))
  assert.throws(() => signer.sign('a\u0000@b'), code('ERR_INVALID_EMAIL'))
  assert.throws(() => signer.sign(''), code('ERR_INVALID_EMAIL'))
  assert.throws(() => signer.signMany(['a@b', 'nope']), /at index 1/)
  assert.throws(() => stopScript({ nonce: '"><script>' }), code('ERR_INVALID_NONCE'))
  assert.throws(() => Signer.fromEnv('NEXT_PUBLIC_UNTHREAD'), code('ERR_EXPOSED_SECRET_VARIABLE'))
  assert.throws(() => Signer.fromEnv('UNTHREAD_TEST_SURELY_UNSET'), code('ERR_INVALID_SECRET'))
  assert.throws(() => Signer.fromFile('/nonexistent/secret'), code('ERR_INVALID_SECRET'))
})

test('a 10 MB string is refused by value, not by crashing', () => {
  const huge = 'a'.repeat(10 * 1024 * 1024) + '@example.com'
  assert.throws(() => signer.sign(huge), (e) => e.code === 'ERR_INVALID_EMAIL' && /limit is 320/.test(e.message))
  assert.equal(signer.verify(huge, good), false)
  assert.equal(signer.verify('ada@example.com', huge), false)
})

test('malformed hashes are false, not errors', () => {
  for (const hash of ['', good.slice(1), good + '0', good.slice(0, 63) + 'g', good.toUpperCase().replace(/./, 'Z'), '\u0000'.repeat(64), 'é'.repeat(32)]) {
    assert.equal(signer.verify('ada@example.com', hash), false, hash)
  }
  assert.equal(signer.verify('ada@example.com', good.toUpperCase()), true)
  assert.equal(signer.verify('not an email', good), false)
})

test('fromEnv and fromFile load the secret', async () => {
  const { writeFileSync, mkdtempSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  process.env.UNTHREAD_IDENTITY_SECRET = 'inputs-secret'
  assert.equal(Signer.fromEnv().sign('ada@example.com'), good)
  const file = join(mkdtempSync(join(tmpdir(), 'uid-')), 'secret')
  writeFileSync(file, 'inputs-secret\n')
  assert.equal(Signer.fromFile(file).sign('ada@example.com'), good)
  delete process.env.UNTHREAD_IDENTITY_SECRET
})
