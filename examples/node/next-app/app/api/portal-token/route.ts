// The embedded portal's getToken: { jwt, expiresAt } for the session's user, 401 without one,
// 403 from another origin, never cached. GET is what Unthread's snippet sends; POST also works.
// The handler reads UNTHREAD_PORTAL_EMBED_SECRET on its first request, not at `next build`.
import { createTokenHandler } from 'unthread-identity/web'
import { ALLOWED_ORIGINS } from '../../../lib/unthread'
import { userOf } from '../../../lib/session'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = createTokenHandler({ getUser: userOf, allowedOrigins: ALLOWED_ORIGINS })
export const POST = GET
