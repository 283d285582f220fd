import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { Alias, Plugin } from 'vite'

/**
 * Which msw package the browser code runs on: `msw` (2), or the `msw3` alias install when
 * `MSW_MAJOR=3`, as in `npm run test:msw3` (the same switch as vitest.config.ts).
 */
export function mswPackage(): 'msw' | 'msw3' {
  return process.env.MSW_MAJOR === '3' ? 'msw3' : 'msw'
}

/**
 * The repository's own Vite setup for pages that use msw-iam in the browser (the demo and the
 * browser tests' page):
 *
 * - `msw-iam/browser` and `msw-iam` resolve to the sources, so no build is needed;
 * - `msw` resolves to the msw major under test;
 * - `/mockServiceWorker.js` is the worker script of that installed msw, served in dev and
 *   emitted into builds.
 *
 * @note The worker script is read from the installed package rather than committed (what
 * `npx msw init` would do): msw checks that the worker matches the library (2 and 3 ship different
 * scripts), so a copy would go stale on the next msw update.
 */
export function mswIamDev(): Plugin {
  const pkg = mswPackage()
  const workerPath = createRequire(import.meta.url).resolve(`${pkg}/mockServiceWorker.js`)
  const worker = () => readFileSync(workerPath, 'utf8')
  const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url))
  const alias: Alias[] = [
    { find: /^msw-iam\/browser$/, replacement: src('browser/index.ts') },
    { find: /^msw-iam$/, replacement: src('index.ts') },
    ...(pkg === 'msw3' ? [{ find: /^msw(\/.*)?$/, replacement: 'msw3$1' }] : []),
  ]
  return {
    name: 'msw-iam-dev',
    config: () => ({
      resolve: { alias },
      // @note Pre-bundled up front: a dependency discovered only while the page loads makes
      // Vite reload the page, which would restart the mock (and its state) under a test.
      // jose too: msw-iam imports it lazily, on the first web identity token.
      optimizeDeps: { include: ['@aws-sdk/client-iam', 'msw', 'msw/browser', 'jose'] },
    }),
    configureServer(server) {
      server.middlewares.use('/mockServiceWorker.js', (_request, response) => {
        response.setHeader('content-type', 'text/javascript')
        response.setHeader('cache-control', 'no-store')
        response.end(worker())
      })
    },
    configurePreviewServer(server) {
      server.middlewares.use('/mockServiceWorker.js', (_request, response) => {
        response.setHeader('content-type', 'text/javascript')
        response.end(worker())
      })
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source: worker() })
    },
  }
}
