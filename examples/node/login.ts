// A typed login handler: type-checked by `make test` (tsc --noEmit) against index.d.ts.
import { Signer, stopScript, type SignedUser } from 'unthread-identity'

const signer: Signer = Signer.fromEnv('UNTHREAD_IDENTITY_SECRET', { emailPolicy: 'canonical' })

interface Session {
  email: string
  displayName?: string
}

// Sign the email of the user the session says is logged in, never one sent by the client.
export function loginResponse(session: Session): { unthreadUser: SignedUser; fingerprint: string } {
  const unthreadUser = signer.user({ email: session.email, name: session.displayName })
  return { unthreadUser, fingerprint: signer.fingerprint }
}

export function logoutSnippet(nonce: string): string {
  return stopScript({ nonce })
}

export function isStillUsingOldSecret(email: string, hash: string): boolean {
  const key: string | null = signer.matchingKey(email, hash)
  return key !== null && key !== signer.fingerprint
}
