// Types of `unthread-identity/wasm/bind`: the package's API over its WebAssembly build, for a
// runtime whose bundler does not apply the package's edge conditions.
import type * as identity from '../index.js'

/** The API over `module`: `unthread-identity/wasm/module.wasm`, imported as a WebAssembly.Module. */
export declare function bind(
  module: WebAssembly.Module,
): Pick<
  typeof identity,
  | 'Signer'
  | 'TokenSigner'
  | 'AllowedOrigins'
  | 'UserEndpoint'
  | 'TokenEndpoint'
  | 'stopScript'
  | 'portalCsp'
  | 'portalBootScript'
  | 'sessionUser'
>
