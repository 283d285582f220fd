import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIamServer, type IamServer } from '../../src/server/index.js'
import { parseXml, ROOT_KEY, useIam } from '../helpers.js'
import { signedPost } from '../signing.js'

/**
 * A signature covers the body's bytes, not its text: decoding a body as UTF-8 drops a leading BOM
 * and turns every invalid sequence into U+FFFD, so checking the decoded text accepted bytes the
 * client never signed and refused bytes it did. Each transport keeps the bytes it received.
 */

const iam = useIam({ verifySignatures: true })
let server: IamServer
beforeAll(async () => {
  server = await startIamServer({ verifySignatures: true })
})
afterAll(() => server?.close())

interface Signed {
  url: string
  headers: Record<string, string>
  body: Uint8Array<ArrayBuffer>
}

const transports: Record<
  string,
  { endpoint: () => string; send: (signed: Signed) => Promise<string> }
> = {
  'msw handlers (fetch)': {
    endpoint: () => 'https://iam.amazonaws.com/',
    send: async ({ url, headers, body }) =>
      (await fetch(url, { method: 'POST', headers, body })).text(),
  },
  'direct mode': {
    endpoint: () => 'https://iam.amazonaws.com/',
    send: async ({ url, headers, body }) => {
      const { hostname, pathname } = new URL(url)
      const { response } = await iam.requestHandler.handle({
        method: 'POST',
        protocol: 'https:',
        hostname,
        path: pathname,
        headers,
        body,
      })
      return new TextDecoder().decode(response.body)
    },
  },
  'msw-iam/server': {
    endpoint: () => `${server.url}/`,
    send: ({ headers, body }) =>
      new Promise((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: server.port, method: 'POST', path: '/', headers },
          (res) => {
            let text = ''
            res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
            res.on('end', () => resolve(text))
          },
        )
        req.on('error', reject)
        req.end(body)
      }),
  },
}

const encoder = new TextEncoder()
const LIST_USERS = encoder.encode('Action=ListUsers&Version=2010-05-08')

function bytes(...parts: (Uint8Array | number[])[]): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(parts.flatMap((part) => [...part]))
}

/** What the mock answered: the action's result element, or the error code. */
function outcome(xml: string): string {
  const parsed = parseXml(xml)
  return parsed.ErrorResponse?.Error?.Code ?? Object.keys(parsed)[0]
}

describe.each(Object.entries(transports))('through %s', (_, transport) => {
  it('verifies a body of raw non-UTF-8 bytes, signed as they are', async () => {
    const body = bytes(LIST_USERS, encoder.encode('&Note='), [0xff, 0xfe])
    const signed = await signedPost(transport.endpoint(), body, ROOT_KEY)
    expect(outcome(await transport.send(signed))).toBe('ListUsersResponse')
  })

  it('refuses a body with a BOM put in front of it after signing', async () => {
    const signed = await signedPost(transport.endpoint(), LIST_USERS, ROOT_KEY)
    expect(outcome(await transport.send(signed))).toBe('ListUsersResponse')
    const withBom = { ...signed, body: bytes([0xef, 0xbb, 0xbf], LIST_USERS) }
    expect(outcome(await transport.send(withBom))).toBe('SignatureDoesNotMatch')
  })

  it('refuses a body whose bytes EF BF BD were swapped for FF after signing', async () => {
    const prefix = encoder.encode('Action=ListUsers&Version=2010-05-08&Note=')
    const signed = await signedPost(
      transport.endpoint(),
      bytes(prefix, [0xef, 0xbf, 0xbd]),
      ROOT_KEY,
    )
    const swapped = { ...signed, body: bytes(prefix, [0xff]) }
    expect(outcome(await transport.send(swapped))).toBe('SignatureDoesNotMatch')
  })
})
