// The session's user for the edge route (app/api/edge/portal-token): this example's sessions live
// in the Node.js server's memory, which an edge route cannot read. Your app's session (a signed
// cookie, a KV store) may be readable on the edge directly.
import { userOf } from '../../../lib/session'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function GET(request: Request) {
  return Response.json({ user: await userOf(request) }, { headers: { 'cache-control': 'no-store' } })
}
