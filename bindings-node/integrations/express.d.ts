import type { SessionUser, Signer, SignedUser, TokenSigner } from '../index.js'

export type { SessionUser }

/** `res.locals.unthread`, set by the middleware. */
export interface UnthreadLocals {
  /** The signed user, or `null` when nobody is logged in. */
  user: SignedUser | null
  /** The start script for a logged-in user, the stop script otherwise: render it unescaped. */
  script: string
}

type Req = any
type Res = { locals: Record<string, any>; status(code: number): Res; set(headers: Record<string, string>): Res; send(body: string): unknown }
type Next = (error?: unknown) => void

export interface UnthreadOptions {
  /** The signer, or a function that makes it on the first request; by default `Signer.fromEnv()` on the first request. */
  signer?: Signer | (() => Signer)
  /** The logged-in user from the app's own session, or `null`. Never from the request's body or query. */
  getUser: (req: Req) => SessionUser | null | undefined | Promise<SessionUser | null | undefined>
  /** The page's CSP nonce; by default `res.locals.cspNonce` or `res.locals.nonce`. */
  nonce?: string | ((req: Req, res: Res) => string | null | undefined)
}

/** Middleware that sets `res.locals.unthread` ({@link UnthreadLocals}). */
export declare function unthread(options: UnthreadOptions): (req: Req, res: Res, next: Next) => Promise<void>

export interface UserHandlerOptions extends Omit<UnthreadOptions, 'nonce'> {
  /** The origins of your pages; without it, only same-origin requests (by `Sec-Fetch-Site`) are answered. */
  allowedOrigins?: string[]
}

/**
 * A handler that answers `{ user }` for the session's user, `401` with no session, `405` for a
 * method other than GET and POST, `403` from another site, `500` (`{ error: code }`) for a
 * user the core refuses, always with `Cache-Control: no-store`. It reads no email from the request.
 */
export declare function unthreadUserHandler(options: UserHandlerOptions): (req: Req, res: Res, next: Next) => Promise<void>

export interface TokenHandlerOptions {
  /** The embed secret's signer, or a function that makes it on the first request; by default `TokenSigner.fromEnv()` on the first request. */
  tokens?: TokenSigner | (() => TokenSigner)
  /** The logged-in user from the app's own session, or `null`. Never from the request's body or query. */
  getUser: (req: Req) => SessionUser | null | undefined | Promise<SessionUser | null | undefined>
  /** The origins of your pages, such as `['https://app.example.com']`; requests from others get `403`. */
  allowedOrigins: string[]
}

/**
 * The embedded portal's token endpoint: `{ jwt, expiresAt }` for the session's user, `401`
 * with no session, `403` from an origin not in `allowedOrigins`, always `Cache-Control:
 * no-store`. It reads no identity from the request.
 */
export declare function portalTokenHandler(options: TokenHandlerOptions): (req: Req, res: Res, next: Next) => Promise<void>
