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
/** Options of `bootPortal`: those of the server's `portalBootScript`, with the same rules. Any other key throws `ERR_INVALID_OPTION`. */
export type BootPortalOptions = import('../index.js').PortalBootOptions
/** The portal's https origin by the server's rule: a host under unthread.io, or the custom domain when `customDomain` is true. Throws `ERR_INVALID_OPTION`. */
export declare function portalOrigin(host: string, customDomain?: boolean): string
/** Boots the embedded portal from a single-page app, as `portalBootScript` does: Unthread's queue stub, the boot call, and `embed.js` loaded once. Throws the server's error codes for invalid options. */
export declare function bootPortal(options: BootPortalOptions): void
