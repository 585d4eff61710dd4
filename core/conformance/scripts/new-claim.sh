#!/usr/bin/env bash
# Adding an optional claim is one field in the core plus its doc: this script makes that change
# on a scratch copy of the checkout and proves it.
#
#   1. Copy the checkout (tracked and new files) to a temporary git repository.
#   2. Add `picture` to the one declaration, `profile_claims!` in core/src/token/profile.rs.
#   3. Regenerate what the core generates (`make conformance-table`'s files).
#   4. Prove the claim works with nothing else written: the core's test of every declared
#      claim; the Node addon and the Python extension, built from the copy, mint a token with
#      `picture` (renamed too) that verifies with it; TypeScript and mypy accept it in the
#      generated types, and refuse a misspelt one.
#   5. List the files the change touched, and fail above 4.
#
# Builds use their own target directory (target/new-claim), so that the checkout's artifacts are
# never built from the copy's sources.
set -euo pipefail

ROOT=$(git rev-parse --show-toplevel)
PY=${PY:-$ROOT/.venv/bin/python}
MAX_FILES=4
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
export CARGO_TARGET_DIR=$ROOT/target/new-claim

cd "$ROOT"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar -c --null -T - | tar -x -C "$SCRATCH"
cd "$SCRATCH"
git init -q && git add -A && git -c user.name=check -c user.email=check@localhost commit -qm base

# 2. The change: one field and its doc.
"$PY" - <<'EOF'
from pathlib import Path
path = Path("core/src/token/profile.rs")
text = path.read_text()
anchor = "            /// The user's display name.\n            name,\n"
assert text.count(anchor) == 1, "the declaration of profile_claims! moved: update new-claim.sh"
path.write_text(text.replace(anchor, anchor + "            /// A link to the user's picture.\n            picture,\n"))
EOF

# 3. What the core generates.
make -s conformance-table

# 4. The proof.
tested=$(cargo test -q -p unthread-identity --lib every_declared_claim 2>&1)
grep -q "1 passed" <<< "$tested" || { echo "$tested"; exit 1; }
cargo build -q -p unthread-identity-node -p unthread-identity-python
cp "$CARGO_TARGET_DIR/debug/libunthread_identity_node.so" bindings-node/unthread-identity.linux-x64-gnu.node
cp "$CARGO_TARGET_DIR/debug/lib_native.so" bindings-python/python/unthread_identity/_native.abi3.so

node --input-type=module - <<'EOF'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
const { TokenSigner } = createRequire(`${process.cwd()}/`)('./bindings-node/native.js')
const secret = 'new-claim-check-secret-of-32-bytes!!'
for (const [options, claim] of [[{}, 'picture'], [{ claimNames: { picture: 'avatar' } }, 'avatar']]) {
  const tokens = new TokenSigner(secret, options)
  const { jwt } = tokens.mintToken({ email: 'ada@example.com', picture: 'https://p.example/ada.png' })
  assert.equal(tokens.verifyToken(jwt)[claim], 'https://p.example/ada.png')
}
assert.throws(() => new TokenSigner(secret).mintToken({ email: 'ada@example.com', pictur: 'x' }), { code: 'ERR_INVALID_OPTION' })
EOF

PYTHONPATH=bindings-python/python "$PY" - <<'EOF'
import unthread_identity as ui
secret = "new-claim-check-secret-of-32-bytes!!"
for options, claim in [({}, "picture"), ({"claim_names": {"picture": "avatar"}}, "avatar")]:
    tokens = ui.TokenSigner(secret, **options)
    jwt = tokens.mint_token("ada@example.com", "Ada", picture="https://p.example/ada.png")["jwt"]
    assert tokens.verify_token(jwt)[claim] == "https://p.example/ada.png"
try:
    ui.TokenSigner(secret).mint_token("ada@example.com", pictur="x")
    raise SystemExit("a misspelt claim was accepted")
except ui.InvalidOption:
    pass
EOF

ln -s "$ROOT/bindings-node/node_modules" bindings-node/node_modules
cat > bindings-node/__test__/new-claim.ts <<'EOF'
import { TokenSigner, type TokenUserInput } from '../index.js'
const user: TokenUserInput = { email: 'ada@example.com', picture: 'https://p.example/ada.png' }
new TokenSigner('s', { claimNames: { picture: 'avatar' } }).mintToken(user)
// @ts-expect-error: a misspelt claim is a type error
export const wrong: TokenUserInput = { email: 'ada@example.com', pictur: 'x' }
EOF
echo '{ "extends": "./tsconfig.json", "files": ["new-claim.ts"] }' > bindings-node/__test__/new-claim.json
bindings-node/node_modules/.bin/tsc -p bindings-node/__test__/new-claim.json
cat > bindings-python/new_claim.py <<'EOF'
from unthread_identity import TokenSigner
TokenSigner("s", claim_names={"picture": "avatar"}).mint_token("a@b.c", picture="https://p.example/ada.png")
TokenSigner("s").mint_token("a@b.c", pictur="x")  # type: ignore[call-arg]
EOF
MYPYPATH=bindings-python/python "$PY" -m mypy --strict --no-incremental --warn-unused-ignores \
  bindings-python/new_claim.py > /dev/null
rm bindings-node/node_modules bindings-node/__test__/new-claim.ts bindings-node/__test__/new-claim.json \
  bindings-python/new_claim.py

# 5. The files the change touched (the builds' outputs are ignored files, as in the checkout).
touched=$(git status --porcelain | awk '{ print $2 }')
count=$(printf '%s\n' "$touched" | grep -c .)
echo "new-claim: adding \`picture\` touched $count files:"
printf '  %s\n' $touched
if [ "$count" -gt "$MAX_FILES" ]; then
  echo "new-claim: more than $MAX_FILES files: a claim is declared in more than one place"
  exit 1
fi
