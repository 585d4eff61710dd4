// A test login: your real login authenticates the user, then stores who they are.
import { startSession } from '../../lib/session'

export const runtime = 'nodejs'

export async function POST(request: Request) {
  const id = startSession({ email: 'zoë.test@exämple.com', name: '</script><script>window.pwned=1</script>' })
  return new Response(null, {
    status: 303,
    headers: { location: new URL('/', request.url).pathname, 'set-cookie': `sid=${id}; HttpOnly; SameSite=Lax; Path=/` },
  })
}
