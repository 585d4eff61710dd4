// The WebAssembly build where it is meant to run: Vercel's edge runtime (@edge-runtime/vm, with
// code generation off, so the module is compiled outside and handed in, from another realm, as
// Next.js hands it over) and workerd (a real Worker serving /web's token handler, driven over
// loopback). Both run the same files the package ships.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { EdgeVM } from '@edge-runtime/vm'
import { jwtVerify } from 'jose'
import { disagreements } from '../scripts/conformance.mjs'
import { startWorker } from '../scripts/workerd.mjs'
import { shared } from './vector-ops.mjs'

const require = createRequire(import.meta.url)
const native = require('../index.js')
const PACKAGE = new URL('..', import.meta.url).pathname
const TABLE = new URL('../../testdata/conformance.json', import.meta.url).pathname
const WASM = join(PACKAGE, 'wasm/unthread_identity.wasm')
const SECRET = 'an-embed-secret-of-32-bytes-or-more!'
const VECTORS = ['vectors.json', 'token_vectors.json'].map((f) =>
  JSON.parse(readFileSync(new URL(`../../testdata/${f}`, import.meta.url), 'utf8')))

test('edge-runtime: the module compiled elsewhere, from another realm; the whole table and the shared vectors agree', () => {
  const vm = new EdgeVM({ codeGeneration: { strings: false, wasm: false } })
  assert.throws(() => vm.evaluate('new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))'))
  // api.mjs as the runtime's bundler would give it: one script, `bind` its result.
  const api = readFileSync(join(PACKAGE, 'wasm/api.mjs'), 'utf8').replace(/^export /gm, '')
  vm.context.MODULE = new WebAssembly.Module(readFileSync(WASM))
  const identity = vm.evaluate(`(() => { ${api}; return bind(MODULE) })()`)
  assert.equal(new identity.Signer('k').sign('a@b.c'), new native.Signer('k').sign('a@b.c'))
  const { total, found } = disagreements(TABLE, identity)
  assert.ok(total > 5000)
  assert.deepEqual(found.slice(0, 5), [])
  for (const [name, got, expected] of shared(identity, ...VECTORS)) assert.equal(got, expected, name)
})

// A Worker beside the package's files (scripts/workerd.mjs).
const WORKER = `
import * as identity from './pkg/wasm/workerd.mjs'
import { Signer, TokenSigner } from './pkg/wasm/workerd.mjs'
import { createTokenHandler } from './pkg/wasm/workerd-web.mjs'
import { disagreementsOf } from './conformance-ops.mjs'
import { shared } from './vector-ops.mjs'
const tokens = new TokenSigner('${SECRET}', { kid: 'k1' })
const user = (request) => request.headers.get('x-user') && { email: request.headers.get('x-user'), name: 'Ada' }
const handler = createTokenHandler({ tokens, allowedOrigins: ['https://app.example'], getUser: user })
export default {
  async fetch(request) {
    const path = new URL(request.url).pathname
    if (path === '/sign') return new Response(new Signer('k').sign('a@b.c'))
    // The conformance table and the shared vectors, replayed inside the Worker.
    if (path === '/replay') {
      const cases = await request.json()
      return Response.json({ total: cases.length, found: disagreementsOf(cases, identity) })
    }
    if (path === '/vectors') {
      const { vectors, tokenVectors } = await request.json()
      return Response.json(shared(identity, vectors, tokenVectors))
    }
    return handler(request)
  },
}
`
let worker

before(async () => {
  worker = await startWorker(WORKER, [
    ['conformance-ops.mjs', 'scripts/conformance-ops.mjs'],
    ['vector-ops.mjs', '__test__/vector-ops.mjs'],
  ])
})

after(() => worker?.stop())

test('workerd: the conformance table and the shared vectors, inside the Worker', async () => {
  const { cases } = JSON.parse(readFileSync(TABLE, 'utf8'))
  const replayed = await (await fetch(`${worker.base}/replay`, { method: 'POST', body: JSON.stringify(cases) })).json()
  assert.equal(replayed.total, cases.length)
  assert.deepEqual(replayed.found.slice(0, 3), [])
  const body = JSON.stringify({ vectors: VECTORS[0], tokenVectors: VECTORS[1] })
  const rows = await (await fetch(`${worker.base}/vectors`, { method: 'POST', body })).json()
  assert.ok(rows.length > 40)
  for (const [name, got, expected] of rows) assert.equal(got, expected, name)
})

test('workerd: the wasm Signer gives the hash of the addon', async () => {
  assert.equal(await (await fetch(`${worker.base}/sign`)).text(), new native.Signer('k').sign('a@b.c'))
})

test('workerd: the token handler of /web answers 200 with a token jose verifies, and 401, 403, 405', async () => {
  const ok = await fetch(`${worker.base}/portal-token`, { headers: { 'x-user': 'ada@example.com', 'sec-fetch-site': 'same-origin' } })
  assert.equal(ok.status, 200)
  assert.equal(ok.headers.get('cache-control'), 'no-store')
  const { jwt, expiresAt } = await ok.json()
  const { payload, protectedHeader } = await jwtVerify(jwt, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] })
  assert.equal(protectedHeader.kid, 'k1')
  assert.equal(payload.email, 'ada@example.com')
  assert.equal(payload.exp, expiresAt)
  // The clock is the Worker's: the token is fresh.
  assert.ok(Math.abs(payload.iat - Date.now() / 1000) < 60)
  const answers = [
    [{}, 401],
    [{ headers: { origin: 'https://evil.example', 'x-user': 'ada@example.com' } }, 403],
    [{ method: 'PUT' }, 405],
  ]
  for (const [init, status] of answers) {
    const response = await fetch(`${worker.base}/portal-token`, init)
    assert.equal(response.status, status, JSON.stringify(init))
    assert.equal(response.headers.get('cache-control'), 'no-store')
  }
})
