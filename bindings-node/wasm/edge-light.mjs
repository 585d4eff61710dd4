// `unthread-identity` on Vercel's edge runtime and Next.js edge routes: the "edge-light" condition.
// Code generation is off there, so the module is imported as one (Next.js's `?module`), from
// another realm: `bind` never asks `instanceof WebAssembly.Module`.
import module from './unthread_identity.wasm?module'
import { bind } from './api.mjs'

const api = bind(module)

// The API's names, as bind() returns them (wasm.test.mjs checks the three entries list them all).
export const { Signer, TokenSigner, AllowedOrigins, UserEndpoint, TokenEndpoint } = api
export const { stopScript, portalCsp, portalBootScript, sessionUser } = api
