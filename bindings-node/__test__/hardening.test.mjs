// The review's findings, each as a test: argument names in type errors, unknown keys,
// non-plain objects, typed arrays, Proxies, `new`, secret whitespace, files, signed users.
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { binding } from './helpers.mjs'

const { Signer, stopScript } = binding
const signer = new Signer('hardening-secret')
const typeError = (message) => (err) =>
  err instanceof TypeError && err.code === 'ERR_INVALID_ARG_TYPE' && err.message === message
const coded = (code, pattern = /./) => (err) =>
  err instanceof Error && !(err instanceof TypeError) && err.code === code && pattern.test(err.message)

test('a missing or mistyped field is a TypeError that names it', () => {
  assert.throws(() => signer.user({}), typeError('user.email must be a string, received undefined'))
  assert.throws(() => signer.user({ email: undefined }), typeError('user.email must be a string, received undefined'))
  assert.throws(() => signer.user('a@b'), typeError('user must be a plain object, received a string'))
  assert.throws(() => signer.user({ email: 'a@b', name: 5 }), typeError('user.name must be a string, received a number'))
  assert.throws(() => signer.sign(undefined), typeError('email must be a string, received undefined'))
  assert.throws(() => signer.verify('a@b', 1), typeError('hash must be a string, received a number'))
  assert.throws(() => signer.signMany(['a@b', null]), typeError('emails[1] must be a string, received null'))
  assert.throws(() => new Signer('k', { emailPolicy: 5 }), typeError('options.emailPolicy must be a string, received a number'))
  assert.throws(
    () => new Signer('k', { previousSecrets: ['x', 5] }),
    typeError('options.previousSecrets[1] must be a string, a Buffer or a Uint8Array, received a number'),
  )
  assert.throws(() => stopScript({ nonce: 5 }), typeError('options.nonce must be a string, received a number'))
})

test('unknown option and user keys are refused, not ignored', () => {
  assert.throws(() => new Signer('k', { emailpolicy: 'canonical' }), coded('ERR_INVALID_OPTION', /"emailpolicy"/))
  assert.throws(() => signer.user({ email: 'a@b', nme: 'Ada' }), coded('ERR_INVALID_OPTION', /"nme"/))
  assert.throws(() => signer.startScript({ email: 'a@b' }, { nonse: 'abc' }), coded('ERR_INVALID_OPTION', /"nonse"/))
  assert.throws(() => stopScript({ nonce: 'abc', extra: 1 }), coded('ERR_INVALID_OPTION'))
  // undefined and null values of known keys are "not given".
  assert.equal(new Signer('k', { emailPolicy: undefined, previousSecrets: null }).emailPolicy, 'exact')
  assert.equal(signer.user({ email: 'a@b', name: null }).name, undefined)
})

test('non-plain objects are not options', () => {
  for (const [value, name] of [[[], 'Array'], [new Date(), 'Date'], [new String('x'), 'String'], [new (class Opts {})(), 'Opts']]) {
    assert.throws(() => new Signer('k', value), typeError(`options must be a plain object, received an instance of ${name}`))
    assert.throws(() => signer.user(value), TypeError)
  }
  assert.equal(new Signer('k', Object.create(null)).emailPolicy, 'exact')
})

test('only strings, Buffers and Uint8Arrays are secrets', () => {
  const bytes = crypto.randomBytes(32)
  const expected = crypto.createHmac('sha256', bytes).update('a@b').digest('hex')
  assert.equal(new Signer(bytes).sign('a@b'), expected)
  assert.equal(new Signer(new Uint8Array(bytes)).sign('a@b'), expected)
  for (const value of [new Float64Array(4), new Uint16Array(4), new Uint8ClampedArray(4), new DataView(new ArrayBuffer(4)), new ArrayBuffer(4)]) {
    const name = value.constructor.name
    assert.throws(() => new Signer(value), typeError(`secret must be a string, a Buffer or a Uint8Array, received an instance of ${name}`))
  }
})

test('signMany takes any array, a Proxy of one included', () => {
  const emails = ['a@b', 'c@d']
  const expected = emails.map((e) => signer.sign(e))
  assert.deepEqual(signer.signMany(new Proxy(emails, {})), expected)
  assert.deepEqual(signer.signMany(Array.from(emails)), expected)
  assert.throws(() => signer.signMany({ length: 1, 0: 'a@b' }), typeError('emails must be an array, received an object'))
  const trap = new Proxy(emails, { get: () => { throw new Error('trap') } })
  assert.throws(() => signer.signMany(trap), /trap/)
})

test('Signer without new is a TypeError', () => {
  assert.throws(() => Signer('s'), TypeError)
  assert.equal(globalThis.fingerprint, undefined)
  class Sub extends Signer {}
  assert.equal(new Sub('k').sign('a@b'), new Signer('k').sign('a@b'))
})

test('a secret with surrounding whitespace or only whitespace is refused, saying so', () => {
  assert.throws(() => new Signer('secret\n'), coded('ERR_INVALID_SECRET', /whitespace/))
  assert.throws(() => new Signer(' secret'), coded('ERR_INVALID_SECRET', /whitespace/))
  assert.throws(() => new Signer(' \n '), coded('ERR_INVALID_SECRET', /empty or only whitespace/))
  assert.equal(new Signer(Buffer.from(' raw bytes\n')).sign('a@b').length, 64)
})

test('fromEnv names an exposed look-alike when the variable is unset', () => {
  const out = execFileSync(process.execPath, ['-e', `
    const { Signer } = require(${JSON.stringify(new URL('../index.js', import.meta.url).pathname)})
    try { Signer.fromEnv() } catch (e) { console.log(e.code + ' ' + e.message) }
  `], { env: { PATH: process.env.PATH, NEXT_PUBLIC_UNTHREAD_SECRET: 'leaked-value' } }).toString()
  assert.match(out, /^ERR_INVALID_SECRET .*UNTHREAD_IDENTITY_SECRET is not set.*NEXT_PUBLIC_UNTHREAD_SECRET is set/)
  assert.ok(!out.includes('leaked-value'))
  for (const name of ['VUE_APP_UNTHREAD_SECRET', 'NX_PUBLIC_S', 'TAURI_S', 'BUN_PUBLIC_S']) {
    assert.throws(() => Signer.fromEnv(name), coded('ERR_EXPOSED_SECRET_VARIABLE'), name)
  }
})

test('fromFile: regular files only, bounded, BOM stripped, readable-by-others warned', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uid-file-'))
  try {
    const file = join(dir, 'secret')
    writeFileSync(file, '\ufeffhardening-secret\n')
    chmodSync(file, 0o600)
    const fromFile = Signer.fromFile(file)
    assert.equal(fromFile.fingerprint, signer.fingerprint)
    assert.deepEqual(fromFile.warnings, [])
    chmodSync(file, 0o644)
    assert.match(Signer.fromFile(file).warnings[0], /can be read by other users \(mode 644\)/)
    writeFileSync(join(dir, 'big'), 'x'.repeat(5000))
    assert.throws(() => Signer.fromFile(join(dir, 'big')), coded('ERR_INVALID_SECRET', /larger than 4096 bytes/))
    assert.throws(() => Signer.fromFile(dir), coded('ERR_INVALID_SECRET', /not a regular file/))
    execFileSync('mkfifo', [join(dir, 'fifo')])
    assert.throws(() => Signer.fromFile(join(dir, 'fifo')), coded('ERR_INVALID_SECRET', /not a regular file/))
  } finally {
    rmSync(dir, { recursive: true })
  }
})

test('a signed user renders as it is; a wrong hash is refused, not re-signed', () => {
  const canonical = new Signer('hardening-secret', { emailPolicy: 'canonical' })
  const user = canonical.user({ email: ' Ada@Example.com ', name: 'Ada' })
  assert.deepEqual(canonical.user(user), user)
  assert.equal(canonical.startScript(user), canonical.startScript({ email: 'ada@example.com', name: 'Ada' }))
  assert.ok(canonical.startScript({ ...user, emailHash: user.emailHash.toUpperCase() }).includes(user.emailHash))
  const forged = { ...user, email: 'eve@example.com' }
  assert.throws(() => canonical.startScript(forged), coded('ERR_EMAIL_HASH_MISMATCH'))
  assert.throws(() => canonical.user({ ...user, emailHash: 'x'.repeat(5000) }), coded('ERR_EMAIL_HASH_MISMATCH'))
  // A hash from a previous secret still verifies, and renders during a rotation.
  const rotated = new Signer('new-secret', { previousSecrets: ['hardening-secret'] })
  const old = signer.user({ email: 'a@b' })
  assert.equal(rotated.startScript(old), signer.startScript(old))
})

test('lone surrogates: name and nonce follow one rule per field', () => {
  // The name is display text: a lone surrogate becomes U+FFFD, as in Python.
  assert.equal(signer.user({ email: 'a@b', name: 'x\ud800' }).name, 'x\ufffd')
  // The nonce and the policy are refused by value.
  assert.throws(() => stopScript({ nonce: 'abc\ud800' }), coded('ERR_INVALID_NONCE'))
  assert.throws(() => new Signer('k', { emailPolicy: 'exact\ud800' }), coded('ERR_INVALID_OPTION'))
  assert.throws(() => Signer.fromEnv('UNTHREAD_\ud800'), coded('ERR_INVALID_SECRET'))
})

test('emailPolicy and warnings getters', () => {
  assert.equal(new Signer('k', { emailPolicy: 'canonical' }).emailPolicy, 'canonical')
  assert.deepEqual(signer.warnings, [])
})
