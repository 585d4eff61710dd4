// Times the binding against Node's own crypto, alternating in one process, and prints medians
// and ratios: to createHmac, and to the core's own sign/verify as criterion measured them in the
// same `make bench` run (read from target/criterion). Run with `make bench` (a release build).
// The figures and the design they justify: ../PERFORMANCE.md.
import crypto from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import v8 from 'node:v8'
import vm from 'node:vm'

const { Signer } = createRequire(import.meta.url)('../index.js')

const SECRET = 'unthread-demo-secret-4f1c2a9e'
const EMAIL = 'ada.lovelace@example.com'
const ROUNDS = 15
const CALLS = 20000

const signer = new Signer(SECRET)
const key = crypto.createSecretKey(Buffer.from(SECRET))
const hash = signer.sign(EMAIL)
const tag = Buffer.from(hash, 'hex')
const batch = Array.from({ length: 100 }, (_, i) => `user${i}@example.com`)

const cases = {
  'signer.sign': () => signer.sign(EMAIL),
  'createHmac(KeyObject) hex': () => crypto.createHmac('sha256', key).update(EMAIL).digest('hex'),
  'signer.verify': () => signer.verify(EMAIL, hash),
  'createHmac + timingSafeEqual': () => {
    const mac = crypto.createHmac('sha256', key).update(EMAIL).digest()
    return crypto.timingSafeEqual(mac, tag)
  },
  'signer.signMany (per email)': () => signer.signMany(batch),
}
const perCall = { 'signer.signMany (per email)': batch.length }

if (cases['signer.sign']() !== cases['createHmac(KeyObject) hex']()) throw new Error('mismatch')

// Each batch starts from a collected heap, so that no case pays for the garbage of the one
// before it (createHmac leaves much more than the binding does).
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc')

const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, fn] of Object.entries(cases)) {
    const calls = Math.ceil(CALLS / (perCall[name] ?? 1))
    gc()
    const start = process.hrtime.bigint()
    for (let i = 0; i < calls; i++) fn()
    const ns = Number(process.hrtime.bigint() - start)
    samples[name].push(ns / (calls * (perCall[name] ?? 1)))
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1]
const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
for (const [name, ns] of Object.entries(m)) console.log(`${name.padEnd(32)} ${ns.toFixed(0).padStart(6)} ns`)
console.log(`sign:   ${(m['createHmac(KeyObject) hex'] / m['signer.sign']).toFixed(1)}x faster than createHmac`)
console.log(`verify: ${(m['createHmac + timingSafeEqual'] / m['signer.verify']).toFixed(1)}x faster than createHmac + timingSafeEqual`)
console.log(`signMany per email / signer.sign: ${(m['signer.signMany (per email)'] / m['signer.sign']).toFixed(2)}`)

// The core, from criterion's median in this run (`cargo bench --bench sign` comes first).
const criterion = (group) => {
  const file = new URL(`../../target/criterion/${group}/unthread-identity/new/estimates.json`, import.meta.url)
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).median.point_estimate : null
}
for (const [group, method] of [['sign', 'signer.sign'], ['verify', 'signer.verify']]) {
  const core = criterion(group)
  if (core === null) console.log(`${group}: no criterion figure for the core; run \`make bench\``)
  else console.log(`${group}:   ${(m[method] / core).toFixed(2)}x the core's ${core.toFixed(0)} ns (criterion)`)
}
