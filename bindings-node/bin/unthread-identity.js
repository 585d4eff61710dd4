#!/usr/bin/env node
'use strict'
// `npx unthread-identity`: the Rust CLI, through the native addon; arguments passed on as they are.
process.exitCode = require('../index.js').runCli(process.argv.slice(2))
