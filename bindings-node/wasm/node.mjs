// The WebAssembly build under Node (and any runtime with `node:fs`): for tests, benchmarks and a
// server that wants the wasm build on purpose. Edge runtimes import the module instead
// (workerd.mjs, edge-light.mjs), as they may not compile WebAssembly from bytes.
import { readFileSync } from 'node:fs'
import { bind } from './api.mjs'

const module = new WebAssembly.Module(readFileSync(new URL('./unthread_identity.wasm', import.meta.url)))

const api = bind(module)

// The API's names, as bind() returns them (wasm.test.mjs checks the three entries list them all).
export const { Signer, TokenSigner, AllowedOrigins, UserEndpoint, TokenEndpoint } = api
export const { stopScript, portalCsp, portalBootScript, sessionUser } = api
