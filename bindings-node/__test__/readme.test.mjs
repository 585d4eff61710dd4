// The README's JavaScript in the sections about the embedded portal (token mode, Next.js,
// runtimes) and the CSP runs as it is written: each ```js block in a child process, with
// `unthread-identity` resolved to this checkout; the ```ts block of the Next.js section is the
// example app's code, line for line.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

const root = new URL('../../', import.meta.url).pathname
const readme = readFileSync(`${root}README.md`, 'utf8')

/** The fenced blocks of `lang` between the headings `from` and `to` (of `text`, the README by default). */
function blocks(lang, from, to, text = readme) {
  const start = text.indexOf(from)
  const end = to === null ? text.length : text.indexOf(to, start)
  assert.ok(start >= 0 && end > start, `sections ${from} .. ${to}`)
  const section = text.slice(start, end)
  return [...section.matchAll(new RegExp('^ *```' + lang + '\\n([\\s\\S]*?)^ *```$', 'gm'))].map((m) => m[1])
}

/** A framework's page, which the README links to. */
const page = (path) => readFileSync(`${root}${path}`, 'utf8')

const ALIASES = {
  'unthread-identity': `${root}bindings-node/index.js`,
  'unthread-identity/web': `${root}bindings-node/integrations/web.js`,
  'unthread-identity/express': `${root}bindings-node/integrations/express.js`,
}

function run(code) {
  const prelude = `
    const Module = require('node:module')
    const resolve = Module._resolveFilename
    const aliases = ${JSON.stringify(ALIASES)}
    Module._resolveFilename = function (request, ...rest) { return resolve.call(this, aliases[request] ?? request, ...rest) }
  `
  return spawnSync(process.execPath, ['-e', `${prelude}\n${code}`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, UNTHREAD_PORTAL_EMBED_SECRET: 'readme-embed-secret-of-32-bytes!!' },
  })
}

test('README: every JavaScript block about the embedded portal and the CSP runs', () => {
  const js = blocks('js', '## Token mode: the embedded portal', '## Rust')
  assert.ok(js.length >= 2, `found ${js.length} blocks`)
  for (const code of js) {
    const child = run(code)
    assert.equal(child.status, 0, `${code}\n${child.stderr}`)
  }
})

test('README: the Next.js token route is the example app\'s code', () => {
  const next = page('examples/node/next-app/README.md')
  assert.ok(readme.includes('(examples/node/next-app/README.md)'), 'the README links the Next.js page')
  const [ts, tsx] = [blocks('ts', '# Next.js', null, next)[0], blocks('tsx', '# Next.js', null, next)[0]]
  const portals = readFileSync(`${root}examples/node/next-app/app/portals.tsx`, 'utf8')
  for (const line of tsx.split('\n').map((l) => l.trim()).filter(Boolean)) {
    assert.ok(portals.includes(line), `not in app/portals.tsx: ${line}`)
  }
  const app = readFileSync(`${root}examples/node/next-app/app/api/portal-token/route.ts`, 'utf8')
  for (const line of ts.split('\n').map((l) => l.trim()).filter(Boolean)) {
    assert.ok(app.includes(line), `not in app/api/portal-token/route.ts: ${line}`)
  }
  const edge = readFileSync(`${root}examples/node/next-app/app/api/edge/portal-token/route.ts`, 'utf8')
  const edgeBlock = blocks('ts', '# Next.js', null, next)[1]
  for (const line of edgeBlock.split('\n').map((l) => l.trim()).filter(Boolean)) {
    assert.ok(edge.includes(line), `not in app/api/edge/portal-token/route.ts: ${line}`)
  }
  const config = readFileSync(`${root}examples/node/next-app/next.config.mjs`, 'utf8')
  assert.match(config, /serverExternalPackages: \['unthread-identity'\]/)
})

test('README: the Bun.serve / Deno.serve recipe is examples/runtimes/server.mjs, line for line', () => {
  assert.ok(readme.includes('(examples/runtimes/README.md)'), 'the README links the runtimes page')
  const [recipe] = blocks('javascript', '# Bun and Deno', null, page('examples/runtimes/README.md'))
  const server = readFileSync(`${root}examples/runtimes/server.mjs`, 'utf8')
  for (const line of recipe.split('\n').map((l) => l.trim()).filter(Boolean)) {
    assert.ok(server.includes(line), `not in server.mjs: ${line}`)
  }
})

test('README: the Worker recipe is examples/edge, line for line, and the README links it', () => {
  assert.ok(readme.includes('(examples/edge/README.md)'), 'the README links the edge page')
  const edge = page('examples/edge/README.md')
  const [worker] = blocks('js', '# Edge runtimes', null, edge)
  const [toml] = blocks('toml', '# Edge runtimes', null, edge)
  const files = {
    'worker.mjs': [worker, readFileSync(`${root}examples/edge/worker.mjs`, 'utf8')],
    'wrangler.toml': [toml, readFileSync(`${root}examples/edge/wrangler.toml`, 'utf8')],
  }
  for (const [name, [block, file]] of Object.entries(files)) {
    for (const line of block.split('\n').map((l) => l.trim()).filter(Boolean)) {
      assert.ok(file.includes(line), `not in examples/edge/${name}: ${line}`)
    }
  }
})
