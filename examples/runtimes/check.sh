#!/usr/bin/env bash
# make runtimes: the Node package under Bun and Deno (pinned, from the npm registry: see
# package.json). For each: the Node quickstart prints Node's user object, and check.mjs runs the
# shared vectors, a differential against the runtime's own HMAC, the token vectors and the token
# endpoint on the runtime's own server (127.0.0.1). Deno gets exactly the flags the README
# gives, and without --allow-ffi it must fail with the loader's permission error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bun="$here/node_modules/.bin/bun"
deno="$here/node_modules/.bin/deno"
cd "$root"
deno_flags=(--allow-ffi --allow-read --allow-env)

expected=$(node examples/node/quickstart.mjs | grep '^user object: ')
for runtime in bun deno; do
  if [ "$runtime" = bun ]; then run=("$bun"); else run=("$deno" run "${deno_flags[@]}"); fi
  got=$("${run[@]}" examples/node/quickstart.mjs | grep '^user object: ')
  [ "$got" = "$expected" ] || { echo "$runtime quickstart: $got, expected $expected"; exit 1; }
  echo "$runtime: the Node quickstart prints Node's user object"
done
node examples/runtimes/check.mjs
"$bun" examples/runtimes/check.mjs
"$deno" run "${deno_flags[@]}" --allow-net=127.0.0.1 examples/runtimes/check.mjs

# Deno without --allow-ffi: the loader names the permission and the flags, not a platform.
denied=$("$deno" run --allow-read --allow-env examples/node/quickstart.mjs 2>&1 || true)
grep -q 'ERR_UNTHREAD_IDENTITY_PERMISSION\|denied a permission' <<<"$denied" &&
  grep -q -- '--allow-ffi --allow-read --allow-env' <<<"$denied" ||
  { echo "deno without --allow-ffi did not give the permission error:"; echo "$denied" | head -5; exit 1; }
echo "deno without --allow-ffi: the loader's permission error names the flags"
