import { ListUsersCommand } from '@aws-sdk/client-iam'
import { http, HttpHandler, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, ROOT_KEY } from '../helpers.js'

// msw-iam's handlers match URLs with one regular expression instead of msw's path matching:
// these are the matches a user relies on, and the requests that must be left to other handlers.
const iam = createIamMock({
  endpoints: ['https://iam.example.test:8443', 'https://gateway.example.test/iam/'],
})

async function matched(method: string, url: string): Promise<boolean> {
  const request = new Request(url, {
    method,
    ...(method === 'POST' && { body: 'Action=ListUsers' }),
  })
  for (const handler of iam.handlers) if (await handler.test({ request })) return true
  return false
}

describe('which requests the handlers take', () => {
  it.each([
    ['POST', 'https://iam.amazonaws.com/'],
    ['POST', 'https://iam.amazonaws.com'],
    ['GET', 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'],
    ['POST', 'https://IAM.AmazonAWS.com:443/'],
    ['POST', 'https://iam.cn-north-1.amazonaws.com.cn/'],
    ['POST', 'https://sts.amazonaws.com/'],
    ['POST', 'https://sts.eu-west-1.amazonaws.com/'],
    ['POST', 'https://sts-fips.us-east-1.amazonaws.com/'],
    ['POST', 'https://sts.cn-northwest-1.amazonaws.com.cn/'],
    ['POST', 'https://iam.example.test:8443/'],
    ['POST', 'https://gateway.example.test/iam/'],
    ['POST', 'https://gateway.example.test/iam'],
    ['GET', 'https://gateway.example.test/iam/?Action=ListUsers'],
  ])('takes %s %s', async (method, url) => {
    expect(await matched(method, url)).toBe(true)
  })

  it.each([
    ['PUT', 'https://iam.amazonaws.com/'],
    ['DELETE', 'https://iam.amazonaws.com/'],
    ['POST', 'https://iam.amazonaws.com/other'],
    ['POST', 'https://iam.amazonaws.com.evil.test/'],
    ['POST', 'http://iam.amazonaws.com/'],
    ['POST', 'https://iam.example.test/'],
    ['POST', 'https://iam.example.test:8444/'],
    ['POST', 'https://gateway.example.test/'],
    ['POST', 'https://gateway.example.test/iam/users'],
    ['POST', 'https://gateway.example.test/iamx'],
    ['POST', 'https://sts.eu-west-1.amazonaws.com/other'],
  ])('leaves %s %s to other handlers', async (method, url) => {
    expect(await matched(method, url)).toBe(false)
  })

  it('are msw HTTP handlers, listed as http.post and http.get would be', () => {
    expect(iam.handlers.every((handler) => handler instanceof HttpHandler)).toBe(true)
    expect(iam.handlers.slice(0, 2).map((handler) => handler.info.header)).toEqual([
      'POST https://iam.amazonaws.com/',
      'GET https://iam.amazonaws.com/',
    ])
  })
})

describe('beside the suite’s own handlers', () => {
  const server = setupServer(
    ...iam.handlers,
    http.post('https://iam.amazonaws.com/other', async ({ request }) =>
      HttpResponse.text(`other got ${await request.text()}`),
    ),
  )
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())

  it('lets a later handler answer, body unread, what msw-iam does not take', async () => {
    const response = await fetch('https://iam.amazonaws.com/other', {
      method: 'POST',
      body: 'Action=ListUsers',
    })
    expect(await response.text()).toBe('other got Action=ListUsers')
  })

  it('gives way to an override the suite prepends with server.use', async () => {
    server.use(
      http.post('https://iam.amazonaws.com/', () =>
        HttpResponse.xml(
          '<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>',
          { status: 400 },
        ),
      ),
    )
    await expect(iamClient(ROOT_KEY).send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'Throttling',
      message: 'Rate exceeded',
    })
    server.resetHandlers()
    const { Users } = await iamClient(ROOT_KEY).send(new ListUsersCommand({}))
    expect(Users).toBeDefined()
  })
})
