/* Generated from the core's option structs by `make conformance-table` (core/conformance/src/options.rs): edit their docs in the core, not this file. */

import type { ClaimNames } from './claims'

/** Options for a `Signer`. Any other key throws `ERR_INVALID_OPTION`. */
export interface SignerOptions {
  /** `"exact"` (default): hash the email exactly as given, after validation. `"canonical"`: trim and lowercase it first, for both the hash and the user object. */
  emailPolicy?: 'exact' | 'canonical' | null
  /** Previous secrets, during a rotation: hashes made with them still verify, new hashes use the primary secret. See `matchingKey`. */
  previousSecrets?: Array<string | Buffer | Uint8Array> | null
}

/** Options for `startScript`, `pageScript` and `stopScript`. Any other key throws `ERR_INVALID_OPTION`. */
export interface ScriptOptions {
  /** The page's CSP nonce (base64 or base64url characters); it becomes the `nonce` attribute. */
  nonce?: string | null
}

/** Options of `portalCsp`. Any other key throws `ERR_INVALID_OPTION`. */
export interface PortalCspOptions {
  /** The page's CSP nonce, put in `script-src` as `'nonce-…'`. */
  nonce?: string | null
  /** True when the host is a custom domain configured in Unthread (`https://support.acme.com`), not a host under unthread.io. */
  customDomain?: boolean | null
  /** True adds `'unsafe-eval'` to `script-src`, which a development server needs (`next dev`). Never in production. */
  development?: boolean | null
  /** The policy your app already sends: the portal's sources are added to it (`script-src`, `connect-src`, `frame-src`) instead of a policy of their own. */
  policy?: string | null
}

/** Options of `portalBootScript`. Any other key throws `ERR_INVALID_OPTION`. */
export interface PortalBootOptions {
  /** The portal's host: `https://help.acme.unthread.io` (any host under unthread.io), or a custom domain with `customDomain`. */
  baseUrl: string
  /** True when `baseUrl` is a custom domain configured in Unthread. */
  customDomain?: boolean | null
  /** The token endpoint, a path on this site (default `/api/portal-token`). */
  tokenUrl?: string | null
  /** The CSS selector of the element the portal mounts in (default `#portal`). */
  container?: string | null
  /** The page's CSP nonce, put on both `<script>` elements. */
  nonce?: string | null
}

/** Options for a `TokenSigner`. Any other key throws `ERR_INVALID_OPTION`. */
export interface TokenSignerOptions {
  /** The primary key's id, written in each token's header; name every key when you rotate. */
  kid?: string | null
  /** How the secret's text gives the key: `"text"` (default: its UTF-8 bytes, as most HS256 setups use it, even when it looks like base64), `"base64"` or `"hex"` (decoded first). `explainToken` says when a token was signed with the other choice. */
  secretEncoding?: 'text' | 'base64' | 'hex' | null
  /** Keys that still verify, during a rotation; with a `kid`, tokens are matched by it. */
  previousKeys?: Array<PreviousKey> | null
  /** A token's lifetime, in whole seconds: 300 by default, at most 3600. */
  ttlSeconds?: number | null
  /** `nbf` is backdated by this, and it is the leeway when verifying: 30 s by default, at most 300. */
  clockSkewSeconds?: number | null
  /** The longest `exp - iat` accepted when verifying: 3600 s by default. */
  maxLifetimeSeconds?: number | null
  /** The `aud` claim: minted, and required when verifying. */
  audience?: string | null
  /** The `iss` claim: minted, and required when verifying. */
  issuer?: string | null
  /** Other names for the claims of the user and the token id. */
  claimNames?: ClaimNames | null
  /** Claims added to every token; they may not reuse a name the SDK sets. */
  extraClaims?: Record<string, unknown> | null
  /** `"exact"` (default) or `"canonical"`, as for `Signer`. */
  emailPolicy?: 'exact' | 'canonical' | null
}

/** A previous key of a `TokenSigner`: its secret and, when tokens name it, its `kid`. Any other key throws `ERR_INVALID_OPTION`. */
export interface PreviousKey {
  /** The secret (decoded with the signer's `secretEncoding`). */
  secret: string | Buffer | Uint8Array
  /** The key id that tokens signed with it carry. */
  kid?: string | null
}

/** Options for `mintToken`: a fixed time and id make a token reproducible, for tests. Any other key throws `ERR_INVALID_OPTION`. */
export interface MintOptions {
  /** `iat`, in whole seconds since 1970 (default: now; milliseconds are refused). */
  issuedAt?: number | null
  /** `jti`; 128 random bits by default. */
  jwtId?: string | null
}

/** Options for `verifyToken` and `explainToken`. Any other key throws `ERR_INVALID_OPTION`. */
export interface TimeOptions {
  /** Check as of this time, in whole seconds since 1970 (default: now). */
  now?: number | null
}
