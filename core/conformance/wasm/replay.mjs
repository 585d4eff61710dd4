// The conformance table replayed by the core built to WebAssembly (src/lib.rs), in this
// JavaScript engine's wasm: every case's input goes through the core's runner there, and the
// answer must be the table's, made by the same core built for the host. It proves what issue
// 26's wasm binding stands on: the same bytes, codes and messages under wasm32 (portable SHA-256,
// randomness from crypto.getRandomValues, and no clock read inside the core).
//
//   node core/conformance/wasm/replay.mjs MODULE.wasm testdata/conformance.json
import { readFileSync } from 'node:fs'
import { webcrypto } from 'node:crypto'

const [wasmFile, tableFile] = process.argv.slice(2)
const bytes = readFileSync(wasmFile)
let memory
const module = new WebAssembly.Module(bytes)
const instance = new WebAssembly.Instance(module, {
  env: {
    random_fill: (ptr, len) => webcrypto.getRandomValues(new Uint8Array(memory.buffer, ptr, len)),
  },
})
const core = instance.exports
memory = core.memory

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/** Copies text into the module's memory: [ptr, len]. */
function put(text) {
  const data = encoder.encode(text)
  const ptr = core.alloc(data.length)
  new Uint8Array(memory.buffer, ptr, data.length).set(data)
  return [ptr, data.length]
}

/** The core's answer to one case, computed in wasm. */
function run(op, input) {
  // JSON.stringify writes a lone surrogate as its \udXXX escape, which the module reads.
  const packed = core.run(...put(op), ...put(JSON.stringify(input)))
  const ptr = Number(packed >> 32n)
  const len = Number(packed & 0xffffffffn)
  const text = decoder.decode(new Uint8Array(memory.buffer, ptr, len))
  core.release(ptr, len)
  return JSON.parse(text)
}

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

const { cases } = JSON.parse(readFileSync(tableFile, 'utf8'))
const found = []
const started = performance.now()
for (const [index, c] of cases.entries()) {
  let got
  try {
    got = run(c.op, c.input)
  } catch (error) {
    got = { trap: String(error) }
  }
  if (canonical(got) !== canonical(c.expect)) found.push({ index, op: c.op, expect: c.expect, got })
}
for (const d of found.slice(0, 10)) console.error(JSON.stringify(d).slice(0, 600))
const ms = (performance.now() - started).toFixed(0)
console.log(`wasm32: ${cases.length} cases, ${found.length} disagreements (${bytes.length} bytes of wasm, ${ms} ms)`)
process.exit(found.length === 0 ? 0 : 1)
