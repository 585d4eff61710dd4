// The package's API over the core built to WebAssembly (wasm/src), for runtimes that cannot load
// the native addon: workerd (Cloudflare Workers), Vercel's edge-light, Next.js edge routes. Each
// method is one call into the module, whose answer is the core's: the same bytes, codes and
// messages as the addon (the conformance table proves it, `__test__/wasm.test.mjs`).
//
// Arguments travel as JSON; what JSON cannot carry goes as a marker the module reads as the
// addon reads the value itself: a string or key with a lone surrogate, bytes, `undefined`, NaN, any
// object that is no plain object (named by its class, with its own fields for a session user).
// The clock is `Date.now()`, sent with every call: the core never reads one in WebAssembly.

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Whether `value` is a plain object (`{}` or `Object.create(null)`), in any realm. */
function isPlain(value) {
  const prototype = Object.getPrototypeOf(value)
  return prototype === null || (Object.getPrototypeOf(prototype) === null && prototype.constructor?.name === 'Object')
}

function isBytes(value) {
  const tag = Object.prototype.toString.call(value)
  return ArrayBuffer.isView(value) && tag === '[object Uint8Array]'
}

function className(value) {
  try {
    const name = value.constructor.name
    return typeof name === 'string' && name !== '' ? name.slice(0, 64) : 'another class'
  } catch {
    return 'another class'
  }
}

// Deeper than any object the core reads (extra claims stop at 32 levels): below this, a marker.
const DEPTH = 64

/**
 * `JSON.stringify`'s replacer for one request: markers for what JSON cannot carry (see
 * wasm/src/json.rs). A value that contains itself becomes `{ $cycle: true }` where it recurs,
 * and one nested deeper than DEPTH `{ $deep: true }`: the core then finds the cycle, or the
 * depth past its limit, at the path where the addon finds it, with the same error.
 */
function replacer() {
  const parents = new WeakMap() // each object seen, and the object that holds it
  const depths = new WeakMap()
  function enter(holder, object) {
    parents.set(object, holder)
    depths.set(object, (depths.get(holder) ?? 0) + 1)
    return object
  }
  /** `stand`, written in place of `original`, under which JSON.stringify goes on. */
  function standIn(holder, original, stand) {
    enter(holder, original)
    parents.set(stand, original)
    depths.set(stand, depths.get(original))
    return stand
  }
  return function marker(key, value) {
    const original = this[key]
    switch (typeof original) {
      case 'undefined':
        return { $undefined: true }
      case 'string':
        return original.isWellFormed() ? original : { $u: original.toWellFormed() }
      case 'number':
        return Number.isFinite(original) ? original : { $float: String(original) }
      case 'function':
        return { $other: 'a function' }
      case 'symbol':
        return { $other: 'a symbol' }
      case 'bigint':
        return { $other: 'a BigInt (write it as a number or a string)' }
      case 'object': {
        if (original === null) return null
        for (let above = this; above !== undefined; above = parents.get(above)) {
          if (above === original) return { $cycle: true }
        }
        if ((depths.get(this) ?? 0) >= DEPTH) return { $deep: true }
        if (Array.isArray(original)) return enter(this, value)
        if (isPlain(original)) {
          // A key with a lone surrogate cannot be a JSON key: the entries go as a list.
          const keys = Object.keys(original)
          if (keys.every((k) => k.isWellFormed())) return enter(this, value)
          return standIn(this, original, { $map: keys.map((k) => [k, original[k]]) })
        }
        if (isBytes(original)) {
          const hex = Array.from(original, (byte) => byte.toString(16).padStart(2, '0')).join('')
          return { $bytes: hex, $class: className(original) }
        }
        return standIn(this, original, { $other: `an instance of ${className(original)}`, $fields: { ...original } })
      }
      default:
        return value
    }
  }
}

/** The API over `module`, a compiled `WebAssembly.Module` (from any realm). */
export function bind(module) {
  let memory
  const instance = new WebAssembly.Instance(module, {
    env: { random_fill: (ptr, len) => crypto.getRandomValues(new Uint8Array(memory.buffer, ptr, len)) },
  })
  const core = instance.exports
  memory = core.memory
  // The hot path's buffers (sign, verify): allocated once, reused by every call.
  const SHORT = 1024
  const [emailAt, hashAt, outAt] = [core.alloc(SHORT), core.alloc(SHORT), core.alloc(64)]
  /** `text`'s UTF-8 at `at`, or -1 when it is no short, well-formed string (the full path). */
  function put(text, at) {
    if (typeof text !== 'string' || text.length > SHORT / 3 || !text.isWellFormed()) return -1
    return encoder.encodeInto(text, new Uint8Array(memory.buffer, at, SHORT)).written
  }

  /** One call: the answer's value, or the error it describes, thrown. */
  function call(op, handle, args) {
    const request = { op, this: handle ?? null, args, now: Math.floor(Date.now() / 1000) }
    const data = encoder.encode(JSON.stringify(request, replacer()))
    const ptr = core.alloc(data.length)
    new Uint8Array(memory.buffer, ptr, data.length).set(data)
    const packed = core.call(ptr, data.length)
    const [at, len] = [Number(packed >> 32n), Number(packed & 0xffffffffn)]
    const answer = JSON.parse(decoder.decode(new Uint8Array(memory.buffer, at, len)))
    core.release(at, len)
    if ('ok' in answer) return answer.ok
    if ('type' in answer) {
      const error = new TypeError(answer.type)
      error.code = 'ERR_INVALID_ARG_TYPE'
      throw error
    }
    const error = new Error(answer.error.message)
    Object.assign(error, { code: answer.error.code }, answer.error.fields)
    throw error
  }

  // Each object's handle in the module, freed when the object is collected. workerd has no
  // FinalizationRegistry: there an object lives as long as the isolate, so build signers once, at
  // module scope, as the README says for every runtime.
  const handles = new WeakMap()
  const registry = globalThis.FinalizationRegistry && new FinalizationRegistry((handle) => call('free', handle, []))
  function hold(object, info) {
    handles.set(object, info.handle)
    registry?.register(object, info.handle)
    return info
  }
  const on = (object, op, ...args) => call(op, handles.get(object), args)

  // The runtime's environment, where it has one (Next.js and Vercel's edge runtime, workerd
  // with nodejs_compat): the core reads the secret's variable from it, with its own rules.
  const environment = () => ({ ...(globalThis.process?.env ?? {}) })
  // `fromEnv` and `fromFile` build through the constructor with this token instead of a
  // secret: `[the op's suffix, its arguments]`.
  const FROM = Symbol('from')
  /** A signer of `kind` ('signer', 'tokens') in the module: its handle and getters. */
  const made = (kind, secret, options) =>
    secret?.[FROM] ? call(kind + secret[FROM][0], null, secret[FROM][1]) : call(kind, null, [secret, options])

  class Signer {
    #info
    constructor(secret, options) {
      this.#info = hold(this, made('signer', secret, options))
    }
    static fromEnv(name, options) {
      return new Signer({ [FROM]: ['FromEnv', [name, options, environment()]] })
    }
    /** The core's answer: edge runtimes have no file system (`ERR_INVALID_SECRET`). */
    static fromFile(path, options) {
      return new Signer({ [FROM]: ['FromFile', [path, options]] })
    }
    sign(email) {
      const len = put(email, emailAt)
      if (len >= 0 && core.sign_email(handles.get(this), emailAt, len, outAt) === 0) {
        return decoder.decode(new Uint8Array(memory.buffer, outAt, 64))
      }
      return on(this, 'sign', email)
    }
    verify(email, hash) {
      const [a, b] = [put(email, emailAt), put(hash, hashAt)]
      if (a >= 0 && b >= 0) return core.verify_email(handles.get(this), emailAt, a, hashAt, b) === 1
      return on(this, 'verify', email, hash)
    }
    matchingKey(email, hash) { return on(this, 'matchingKey', email, hash) }
    explain(email, hash) {
      // The normal forms of the email, for the NFC/NFD diagnoses: the runtime's own tables.
      const text = typeof email === 'string' && email.isWellFormed()
      const forms = text ? { nfc: email.normalize('NFC'), nfd: email.normalize('NFD') } : null
      return on(this, 'explain', email, hash, forms)
    }
    signMany(emails) { return on(this, 'signMany', emails) }
    signRaw(data) { return on(this, 'signRaw', data) }
    user(user) { return on(this, 'user', user) }
    startScript(user, options) { return on(this, 'startScript', user, options) }
    pageScript(user, options) { return on(this, 'pageScript', user, options) }
    get fingerprint() { return this.#info.fingerprint }
    get previousFingerprints() { return [...this.#info.previousFingerprints] }
    get emailPolicy() { return this.#info.emailPolicy }
    get warnings() { return [...this.#info.warnings] }
  }

  class TokenSigner {
    #info
    constructor(secret, options) {
      this.#info = hold(this, made('tokens', secret, options))
    }
    static fromEnv(name, options) {
      return new TokenSigner({ [FROM]: ['FromEnv', [name, options, environment()]] })
    }
    mintToken(user, options) { return on(this, 'mintToken', user, options) }
    verifyToken(jwt, options) { return on(this, 'verifyToken', jwt, options) }
    explainToken(jwt, options) { return on(this, 'explainToken', jwt, options) }
    get fingerprint() { return this.#info.fingerprint }
    get kid() { return this.#info.kid }
    get ttlSeconds() { return this.#info.ttlSeconds }
    get warnings() { return [...this.#info.warnings] }
  }

  class AllowedOrigins {
    #info
    constructor(origins) {
      this.#info = hold(this, call('allowedOrigins', null, [origins]))
    }
    allows(origin, secFetchSite) { return on(this, 'allows', origin, secFetchSite) }
    get origins() { return [...this.#info.origins] }
  }

  /** The handle of `object`, made by this module as `kind`, or the addon's TypeError. */
  function handleOf(object, kind, what) {
    if (object instanceof kind) return handles.get(object)
    const error = new TypeError(`${what} must be an instance of ${kind.name}`)
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }

  class UserEndpoint {
    constructor(signer, allowedOrigins) {
      hold(this, { handle: call('userEndpoint', handleOf(signer, Signer, 'signer'), [allowedOrigins ?? null]) })
    }
    refusal(method, origin, secFetchSite) { return on(this, 'refusal', method, origin, secFetchSite) }
    respond(user) { return on(this, 'respond', user) }
  }

  class TokenEndpoint {
    constructor(tokens, allowedOrigins) {
      hold(this, { handle: call('tokenEndpoint', handleOf(tokens, TokenSigner, 'tokens'), [allowedOrigins]) })
    }
    refusal(method, origin, secFetchSite) { return on(this, 'refusal', method, origin, secFetchSite) }
    respond(user) { return on(this, 'respond', user) }
  }

  return {
    Signer,
    TokenSigner,
    AllowedOrigins,
    UserEndpoint,
    TokenEndpoint,
    stopScript: (options) => call('stopScript', null, [options]),
    portalCsp: (host, options) => call('portalCsp', null, [host, options]),
    portalBootScript: (options) => call('portalBootScript', null, [options]),
    sessionUser: (user) => call('sessionUser', null, [user]),
  }
}
