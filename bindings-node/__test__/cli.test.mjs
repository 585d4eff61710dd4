// `npx unthread-identity`: the Rust CLI through the addon, arguments and exit codes unchanged.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import { test } from 'node:test'

const bin = new URL('../bin/unthread-identity.js', import.meta.url).pathname
const SECRET = 'cli-canary-secret'
const cli = (...args) => spawnSync(process.execPath, [bin, ...args], {
  env: { PATH: process.env.PATH, UNTHREAD_IDENTITY_SECRET: SECRET }, encoding: 'utf8',
})

test('sign, explain, usage: the CLI exit codes and JSON', () => {
  const sign = cli('sign', 'ada@example.com', '--json')
  assert.equal(sign.status, 0)
  assert.equal(JSON.parse(sign.stdout).hash, crypto.createHmac('sha256', SECRET).update('ada@example.com').digest('hex'))
  const explain = cli('explain', 'ada@example.com', 'nope', '--json', '--verbose')
  assert.equal(explain.status, 1)
  assert.equal(JSON.parse(explain.stdout).code, 'MALFORMED_LENGTH')
  assert.equal(cli('sign').status, 2)
  for (const out of [sign, explain]) assert.ok(!(out.stdout + out.stderr).includes(SECRET))
})
