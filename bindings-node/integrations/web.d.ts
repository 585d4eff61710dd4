import type { Signer } from '../index.js'
import type { SessionUser } from './express.js'

export type { SessionUser }

export interface UserHandlerOptions {
  signer: Signer
  /** The logged-in user from the app's own session, or `null`. Never from the request's body or query. */
  getUser: (request: Request) => SessionUser | null | undefined | Promise<SessionUser | null | undefined>
}

/**
 * A `(Request) => Promise<Response>` that answers `{ user }` for the session's user, `401`
 * with no session, always with `Cache-Control: no-store`. It reads no email from the request.
 */
export declare function createUserHandler(options: UserHandlerOptions): (request: Request) => Promise<Response>
