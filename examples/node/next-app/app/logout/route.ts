import { endSession, sessionIdOf } from '../../lib/session'

export const runtime = 'nodejs'

export async function POST(request: Request) {
  endSession(sessionIdOf(request))
  return new Response(null, { status: 303, headers: { location: '/', 'set-cookie': 'sid=; Max-Age=0; Path=/' } })
}
