export interface SignedUser {
  name?: string
  email: string
  emailHash: string
}
export declare const WAIT_INTERVAL_MS: number
export declare const WAIT_TRIES: number
/** Starts the portal for the signed user from your server; resolves `false` if the embed code never loaded. */
export declare function startPortal(user: SignedUser): Promise<boolean>
/** Stops the portal: at logout, and on every logged-out page. */
export declare function stopPortal(): Promise<boolean>
/** The signed user from your endpoint, or `null` when nobody is logged in. */
export declare function fetchPortalUser(url?: string): Promise<SignedUser | null>
/** For the embedded portal's `getToken`: the JWT from your token endpoint (a GET by default), or `null` when logged out. */
export declare function getPortalToken(url?: string, options?: { method?: 'GET' | 'POST' }): Promise<string | null>
/** Options of `bootPortal`. */
export interface BootPortalOptions {
  /** The portal's https origin, such as `https://help.acme.unthread.io`. */
  baseUrl: string
  /** The token endpoint, a path on this site (default `/api/portal-token`). */
  tokenUrl?: string
  /** The CSS selector of the element the portal mounts in (default `#portal`). */
  container?: string
  /** The page's CSP nonce, for the `embed.js` element. */
  nonce?: string
}
/** Boots the embedded portal from a single-page app: Unthread's queue stub, the boot call, and `embed.js` loaded once. */
export declare function bootPortal(options: BootPortalOptions): void
