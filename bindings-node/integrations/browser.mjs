// `unthread-identity/browser`: the page side, for single-page apps. No native code, no secret.
//
//   import { fetchPortalUser, startPortal, stopPortal } from 'unthread-identity/browser'
//   const user = await fetchPortalUser('/api/unthread-user') // null when logged out
//   user ? startPortal(user) : stopPortal()
//
// Like the server-rendered scripts, each call runs at once when Unthread's embed code has
// defined `window.$unthread.helpCenter`, and otherwise waits for it: every 50 ms, 200 times.
// Those numbers, the boot option rules, their messages, the queue stub and `getToken` come from
// the core, in the generated `portal-rules.mjs`.

import { WAIT_INTERVAL_MS, WAIT_TRIES, bootOptions, fetchPortalToken, installQueueStub } from './portal-rules.mjs'

export { WAIT_INTERVAL_MS, WAIT_TRIES, portalOrigin } from './portal-rules.mjs'

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
 * and resolves the JWT, or `null` when nobody is logged in (401); any other status rejects. The
 * server-rendered snippet's own `getToken`: a same-origin `GET`, as Unthread's documented
 * snippet makes it (the endpoint checks `Sec-Fetch-Site`, and `Origin` when the browser sends
 * one); `{ method: 'POST' }` makes the browser always send `Origin`. Never cached.
 *
 *   getToken: () => getPortalToken('/api/portal-token')
 */
export async function getPortalToken(url = '/api/portal-token', { method = 'GET' } = {}) {
  if (method !== 'GET' && method !== 'POST') throw new TypeError('getPortalToken: method must be "GET" or "POST"')
  return fetchPortalToken(url, method)
}

/**
 * Boots the embedded portal from a single-page app, as the server-rendered snippet
 * (`portalBootScript`) does, with the same options, rules, defaults and messages: installs
 * Unthread's queue stub `window.UnthreadPortal`, queues `UnthreadPortal('boot', { baseUrl,
 * getToken, container })`, and loads `${baseUrl}/embed.js` once (a second call boots again but
 * does not load the script twice). `baseUrl` is your workspace's host under unthread.io
 * (`help.acme.unthread.io`), or, with `customDomain: true`, the custom domain configured in
 * Unthread; the server's `portalCsp` must allow it. `tokenUrl` is a path on this site; `getToken`
 * fetches it with `getPortalToken`. An invalid option throws an `Error` whose `code` is the
 * server's (`ERR_INVALID_OPTION`, `ERR_INVALID_NONCE`, or `ERR_INVALID_ARG_TYPE` on a `TypeError`).
 */
export function bootPortal(options) {
  const { origin, tokenUrl, container, nonce } = bootOptions(options)
  installQueueStub()
  window.UnthreadPortal('boot', { baseUrl: origin, getToken: () => fetchPortalToken(tokenUrl, 'GET'), container })
  if (!document.querySelector(`script[data-unthread-embed="${origin}"]`)) {
    const script = document.createElement('script')
    script.src = `${origin}/embed.js`
    script.async = true
    script.dataset.unthreadEmbed = origin
    if (nonce !== undefined) script.nonce = nonce
    document.head.appendChild(script)
  }
}
