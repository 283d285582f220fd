// Runs in parallel with worker-b.test.ts, in another Vitest worker.
import { isolationTest } from './worker-isolation.js'

isolationTest('a')
