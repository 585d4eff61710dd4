import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

// `UNTHREAD_IDENTITY_BUILD=wasm` runs a suite against the WebAssembly build (wasm/node.mjs).
export const binding =
  process.env.UNTHREAD_IDENTITY_BUILD === 'wasm'
    ? await import('../wasm/node.mjs')
    : createRequire(import.meta.url)('../index.js')
export const vectors = JSON.parse(
  readFileSync(new URL('../../testdata/vectors.json', import.meta.url), 'utf8'),
)
export const hexBuffer = (hex) => Buffer.from(hex, 'hex')
export const tokenVectors = JSON.parse(
  readFileSync(new URL('../../testdata/token_vectors.json', import.meta.url), 'utf8'),
)
