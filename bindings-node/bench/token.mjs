// Token mode: the binding's mintToken/verifyToken against `jsonwebtoken` (the npm package most
// apps use for HS256) and `jose`, alternating in one process; prints medians and ratios. Run
// with `make bench`. No test asserts a time.
import crypto from 'node:crypto'
import { createRequire } from 'node:module'
import v8 from 'node:v8'
import vm from 'node:vm'
import * as jose from 'jose'

const require = createRequire(import.meta.url)
const { TokenSigner } = require('../index.js')
const jsonwebtoken = require('jsonwebtoken')

const SECRET = 'bench-embed-secret-0123456789'
const ROUNDS = 15
const CALLS = 5000
const tokens = new TokenSigner(SECRET, { kid: '2026-11' })
const key = new TextEncoder().encode(SECRET)
const keyObject = crypto.createSecretKey(Buffer.from(SECRET)) // jsonwebtoken's fastest form
const user = { email: 'ada@example.com', name: 'Ada Lovelace' }
const payload = () => {
  const iat = Math.floor(Date.now() / 1000)
  return { sub: user.email, email: user.email, name: user.name, iat, nbf: iat - 30, exp: iat + 300, jti: 'bench-jti' }
}
const jwt = tokens.mintToken(user).jwt
const theirs = jsonwebtoken.sign(payload(), SECRET, { algorithm: 'HS256', keyid: '2026-11' })
if (tokens.verifyToken(theirs).email !== user.email) throw new Error('interop')
if (jsonwebtoken.verify(jwt, SECRET, { algorithms: ['HS256'] }).email !== user.email) throw new Error('interop')

const cases = {
  'tokens.mintToken': () => tokens.mintToken(user),
  'jsonwebtoken.sign': () => jsonwebtoken.sign(payload(), SECRET, { algorithm: 'HS256', keyid: '2026-11' }),
  'jsonwebtoken.sign (KeyObject)': () => jsonwebtoken.sign(payload(), keyObject, { algorithm: 'HS256', keyid: '2026-11' }),
  'jose SignJWT (async)': () => new jose.SignJWT(payload()).setProtectedHeader({ alg: 'HS256', kid: '2026-11' }).sign(key),
  'tokens.verifyToken': () => tokens.verifyToken(jwt),
  'jsonwebtoken.verify': () => jsonwebtoken.verify(jwt, SECRET, { algorithms: ['HS256'] }),
  'jsonwebtoken.verify (KeyObject)': () => jsonwebtoken.verify(jwt, keyObject, { algorithms: ['HS256'] }),
  'jose jwtVerify (async)': () => jose.jwtVerify(jwt, key, { algorithms: ['HS256'] }),
}

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc')
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, fn] of Object.entries(cases)) {
    gc()
    const start = process.hrtime.bigint()
    for (let i = 0; i < CALLS; i++) {
      const r = fn()
      if (r instanceof Promise) await r
    }
    samples[name].push(Number(process.hrtime.bigint() - start) / CALLS)
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1]
const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
for (const [name, ns] of Object.entries(m)) console.log(`${name.padEnd(32)} ${ns.toFixed(0).padStart(6)} ns`)
const ratio = (a, b) => (m[a] / m[b]).toFixed(1)
console.log(`mint:   ${ratio('jsonwebtoken.sign', 'tokens.mintToken')}x faster than jsonwebtoken with a string secret (as its docs call it), ${ratio('jsonwebtoken.sign (KeyObject)', 'tokens.mintToken')}x with a KeyObject, ${ratio('jose SignJWT (async)', 'tokens.mintToken')}x than jose`)
console.log(`verify: ${ratio('jsonwebtoken.verify', 'tokens.verifyToken')}x faster than jsonwebtoken with a string secret, ${ratio('jsonwebtoken.verify (KeyObject)', 'tokens.verifyToken')}x with a KeyObject, ${ratio('jose jwtVerify (async)', 'tokens.verifyToken')}x than jose`)
