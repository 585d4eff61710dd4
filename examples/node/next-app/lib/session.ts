// A minimal session for the example: an opaque cookie naming a server-side record. Your app
// has its own (next-auth, iron-session, ...); the SDK only needs "who is logged in".
import { cookies } from 'next/headers'

export interface SessionUser { email: string; name: string }

// One map per server process, shared by every route's bundle.
const sessions: Map<string, SessionUser> =
  ((globalThis as { __unthreadSessions?: Map<string, SessionUser> }).__unthreadSessions ??= new Map())

export function sessionIdOf(request: Request): string | undefined {
  return /(?:^|;\s*)sid=([0-9a-f]{32})/.exec(request.headers.get('cookie') ?? '')?.[1]
}

/** The logged-in user of a route handler's request, or null. */
export async function userOf(request: Request): Promise<SessionUser | null> {
  return sessions.get(sessionIdOf(request) ?? '') ?? null
}

/** The logged-in user of the page being rendered, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const sid = (await cookies()).get('sid')?.value
  return (sid && sessions.get(sid)) || null
}

export function startSession(user: SessionUser): string {
  const id = crypto.getRandomValues(new Uint8Array(16)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '')
  sessions.set(id, user)
  return id
}

export function endSession(id: string | undefined): void {
  if (id) sessions.delete(id)
}
