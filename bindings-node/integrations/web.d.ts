import type { Signer, TokenSigner } from '../index.js'
import type { SessionUser } from './express.js'

export type { SessionUser }

export interface UserHandlerOptions {
  /**
   * The signer, or a function that makes it on the first request; by default `Signer.fromEnv()`
   * on the first request. A handler made at module load (a Next.js route) reads no secret
   * before it serves a request, so `next build` runs without the secrets.
   */
  signer?: Signer | (() => Signer)
  /** The logged-in user from the app's own session, or `null`. Never from the request's body or query. */
  getUser: (request: Request) => SessionUser | null | undefined | Promise<SessionUser | null | undefined>
  /** The origins of your pages; without it, only same-origin requests (by `Sec-Fetch-Site`) are answered. */
  allowedOrigins?: string[]
}

/**
 * A `(Request) => Promise<Response>` that answers `{ user }` for the session's user, `401`
 * with no session, `405` for a method other than GET and POST, `403` from another site, `500`
 * (`{ error: code }`) for a user the core refuses, always with `Cache-Control: no-store`. It
 * reads no email from the request.
 */
export declare function createUserHandler(options: UserHandlerOptions): (request: Request) => Promise<Response>

export interface TokenHandlerOptions {
  /** The embed secret's signer, or a function that makes it on the first request; by default `TokenSigner.fromEnv()` on the first request. */
  tokens?: TokenSigner | (() => TokenSigner)
  /** The logged-in user from the app's own session, or `null`. Never from the request. */
  getUser: (request: Request) => SessionUser | null | undefined | Promise<SessionUser | null | undefined>
  /** The origins of your pages, such as `['https://app.example.com']`; requests from others get `403`. */
  allowedOrigins: string[]
}

/**
 * A `(Request) => Promise<Response>` for the embedded portal's `getToken`: `{ jwt, expiresAt }`
 * for the session's user, `401` with no session, `403` from an origin not allowed, always
 * `Cache-Control: no-store`.
 */
export declare function createTokenHandler(options: TokenHandlerOptions): (request: Request) => Promise<Response>
