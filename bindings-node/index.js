'use strict'
// The package's entry point. `native.js` is napi-rs's generated loader: it finds this
// platform's addon in this folder or in the matching `unthread-identity-<platform>` package.
// When it fails, the error says what happened (a missing platform package, a permission the
// runtime denied, an edge runtime, or anything else with the original as `cause`), instead of
// the loader's generic "npm has a bug related to optional dependencies".
try {
  module.exports = require('./native.js')
} catch (error) {
  throw require('./unsupported.js').loadFailure(error)
}
