#!/usr/bin/env node
import { main } from './cli/main.js'

// The `msw-iam` command. Everything testable lives in cli/main.ts; this file only binds it to
// the process.
let stopping = false
const code = await main({
  argv: process.argv.slice(2),
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  onSignal(stop) {
    const onSignal = (signal: NodeJS.Signals) => {
      // A second Ctrl-C does not wait for connections to drain.
      if (stopping) process.exit(130)
      stopping = true
      stop(signal)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  },
})
if (code !== undefined) process.exitCode = code
