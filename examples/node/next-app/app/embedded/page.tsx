// The embedded portal: <EmbeddedPortal> renders its container and boots it (Unthread's queue
// stub, the boot call whose getToken GETs /api/portal-token, embed.js loaded once) after
// hydration, and again after each client-side navigation back to this page.
import { headers } from 'next/headers'
import Link from 'next/link'
import { EmbeddedPortal } from '../portals'
import { PORTAL_URL } from '../../lib/unthread'

export const dynamic = 'force-dynamic'

export default async function Embedded() {
  const nonce = (await headers()).get('x-nonce') ?? undefined
  return (
    <main>
      <EmbeddedPortal id="portal" baseUrl={PORTAL_URL} nonce={nonce} />
      <Link id="to-classic" href="/">The classic portal</Link>
    </main>
  )
}
