// A workerd Worker made of this package's WebAssembly build, for the edge tests and `make bench`:
// the package's files under their package paths (`./pkg/wasm/workerd.mjs`, …), the Worker's own
// module beside them, served on a loopback port by the `workerd` binary from the npm registry.
import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PACKAGE = new URL('..', import.meta.url).pathname
const MODULES = [
  ['pkg/wasm/workerd.mjs', 'esModule'],
  ['pkg/wasm/workerd-web.mjs', 'esModule'],
  ['pkg/wasm/api.mjs', 'esModule'],
  ['pkg/wasm/unthread_identity.wasm', 'wasm'],
  ['pkg/integrations/web-handlers.js', 'commonJsModule'],
  ['pkg/integrations/endpoint.js', 'commonJsModule'],
]

/**
 * Serves `source` (the Worker's ES module) until `stop()`; `base` is its `http://127.0.0.1:port`.
 * `extra` adds ES modules beside it: `[name, path]` (a file of this package, by its path).
 */
export async function startWorker(source, extra = []) {
  const dir = mkdtempSync(join(tmpdir(), 'unthread-workerd-'))
  for (const [name] of MODULES) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    copyFileSync(join(PACKAGE, name.slice('pkg/'.length)), join(dir, name))
  }
  writeFileSync(join(dir, 'worker.mjs'), source)
  for (const [name, path] of extra) copyFileSync(join(PACKAGE, path), join(dir, name))
  const port = 20000 + Math.floor(Math.random() * 20000)
  const modules = [['worker.mjs', 'esModule'], ...extra.map(([name]) => [name, 'esModule']), ...MODULES]
    .map(([name, kind]) => `(name = "${name}", ${kind} = embed "${name}")`)
    .join(',\n    ')
  writeFileSync(join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    ${modules}
  ],
  compatibilityDate = "2025-01-01",
);
`)
  const child = spawn(join(PACKAGE, 'node_modules/.bin/workerd'), ['serve', join(dir, 'config.capnp')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const stop = () => {
    child.kill()
    rmSync(dir, { recursive: true, force: true })
  }
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    try {
      await fetch(base)
      return { base, stop }
    } catch {
      if (i > 100 || child.exitCode !== null) {
        stop()
        throw new Error(`workerd did not start: ${stderr}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}
