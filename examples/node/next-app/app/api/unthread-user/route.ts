// The classic portal's signed user, for a single-page app: { user } or 401, never cached. The
// handler reads UNTHREAD_IDENTITY_SECRET on its first request, not here: `next build` imports
// this module without the secrets.
import { createUserHandler } from 'unthread-identity/web'
import { userOf } from '../../../lib/session'

export const runtime = 'nodejs' // the addon is native code: never the edge runtime
export const dynamic = 'force-dynamic'

export const GET = createUserHandler({ getUser: userOf })
