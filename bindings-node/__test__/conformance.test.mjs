// The conformance table (testdata/conformance.json, made by the core) replayed through this
// package: every case must get the core's answer.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readFileSync } from 'node:fs'
import { disagreements } from '../scripts/conformance.mjs'
import { browserDisagreements } from '../scripts/browser-replay.mjs'

const TABLE = new URL('../../testdata/conformance.json', import.meta.url)

test('every case of the conformance table gets the core answer', () => {
  const { total, found } = disagreements(TABLE)
  assert.ok(total >= 2000, `${total} cases`)
  assert.deepEqual(found.slice(0, 5), [])
})

test('bootPortal (unthread-identity/browser) does what the core\'s snippet does, for every boot case', async () => {
  const { total, found } = await browserDisagreements(JSON.parse(readFileSync(TABLE, 'utf8')).cases)
  assert.ok(total >= 300, `${total} boot cases`)
  assert.deepEqual(found.slice(0, 3), [])
})
