import { CreateUserCommand } from '@aws-sdk/client-iam'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startIamServer, type IamServer, type IamServerRequestLog } from '../../src/server/index.js'
import { iamClient } from '../helpers.js'
import { describeInChromium, launchChromium } from './chromium.js'

/**
 * A web page the developer visits while `msw-iam serve` runs, in real Chromium: what it can send
 * to the server on loopback (a no-cors fetch, a form POST, an image), and what a DNS-rebinding
 * page could read. The server must refuse all of it.
 */

const REBOUND = 'rebind.test'

let iam: IamServer
let attacker: Server
let attackerPort: number
let browser: Browser
const log: IamServerRequestLog[] = []

/** The attacking page: it fires its requests at msw-iam as soon as it loads. */
function attackPage(target: string): string {
  return `<!doctype html><body><iframe name="sink"></iframe><script>
    fetch('${target}/_msw-iam/reset', { method: 'POST', mode: 'no-cors' }).catch(() => {})
    const form = Object.assign(document.createElement('form'), {
      method: 'POST', action: '${target}/', target: 'sink',
    })
    for (const [name, value] of [['Action', 'CreateUser'], ['Version', '2010-05-08'], ['UserName', 'FromForm']]) {
      form.append(Object.assign(document.createElement('input'), { type: 'hidden', name, value }))
    }
    document.body.append(form)
    form.submit()
    new Image().src = '${target}/?Action=CreateUser&Version=2010-05-08&UserName=FromImage'
  </script></body>`
}

describeInChromium('a web page against msw-iam serve', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    iam = await startIamServer({ onRequest: (entry) => log.push(entry) })
    attacker = createServer((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end(attackPage(iam.url))
    })
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
    attackerPort = (attacker.address() as AddressInfo).port
    browser = await launchChromium([
      // The rebinding page's name resolves to loopback, as a rebound DNS answer would.
      `--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`,
      // @note Chromium's own Private (Local) Network Access checks stop an insecure page from
      // reaching loopback; Firefox and Safari have none, and a developer may grant it. Off here,
      // so that what is tested is msw-iam's own refusal.
      '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessChecks,BlockInsecurePrivateNetworkRequests',
    ])
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => attacker?.close(resolve))
    await iam?.close()
  })

  it('refuses the no-cors reset, the form POST and the image a cross-site page sends', async () => {
    await iamClient(undefined, { endpoint: iam.url }).send(
      new CreateUserCommand({ UserName: 'Kept' }),
    )
    log.length = 0
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      // Another site (localhost, not 127.0.0.1) on the same machine.
      await page.goto(`http://localhost:${attackerPort}/`)
      await expect.poll(() => log.length, { timeout: 30_000 }).toBe(3)
    } finally {
      await context.close()
    }
    expect(log.map(({ method, path, status }) => `${method} ${path} ${status}`).sort()).toEqual([
      'GET / 403',
      'POST / 403',
      'POST /_msw-iam/reset 403',
    ])
    expect(iam.mock.store.users().map((user) => user.UserName)).toEqual(['Kept'])
  })

  it('refuses a DNS-rebinding page its reads of /_msw-iam/state and /_msw-iam/calls', async () => {
    const origin = `http://${REBOUND}:${iam.port}`
    const context = await browser.newContext()
    try {
      // The page itself comes from the attacker (here: from the test); its requests then go to
      // its own origin, which now resolves to msw-iam.
      await context.route(`${origin}/`, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>rebound</title>' }),
      )
      const page = await context.newPage()
      await page.goto(`${origin}/`)
      const reads = await page.evaluate(async () =>
        Promise.all(
          ['/_msw-iam/state', '/_msw-iam/calls'].map(async (path) => {
            const response = await fetch(path)
            return { path, status: response.status, body: await response.text() }
          }),
        ),
      )
      for (const read of reads) {
        expect(read.status).toBe(403)
        expect(read.body).not.toContain('AKIA')
        expect(JSON.parse(read.body).error).toContain(`Host "${REBOUND}:${iam.port}"`)
      }
    } finally {
      await context.close()
    }
  })
})
