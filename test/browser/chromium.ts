import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { describe } from 'vitest'
import { canRunWith } from '../tools.js'

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

/**
 * `describe` for the browser tests: skipped with a loud warning when Chromium is missing on a
 * developer's machine; under CI a missing Chromium fails the file (see `canRunWith`).
 */
export const describeInChromium = describe.runIf(
  canRunWith({
    name: `Chromium (${CHROMIUM_PATH})`,
    present: existsSync(CHROMIUM_PATH),
    install: 'apt-get install -y chromium',
  }),
)

/**
 * Debian's Chromium, headless, with `extraArgs` beside the usual flags.
 *
 * @note `launch()` (rather than `launchPersistentContext`) gives every run a fresh temporary
 * profile, which Playwright deletes on `close()`; each test file then opens its own contexts, so
 * no service worker registration or storage leaks between files.
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    timeout: 60_000,
  })
}
