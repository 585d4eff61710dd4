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
 * and resolves the JWT, or `null` when nobody is logged in (401). A same-origin `GET`, as
 * Unthread's documented snippet makes it (the endpoint checks `Sec-Fetch-Site`, and `Origin`
 * when the browser sends one); `{ method: 'POST' }` makes the browser always send `Origin`.
 * Never cached.
 *
 *   getToken: () => getPortalToken('/api/portal-token')
 */
export async function getPortalToken(url = '/api/portal-token', { method = 'GET' } = {}) {
  if (method !== 'GET' && method !== 'POST') throw new TypeError('getPortalToken: method must be "GET" or "POST"')
  const response = await fetch(url, { method, credentials: 'same-origin', cache: 'no-store' })
  if (response.status === 401) return null
  if (!response.ok) throw new Error(`unthread-identity: the token endpoint answered ${response.status}`)
  const body = await response.json()
  return body.jwt
}

/**
 * Boots the embedded portal from a single-page app, as the server-rendered snippet
 * (`portalBootScript`) does: installs Unthread's queue stub `window.UnthreadPortal`, queues
 * `UnthreadPortal('boot', { baseUrl, getToken, container })`, and loads `${baseUrl}/embed.js`
 * once (a second call boots again but does not load the script twice). `getToken` is
 * `getPortalToken(tokenUrl)`: a GET that resolves `null` when logged out. `baseUrl` must be an
 * `https` origin (the server's `portalCsp` must allow it); `tokenUrl` a path on this site.
 */
export function bootPortal({ baseUrl, tokenUrl = '/api/portal-token', container = '#portal', nonce } = {}) {
  let origin
  try {
    const url = new URL(baseUrl)
    if (url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash || url.username) throw new Error()
    origin = url.origin
  } catch {
    throw new TypeError(`bootPortal: baseUrl must be the portal's https origin, such as https://help.acme.unthread.io, received ${JSON.stringify(baseUrl)}`)
  }
  if (typeof tokenUrl !== 'string' || !tokenUrl.startsWith('/') || /^\/[\/\\]/.test(tokenUrl)) {
    throw new TypeError('bootPortal: tokenUrl must be a path on this site, such as /api/portal-token')
  }
  const w = window
  w.UnthreadPortal = w.UnthreadPortal || function () {
    (w.UnthreadPortal.q = w.UnthreadPortal.q || []).push(arguments)
  }
  w.UnthreadPortal('boot', { baseUrl: origin, getToken: () => getPortalToken(tokenUrl), container })
  const src = `${origin}/embed.js`
  if (!document.querySelector(`script[data-unthread-embed="${origin}"]`)) {
    const script = document.createElement('script')
    script.src = src
    script.async = true
    script.dataset.unthreadEmbed = origin
    if (nonce) script.nonce = nonce
    document.head.appendChild(script)
  }
}
