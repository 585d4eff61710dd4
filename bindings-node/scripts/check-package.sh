#!/usr/bin/env bash
# What a user hits: `npm pack`, install the tarball into a fresh folder outside the repo, load
# it with require and with import, and type-check a TypeScript example against it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "$work/$tarball"
node -e "const { Signer } = require('unthread-identity'); if (new Signer('k').sign('a@b').length !== 64) process.exit(1)"
node --input-type=module -e "import { Signer, stopScript } from 'unthread-identity'; if (!stopScript().includes('stop')) process.exit(1); new Signer('k')"
node -e "const e = require('unthread-identity/express'), w = require('unthread-identity/web'); if (typeof e.unthread !== 'function' || typeof w.createUserHandler !== 'function') process.exit(1)"
node --input-type=module -e "import { startPortal, stopPortal, fetchPortalUser } from 'unthread-identity/browser'; if (typeof startPortal !== 'function') process.exit(1)"
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
echo "package check: npm pack installs outside the repo; require, import, the express/web/browser subpaths and tsc all pass"
