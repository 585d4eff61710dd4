// A CSP nonce per request, and the portal's Content-Security-Policy from the SDK's helper.
// Next.js reads the nonce from the request's CSP header and puts it on its own scripts; the
// pages read it from `x-nonce` for the SDK's scripts. (Next.js 16 runs `proxy` on Node.js.)
import { NextResponse, type NextRequest } from 'next/server'
import { portalCsp } from 'unthread-identity'
import { PORTAL_URL, SUBDOMAIN } from './lib/unthread'

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
  // Both portals on every page: after a client-side navigation the browser keeps the first
  // page's policy, so each page's must allow the other's portal too.
  // `next dev` evaluates code (React's development build): 'unsafe-eval' there, never in production.
  const development = process.env.NODE_ENV === 'development'
  const csp = portalCsp([SUBDOMAIN, PORTAL_URL], { nonce, development }).header
  const headers = new Headers(request.headers)
  headers.set('x-nonce', nonce)
  headers.set('content-security-policy', csp)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('content-security-policy', csp)
  return response
}

export const config = {
  // Pages only: not the API routes, not Next's static files.
  matcher: [{ source: '/((?!api|_next/static|_next/image|favicon.ico).*)' }],
}
