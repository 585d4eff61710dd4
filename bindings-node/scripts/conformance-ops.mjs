// The operations of the conformance table (testdata/conformance.json) through one build of the
// package's public API, with no Node.js API of its own: the Node replay (conformance.mjs) runs
// them against the addon and the WebAssembly build, and a workerd Worker runs them inside itself
// (__test__/edge.test.mjs).

const camel = (key) => key.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

/** An options object with this package's camelCase keys (one level deep: `claim_names` keeps its own). */
function options(value) {
  if (value === null || value === undefined) return value
  if (typeof value !== 'object' || Array.isArray(value)) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), v]))
}

function secret(value) {
  if (typeof value === 'string') return value
  return Uint8Array.from(value.$bytes.match(/../g) ?? [], (byte) => parseInt(byte, 16))
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
export function replay({ op, input }, identity, detail = false) {
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

/** The cases whose answer through `identity` differs from the core's. */
export function disagreementsOf(cases, identity) {
  const found = []
  cases.forEach((c, index) => {
    const got = replay(c, identity)
    if (canonical(got) !== canonical(c.expect)) found.push({ index, op: c.op, input: c.input, expect: c.expect, got })
  })
  return found
}
