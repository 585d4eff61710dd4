// The WebAssembly build against the runtime's own crypto.subtle, in the same runtime: what an
// edge app would otherwise write by hand. `sign`/`verify` are an email's HMAC-SHA256 as hex;
// `mint` is an HS256 token (crypto.subtle: header and claims encoded by hand, then HMAC). First
// under Node's WebAssembly, in this process; then inside a workerd Worker, timed from outside
// (a Worker's clocks do not move while it computes): N calls per request, less an empty request.
// Run with `make bench`. No test asserts a time.
import { Signer, TokenSigner } from '../wasm/node.mjs'
import { startWorker } from '../scripts/workerd.mjs'

const SECRET = 'bench-embed-secret-0123456789-and-more'
const EMAIL = 'ada@example.com'

// The same code runs here and in the Worker: a function of (Signer, TokenSigner) giving the cases.
const CASES = `(Signer, TokenSigner) => {
  const SECRET = ${JSON.stringify(SECRET)}, EMAIL = ${JSON.stringify(EMAIL)}
  const signer = new Signer(SECRET), tokens = new TokenSigner(SECRET)
  // Made on first use: a Worker may not draw random values (a token id) at its global scope.
  const hash = signer.sign(EMAIL)
  let jwt, keyPromise
  const key = () => (keyPromise ??= crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']))
  const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('')
  const bytes = (hexText) => new Uint8Array(hexText.match(/../g).map((h) => parseInt(h, 16)))
  const b64url = (data) => btoa(String.fromCharCode(...new Uint8Array(data))).replace(/=+$/, '').replace(/[+]/g, '-').replace(/[/]/g, '_')
  const text = (s) => new TextEncoder().encode(s)
  return {
    'wasm sign': async () => signer.sign(EMAIL),
    'crypto.subtle sign': async () => hex(await crypto.subtle.sign('HMAC', await key(), text(EMAIL))),
    'wasm verify': async () => signer.verify(EMAIL, hash),
    'crypto.subtle verify': async () => crypto.subtle.verify('HMAC', await key(), bytes(hash), text(EMAIL)),
    'wasm mint': async () => tokens.mintToken({ email: EMAIL }),
    'crypto.subtle mint': async () => {
      const iat = Math.floor(Date.now() / 1000)
      const id = new Uint8Array(16)
      crypto.getRandomValues(id)
      const input = b64url(text(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))) + '.' +
        b64url(text(JSON.stringify({ sub: EMAIL, email: EMAIL, iat, nbf: iat - 30, exp: iat + 300, jti: b64url(id) })))
      return input + '.' + b64url(await crypto.subtle.sign('HMAC', await key(), text(input)))
    },
    'wasm verifyToken': async () => tokens.verifyToken((jwt ??= tokens.mintToken({ email: EMAIL }).jwt)),
  }
}`
const PAIRS = [['sign', 'wasm sign', 'crypto.subtle sign'], ['verify', 'wasm verify', 'crypto.subtle verify'], ['mint', 'wasm mint', 'crypto.subtle mint']]
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]

function report(where, m) {
  console.log(`-- ${where}`)
  for (const [name, ns] of Object.entries(m)) console.log(`${name.padEnd(24)} ${(ns / 1000).toFixed(2).padStart(7)} µs`)
  for (const [op, ours, theirs] of PAIRS) console.log(`${op}: wasm ${(m[theirs] / m[ours]).toFixed(1)}x faster than crypto.subtle`)
}

// Node's WebAssembly, this process.
const cases = (0, eval)(CASES)(Signer, TokenSigner)
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
for (let round = 0; round < 9; round++) {
  for (const [name, fn] of Object.entries(cases)) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < 5000; i++) await fn()
    samples[name].push(Number(process.hrtime.bigint() - start) / 5000)
  }
}
report("Node's WebAssembly (same process)", Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])))

// workerd: the same cases inside a Worker.
const worker = await startWorker(`
import { Signer, TokenSigner } from './pkg/wasm/workerd.mjs'
const cases = (${CASES})(Signer, TokenSigner)
export default {
  async fetch(request) {
    const url = new URL(request.url)
    const fn = cases[url.searchParams.get('case')]
    const n = Number(url.searchParams.get('n') ?? 0)
    if (fn) for (let i = 0; i < n; i++) await fn()
    return new Response('done')
  },
}
`)
try {
  const N = 5000
  const time = async (name, n) => {
    const start = process.hrtime.bigint()
    await (await fetch(`${worker.base}/?case=${encodeURIComponent(name)}&n=${n}`)).text()
    return Number(process.hrtime.bigint() - start)
  }
  const inWorker = {}
  for (const name of Object.keys(cases)) {
    await time(name, N) // warm up
    const per = []
    for (let round = 0; round < 7; round++) per.push(((await time(name, N)) - (await time(name, 0))) / N)
    inWorker[name] = median(per)
  }
  report('workerd (timed over loopback)', inWorker)
} finally {
  worker.stop()
}
