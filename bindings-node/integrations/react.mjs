// `unthread-identity/react`: the two portals as React client components, for Next.js (App
// Router) and any React app. They survive what a server-rendered script does not: a client-side
// navigation (`next/link` inserts a page's HTML without running its scripts) and Strict Mode
// (which mounts, unmounts and mounts again in development).
//
// The components are made with your app's React, so that they use the copy your framework
// renders with (Next.js loads this package outside its bundle, `serverExternalPackages`, where
// `import 'react'` would find another copy). In a client component file of your app:
//
//   'use client'
//   import * as React from 'react'
//   import { portals } from 'unthread-identity/react'
//   export const { ClassicPortal, EmbeddedPortal } = portals(React)
//
// Both call the browser module (`unthread-identity/browser`): the same rules, waits and
// messages as the server-rendered scripts.

import { bootPortal, startPortal, stopPortal } from './browser.mjs'
import { bootOptions } from './portal-rules.mjs'

const ID = /^[A-Za-z][A-Za-z0-9_-]*$/

/** The components `ClassicPortal` and `EmbeddedPortal`, made with `React` (your app's). */
export function portals(React) {
  if (!React || typeof React.useEffect !== 'function' || typeof React.createElement !== 'function') {
    throw new TypeError("portals(React) needs your app's React: import * as React from 'react'")
  }
  const { createElement, useEffect, useId } = React

  /**
   * Runs `action` once the component has stayed mounted: on the next task, cancelled by an
   * unmount before it, so Strict Mode's mount-unmount-mount runs it once.
   */
  function useSettledEffect(action, deps) {
    useEffect(() => {
      const timer = setTimeout(action, 0)
      return () => clearTimeout(timer)
    }, deps) // eslint-disable-line react-hooks/exhaustive-deps
  }

  /**
   * The classic portal: starts it for `user`, the signed user `{ email, emailHash, name? }`
   * your server made (`signer.user(...)`), or stops it when `user` is null (every logged-out
   * page). Renders nothing; runs again when the user changes and on every page that renders it.
   */
  function ClassicPortal({ user = null }) {
    if (user !== null && (typeof user !== 'object' || typeof user.email !== 'string' || typeof user.emailHash !== 'string')) {
      throw new TypeError('ClassicPortal needs user: the signed user { email, emailHash, name? } from your server, or null')
    }
    const key = user === null ? '' : `${user.email}\n${user.emailHash}\n${user.name ?? ''}`
    useSettledEffect(() => {
      if (user === null) stopPortal()
      else startPortal(user)
    }, [key])
    return null
  }

  /**
   * The embedded portal, mounted in the `<div>` this component renders: boots it (Unthread's
   * queue stub, the boot call, `embed.js` loaded once) on mount, so a client-side navigation
   * back to the page boots it again. Takes `portalBootScript`'s options but `container`, with
   * the same rules; an invalid option throws while rendering, with the server's code. `id`
   * names the container (Unthread's snippet uses `portal`); by default one is made per
   * component.
   */
  function EmbeddedPortal({ baseUrl, customDomain, tokenUrl, nonce, id: given, className, style }) {
    const generated = `unthread-portal-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`
    if (given !== undefined && given !== null && !ID.test(given)) {
      throw new TypeError('EmbeddedPortal: id must be a plain HTML id (a letter, then letters, digits, "-" or "_")')
    }
    const id = given ?? generated
    const options = { baseUrl, customDomain, tokenUrl, nonce, container: `#${id}` }
    bootOptions(options) // the core's rules, now: an error belongs to the render, not a timer
    useSettledEffect(() => bootPortal(options), [baseUrl, customDomain, tokenUrl, nonce, id])
    // The portal's iframe is added by embed.js, not React: hydration must not touch it.
    return createElement('div', { id, className, style, suppressHydrationWarning: true })
  }

  return { ClassicPortal, EmbeddedPortal }
}
