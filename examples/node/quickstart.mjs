// The Node quickstart: the same output as the Rust quickstart for the same demo values.
// Run: node examples/node/quickstart.mjs [email]   (after `make demo` has built the addon)
import { createRequire } from 'node:module'

const { Signer, stopScript } = createRequire(import.meta.url)('../../bindings-node/index.js')

// In production: Signer.fromEnv() reads UNTHREAD_IDENTITY_SECRET on the server.
const signer = process.env.UNTHREAD_IDENTITY_SECRET ? Signer.fromEnv() : new Signer('demo-identity-secret')
const email = process.argv[2] ?? 'ada@example.com'

const user = signer.user({ email, name: 'Ada Lovelace' })
console.log(`secret fingerprint: ${signer.fingerprint}`)
console.log(`user object: ${JSON.stringify(user)}`)
console.log(`start script: ${signer.startScript(user, { nonce: 'ZGVtby1ub25jZQ==' })}`)
console.log(`stop script: ${stopScript({ nonce: 'ZGVtby1ub25jZQ==' })}`)
