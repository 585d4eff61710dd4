#!/usr/bin/env bash
# What a user hits: `npm pack` of the main package and of this platform's package (the napi-rs
# layout: the addon lives in npm/<platform>/), both installed into a fresh folder outside the
# repo; load them with require and with import, type-check TypeScript against them, and check
# the error when no addon matches the platform.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
addon=$(ls unthread-identity.*.node | head -n 1)          # unthread-identity.linux-x64-gnu.node
platform=${addon#unthread-identity.}; platform=${platform%.node}
cp "$addon" "npm/$platform/"
platform_tarball=$(cd "npm/$platform" && npm pack --silent --pack-destination "$work" | tail -n 1)
rm "npm/$platform/$addon"
tar tzf "$work/$tarball" > "$work/contents"
grep -q 'package/LICENSE-MIT' "$work/contents" || { echo "the tarball has no LICENSE-MIT"; exit 1; }
if grep -q '\.node$' "$work/contents"; then echo "the main tarball must not hold an addon"; exit 1; fi
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "$work/$tarball" "$work/$platform_tarball"
node -e "const { Signer } = require('unthread-identity'); if (new Signer('k').sign('a@b').length !== 64) process.exit(1)"
node --input-type=module -e "import { Signer, stopScript } from 'unthread-identity'; if (!stopScript().includes('stop')) process.exit(1); new Signer('k')"
node -e "const e = require('unthread-identity/express'), w = require('unthread-identity/web'); if (typeof e.unthread !== 'function' || typeof w.createUserHandler !== 'function') process.exit(1)"
# Named ESM imports of the CommonJS subpaths: their exports must be readable statically.
node --input-type=module -e "import { createUserHandler, createTokenHandler } from 'unthread-identity/web'; import { unthread, portalTokenHandler } from 'unthread-identity/express'; if (![createUserHandler, createTokenHandler, unthread, portalTokenHandler].every((f) => typeof f === 'function')) process.exit(1)"
# Edge runtimes resolve the WebAssembly build (package.json's conditions), Node the addon; the
# wasm build, loaded under Node, signs as the addon does.
for condition in workerd edge-light worker; do
  for entry in unthread-identity unthread-identity/web; do
    resolved=$(node --conditions=$condition --input-type=module -e "console.log(import.meta.resolve('$entry'))")
    case "$resolved" in */wasm/*.mjs) ;; *) echo "$entry under $condition resolved to $resolved"; exit 1 ;; esac
  done
done
node --input-type=module -e "
import { Signer } from 'unthread-identity/wasm'
import { createRequire } from 'node:module'
const native = createRequire(import.meta.url)('unthread-identity')
if (new Signer('k').sign('a@b') !== new native.Signer('k').sign('a@b')) process.exit(1)"
npx --no-install unthread-identity --version | grep -q "^unthread-identity " || { echo "npx unthread-identity did not run"; exit 1; }
node --input-type=module -e "import { startPortal, stopPortal, fetchPortalUser, bootPortal, portalOrigin } from 'unthread-identity/browser'; if (typeof startPortal !== 'function' || portalOrigin('acme') !== 'https://acme.unthread.io') process.exit(1)"
node --input-type=module -e "import { portals } from 'unthread-identity/react'; if (typeof portals !== 'function') process.exit(1)"
# No addon for this platform: the error names the platform and links to the install docs.
rm -rf "node_modules/unthread-identity-$platform"
node -e "
try { require('unthread-identity'); process.exit(1) } catch (e) {
  if (e.code !== 'ERR_UNTHREAD_IDENTITY_PLATFORM' || !e.message.includes('$platform') || !e.message.includes('#install')) { console.error(e); process.exit(1) }
}
Object.defineProperty(process, 'arch', { value: 'riscv64' })
delete require.cache[require.resolve('unthread-identity')]
try { require('unthread-identity'); process.exit(1) } catch (e) {
  if (!/no prebuilt addon for linux-riscv64/.test(e.message)) { console.error(e); process.exit(1) }
}"
npm install --silent --no-audit --no-fund "$work/$platform_tarball"
cp "$here/../examples/node/login.ts" .
cat > integrations.ts <<'TS'
import { Signer } from 'unthread-identity'
import { unthread, unthreadUserHandler, type UnthreadLocals } from 'unthread-identity/express'
import { createUserHandler } from 'unthread-identity/web'
import { startPortal, type SignedUser } from 'unthread-identity/browser'
const signer = new Signer('k')
export const middleware = unthread({ signer, getUser: () => ({ email: 'a@b', name: null }) })
export const json = unthreadUserHandler({ signer, getUser: async () => null })
export const web: (request: Request) => Promise<Response> = createUserHandler({ signer, getUser: () => null })
export const start = (user: SignedUser): Promise<boolean> => startPortal(user)
export type Locals = UnthreadLocals
TS
cat > tsconfig.json <<JSON
{ "compilerOptions": { "strict": true, "noEmit": true, "target": "ES2022", "module": "NodeNext",
  "moduleResolution": "NodeNext", "typeRoots": ["$here/node_modules/@types"], "types": ["node"] },
  "files": ["login.ts", "integrations.ts"] }
JSON
"$here/node_modules/.bin/tsc" -p tsconfig.json
echo "package check: main + $platform tarballs install outside the repo; require, import, the express/web/browser/react subpaths, tsc and the unsupported-platform error all pass"
