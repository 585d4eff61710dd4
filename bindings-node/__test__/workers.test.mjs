// One signer per worker thread, all at once, give the same hashes as the main thread.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Worker } from 'node:worker_threads'
import { binding } from './helpers.mjs'

const emails = Array.from({ length: 2000 }, (_, i) => `user${i}@example.com`)

test('worker_threads sign concurrently and agree', async () => {
  const expected = new binding.Signer('worker-secret').signMany(emails)
  const script = `
    const { parentPort, workerData } = require('node:worker_threads')
    const { Signer } = require(workerData.path)
    const signer = new Signer('worker-secret')
    const out = []
    for (let round = 0; round < 5; round++) out.splice(0, out.length, ...workerData.emails.map((e) => signer.sign(e)))
    parentPort.postMessage(out)
  `
  const path = new URL('../index.js', import.meta.url).pathname
  const results = await Promise.all(
    Array.from({ length: 4 }, () => new Promise((resolve, reject) => {
      const worker = new Worker(script, { eval: true, workerData: { path, emails } })
      worker.once('message', resolve)
      worker.once('error', reject)
    })),
  )
  for (const result of results) assert.deepEqual(result, expected)
})
