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
/** For the embedded portal's `getToken`: the JWT from your token endpoint (a POST), or `null` when logged out. */
export declare function getPortalToken(url?: string): Promise<string | null>
