import * as sdk from '@aws-sdk/client-iam'
import { createWebIdentityIssuer, setupIamWorker, type IamMockOptions } from 'msw-iam/browser'
import { ROOT_KEY, type SdkFailure } from '../../sdk-values.js'

/**
 * The page the browser tests drive: the real `@aws-sdk/client-iam` browser build against
 * msw-iam behind msw's service worker. The mock's options come from `?mock=<json>`.
 */
const options: IamMockOptions = JSON.parse(new URLSearchParams(location.search).get('mock') ?? '{}')
const { iam, worker } = setupIamWorker(options)
// @note Both names: msw 3 renamed onUnhandledRequest to onUnhandledFrame. Vite's own module
// requests pass through the worker too, so unhandled requests are not worth a warning.
await worker.start({
  quiet: true,
  onUnhandledRequest: 'bypass',
  onUnhandledFrame: 'bypass',
} as Parameters<typeof worker.start>[0])

type CommandName = {
  [K in keyof typeof sdk]: K extends `${string}Command` ? K : never
}[keyof typeof sdk]

export type { SdkFailure }

/**
 * What the tests call through `page.evaluate(() => window.iamPage.…)`. Each member must take and
 * return only what Playwright can serialise (JSON, Dates). Expose one more thing here.
 */
const iamPage = {
  /** Sends one SDK command as `sdk[command]`; `maxAttempts: 1`, since the SDK retries LimitExceeded. */
  async send(
    command: CommandName,
    input: object,
    credentials = ROOT_KEY,
  ): Promise<{ output: Record<string, unknown> } | { error: SdkFailure }> {
    const client = new sdk.IAMClient({ region: 'us-east-1', maxAttempts: 1, credentials })
    const Command = sdk[command] as unknown as new (
      input: object,
    ) => Parameters<typeof client.send>[0]
    try {
      return { output: { ...(await client.send(new Command(input))) } }
    } catch (error) {
      const { name, message, Code, Type, $fault, $metadata } = error as SdkFailure
      return { error: { name, message, Code, Type, $fault, $metadata: { ...$metadata } } }
    }
  },
  /** A raw Query request (form-encoded POST) to IAM through `fetch`. */
  async raw(
    body: string,
    headers: Record<string, string> = {},
    url = 'https://iam.amazonaws.com/',
  ): Promise<{
    status: number
    contentType: string | null
    requestId: string | null
    body: string
  }> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
      body,
    })
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      requestId: response.headers.get('x-amzn-requestid'),
      body: await response.text(),
    }
  },
  /**
   * Web identity federation in the page: a test issuer (jose, WebCrypto) that a role trusts, and
   * AssumeRoleWithWebIdentity as a raw, unsigned Query request. Answers the status and the body.
   */
  async webIdentity(sub: string): Promise<{ status: number; body: string }> {
    const issuer = await createWebIdentityIssuer({ url: 'https://oidc.browser.test' })
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/oidc.browser.test' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'oidc.browser.test:sub': 'browser-user' } },
        },
      ],
    })
    iam.restore({
      ...iam.snapshot(),
      OpenIDConnectProviders: [issuer.provider()],
      Roles: [{ RoleName: 'BrowserRole', AssumeRolePolicyDocument: trust }],
      RoleSessions: [],
    })
    const response = await fetch('https://sts.amazonaws.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({
        Action: 'AssumeRoleWithWebIdentity',
        Version: '2011-06-15',
        RoleArn: 'arn:aws:iam::123456789012:role/BrowserRole',
        RoleSessionName: 'in-the-browser',
        WebIdentityToken: await issuer.token({ sub }),
      }).toString(),
    })
    return { status: response.status, body: await response.text() }
  },
  snapshot: () => iam.snapshot(),
  reset: () => iam.reset(),
  actions: () => iam.calls.all.map((call) => call.action),
}

export type IamPage = typeof iamPage

declare global {
  interface Window {
    iamPage: IamPage
  }
}

window.iamPage = iamPage
document.body.dataset['ready'] = 'true'
