// Deno Deploy and Netlify Edge resolve npm packages as the Deno CLI does (the "deno" condition,
// which gets the native addon) but load no native code: there the WebAssembly build is loaded by
// hand, its module compiled from the file the package ships. `make runtimes` runs this under Deno
// without --allow-ffi, as those platforms have none.
import { bind } from 'unthread-identity/wasm/bind'

const file = new URL(import.meta.resolve('unthread-identity/wasm/module.wasm'))
const { Signer, TokenSigner } = bind(new WebAssembly.Module(await Deno.readFile(file)))

const signer = new Signer(Deno.env.get('UNTHREAD_IDENTITY_SECRET'))
const tokens = new TokenSigner(Deno.env.get('UNTHREAD_PORTAL_EMBED_SECRET'))
console.log(JSON.stringify({
  user: signer.user({ email: 'ada@example.com', name: 'Ada Lovelace' }),
  claims: tokens.verifyToken(tokens.mintToken({ email: 'ada@example.com' }).jwt).email,
}))
