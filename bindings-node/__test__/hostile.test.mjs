// Hostile inputs, each in its own child process, so that a crash (a panic across the FFI, an
// abort) fails the test instead of ending the run. Each expects a named error or `false`, and
// no output of the child may hold the canary secret.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'

const index = new URL('../index.js', import.meta.url).pathname
const CANARY = 'hostile-canary-secret-value'
const TYPE = 'TypeError ERR_INVALID_ARG_TYPE'

// [what, expression using `s` (a signer) and `b` (the binding), expected outcome]
const CASES = [
  ['sign(undefined)', 's.sign(undefined)', TYPE],
  ['sign(null)', 's.sign(null)', TYPE],
  ['sign(Symbol)', 's.sign(Symbol("x"))', TYPE],
  ['sign(10n)', 's.sign(10n)', TYPE],
  ['sign(String object)', 's.sign(new String("a@b"))', TYPE],
  ['sign(Proxy)', 's.sign(new Proxy({}, {}))', TYPE],
  ['sign(lone surrogate)', 's.sign("a\\ud800@b")', 'Error ERR_INVALID_EMAIL'],
  ['sign(NUL)', 's.sign("a\\u0000@b")', 'Error ERR_INVALID_EMAIL'],
  ['sign(64 MiB)', 's.sign("a".repeat(64 << 20))', 'Error ERR_INVALID_EMAIL'],
  ['verify(huge, huge)', 's.verify("a".repeat(1 << 24), "b".repeat(1 << 24))', false],
  ['verify(email, Uint8Array)', 's.verify("a@b", new Uint8Array(64))', TYPE],
  ['verify(NUL hash)', 's.verify("a@b", "\\u0000".repeat(64))', false],
  ['matchingKey(surrogates)', 's.matchingKey("\\udfff@b", "\\ud800".repeat(64))', null],
  // A getter's or a trap's own error propagates as it is.
  ['user(throwing getter)', 's.user({ get email() { throw new Error("boom") } })', 'Error  boom'],
  ['user(Proxy with throwing ownKeys)', 's.user(new Proxy({}, { ownKeys() { throw new Error("trap") } }))', 'Error  trap'],
  ['user(Object.create(null) without email)', 's.user(Object.create(null))', TYPE],
  ['user(symbol key)', 's.user({ email: "a@b", [Symbol("x")]: 1 }).email', 'a@b'],
  ['user(array)', 's.user(["a@b"])', TYPE],
  ['user(email number)', 's.user({ email: 5 })', TYPE],
  ['user(name object)', 's.user({ email: "a@b", name: {} })', TYPE],
  ['user(unknown key)', 's.user({ email: "a@b", admin: true })', 'Error ERR_INVALID_OPTION'],
  ['startScript(emailHash number)', 's.startScript({ email: "a@b", emailHash: 5 })', TYPE],
  ['startScript(nonce injection)', 's.startScript({ email: "a@b" }, { nonce: "x\\" onload=\\"" })', 'Error ERR_INVALID_NONCE'],
  ['signMany(sparse array)', 's.signMany([ , "a@b"])', TYPE],
  ['signMany(array-like)', 's.signMany({ length: 2 })', TYPE],
  ['signMany(huge length proxy)', 's.signMany(new Proxy([], { get: (t, k) => (k === "length" ? 2 ** 32 - 1 : undefined) }))', TYPE],
  ['signMany(proxy whose length is no number)', 's.signMany(new Proxy([], { get: (t, k) => (k === "length" ? "2" : undefined) }))', TYPE],
  ['option list (proxy whose length is no number)', 'new b.TokenSigner(CANARY, { previousKeys: new Proxy([], { get: (t, k) => (k === "length" ? "2" : undefined) }) })', TYPE],
  ['new Signer(Float64Array)', 'new b.Signer(new Float64Array(8))', TYPE],
  ['new Signer(DataView)', 'new b.Signer(new DataView(new ArrayBuffer(8)))', TYPE],
  ['new Signer(empty Buffer)', 'new b.Signer(Buffer.alloc(0))', 'Error ERR_INVALID_SECRET'],
  ['new Signer(canary + newline)', 'new b.Signer(CANARY + "\\n")', 'Error ERR_INVALID_SECRET'],
  ['new Signer(canary, previous number)', 'new b.Signer(CANARY, { previousSecrets: [CANARY, 7] })', TYPE],
  ['new Signer(options Date)', 'new b.Signer(CANARY, new Date())', TYPE],
  ['Signer() without new', 'b.Signer(CANARY)', TYPE],
  ['fromEnv(number)', 'b.Signer.fromEnv(5)', TYPE],
  ['fromFile(directory)', 'b.Signer.fromFile("/")', 'Error ERR_INVALID_SECRET'],
  ['explain(NUL, huge)', 's.explain("\\u0000", "x".repeat(1 << 20)).code', 'EMAIL_REFUSED'],
  ['portalCsp(injection)', 'b.portalCsp("acme; script-src *")', 'Error ERR_INVALID_OPTION'],
  ['runCli(non-strings)', 'b.runCli([5])', TYPE],
  // Token mode.
  ['new TokenSigner(canary + newline)', 'new b.TokenSigner(CANARY + "\\n")', 'Error ERR_INVALID_SECRET'],
  ['new TokenSigner(ttl NaN)', 'new b.TokenSigner(CANARY, { ttlSeconds: NaN })', 'Error ERR_INVALID_OPTION'],
  ['new TokenSigner(extra claims with a function)', 'new b.TokenSigner(CANARY, { extraClaims: { f() {} } })', 'Error ERR_INVALID_OPTION'],
  ['new TokenSigner(extra claims Proxy trap)', 'new b.TokenSigner(CANARY, { extraClaims: new Proxy({}, { ownKeys() { throw new Error("trap") } }) })', 'Error  trap'],
  ['new TokenSigner(previous key padded)', 'new b.TokenSigner(CANARY, { previousKeys: [{ secret: CANARY + " " }] })', 'Error ERR_INVALID_SECRET'],
  ['TokenSigner() without new', 'b.TokenSigner(CANARY)', TYPE],
  ['verifyToken(64 MiB)', 'new b.TokenSigner(CANARY).verifyToken("a".repeat(64 << 20))', 'Error ERR_TOKEN_TOO_LONG'],
  ['verifyToken(surrogates)', 'new b.TokenSigner(CANARY).verifyToken("\\ud800.\\ud800.\\ud800")', 'Error ERR_TOKEN_MALFORMED'],
  ['explainToken(huge)', 'new b.TokenSigner(CANARY).explainToken("x".repeat(1 << 20)).code', 'TOO_LONG'],
  ['mintToken(name 1 MiB)', 'new b.TokenSigner(CANARY).mintToken({ email: "a@b", name: "x".repeat(1 << 20) })', 'Error ERR_INVALID_OPTION'],
  ['mintToken(issuedAt Infinity)', 'new b.TokenSigner(CANARY).mintToken({ email: "a@b" }, { issuedAt: Infinity })', 'Error ERR_INVALID_OPTION'],
  ['new AllowedOrigins(string)', 'new b.AllowedOrigins("https://x")', TYPE],
  ['AllowedOrigins() without new', 'b.AllowedOrigins(["https://x"])', TYPE],
]

function runCase(expression) {
  const script = `
    const b = require(${JSON.stringify(index)})
    const util = require('node:util')
    const CANARY = ${JSON.stringify(CANARY)}
    const s = new b.Signer(CANARY)
    let out
    try {
      const value = (${expression})
      out = { value: value === undefined ? null : value }
    } catch (e) {
      out = { error: [e?.constructor?.name, e?.code, e?.message].join(' '), text: util.inspect(e, { showHidden: true }) + String(e?.stack) }
    }
    process.stdout.write(JSON.stringify(out))`
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 64 << 20 })
}

for (const [what, expression, expected] of CASES) {
  test(`hostile: ${what}`, () => {
    const child = runCase(expression)
    assert.equal(child.signal, null, `${what}: the process died with ${child.signal}\n${child.stderr}`)
    assert.equal(child.status, 0, `${what}: exit ${child.status}\n${child.stderr}`)
    assert.ok(!(child.stdout + child.stderr).includes(CANARY), `${what}: the canary secret was printed`)
    const out = JSON.parse(child.stdout)
    if (typeof expected === 'string' && (expected.startsWith('TypeError') || expected.startsWith('Error'))) {
      assert.ok(out.error?.startsWith(expected), `${what}: expected ${expected}, got ${JSON.stringify(out)}`)
    } else {
      assert.deepEqual(out.value, expected, `${what}: ${JSON.stringify(out)}`)
    }
  })
}
