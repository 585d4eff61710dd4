'use strict'
// The package's entry point. `native.js` is napi-rs's generated loader: it finds this
// platform's addon in this folder or in the matching `unthread-identity-<platform>` package.
// When it fails, the error says what happened (a missing platform package, a permission the
// runtime denied, an edge runtime, or anything else with the original as `cause`), instead of
// the loader's generic "npm has a bug related to optional dependencies".
// `module.exports = require(...)`, as written here, is what lets `import { Signer } from
// 'unthread-identity'` see the names (Node's CommonJS lexer reads this form only).
try {
  module.exports = require('./native.js')
} catch (error) {
  throw require('./unsupported.js').loadFailure(error)
}
const native = module.exports

// `util.inspect(signer)` shows what Python's `repr` shows: fingerprints, key ids and settings,
// never a secret (which the objects do not hold in any JavaScript-visible form).
const custom = Symbol.for('nodejs.util.inspect.custom')
const inspectAs = (name, fields) => function (depth, options, inspect) {
  return `${name} ${inspect(fields(this), options)}`
}
Object.defineProperty(native.Signer.prototype, custom, {
  value: inspectAs('Signer', (s) => ({ fingerprint: s.fingerprint, emailPolicy: s.emailPolicy,
    previousFingerprints: s.previousFingerprints })),
})
Object.defineProperty(native.TokenSigner.prototype, custom, {
  value: inspectAs('TokenSigner', (s) => ({ fingerprint: s.fingerprint, kid: s.kid, ttlSeconds: s.ttlSeconds })),
})

