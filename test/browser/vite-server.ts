import { fileURLToPath } from 'node:url'
import { createServer, type InlineConfig, type ViteDevServer } from 'vite'
import { mswIamDev, mswPackage } from '../../demo/vite-plugin.js'

/** A Vite dev server on a free port of 127.0.0.1, and its URL. */
export interface RunningVite {
  server: ViteDevServer
  url: string
}

/**
 * Starts Vite on 127.0.0.1 and a free port, without HMR (a file saved during a run must not
 * reload a page under test) and quiet unless something goes wrong.
 */
export async function startVite(config: InlineConfig): Promise<RunningVite> {
  const server = await createServer({
    logLevel: 'warn',
    clearScreen: false,
    ...config,
    server: { host: '127.0.0.1', port: 0, strictPort: true, hmr: false, ...config.server },
  })
  await server.listen()
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('Vite did not report the URL it listens on')
  return { server, url }
}

/** The browser tests' own page (`test/browser/page/`), with msw-iam from the sources. */
export function startTestPage(): Promise<RunningVite> {
  return startVite({
    configFile: false,
    root: fileURLToPath(new URL('page/', import.meta.url)),
    // @note One pre-bundling cache per page and msw major: files that run in parallel (or the
    // msw 3 run) never rewrite each other's cache.
    cacheDir: fileURLToPath(
      new URL(`../../node_modules/.vite/browser-test-${mswPackage()}`, import.meta.url),
    ),
    plugins: [mswIamDev()],
  })
}

/** The demo, with its own config (what `npm run demo` serves). */
export function startDemo(): Promise<RunningVite> {
  return startVite({
    configFile: fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url)),
  })
}
