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
cp "$here/../examples/node/login.ts" .
cat > tsconfig.json <<JSON
{ "compilerOptions": { "strict": true, "noEmit": true, "target": "ES2022", "module": "NodeNext",
  "moduleResolution": "NodeNext", "typeRoots": ["$here/node_modules/@types"], "types": ["node"] },
  "files": ["login.ts"] }
JSON
"$here/node_modules/.bin/tsc" -p tsconfig.json
echo "package check: npm pack installs outside the repo; require, import and tsc all pass"
