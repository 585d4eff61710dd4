#!/usr/bin/env bash
# make pack: installable tarballs of this checkout for this machine's platform, the way the
# registry would serve them: the main package `unthread-identity`, whose optional dependency is
# the platform package, and the platform package `unthread-identity-<platform>` holding the
# addon built by `make node-build`. Written to target/pack/; prints the `npm install` line.
# Only files inside bindings-node/ go into a tarball (no prepack step reaches outside it).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${PACK_DIR:-$here/../target/pack}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$here"
addon=$(ls unthread-identity.*.node 2>/dev/null | head -n 1) || true
[ -n "$addon" ] || { echo "no addon: run make node-build first"; exit 1; }
platform=${addon#unthread-identity.}; platform=${platform%.node}
version=$(node -p 'require("./package.json").version')
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# The platform package: npm/<platform>/package.json and the addon.
cp -r "npm/$platform" "$stage/platform"
cp "$addon" "$stage/platform/"
platform_tgz=$(cd "$stage/platform" && npm pack --silent --pack-destination "$out" | tail -n 1)

# The main package, with the platform package as its optional dependency (what `napi
# pre-publish` adds at release, for all seven platforms).
main_tgz=$(npm pack --silent --pack-destination "$stage" | tail -n 1)
mkdir "$stage/main"
tar xzf "$stage/$main_tgz" -C "$stage/main"
node -e '
const fs = require("fs"); const [file, name, version] = process.argv.slice(1)
const pkg = JSON.parse(fs.readFileSync(file, "utf8"))
pkg.optionalDependencies = { [name]: version }
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n")' \
  "$stage/main/package/package.json" "unthread-identity-$platform" "$version"
main_tgz=$(cd "$stage/main/package" && npm pack --silent --pack-destination "$out" | tail -n 1)

echo "pack: $out/$main_tgz"
echo "pack: $out/$platform_tgz"
echo "install in your app with:"
echo "  npm install $out/$main_tgz $out/$platform_tgz"
