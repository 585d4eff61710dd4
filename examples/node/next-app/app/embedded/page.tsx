// The embedded portal: Unthread's boot snippet, rendered by the SDK with the request's nonce.
// Its getToken GETs /api/portal-token. The container and the snippet are one raw-HTML island:
// React's hydration leaves its children alone, so the iframe that embed.js mounts in #portal
// stays (a React-rendered <div id="portal" /> loses it when the page hydrates).
import { headers } from 'next/headers'
import { portalBootScript } from 'unthread-identity'
import { PORTAL_URL } from '../../lib/unthread'

export const dynamic = 'force-dynamic'

export default async function Embedded() {
  const nonce = (await headers()).get('x-nonce') ?? undefined
  const boot = portalBootScript({ baseUrl: PORTAL_URL, nonce })
  return (
    <main>
      {/* suppressHydrationWarning: the hidden nonce, and the iframe embed.js mounts before hydration */}
      <div suppressHydrationWarning dangerouslySetInnerHTML={{ __html: `<div id="portal"></div>${boot}` }} />
    </main>
  )
}
