// `unthread-identity` on workerd (Cloudflare Workers, `wrangler dev`): the "workerd" and "worker"
// conditions of package.json. workerd compiles no WebAssembly from bytes: the module is imported
// (wrangler's CompiledWasm rule for `.wasm`) and instantiated synchronously.
import module from './unthread_identity.wasm'
import { bind } from './api.mjs'

const api = bind(module)

// The API's names, as bind() returns them (wasm.test.mjs checks the three entries list them all).
export const { Signer, TokenSigner, AllowedOrigins, UserEndpoint, TokenEndpoint } = api
export const { stopScript, portalCsp, portalBootScript, sessionUser } = api
