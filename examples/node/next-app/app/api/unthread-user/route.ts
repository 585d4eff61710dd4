// The classic portal's signed user, for a single-page app: { user } or 401, never cached.
import { createUserHandler } from 'unthread-identity/web'
import { getSigner } from '../../../lib/unthread'
import { userOf } from '../../../lib/session'

export const runtime = 'nodejs' // the addon is native code: never the edge runtime
export const dynamic = 'force-dynamic'

let handler: ((request: Request) => Promise<Response>) | undefined
export const GET = (request: Request) => (handler ??= createUserHandler({ signer: getSigner(), getUser: userOf }))(request)
