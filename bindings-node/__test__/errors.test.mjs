// One error contract: every error the package throws has a stable `code`, the same as Python's
// exception `code` for the same bad value (tests/test_errors.py holds the same table).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { binding } from './helpers.mjs'

const { Signer, TokenSigner, stopScript } = binding

const CASES = [
  ['empty secret', () => new Signer(''), 'ERR_INVALID_SECRET'],
  ['exposed variable', () => Signer.fromEnv('NEXT_PUBLIC_UNTHREAD'), 'ERR_EXPOSED_SECRET_VARIABLE'],
  ['email without @', () => new Signer('s').sign('nope'), 'ERR_INVALID_EMAIL'],
  ['hash mismatch', () => new Signer('s').user({ email: 'a@b', emailHash: '0'.repeat(64) }), 'ERR_EMAIL_HASH_MISMATCH'],
  ['bad nonce', () => stopScript({ nonce: 'a b' }), 'ERR_INVALID_NONCE'],
  ['unknown policy', () => new Signer('s', { emailPolicy: 'loose' }), 'ERR_INVALID_OPTION'],
  ['ttl -1', () => new TokenSigner('s', { ttlSeconds: -1 }), 'ERR_INVALID_OPTION'],
  ['time in ms', () => new TokenSigner('s').mintToken({ email: 'a@b' }, { issuedAt: 2 ** 50 }), 'ERR_INVALID_OPTION'],
  ['malformed token', () => new TokenSigner('s').verifyToken('a.b.c'), 'ERR_TOKEN_MALFORMED'],
  ['too long token', () => new TokenSigner('s').verifyToken('a'.repeat(9000)), 'ERR_TOKEN_TOO_LONG'],
  ['wrong type', () => new Signer('s').sign(5), 'ERR_INVALID_ARG_TYPE'],
]

for (const [what, make, code] of CASES) {
  test(`errors: ${what} throws code ${code}`, () => {
    assert.throws(make, (e) => e instanceof Error && e.code === code, what)
  })
}

// The values an error names are its properties (jose's JWTClaimValidationFailed keeps `claim`),
// the same fields as Python's attributes: the core's `Error::fields`.
test('errors carry the values they name: exp, now, ago, kid, option, index', () => {
  const tokens = new TokenSigner('s'.repeat(32))
  const jwt = tokens.mintToken({ email: 'ada@example.com' }).jwt
  assert.throws(() => tokens.verifyToken(jwt, { now: 4_000_000_000 }), (e) =>
    e.code === 'ERR_TOKEN_EXPIRED' && e.now === 4_000_000_000 && e.now - e.exp === e.ago && typeof e.ago === 'number')
  const other = new TokenSigner('s'.repeat(32), { kid: 'k2' }).mintToken({ email: 'ada@example.com' }).jwt
  assert.throws(() => new TokenSigner('t'.repeat(32), { kid: 'k1' }).verifyToken(other), (e) =>
    e.code === 'ERR_TOKEN_UNKNOWN_KID' && e.kid === 'k2')
  assert.throws(() => new TokenSigner('s'.repeat(32), { ttlSeconds: 1e9 }), (e) => e.code === 'ERR_INVALID_OPTION' && e.option === 'ttl')
  assert.throws(() => new Signer('k').signMany(['a@b.c', 'nope']), (e) => e.code === 'ERR_INVALID_EMAIL' && e.index === 1)
  // Every core error, wherever the binding throws it.
  assert.throws(() => binding.portalCsp('acme', { policy: 'a, b' }), (e) => e.code === 'ERR_INVALID_OPTION' && e.option === 'policy')
  assert.throws(() => new Signer('k', { emailPolcy: 'exact' }), (e) => e.code === 'ERR_INVALID_OPTION' && e.key === 'emailPolcy' && e.object === 'option')
  // A refusal that names nothing has only its code.
  assert.throws(() => new Signer('k').sign('nope'), (e) => Object.keys(e).join() === 'code')
})
