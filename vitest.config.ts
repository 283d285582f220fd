import { defineConfig } from 'vitest/config'

/**
 * `MSW_MAJOR=3 vitest` runs the same suite against msw 3 (installed as the `msw3` alias), so the
 * whole peer range `^2.12.0 || ^3.0.0` is tested.
 */
const msw3 = process.env.MSW_MAJOR === '3'
/** `VITEST_PACK=1 vitest run test/package` runs the slow packaging test on its own. */
const pack = process.env.VITEST_PACK === '1'

export default defineConfig({
  test: {
    include: pack ? ['test/package/**/*.test.ts'] : ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: pack ? [] : ['test/package/**', '**/node_modules/**'],
    globalSetup: ['test/setup/global.ts'],
    setupFiles: ['test/setup/node-version.ts', 'test/setup/conformance.ts'],
    // Many tests start processes (the command, the AWS CLI, Python) or a server: 5 s is within
    // reach of a busy two-core CI machine. Speed is measured by `npm run bench`, not here.
    testTimeout: 20_000,
  },
  resolve: {
    alias: msw3 ? [{ find: /^msw(\/.*)?$/, replacement: 'msw3$1' }] : [],
  },
})
