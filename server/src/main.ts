import { config } from './config'

// Parse the configuration before anything else is loaded, so that a bad or unsafe environment
// (e.g. production without JWT_SECRET) stops the process with a plain message.
try {
  config()
} catch (err) {
  process.stderr.write(`\n${(err as Error).message}\n\n`)
  process.exit(1)
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { run, reportStartFailure } = require('./serve') as typeof import('./serve')
run().catch(reportStartFailure)
