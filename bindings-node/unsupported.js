'use strict'
// The error thrown when the native addon does not load. It says which of four things happened,
// because each has a different fix:
// - the runtime cannot load native addons at all (an edge runtime whose bundler resolved the
//   Node.js entry, not the WebAssembly build that package.json's conditions give edge runtimes):
//   ERR_UNTHREAD_IDENTITY_RUNTIME, saying how to load the WebAssembly build by hand;
// - the runtime refused a permission the loader needs (Deno without --allow-ffi, --allow-read,
//   --allow-env or --allow-sys): ERR_UNTHREAD_IDENTITY_PERMISSION, naming the flags;
// - no addon exists for this platform, or its optional package was not installed:
//   ERR_UNTHREAD_IDENTITY_PLATFORM;
// - anything else (a corrupt addon, a glibc too old, a bug): ERR_UNTHREAD_IDENTITY_LOAD, with the
//   original error as `cause`, never disguised as one of the above.

const SUPPORTED = [
  'linux-x64-gnu', 'linux-arm64-gnu', 'linux-x64-musl', 'linux-arm64-musl',
  'darwin-x64', 'darwin-arm64', 'win32-x64-msvc',
]
const DOCS = 'https://github.com/unthread/unthread-identity#install'
const DENO_FLAGS = '--allow-ffi --allow-read --allow-env'

/** The edge runtime this is, or null on Node, Bun and Deno (which load addons). */
function edgeRuntime() {
  if (typeof globalThis.EdgeRuntime === 'string') return `the edge runtime (${globalThis.EdgeRuntime})`
  if (globalThis.navigator?.userAgent === 'Cloudflare-Workers') return 'Cloudflare Workers'
  const proc = globalThis.process
  if (!proc || typeof proc.versions?.node !== 'string' || typeof proc.platform !== 'string') {
    return 'a runtime without Node.js APIs (an edge or browser runtime)'
  }
  return null
}

/** Every error in a chain of causes (napi-rs's loader chains one per path it tried). */
function causes(error) {
  const seen = []
  for (let e = error; e && typeof e === 'object' && !seen.includes(e); e = e.cause) {
    seen.push(e)
    if (Array.isArray(e.cause)) seen.push(...e.cause.flatMap(causes))
  }
  return seen
}

function text(e) {
  try { return `${e.name ?? ''}: ${e.message ?? ''}` } catch { return '' }
}

/** Deno's refusal of a permission (NotCapable in Deno 2, PermissionDenied in Deno 1). */
function isPermission(e) {
  const t = text(e)
  return /^(NotCapable|PermissionDenied):/.test(t) || /Requires \w+ access/.test(t)
}

/** The loader found no file or package to load (nothing else went wrong). */
function isMissing(e) {
  return e.code === 'MODULE_NOT_FOUND' || /Cannot find (module|native binding)|Unsupported (architecture|OS)/.test(text(e))
}

function libc(proc) {
  if (proc.platform !== 'linux') return ''
  try {
    const report = typeof proc.report?.getReport === 'function' ? proc.report.getReport() : null
    return report?.header?.glibcVersionRuntime ? '-gnu' : '-musl'
  } catch {
    return '-gnu' // the report needs a permission (Deno --allow-sys); glibc is the common case
  }
}

function coded(message, code, cause, extra = {}) {
  const error = new Error(message, { cause })
  error.code = code
  return Object.assign(error, extra)
}

/** The error to throw for `cause`, which loading the addon threw. */
function loadFailure(cause) {
  const runtime = edgeRuntime()
  if (runtime) {
    return coded(
      `unthread-identity: the native addon cannot load on ${runtime}, which loads no native ` +
        `code. Edge runtimes get the WebAssembly build through package.json's "workerd", ` +
        `"edge-light" and "worker" conditions, but this bundler resolved the Node.js entry. Load ` +
        `it by hand: import { bind } from 'unthread-identity/wasm/bind' and call bind(module) ` +
        `with 'unthread-identity/wasm/module.wasm' imported as a WebAssembly.Module; or use the ` +
        `Node.js runtime for this route (Next.js: export const runtime = 'nodejs'). See ${DOCS}`,
      'ERR_UNTHREAD_IDENTITY_RUNTIME', cause)
  }
  const all = causes(cause)
  const denied = all.find(isPermission)
  if (denied) {
    // No `cause`: the denial is quoted, and the loader's chain under it (napi-rs's "npm has a
    // bug…", a missing wasm32-wasi package) is 80 lines that say nothing more.
    const error = coded(
      `unthread-identity: the runtime denied a permission that loading the native addon needs ` +
        `(${text(denied).slice(0, 200)}). Under Deno, run with ${DENO_FLAGS} ` +
        `(and --allow-sys to let it detect glibc or musl). See ${DOCS}`,
      'ERR_UNTHREAD_IDENTITY_PERMISSION', undefined)
    // Nor the loader's stack frames: the message says what to do, in one line.
    error.stack = `${error.name}: ${error.message}`
    return error
  }
  if (all.every(isMissing)) return unsupportedPlatform(cause)
  // The first error that is not "not found" is the one to read.
  const reason = all.find((e) => !isMissing(e)) ?? cause
  return coded(
    `unthread-identity: the native addon did not load: ${text(reason).slice(0, 300)}`,
    'ERR_UNTHREAD_IDENTITY_LOAD', cause)
}

function unsupportedPlatform(cause) {
  const proc = globalThis.process
  const platform = `${proc.platform}-${proc.arch}${libc(proc)}${proc.platform === 'win32' ? '-msvc' : ''}`
  const known = SUPPORTED.includes(platform)
  const message = known
    ? `unthread-identity: the native addon for ${platform} did not load. Its package ` +
      `unthread-identity-${platform} is an optional dependency: reinstall without --no-optional ` +
      `/ --omit=optional, and with the same platform as where the code runs (a lockfile or ` +
      `node_modules copied from another OS lacks it). See ${DOCS}`
    : `unthread-identity has no prebuilt addon for ${platform} (Node ${proc.version}). ` +
      `Prebuilt: ${SUPPORTED.join(', ')}. To build from source, see ${DOCS}`
  return coded(message, 'ERR_UNTHREAD_IDENTITY_PLATFORM', cause, { platform })
}

module.exports = { loadFailure, unsupportedPlatform, SUPPORTED }
