// `unthread-identity/browser`: the page side, for single-page apps. No native code, no secret.
//
//   import { fetchPortalUser, startPortal, stopPortal } from 'unthread-identity/browser'
//   const user = await fetchPortalUser('/api/unthread-user') // null when logged out
//   user ? startPortal(user) : stopPortal()
//
// Like the server-rendered scripts, each call runs at once when Unthread's embed code has
// defined `window.$unthread.helpCenter`, and otherwise waits for it: every 50 ms, 200 times
// (the core's PORTAL_WAIT_INTERVAL_MS and PORTAL_WAIT_TRIES; a test holds them equal).

export const WAIT_INTERVAL_MS = 50
export const WAIT_TRIES = 200

function portalCall(args) {
  return new Promise((resolve) => {
    let tries = 0
    const attempt = () => {
      const api = window.$unthread
      const helpCenter = api && api.helpCenter
      if (typeof helpCenter === 'function') {
        helpCenter.apply(api, args)
        resolve(true)
      } else if (WAIT_TRIES > tries++) {
        setTimeout(attempt, WAIT_INTERVAL_MS)
      } else {
        resolve(false)
      }
    }
    attempt()
  })
}

/** Starts the portal for the signed user that your server returned. Resolves `false` if the embed code never loaded. */
export function startPortal(user) {
  if (!user || typeof user.email !== 'string' || typeof user.emailHash !== 'string') {
    throw new TypeError('startPortal needs the signed user { email, emailHash, name? } from your server')
  }
  return portalCall(['start', { user }])
}

/** Stops the portal: call it at logout, and on every logged-out page. */
export function stopPortal() {
  return portalCall(['stop'])
}

/** The signed user from your endpoint, or `null` when nobody is logged in (401). */
export async function fetchPortalUser(url = '/api/unthread-user') {
  const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' })
  if (response.status === 401) return null
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  const body = await response.json()
  return body.user
}

/**
 * For the embedded portal's `getToken`: fetches `{ jwt, expiresAt }` from your token endpoint
 * and resolves the JWT, or `null` when nobody is logged in (401). A POST, so that the browser
 * always sends `Origin`, which the endpoint checks; never cached.
 *
 *   getToken: () => getPortalToken('/api/portal-token')
 */
export async function getPortalToken(url = '/api/portal-token') {
  const response = await fetch(url, { method: 'POST', credentials: 'same-origin', cache: 'no-store' })
  if (response.status === 401) return null
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  const body = await response.json()
  return body.jwt
}
