import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { describeInChromium, launchChromium } from './chromium.js'
import { startDemo, type RunningVite } from './vite-server.js'

/**
 * The demo (`npm run demo`) driven by clicks in headless Chromium, as a person would use it.
 * `DEMO_SCREENSHOT=1` (`npm run demo:screenshot`) also saves docs/demo.png along the way.
 */

let vite: RunningVite
let browser: Browser
let context: BrowserContext
let page: Page

/** Waits for the demo to finish its start or its current action (it counts them in data-done). */
async function settled(after: string | null = null): Promise<void> {
  await page.waitForFunction((after) => {
    const done = document.querySelector('main')?.dataset['done']
    return done !== undefined && done !== after
  }, after)
}

/** Clicks, then waits until the demo has redrawn the state. */
async function click(target: Locator): Promise<void> {
  const before = await page.locator('main').getAttribute('data-done')
  await target.click()
  await settled(before)
}

const user = (name: string) => page.getByRole('region', { name: `User ${name}` })
const keyRows = (name: string) =>
  page.getByRole('table', { name: `Access keys of ${name}` }).locator('tbody tr')
const errorPanel = () => page.getByTestId('error')
const newKey = async () => ({
  id: await page.getByTestId('new-access-key-id').textContent(),
  secret: await page.getByTestId('new-secret-access-key').textContent(),
})

async function createUser(name: string): Promise<void> {
  await page.getByLabel('User name').fill(name)
  await click(page.getByRole('button', { name: 'Create user' }))
}

describeInChromium('the demo page', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    ;[vite, browser] = await Promise.all([startDemo(), launchChromium()])
  }, 120_000)

  beforeEach(async () => {
    // A fresh context per test: its own service worker registration and sessionStorage.
    context = await browser.newContext({ viewport: { width: 1000, height: 720 } })
    context.setDefaultTimeout(20_000)
    page = await context.newPage()
    await page.goto(vite.url)
    await settled()
  })

  afterEach(() => context?.close())

  afterAll(async () => {
    await browser?.close()
    await vite?.server.close()
  })

  it('creates a user and two keys, shows each secret once and shows the third refused with LimitExceeded', async () => {
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/^Ready: .* 0 user/)
    await createUser('alice')
    expect(await user('alice').getByRole('heading').textContent()).toBe('alice')
    expect(await errorPanel().isHidden()).toBe(true)

    await click(page.getByRole('button', { name: 'Create access key for alice' }))
    const first = await newKey()
    expect(first.id).toMatch(/^AKIA[A-Z2-7]{16}$/)
    expect(first.secret).toMatch(/^[A-Za-z0-9/+]{40}$/)
    expect(await keyRows('alice').count()).toBe(1)

    await click(page.getByRole('button', { name: 'Create access key for alice' }))
    const second = await newKey()
    expect(second.id).not.toBe(first.id)
    expect(await keyRows('alice').count()).toBe(2)
    const html = await page.content()
    expect(html).toContain(second.secret)
    expect(html).not.toContain(first.secret)

    await click(page.getByRole('button', { name: 'Create access key for alice' }))
    expect(await page.getByTestId('error-code').textContent()).toBe('LimitExceeded (HTTP 409)')
    expect(await page.getByTestId('error-message').textContent()).toBe(
      'Cannot exceed quota for AccessKeysPerUser: 2',
    )
    expect(await page.getByTestId('secret').isHidden()).toBe(true)
    expect(await keyRows('alice').count()).toBe(2)
    // The list shows ids only: neither secret is on the page any more.
    const after = await page.content()
    expect(after).toContain(first.id)
    expect(after).toContain(second.id)
    expect(after).not.toContain(first.secret)
    expect(after).not.toContain(second.secret)

    if (process.env['DEMO_SCREENSHOT']) {
      const path = fileURLToPath(new URL('../../docs/demo.png', import.meta.url))
      await mkdir(fileURLToPath(new URL('../../docs/', import.meta.url)), { recursive: true })
      await page.screenshot({ path, fullPage: true })
    }
  })

  it('deactivates and deletes keys, keeps the state across a reload and resets on demand', async () => {
    await createUser('bob')
    await click(page.getByRole('button', { name: 'Create access key for bob' }))
    const kept = await newKey()
    await click(page.getByRole('button', { name: 'Create access key for bob' }))
    const deleted = await newKey()

    await click(page.getByRole('button', { name: `Deactivate ${kept.id}` }))
    expect(
      await keyRows('bob').filter({ hasText: kept.id! }).locator('td').nth(1).textContent(),
    ).toBe('Inactive')
    expect(await page.getByRole('button', { name: `Activate ${kept.id}` }).count()).toBe(1)

    await click(page.getByRole('button', { name: `Delete ${deleted.id}` }))
    expect(await keyRows('bob').allTextContents()).toEqual([expect.stringContaining(kept.id!)])

    await click(page.getByRole('button', { name: 'Delete user bob' }))
    expect(await page.getByTestId('error-code').textContent()).toBe('DeleteConflict (HTTP 409)')
    expect(await page.getByTestId('error-message').textContent()).toBe(
      'Cannot delete entity, must delete access keys first.',
    )

    await createUser('BOB')
    expect(await page.getByTestId('error-message').textContent()).toBe(
      'User with name BOB already exists.',
    )

    await page.reload()
    await settled()
    expect(await keyRows('bob').allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`^${kept.id}Inactive`)),
    ])

    await click(page.getByRole('button', { name: 'Reset' }))
    expect(await user('bob').count()).toBe(0)
    expect(await page.getByText('No users yet.').isVisible()).toBe(true)
    await page.reload()
    await settled()
    expect(await page.getByText('No users yet.').isVisible()).toBe(true)
  })
})
