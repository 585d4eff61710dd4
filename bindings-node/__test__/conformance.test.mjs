// The conformance table (testdata/conformance.json, made by the core) replayed through this
// package: every case must get the core's answer.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { disagreements } from '../scripts/conformance.mjs'

test('every case of the conformance table gets the core answer', () => {
  const { total, found } = disagreements(new URL('../../testdata/conformance.json', import.meta.url))
  assert.ok(total >= 2000, `${total} cases`)
  assert.deepEqual(found.slice(0, 5), [])
})
