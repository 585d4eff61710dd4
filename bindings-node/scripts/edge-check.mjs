// The edge checks of `make release-check`, on the package as npm installed it (APP: a folder
// whose node_modules holds `unthread-identity`, installed by name):
// - Vercel's edge runtime (@edge-runtime/vm, code generation off): the installed WebAssembly
//   build replays the whole conformance table;
// - Cloudflare's: the Worker of examples/edge (copied into APP with its wrangler.toml) runs under
//   `wrangler dev` on loopback: 200 with a token jose verifies, 401, 403, 405, no-store.
//
//   node scripts/edge-check.mjs APP
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { EdgeVM } from '@edge-runtime/vm'
import { jwtVerify } from 'jose'
import { disagreements } from './conformance.mjs'

const app = process.argv[2]
const installed = join(app, 'node_modules/unthread-identity')
const TABLE = new URL('../../testdata/conformance.json', import.meta.url).pathname
const WRANGLER = new URL('../release/node_modules/.bin/wrangler', import.meta.url).pathname
const SECRET = 'release-check-embed-secret-of-32-bytes'

const vm = new EdgeVM({ codeGeneration: { strings: false, wasm: false } })
const api = readFileSync(join(installed, 'wasm/api.mjs'), 'utf8').replace(/^export /gm, '')
vm.context.MODULE = new WebAssembly.Module(readFileSync(join(installed, 'wasm/unthread_identity.wasm')))
const { total, found } = disagreements(TABLE, vm.evaluate(`(() => { ${api}; return bind(MODULE) })()`))
assert.deepEqual(found.slice(0, 3), [], 'the installed WebAssembly build disagrees with the table')
console.log(`edge-runtime: the installed WebAssembly build replays ${total} cases, 0 disagreements`)

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address()
    server.close(() => resolve(port))
  })
})
writeFileSync(join(app, '.dev.vars'), `UNTHREAD_PORTAL_EMBED_SECRET=${SECRET}\n`)
const wrangler = spawn(WRANGLER, ['dev', '--ip', '127.0.0.1', '--port', String(port)], {
  cwd: app,
  detached: true, // its own process group: wrangler's workerd goes with it
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
})
let log = ''
wrangler.stdout.on('data', (chunk) => (log += chunk))
wrangler.stderr.on('data', (chunk) => (log += chunk))
const base = `http://127.0.0.1:${port}`
try {
  for (let i = 0; ; i++) {
    try {
      await fetch(base)
      break
    } catch {
      if (i > 600 || wrangler.exitCode !== null) throw new Error(`wrangler dev did not start:\n${log}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  const user = { 'cf-access-authenticated-user-email': 'ada@example.com', 'sec-fetch-site': 'same-origin' }
  const ok = await fetch(`${base}/api/portal-token`, { headers: user })
  assert.equal(ok.status, 200, await ok.clone().text())
  assert.equal(ok.headers.get('cache-control'), 'no-store')
  const { jwt, expiresAt } = await ok.json()
  const { payload } = await jwtVerify(jwt, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] })
  assert.equal(payload.email, 'ada@example.com')
  assert.equal(payload.exp, expiresAt)
  for (const [init, status] of [
    [{}, 401],
    [{ headers: { ...user, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }, 403],
    [{ method: 'PUT', headers: user }, 405],
  ]) {
    const response = await fetch(`${base}/api/portal-token`, init)
    assert.equal(response.status, status, JSON.stringify(init))
    assert.equal(response.headers.get('cache-control'), 'no-store')
  }
  console.log('wrangler dev: the Worker of examples/edge answers 200 (a token jose verifies), 401, 403, 405, no-store')
} finally {
  process.kill(-wrangler.pid)
}
