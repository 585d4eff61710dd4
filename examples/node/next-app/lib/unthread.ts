// The page's signer, created on first use: `next build` imports this module without the
// secrets, which exist only at run time. (The /web handlers of app/api/ make their own on their
// first request.) Node.js runtime only (the addon is native code).
import { Signer } from 'unthread-identity'

let signer: Signer | undefined
/** The identity verification signer (UNTHREAD_IDENTITY_SECRET), built on the first request. */
export const getSigner = () => (signer ??= Signer.fromEnv())

/** The classic portal (its workspace) and the embedded portal's host. */
export const SUBDOMAIN = process.env.UNTHREAD_PORTAL_SUBDOMAIN ?? 'acme'
export const PORTAL_URL = process.env.UNTHREAD_PORTAL_URL ?? 'https://help.acme.unthread.io'
export { ALLOWED_ORIGINS } from './origins'
