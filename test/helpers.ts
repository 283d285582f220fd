import { IAMClient, type IAMClientConfig } from '@aws-sdk/client-iam'
import { XMLParser } from 'fast-xml-parser'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { createIamMock, type IamMock, type IamMockOptions } from '../src/index.js'

import { ROOT_KEY, type SdkFailure } from './sdk-values.js'

export { ROOT_KEY }

/**
 * A mock served by a real msw setupServer for the whole file, reset after each test, the way a
 * user's suite would wire it.
 */
export function useIam(options: IamMockOptions = {}): IamMock {
  const iam = createIamMock(options)
  const server = setupServer(...iam.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    iam.reset()
  })
  afterAll(() => server.close())
  return iam
}

/**
 * A real SDK client. `maxAttempts: 1` because the SDK retries IAM's LimitExceeded as throttling
 * (3 attempts, 1–2 s) and 5xx answers.
 */
export function iamClient(
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = ROOT_KEY,
  config: IAMClientConfig = {},
): IAMClient {
  return new IAMClient({ region: 'us-east-1', maxAttempts: 1, credentials, ...config })
}

/** The SDK error a promise rejects with (fails the test if it resolves). */
export async function sdkError(promise: Promise<unknown>): Promise<SdkFailure> {
  try {
    await promise
  } catch (error) {
    return error as never
  }
  throw new Error('expected the call to fail, but it succeeded')
}

/** A user's access key for fixtures, derived from its name (`AKIABOBXXXXXXXXXXXXX`). */
export function userKey(name: string): { AccessKeyId: string; SecretAccessKey: string } {
  return {
    AccessKeyId: `AKIA${name.toUpperCase().padEnd(16, 'X')}`,
    SecretAccessKey: `${name}-secret`,
  }
}

/** A client signing with `userKey(name)`. */
export function clientAs(name: string): IAMClient {
  const { AccessKeyId, SecretAccessKey } = userKey(name)
  return iamClient({ accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey })
}

/** The message of the AccessDenied (403) a call fails with (fails the test otherwise). */
export async function accessDenied(promise: Promise<unknown>): Promise<string> {
  const error = await sdkError(promise)
  expect([error.Code, error.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403])
  return error.message
}

/** Sends a raw Query request to IAM through fetch (MSW intercepts it). */
export async function rawIam(
  params: Record<string, string> | string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; url?: string } = {},
): Promise<{ status: number; headers: Headers; body: string; xml: Record<string, any> }> {
  const query = typeof params === 'string' ? params : new URLSearchParams(params).toString()
  const url = init.url ?? 'https://iam.amazonaws.com/'
  const method = init.method ?? 'POST'
  const response =
    method === 'GET'
      ? await fetch(`${url}?${query}`, { headers: init.headers })
      : await fetch(url, {
          method,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
          body: query,
        })
  const body = await response.text()
  return { status: response.status, headers: response.headers, body, xml: parseXml(body) }
}

const parser = new XMLParser({
  htmlEntities: true,
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => name === 'member',
})

export function parseXml(body: string): Record<string, any> {
  return parser.parse(body, true)
}

/** A role trust policy of one Allow statement (`Principal`, `Action`, `Condition`…), as JSON. */
export function trustPolicy(statement: Record<string, unknown>): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', ...statement }],
  })
}
