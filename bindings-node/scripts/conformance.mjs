// The Node replay of the conformance table (testdata/conformance.json, made by the core): each
// case's input goes through this package's public API, and the answer must be the core's.
// `node scripts/conformance.mjs FILE` replays a file of cases (the differential run of
// `make conformance`) and exits non-zero on any disagreement; the test suite imports `replay`.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { browserDisagreements } from './browser-replay.mjs'

const require = createRequire(import.meta.url)
/** The native addon; `replay` and `disagreements` take another build of the API (the wasm one). */
const native = require('../index.js')

const camel = (key) => key.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

/** An options object with this package's camelCase keys (one level deep: `claim_names` keeps its own). */
function options(value) {
  if (value === null || value === undefined) return value
  if (typeof value !== 'object' || Array.isArray(value)) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), v]))
}

function secret(value) {
  return typeof value === 'string' ? value : Buffer.from(value.$bytes, 'hex')
}

/** A session user as an app holds it: `$inherited` fields live on its prototype. */
function sessionUser(value) {
  if (value === null || typeof value !== 'object' || !('$inherited' in value)) return value
  const { $inherited, ...own } = value
  return Object.assign(Object.create($inherited), own)
}

function response({ status, headers, body }, tokens) {
  let parsed = JSON.parse(body)
  if (typeof parsed.jwt === 'string') {
    const claims = tokens.verifyToken(parsed.jwt)
    for (const key of ['iat', 'exp', 'nbf', 'jti']) delete claims[key]
    parsed = { claims }
  }
  return { status, headers: { ...headers }, body: parsed }
}

/** Each operation of the table, through `identity`'s public API. */
const opsOf = ({ Signer, TokenSigner, UserEndpoint, TokenEndpoint, stopScript, portalCsp, portalBootScript }) => ({
  sign: (i) => new Signer(secret(i.secret), options(i.options)).sign(i.email),
  verify: (i) => new Signer(secret(i.secret), options(i.options)).verify(i.email, i.hash),
  explain: (i) => {
    const { code, message, valid, fingerprint } = new Signer(secret(i.secret), options(i.options)).explain(i.email, i.hash)
    return { code, message, valid, fingerprint }
  },
  user: (i) => ({ ...new Signer(secret(i.secret), options(i.options)).user(i.user) }),
  start_script: (i) => new Signer(secret(i.secret), options(i.options)).startScript(i.user, { nonce: i.nonce }),
  stop_script: (i) => stopScript({ nonce: i.nonce }),
  portal_csp: ({ host, ...rest }) => {
    const { origin, origins, header } = portalCsp(host, options(rest))
    return { origin, origins, header }
  },
  portal_boot_script: (i) => portalBootScript(options(i)),
  signer: (i) => {
    const signer = new Signer(secret(i.secret), options(i.options))
    return { fingerprint: signer.fingerprint, email_policy: signer.emailPolicy }
  },
  mint: (i) => {
    const tokens = new TokenSigner(secret(i.secret), options(i.options))
    const { jwt, expiresAt } = tokens.mintToken(i.user, { issuedAt: i.issued_at, jwtId: i.jwt_id })
    return { jwt, expires_at: expiresAt }
  },
  verify_token: (i) => new TokenSigner(secret(i.secret), options(i.options)).verifyToken(i.jwt, { now: i.now }),
  explain_token: (i) => {
    const d = new TokenSigner(secret(i.secret), options(i.options)).explainToken(i.jwt, { now: i.now })
    return { code: d.code, valid: d.valid, kid: d.kid, fingerprint: d.fingerprint }
  },
  user_endpoint: (i) => {
    const endpoint = new UserEndpoint(new Signer(secret(i.secret), options(i.options)))
    const refused = endpoint.refusal(i.method, i.origin, i.sec_fetch_site)
    return response(refused ?? endpoint.respond(sessionUser(i.user)))
  },
  token_endpoint: (i) => {
    const tokens = new TokenSigner(secret(i.secret), options(i.options))
    const endpoint = new TokenEndpoint(tokens, i.allowed_origins)
    const refused = endpoint.refusal(i.method, i.origin, i.sec_fetch_site)
    return response(refused ?? endpoint.respond(sessionUser(i.user)), tokens)
  },
})
const builds = new Map()

/** This package's answer to a case: `{ ok }` or `{ error: code }` (with `detail`, the error's
 * code, class and message, to compare two builds). */
export function replay({ op, input }, identity = native, detail = false) {
  if (!builds.has(identity)) builds.set(identity, opsOf(identity))
  try {
    return { ok: builds.get(identity)[op](input) }
  } catch (error) {
    if (detail) return { error: { code: error.code, name: error.name, message: error.message } }
    return { error: error.code ?? `uncoded ${error.name}: ${error.message}` }
  }
}

/** Canonical JSON, keys sorted, for comparing answers. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** The cases of a file whose answer here differs from the core's. */
export function disagreements(file, identity = native) {
  const { cases } = JSON.parse(readFileSync(file, 'utf8'))
  const found = []
  cases.forEach((c, index) => {
    const got = replay(c, identity)
    if (canonical(got) !== canonical(c.expect)) found.push({ index, op: c.op, input: c.input, expect: c.expect, got })
  })
  return { total: cases.length, found }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { total, found } = disagreements(process.argv[2])
  for (const d of found.slice(0, 20)) console.error(JSON.stringify(d))
  console.log(`node: ${total} cases, ${found.length} disagreements`)
  const browser = await browserDisagreements(JSON.parse(readFileSync(process.argv[2], 'utf8')).cases)
  for (const d of browser.found.slice(0, 20)) console.error(JSON.stringify(d))
  console.log(`node, unthread-identity/browser: ${browser.total} boot cases, ${browser.found.length} disagreements`)
  process.exit(found.length === 0 && browser.found.length === 0 ? 0 : 1)
}
