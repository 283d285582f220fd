// Runs in parallel with worker-a.test.ts, in another Vitest worker.
import { isolationTest } from './worker-isolation.js'

isolationTest('b')
