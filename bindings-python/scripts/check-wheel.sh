#!/usr/bin/env bash
# What a user hits: `maturin build --release` makes an abi3 wheel that installs into a fresh
# venv outside the repo and imports there.
set -euo pipefail
py=${1:-python3}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$(dirname "$py")/maturin" build --release --quiet -m "$here/Cargo.toml" --out "$work/dist"
wheel=$(ls "$work"/dist/*.whl)
case "$wheel" in *abi3*) ;; *) echo "not an abi3 wheel: $wheel"; exit 1 ;; esac
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index "$wheel"
cd "$work"
"$work/venv/bin/python" -c "
import unthread_identity as u, hmac, hashlib, pathlib
assert u.Signer('k').sign('a@b') == hmac.new(b'k', b'a@b', hashlib.sha256).hexdigest()
pkg = pathlib.Path(u.__file__).parent
assert (pkg / 'py.typed').exists() and (pkg / '_native.pyi').exists()
print('wheel check:', pathlib.Path('$wheel').name, 'installs outside the repo and imports; version', u.__version__)
"
