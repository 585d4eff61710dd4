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
  got=$("${run[@]}" examples/node/quickstart.mjs 2>"$here/.stderr" | grep '^user object: ')
  [ "$got" = "$expected" ] || { echo "$runtime quickstart: $got, expected $expected"; exit 1; }
  # Nothing on stderr: Deno printed "ObjectRef is not unref" at every exit.
  [ ! -s "$here/.stderr" ] || { echo "$runtime printed on stderr:"; cat "$here/.stderr"; exit 1; }
  echo "$runtime: the Node quickstart prints Node's user object, and nothing on stderr"
done
rm -f "$here/.stderr"

# The Bun.serve / Deno.serve recipe of examples/runtimes/README.md (server.mjs), installed by name
# from the tarballs `make pack` wrote, as an app gets it.
(cd "$here" && npm install --no-save --no-audit --no-fund --silent "$root"/target/pack/unthread-identity-*.tgz)
export UNTHREAD_IDENTITY_SECRET=runtimes-identity-secret UNTHREAD_PORTAL_EMBED_SECRET=runtimes-embed-secret-of-32-bytes!
for runtime in bun deno; do
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  if [ "$runtime" = bun ]; then run=("$bun"); else run=("$deno" run "${deno_flags[@]}" --allow-net=127.0.0.1); fi
  PORT=$port "${run[@]}" "$here/server.mjs" & server=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  user=$(curl -s -H 'cookie: sid=demo' -H 'sec-fetch-site: same-origin' "http://127.0.0.1:$port/api/unthread-user")
  want=$(node -e "const {Signer}=require('./bindings-node'); console.log(JSON.stringify({user: new Signer(process.env.UNTHREAD_IDENTITY_SECRET).user({email:'ada@example.com',name:'Ada Lovelace'})}))")
  token=$(curl -s -o /dev/null -w '%{http_code} ' -H 'cookie: sid=demo' -H 'sec-fetch-site: same-origin' "http://127.0.0.1:$port/api/portal-token")
  token+=$(curl -s -o /dev/null -w '%{http_code} ' -H 'cookie: sid=demo' -H 'origin: https://evil.example' "http://127.0.0.1:$port/api/portal-token")
  token+=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/portal-token")
  kill "$server"; wait "$server" 2>/dev/null || true
  [ "$user" = "$want" ] || { echo "$runtime server.mjs: $user, expected $want"; exit 1; }
  [ "$token" = "200 403 401" ] || { echo "$runtime server.mjs token endpoint: $token, expected 200 403 401"; exit 1; }
  echo "$runtime: the serve recipe (examples/runtimes/README.md) answers the signed user, and 200/403/401 for tokens"
done
# The WebAssembly build loaded by hand (wasm.mjs: Deno Deploy, Netlify Edge), under Deno without
# --allow-ffi: the same signed user as the addon's, and a token it verifies.
wasm_user=$("$deno" run --allow-read --allow-env "$here/wasm.mjs")
[ "$wasm_user" = "$(node -e "console.log(JSON.stringify({...$want, claims: 'ada@example.com'}))")" ] ||
  { echo "deno, the WebAssembly build by hand: $wasm_user, expected $want"; exit 1; }
echo "deno without --allow-ffi: the WebAssembly build loaded by hand (wasm.mjs) signs as the addon"
node examples/runtimes/check.mjs
"$bun" examples/runtimes/check.mjs
"$deno" run "${deno_flags[@]}" --allow-net=127.0.0.1 examples/runtimes/check.mjs

# Deno without --allow-ffi: the loader names the permission and every flag, in one line (it was
# 80, with the loader's cause chain).
denied=$("$deno" run --allow-read --allow-env examples/node/quickstart.mjs 2>&1 || true)
grep -q 'ERR_UNTHREAD_IDENTITY_PERMISSION\|denied a permission' <<<"$denied" &&
  grep -q -- '--allow-ffi --allow-read --allow-env' <<<"$denied" ||
  { echo "deno without --allow-ffi did not give the permission error:"; echo "$denied" | head -5; exit 1; }
lines=$(wc -l <<<"$denied")
[ "$lines" -le 3 ] || { echo "deno's permission error is $lines lines:"; echo "$denied" | head -20; exit 1; }
echo "deno without --allow-ffi: the loader's permission error names the flags, in $lines line(s)"
