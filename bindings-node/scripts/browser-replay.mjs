// The browser module's replay of the conformance table: every `portal_boot_script` case runs
// through `bootPortal` (unthread-identity/browser) in a stand-in page, and the core's snippet
// from the table runs in another. Both must refuse with the same code, or do the same things:
// queue the same boot call, load the same `embed.js` with the same nonce, and give the same
// `getToken` answers (the same fetch, the JWT, null on 401, the same rejection otherwise).
import { createRequire } from 'node:module'
import vm from 'node:vm'
import { bootPortal } from '../integrations/browser.mjs'

const { portalBootScript } = createRequire(import.meta.url)('../index.js')

const camel = (key) => key.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
const ANSWERS = [
  { status: 200, ok: true, json: async () => ({ jwt: 'header.claims.signature', expiresAt: 1 }) },
  { status: 401, ok: false, json: async () => ({ error: 'ERR_NOT_LOGGED_IN' }) },
  { status: 503, ok: false, json: async () => ({}) },
]

/** A page: a `window` whose global is itself, a `fetch` that records, a `<head>` that collects. */
function page() {
  const seen = { fetches: [], scripts: [] }
  let answer
  const document = {
    head: { appendChild: (element) => seen.scripts.push(element) },
    querySelector: () => null,
    createElement: () => ({ dataset: {} }),
  }
  const fetch = (url, init) => {
    seen.fetches.push([url, { ...init }])
    return Promise.resolve(answer)
  }
  const window = { fetch, document }
  window.window = window
  return { window, seen, answerWith: (a) => { answer = a } }
}

/** What a page did: the queued call, the scripts it added, and what `getToken` gives for each answer. */
async function observe({ window, seen, answerWith }) {
  const queue = window.UnthreadPortal?.q ?? []
  const calls = queue.map((args) => Array.from(args))
  const tokens = []
  for (const [name, options] of calls) {
    if (name !== 'boot') continue
    for (const answer of ANSWERS) {
      answerWith(answer)
      tokens.push(await options.getToken().then((jwt) => ({ jwt }), (error) => ({ rejected: error.message })))
    }
  }
  return {
    calls: calls.map(([name, { baseUrl, container, getToken, ...rest }]) => [name, { baseUrl, container, getToken: typeof getToken, rest }]),
    scripts: seen.scripts.map(({ src, async, nonce }) => ({ src, async, nonce })),
    fetches: seen.fetches,
    tokens,
  }
}

const SNIPPET = /^<script(?: nonce="([^"]*)")?>(.*?)<\/script><script(?: nonce="([^"]*)")? src="([^"]*)" async><\/script>$/s

/** The core's snippet, run in a page of its own. */
async function core(html) {
  const [, nonce, code, , src] = SNIPPET.exec(html) ?? []
  if (code === undefined) throw new Error(`not a boot snippet: ${html}`)
  const p = page()
  vm.runInNewContext(code, p.window)
  // The second element: what the browser makes of `<script nonce src async>`.
  p.seen.scripts.push({ src, async: true, nonce })
  return observe(p)
}

const options = (input) => Object.fromEntries(Object.entries(input).map(([k, v]) => [camel(k), v]))

/** A refusal: its code, and its message unless it is a `TypeError` (worded per API). */
const refusal = (error) => error.code === 'ERR_INVALID_ARG_TYPE'
  ? { error: error.code }
  : { error: error.code ?? `uncoded ${error.name}`, message: error.message }

/** The core's refusal of a case, with the core's message (through the addon). */
function coreRefusal(input) {
  try {
    portalBootScript(options(input))
  } catch (error) {
    return refusal(error)
  }
  throw new Error(`the addon accepted a case the table refuses: ${JSON.stringify(input)}`)
}

/** `bootPortal` with the case's options, in a page of its own. */
async function browser(input) {
  const p = page()
  const saved = { window: globalThis.window, document: globalThis.document, fetch: globalThis.fetch }
  Object.assign(globalThis, { window: p.window, document: p.window.document, fetch: p.window.fetch })
  try {
    bootPortal(options(input))
  } catch (error) {
    return refusal(error)
  } finally {
    Object.assign(globalThis, saved)
  }
  Object.assign(globalThis, { fetch: p.window.fetch })
  try {
    return { ok: await observe(p) }
  } finally {
    globalThis.fetch = saved.fetch
  }
}

/** The boot cases of `cases` where the browser module does not do what the core's snippet does. */
export async function browserDisagreements(cases) {
  const found = []
  let total = 0
  for (const [index, c] of cases.entries()) {
    if (c.op !== 'portal_boot_script') continue
    total += 1
    const expect = 'ok' in c.expect ? { ok: await core(c.expect.ok) } : { ...c.expect, ...coreRefusal(c.input) }
    const got = await browser(c.input)
    if (JSON.stringify(got) !== JSON.stringify(expect)) found.push({ index, input: c.input, expect, got })
  }
  return { total, found }
}
