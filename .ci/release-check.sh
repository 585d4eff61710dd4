#!/usr/bin/env bash
# make release-check (which installs its tools first): build the release artifacts that this machine can build, publish them to
# real registries running on loopback (verdaccio for npm, pypiserver for PyPI), install them by
# name into fresh folders outside the repo, run each language's quickstart on what was
# installed, and check the binaries' platform requirements. Servers are stopped on any exit.
#
# Other platforms are built by .github/workflows/release.yml; this script proves the path.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
py="$root/.venv/bin/python"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export PATH="$root/.venv/bin:$PATH" # zig (ziglang), cargo-zigbuild, twine, pypi-server
step() { printf '\n== %s\n' "$*"; }
free_port() { "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_http() {
  for _ in $(seq 1 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "nothing answers at $1"; return 1
}
max_glibc() { objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1; }

# The demo user's expected object: CPython's hmac, independent of the builds under test.
expected=$("$py" -c '
import hashlib, hmac, json
email = "ada@example.com"
h = hmac.new(b"demo-identity-secret", email.encode(), hashlib.sha256).hexdigest()
print(json.dumps({"name": "Ada Lovelace", "email": email, "emailHash": h}, separators=(",", ":")))')
version=$(cd "$root/bindings-node" && node -p 'require("./package.json").version')

step "build: the npm addon for linux-x64-gnu, against glibc 2.17 (cargo-zigbuild)"
cargo zigbuild -q --release -p unthread-identity-node --target x86_64-unknown-linux-gnu.2.17
platform=linux-x64-gnu
mkdir -p "$work/npm"
cp -r "$root/bindings-node/npm/$platform" "$work/npm/"
cp "$root/target/x86_64-unknown-linux-gnu/release/libunthread_identity_node.so" \
  "$work/npm/$platform/unthread-identity.$platform.node"
(cd "$root/bindings-node" && npm pack --silent --pack-destination "$work" >/dev/null)
mkdir "$work/main" && tar xzf "$work/unthread-identity-$version.tgz" -C "$work/main"
# What `napi pre-publish` does, on a staged copy: the main package depends on the platform
# packages (here, the one built on this machine; in CI, all seven).
node -e '
const fs = require("fs"); const p = process.argv[1]; const pkg = JSON.parse(fs.readFileSync(p))
pkg.optionalDependencies = { [`unthread-identity-${process.argv[2]}`]: pkg.version }
fs.writeFileSync(p, JSON.stringify(pkg, null, 2))' "$work/main/package/package.json" "$platform"

step "build: the manylinux2014 abi3 wheel (maturin --zig) and the sdist"
(cd "$root/bindings-python" &&
  maturin build -q --release --zig --compatibility manylinux2014 -o "$work/dist" &&
  maturin sdist -o "$work/dist") 2>&1 | grep -v '^🍹\|^🔗\|^📡\|^🐍' || true
wheel=$(ls "$work"/dist/*.whl)
sdist=$(ls "$work"/dist/*.tar.gz)

step "build: the crates, as crates.io would receive them (cargo publish --dry-run)"
cargo publish -q --dry-run --allow-dirty -p unthread-identity -p unthread-identity-cli 2>&1 | grep -v '^warning: aborting upload' || true

step "servers: verdaccio and pypiserver on loopback"
npm_port=$(free_port)
cat > "$work/verdaccio.yaml" <<YAML
storage: $work/verdaccio-storage
auth:
  htpasswd:
    file: $work/htpasswd
uplinks: {}
packages:
  '**':
    access: \$all
    publish: \$authenticated
log: { type: stdout, format: pretty, level: warn }
YAML
"$root/bindings-node/release/node_modules/.bin/verdaccio" --config "$work/verdaccio.yaml" \
  --listen "127.0.0.1:$npm_port" > "$work/verdaccio.log" 2>&1 &
pids+=($!)
pypi_port=$(free_port)
mkdir "$work/pypi-packages"
pypi-server run -i 127.0.0.1 -p "$pypi_port" -a . -P . "$work/pypi-packages" > "$work/pypiserver.log" 2>&1 &
pids+=($!)
npm_registry="http://127.0.0.1:$npm_port/"
pypi_index="http://127.0.0.1:$pypi_port/simple/"
wait_http "$npm_registry-/ping"
wait_http "$pypi_index"
token=$(curl -fsS -X PUT -H 'content-type: application/json' \
  -d '{"name":"release-check","password":"release-check-password"}' \
  "${npm_registry}-/user/org.couchdb.user:release-check" | node -p 'JSON.parse(require("fs").readFileSync(0)).token')
printf 'registry=%s\n//127.0.0.1:%s/:_authToken=%s\n' "$npm_registry" "$npm_port" "$token" > "$work/npmrc"

step "publish: npm packages to verdaccio, wheel and sdist to pypiserver (twine)"
(cd "$work/npm/$platform" && npm publish --silent --ignore-scripts --userconfig "$work/npmrc")
(cd "$work/main/package" && npm publish --silent --ignore-scripts --userconfig "$work/npmrc")
twine upload --disable-progress-bar --non-interactive --repository-url "http://127.0.0.1:$pypi_port/" \
  -u release-check -p release-check "$wheel" "$sdist" > "$work/twine.log"

step "install by name: npm install unthread-identity, then the Node quickstart"
mkdir "$work/node-user" && cd "$work/node-user"
npm init -y > /dev/null
npm install --silent --no-audit --no-fund --userconfig "$work/npmrc" unthread-identity
sed "s|createRequire(import.meta.url)('../../bindings-node/index.js')|createRequire(import.meta.url)('unthread-identity')|" \
  "$root/examples/node/quickstart.mjs" > quickstart.mjs
grep -q "('unthread-identity')" quickstart.mjs
node_out=$(node quickstart.mjs)
grep -qF "user object: $expected" <<< "$node_out" || { echo "$node_out"; echo "Node: wrong user object"; exit 1; }
test ! -e "node_modules/unthread-identity/unthread-identity.$platform.node"
test -e "node_modules/unthread-identity-$platform/unthread-identity.$platform.node"
echo "node: $(grep 'user object' <<< "$node_out")"
npx --no-install unthread-identity --version | grep -q '^unthread-identity ' # the CLI, through npx

step "install by name: the WebAssembly build on the edge (edge-runtime; examples/edge under wrangler dev)"
test -e node_modules/unthread-identity/wasm/unthread_identity.wasm
cp "$root/examples/edge/worker.mjs" "$root/examples/edge/wrangler.toml" "$work/node-user/"
(cd "$root/bindings-node" && node scripts/edge-check.mjs "$work/node-user")

step "install by name: pip install unthread-identity (the wheel), then the Python quickstart"
python3 -m venv "$work/venv-wheel"
"$work/venv-wheel/bin/pip" install -q --index-url "$pypi_index" --only-binary unthread-identity unthread-identity
py_out=$(cd "$work" && "$work/venv-wheel/bin/python" "$root/examples/python/quickstart.py")
grep -qF "user object: $expected" <<< "$py_out" || { echo "$py_out"; echo "Python: wrong user object"; exit 1; }
"$work/venv-wheel/bin/python" -c 'import unthread_identity, pathlib; p = pathlib.Path(unthread_identity.__file__); assert "site-packages" in str(p), p'
echo "python (wheel): $(grep 'user object' <<< "$py_out")"
"$work/venv-wheel/bin/unthread-identity" --version | grep -q '^unthread-identity ' # the console script

step "install by name from the sdist: pip install --no-binary unthread-identity unthread-identity"
python3 -m venv "$work/venv-sdist"
# The build backend (maturin) comes through pypiserver's fallback to PyPI.
"$work/venv-sdist/bin/pip" install -q --index-url "$pypi_index" --no-binary unthread-identity unthread-identity
py_out=$(cd "$work" && "$work/venv-sdist/bin/python" "$root/examples/python/quickstart.py")
grep -qF "user object: $expected" <<< "$py_out" || { echo "$py_out"; echo "Python sdist: wrong user object"; exit 1; }
echo "python (sdist): $(grep 'user object' <<< "$py_out")"

step "install from a clone, as the README says: pip install './bindings-python[flask]'"
python3 -m venv "$work/venv-clone"
(cd "$root" && "$work/venv-clone/bin/pip" install -q './bindings-python[flask]')
py_out=$(cd "$work" && "$work/venv-clone/bin/python" "$root/examples/python/quickstart.py")
grep -qF "user object: $expected" <<< "$py_out" || { echo "$py_out"; echo "Python from the clone: wrong user object"; exit 1; }
"$work/venv-clone/bin/python" -c 'import unthread_identity.contrib.flask'
echo "python (from the clone, with [flask]): $(grep 'user object' <<< "$py_out")"

step "the packaged crate: the Rust quickstart against target/package/unthread-identity-$version"
mkdir -p "$work/rust-user/src"
cat > "$work/rust-user/Cargo.toml" <<TOML
[package]
name = "rust-user"
version = "0.0.0"
edition = "2024"
[dependencies]
unthread-identity = { path = "$root/target/package/unthread-identity-$version" }
[workspace]
TOML
cp "$root/examples/rust/quickstart.rs" "$work/rust-user/src/main.rs"
rust_out=$(cd "$work/rust-user" && CARGO_TARGET_DIR="$root/target/release-check" cargo run -q)
grep -qF "user object: $expected" <<< "$rust_out" || { echo "$rust_out"; echo "Rust: wrong user object"; exit 1; }
echo "rust (packaged crate): $(grep 'user object' <<< "$rust_out")"

step "requirements of the binaries, and what the packages hold"
wheel_name=$(basename "$wheel")
case "$wheel_name" in
  *-cp310-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl) ;;
  *) echo "unexpected wheel tag: $wheel_name"; exit 1 ;;
esac
mkdir "$work/wheel" && (cd "$work/wheel" && "$py" -m zipfile -e "$wheel" .)
so_glibc=$(max_glibc "$work/wheel/unthread_identity/_native.abi3.so")
node_glibc=$(max_glibc "$work/npm/$platform/unthread-identity.$platform.node")
for v in "$so_glibc" "$node_glibc"; do
  "$py" -c "import sys; v = tuple(map(int, '${v#GLIBC_}'.split('.'))); sys.exit(v > (2, 17))" ||
    { echo "a binary needs $v, above glibc 2.17"; exit 1; }
done
echo "wheel: $wheel_name; highest symbol of _native.abi3.so: $so_glibc"
echo "npm: unthread-identity-$platform; highest symbol of the .node: $node_glibc"
echo "main npm tarball: $(tar tzf "$work/unthread-identity-$version.tgz" | sed 's|^package/||' | sort | tr '\n' ' ')"
echo "wheel: $("$py" -m zipfile -l "$wheel" | awk 'NR > 1 {print $1}' | sort | tr '\n' ' ')"
echo "sdist: $(tar tzf "$sdist" | wc -l) files, $(basename "$sdist")"
echo
echo "release-check: published to and installed from local verdaccio and pypiserver by name;"
echo "the Node, Python (wheel and sdist) and Rust quickstarts print the expected user object."
