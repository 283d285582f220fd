import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { describe } from 'vitest'

/** Debian's `chromium` package: the browser the tests drive (never a downloaded one). */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** What Chromium needs to run headless in containers and CI machines without network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
]

const chromiumMissing = !existsSync(CHROMIUM_PATH)
if (chromiumMissing) {
  const message =
    `${CHROMIUM_PATH} is missing, so the browser tests cannot run. ` +
    'Install it with `apt-get install -y chromium` (Debian), as .ci/run does.'
  if (process.env['CI']) throw new Error(message)
  console.warn(
    `\n${'!'.repeat(100)}\n!! SKIPPING THE BROWSER TESTS: ${message}\n${'!'.repeat(100)}\n`,
  )
}

/**
 * `describe`, skipped with a loud warning when Chromium is missing on a developer's machine. In
 * CI (`CI` set) a missing Chromium fails the file instead: the browser tests never skip there.
 */
export const describeInChromium = describe.skipIf(chromiumMissing)

/**
 * Debian's Chromium, headless.
 *
 * @note `launch()` (rather than `launchPersistentContext`) gives every run a fresh temporary
 * profile, which Playwright deletes on `close()`; each test file then opens its own contexts, so
 * no service worker registration or storage leaks between files.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  })
}
