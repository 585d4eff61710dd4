// Type-level tests of index.d.ts, checked by `tsc --noEmit` in `make test`: each line is what a
// user writes, and each @ts-expect-error is a mistake the types must catch.
import { Signer, stopScript, type SignedUser, type SignerOptions } from '../index.js'

const signer = new Signer('secret', { emailPolicy: 'canonical', previousSecrets: [Buffer.from('old'), new Uint8Array(1)] })
const policy: 'exact' | 'canonical' = signer.emailPolicy
const user: SignedUser = signer.user({ email: 'ada@example.com', name: null })
const again: SignedUser = signer.user(user)
const html: string = signer.startScript(user, { nonce: 'abc' }) + signer.startScript({ email: 'a@b' })
const stop: string = stopScript({ nonce: null }) + stopScript()
const fingerprint: string | null = signer.matchingKey('a@b', user.emailHash)
const warnings: string[] = signer.warnings
const options: SignerOptions = { emailPolicy: null }

// @ts-expect-error: the policy is one of two names
new Signer('secret', { emailPolicy: 'lowercase' })
// @ts-expect-error: a user needs an email
signer.user({ name: 'Ada' })
// @ts-expect-error: emailPolicy is read-only text of two values, not any string
const wrong: 'exact' = signer.emailPolicy

export { policy, again, html, stop, fingerprint, warnings, options, wrong }
