// The Node replay of the conformance table (testdata/conformance.json, made by the core): each
// case's input goes through this package's public API, and the answer must be the core's.
// `node scripts/conformance.mjs FILE` replays a file of cases (the differential run of
// `make conformance`) and exits non-zero on any disagreement; the test suite imports `replay`.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { browserDisagreements } from './browser-replay.mjs'
import { canonical, disagreementsOf, replay as replayWith } from './conformance-ops.mjs'

const require = createRequire(import.meta.url)
/** The native addon; `replay` and `disagreements` take another build of the API (the wasm one). */
const native = require('../index.js')

export { canonical }

/** This package's answer to a case (the addon's unless `identity` is another build). */
export const replay = (c, identity = native, detail = false) => replayWith(c, identity, detail)

/** The cases of a file whose answer here differs from the core's. */
export function disagreements(file, identity = native) {
  const { cases } = JSON.parse(readFileSync(file, 'utf8'))
  return { total: cases.length, found: disagreementsOf(cases, identity) }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { total, found } = disagreements(process.argv[2])
  for (const d of found.slice(0, 20)) console.error(JSON.stringify(d))
  console.log(`node: ${total} cases, ${found.length} disagreements`)
  const browser = await browserDisagreements(JSON.parse(readFileSync(process.argv[2], 'utf8')).cases)
  for (const d of browser.found.slice(0, 20)) console.error(JSON.stringify(d))
  console.log(`node, unthread-identity/browser: ${browser.total} boot cases, ${browser.found.length} disagreements`)
  process.exit(found.length === 0 && browser.found.length === 0 ? 0 : 1)
}
