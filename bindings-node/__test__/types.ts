// Type-level tests of index.d.ts, checked by `tsc --noEmit` in `make test`: each line is what a
// user writes, and each @ts-expect-error is a mistake the types must catch.
import { Signer, stopScript, type SignedUser, type SignerOptions } from '../index.js'

const signer = new Signer('secret', { emailPolicy: 'canonical', previousSecrets: [Buffer.from('old'), new Uint8Array(1)] })
const policy: 'exact' | 'canonical' = signer.emailPolicy
const user: SignedUser = signer.user({ email: 'ada@example.com', name: null })
const again: SignedUser = signer.user(user)
const html: string = signer.startScript(user, { nonce: 'abc' }) + signer.startScript({ email: 'a@b' })
const stop: string = stopScript({ nonce: null }) + stopScript()
const fingerprint: string | null = signer.matchingKey('a@b', user.emailHash)
const warnings: string[] = signer.warnings
const options: SignerOptions = { emailPolicy: null }

// @ts-expect-error: the policy is one of two names
new Signer('secret', { emailPolicy: 'lowercase' })
// @ts-expect-error: a user needs an email
signer.user({ name: 'Ada' })
// @ts-expect-error: emailPolicy is read-only text of two values, not any string
const wrong: 'exact' = signer.emailPolicy

export { policy, again, html, stop, fingerprint, warnings, options, wrong }

// Token mode.
import { TokenSigner, AllowedOrigins, type MintedToken, type TokenDiagnosis, type TokenClaims } from '../index.js'
import { portalTokenHandler } from '../integrations/express.js'
import { createTokenHandler } from '../integrations/web.js'
const tokens = new TokenSigner('embed', { kid: 'k1', ttlSeconds: 120, secretEncoding: 'text', previousKeys: [{ secret: 'old', kid: 'k0' }], claimNames: { email: 'user_email' }, extraClaims: { plan: 'pro' } })
const minted: MintedToken = tokens.mintToken({ email: 'a@b.c', name: 'Ada', id: 'u1' }, { issuedAt: 1_800_000_000, jwtId: 'x' })
const claims: TokenClaims = tokens.verifyToken(minted.jwt, { now: 1_800_000_000 })
const exp: number = claims.exp
const doctor: TokenDiagnosis = tokens.explainToken(minted.jwt)
const allowed: boolean = new AllowedOrigins(['https://app.example.com']).allows('https://app.example.com', null)
portalTokenHandler({ tokens, getUser: () => null, allowedOrigins: ['https://app.example.com'] })
createTokenHandler({ tokens, getUser: async () => ({ email: 'a@b.c', id: 7 }), allowedOrigins: ['https://app.example.com'] })
// @ts-expect-error: the encoding is one of three names
new TokenSigner('embed', { secretEncoding: 'base32' })
// @ts-expect-error: times are numbers of seconds, not Dates
tokens.mintToken({ email: 'a@b.c' }, { issuedAt: new Date() })
// @ts-expect-error: a token endpoint needs its allowed origins
portalTokenHandler({ tokens, getUser: () => null })

// The WebAssembly build loaded by hand (wasm/api.d.mts): the same types as the addon's.
import { bind } from '../wasm/api.mjs'
declare const wasmModule: WebAssembly.Module
const edge = bind(wasmModule)
const edgeHash: string = new edge.Signer('secret').sign('a@b')
// @ts-expect-error: the wasm build has the addon's classes, no other
edge.NotAClass

// The option interfaces are generated from the core's structs (options.d.ts).
import { type PreviousKey, type PortalBootOptions } from '../index.js'
const previousKey: PreviousKey = { secret: new Uint8Array(32), kid: null }
const boot: PortalBootOptions = { baseUrl: 'https://help.acme.unthread.io', container: '#help' }
// @ts-expect-error: a previous key needs its secret
new TokenSigner('embed', { previousKeys: [{ kid: 'k0' }] })
// @ts-expect-error: the boot snippet needs the portal's baseUrl
const noBase: PortalBootOptions = { container: '#help' }
export { previousKey, boot, noBase }
