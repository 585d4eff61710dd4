// The shared vectors (testdata/vectors.json, token_vectors.json) through one build of the API,
// with no Node.js API: the Node suites use these, and a workerd Worker runs them inside itself
// (edge.test.mjs).

// The vectors' snake_case options, as this package's camelCase ones.
export function tokenSignerFor(TokenSigner, v) {
  const o = v.options
  const options = {
    kid: v.kid,
    secretEncoding: v.secret_encoding,
    previousKeys: (v.previous ?? []).map((p) => ({ secret: p.secret, kid: p.kid })),
    ttlSeconds: o.ttl,
    clockSkewSeconds: o.clock_skew,
    audience: o.audience,
    issuer: o.issuer,
    extraClaims: o.extra_claims,
    emailPolicy: o.email_policy,
  }
  if (o.claim_names) {
    const n = o.claim_names
    options.claimNames = { subject: n.subject, email: n.email, name: n.name, jwtId: n.jwt_id }
  }
  return new TokenSigner(v.secret, options)
}

const bytes = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16))

/**
 * What `identity` computes for every shared vector, beside what the vector expects: RFC 4231's
 * HMACs, the email hashes of each policy, and the PyJWT tokens minted byte for byte.
 */
export function shared(identity, vectors, tokenVectors) {
  const { Signer, TokenSigner } = identity
  const rows = []
  for (const c of vectors.rfc4231) {
    const digits = c.truncate_to_bytes ? 2 * c.truncate_to_bytes : 64
    rows.push([c.name, new Signer(bytes(c.key_hex)).signRaw(bytes(c.data_hex)).slice(0, digits), c.hmac_sha256_hex])
  }
  for (const c of vectors.email) {
    rows.push([c.name, new Signer(bytes(c.secret_hex), { emailPolicy: c.policy }).sign(c.email), c.hash])
  }
  for (const v of tokenVectors.mint) {
    const minted = tokenSignerFor(TokenSigner, v).mintToken(v.user, { issuedAt: v.issued_at, jwtId: v.jwt_id })
    rows.push([v.name, minted.jwt, v.jwt])
  }
  return rows
}
