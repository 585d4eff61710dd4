'use strict'
// The error thrown when no native addon loads on this platform.

const SUPPORTED = [
  'linux-x64-gnu', 'linux-arm64-gnu', 'linux-x64-musl', 'linux-arm64-musl',
  'darwin-x64', 'darwin-arm64', 'win32-x64-msvc',
]
const DOCS = 'https://github.com/unthread/unthread-identity#install'

function libc() {
  if (process.platform !== 'linux') return ''
  const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null
  return report?.header?.glibcVersionRuntime ? '-gnu' : '-musl'
}

function unsupportedPlatform(cause) {
  const platform = `${process.platform}-${process.arch}${libc()}${process.platform === 'win32' ? '-msvc' : ''}`
  const known = SUPPORTED.includes(platform)
  const message = known
    ? `unthread-identity: the native addon for ${platform} did not load. Its package ` +
      `unthread-identity-${platform} is an optional dependency: reinstall without --no-optional ` +
      `/ --omit=optional, and with the same platform as where the code runs (a lockfile or ` +
      `node_modules copied from another OS lacks it). See ${DOCS}`
    : `unthread-identity has no prebuilt addon for ${platform} (Node ${process.version}). ` +
      `Prebuilt: ${SUPPORTED.join(', ')}. To build from source, see ${DOCS}`
  const error = new Error(message, { cause })
  error.code = 'ERR_UNTHREAD_IDENTITY_PLATFORM'
  error.platform = platform
  return error
}

module.exports = { unsupportedPlatform, SUPPORTED }
