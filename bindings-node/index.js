'use strict'
// The package's entry point. `native.js` is napi-rs's generated loader: it finds this
// platform's addon in this folder or in the matching `unthread-identity-<platform>` package.
// When there is none, the error says which platform this is and what to do, instead of the
// loader's generic "npm has a bug related to optional dependencies".
try {
  module.exports = require('./native.js')
} catch (error) {
  throw require('./unsupported.js').unsupportedPlatform(error)
}
