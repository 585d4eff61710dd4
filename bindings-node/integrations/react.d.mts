import type { SignedUser } from './browser.mjs'

/** Options of `EmbeddedPortal`: `portalBootScript`'s, but `container` (the component renders it). */
export interface EmbeddedPortalProps {
  /** The portal's host: `https://help.acme.unthread.io` (any host under unthread.io), or a custom domain with `customDomain: true`. */
  baseUrl: string
  customDomain?: boolean | null
  /** The token endpoint, a path on this site (default `/api/portal-token`). */
  tokenUrl?: string | null
  /** The page's CSP nonce, for the `embed.js` element. */
  nonce?: string | null
  /** The container's id (Unthread's snippet uses `portal`); by default one is made per component. */
  id?: string | null
  className?: string
  style?: Record<string, string | number>
}

/** The portals' components, made with your app's React; `Element` is what its `createElement` returns. */
export interface Portals<Element> {
  /** Starts the classic portal for the signed user from your server, or stops it when `user` is null. Renders nothing. */
  ClassicPortal(props: { user: SignedUser | null }): null
  /** The embedded portal, booted on mount (and again after a client-side navigation back), in the `<div>` it renders. */
  EmbeddedPortal(props: EmbeddedPortalProps): Element
}

/** `const { ClassicPortal, EmbeddedPortal } = portals(React)`, in a `'use client'` file of your app. */
export declare function portals<Element>(React: {
  createElement: (type: 'div', props: Record<string, unknown>) => Element
  useEffect: (effect: () => void | (() => void), deps?: readonly unknown[]) => void
  useId: () => string
}): Portals<Element>
