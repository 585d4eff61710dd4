// What each signer's own `sign`/`verify` (src/hot.rs) cost in memory: 500,000 signers made by
// `new Signer` (own functions) against as many of a subclass (no own functions: the prototype
// path), each kind in a fresh process. "live" holds them all; "churn" makes and drops them,
// letting the event loop turn every 1,000 as a server does between requests (Node runs the
// finalizers of native objects there); "churn, no turn" does it in one synchronous loop.
// Prints the growth of RSS and of the JS heap. PERFORMANCE.md keeps the figures.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'

const N = Number(process.env.MEMORY_SIGNERS ?? 500_000)
const [, , kind, mode] = process.argv

if (kind) {
  const { Signer } = createRequire(import.meta.url)('../index.js')
  class Subclass extends Signer {}
  const make = kind === 'own' ? () => new Signer('a-secret') : () => new Subclass('a-secret')
  const turn = () => new Promise((resolve) => setImmediate(resolve))
  const settle = async () => {
    for (let i = 0; i < 5; i++) { global.gc(); await turn() }
    return process.memoryUsage()
  }
  const before = await settle()
  const live = []
  for (let i = 0; i < N; i++) {
    const signer = make()
    if (signer.sign('a@b.c').length !== 64) throw new Error('sign')
    if (mode === 'live') live.push(signer)
    if (mode === 'churn' && i % 1000 === 999) await turn()
  }
  const after = mode === 'live' ? (global.gc(), process.memoryUsage()) : await settle()
  const mib = (key) => Math.round((after[key] - before[key]) / 1048576)
  console.log(JSON.stringify({ rss: mib('rss'), heap: mib('heapUsed'), live: live.length }))
} else {
  const run = (kind, mode) =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', new URL(import.meta.url).pathname, kind, mode], { encoding: 'utf8' }))
  console.log(`${N.toLocaleString('en')} signers: growth in MiB (RSS / JS heap)`)
  for (const mode of ['live', 'churn', 'churn, no turn']) {
    const own = run('own', mode)
    const sub = run('subclass', mode)
    console.log(`${mode.padEnd(15)} own functions ${own.rss} / ${own.heap}   prototype path ${sub.rss} / ${sub.heap}`)
  }
}
