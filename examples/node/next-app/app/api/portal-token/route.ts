// The embedded portal's getToken: { jwt, expiresAt } for the session's user, 401 without one,
// 403 from another origin, never cached. GET is what Unthread's snippet sends; POST also works.
import { createTokenHandler } from 'unthread-identity/web'
import { ALLOWED_ORIGINS, getTokens } from '../../../lib/unthread'
import { userOf } from '../../../lib/session'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

let handler: ((request: Request) => Promise<Response>) | undefined
const token = (request: Request) =>
  (handler ??= createTokenHandler({ tokens: getTokens(), getUser: userOf, allowedOrigins: ALLOWED_ORIGINS }))(request)
export const GET = token
export const POST = token
