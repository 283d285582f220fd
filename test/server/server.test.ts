import { CreateAccessKeyCommand, CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import {
  MAX_BODY_BYTES,
  startIamServer,
  type IamServer,
  type IamServerRequestLog,
} from '../../src/server/index.js'
import { iamClient, parseXml } from '../helpers.js'

const logged: IamServerRequestLog[] = []
let server: IamServer
beforeAll(async () => {
  server = await startIamServer({ onRequest: (entry) => logged.push(entry) })
})
afterEach(() => {
  server.mock.reset()
  logged.length = 0
})
afterAll(() => server.close())

/** One raw HTTP exchange, with full control over headers (Host included). */
function exchange(
  options: { method?: string; path?: string; headers?: Record<string, string | number> },
  write?: (req: ReturnType<typeof httpRequest>) => void,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, method: 'POST', path: '/', ...options },
      (res) => {
        let body = ''
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    if (write) write(req)
    else req.end()
  })
}

const form = (params: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ Version: '2010-05-08', ...params }).toString(),
})

function post(path: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  const { body, headers: base } = form(params)
  return exchange({ path, headers: { ...base, ...headers } }, (req) => req.end(body))
}

async function getJson(path: string, method = 'GET'): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.url}${path}`, { method })
  return { status: response.status, json: await response.json() }
}

/** A raw TCP exchange: whatever bytes, and everything the server sends back until it closes. */
function rawTcp(bytes: string, { closeAfterWrite = false } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => {
      socket.write(bytes)
      if (closeAfterWrite) socket.destroy()
    })
    let received = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk))
    socket.on('close', () => resolve(received))
    socket.on('error', reject)
  })
}

it('serves the real SDK over HTTP at server.url, on 127.0.0.1 and a free port by default', async () => {
  expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
  expect(server.port).toBeGreaterThan(0)
  const client = iamClient(undefined, { endpoint: server.url })
  await client.send(new CreateUserCommand({ UserName: 'Bob' }))
  const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
  expect(server.mock.store.user('Bob')?.AccessKeys[0]?.AccessKeyId).toBe(AccessKey?.AccessKeyId)
})

it('answers for loopback names and IP addresses, with query strings kept', async () => {
  const hosts = {
    viaName: `localhost:${server.port}`,
    viaAddress: `127.0.0.1:${server.port}`,
    viaSubdomain: `app.localhost:${server.port}`,
    viaIPv6: `[::1]:${server.port}`,
    viaForwarded: '192.0.2.7:4599',
    viaUpperCase: `LOCALHOST:${server.port}`,
  }
  for (const [userName, host] of Object.entries(hosts)) {
    const response = await post('/', { Action: 'CreateUser', UserName: userName }, { host })
    expect({ host, status: response.status }).toEqual({ host, status: 200 })
  }
  const viaGet = await exchange({
    method: 'GET',
    path: '/?Action=ListUsers&Version=2010-05-08&MaxItems=1',
    headers: { host: `localhost:${server.port}` },
  })
  expect(parseXml(viaGet.body).ListUsersResponse.ListUsersResult).toMatchObject({
    IsTruncated: 'true',
    Users: { member: [{ UserName: 'viaAddress' }] },
  })
})

it('refuses a request for any other Host, so that a DNS-rebinding page can neither read nor change it', async () => {
  for (const host of [`rebind.example:${server.port}`, '127.0.0.1.nip.io', 'localhost.example']) {
    const call = await post('/', { Action: 'CreateUser', UserName: 'Rebound' }, { host })
    expect(call.status).toBe(403)
    expect(parseXml(call.body).ErrorResponse.Error).toEqual({
      Type: 'Sender',
      Code: 'AccessDenied',
      Message: `msw-iam refused a request for Host "${host}": it answers for loopback names, IP addresses and the names given to --allow-host (MSW_IAM_ALLOW_HOST, or startIamServer's allowedHosts), so that no DNS-rebinding web page can reach it.`,
    })
    for (const route of ['state', 'calls']) {
      const read = await exchange({ method: 'GET', path: `/_msw-iam/${route}`, headers: { host } })
      expect(read.status).toBe(403)
      expect(JSON.parse(read.body)).toEqual({ error: expect.stringContaining('refused') })
    }
  }
  expect(server.mock.store.users()).toEqual([])
  expect(server.mock.calls.length).toBe(0)
  expect(logged.at(-1)).toMatchObject({ status: 403, errorCode: 'AccessDenied' })
})

it('answers for the names given in allowedHosts: exact, .suffix for subdomains, or *', async () => {
  const named = await startIamServer({ allowedHosts: ['iam', '.svc.test', 'Proxy.Example:8080'] })
  const any = await startIamServer({ allowedHosts: ['*'] })
  try {
    const status = async (target: IamServer, host: string) =>
      (
        await new Promise<{ status: number }>((resolve, reject) => {
          const req = httpRequest(
            { host: '127.0.0.1', port: target.port, path: '/_msw-iam/health', headers: { host } },
            (res) => resolve({ status: res.resume().statusCode! }),
          )
          req.on('error', reject)
          req.end()
        })
      ).status
    expect(await status(named, 'iam:4599')).toBe(200)
    expect(await status(named, 'svc.test')).toBe(200)
    expect(await status(named, 'iam.svc.test')).toBe(200)
    expect(await status(named, 'proxy.example')).toBe(200)
    expect(await status(named, 'iam.other')).toBe(403)
    expect(await status(named, 'notsvc.test')).toBe(403)
    expect(await status(any, 'anything.example')).toBe(200)
  } finally {
    await Promise.all([named.close(), any.close()])
  }
})

it('refuses what web pages send: a foreign Origin, or Sec-Fetch-Site other than same-origin or none', async () => {
  await post('/', { Action: 'CreateUser', UserName: 'Kept' })
  const own = `http://127.0.0.1:${server.port}`
  const refused: Record<string, string>[] = [
    { origin: 'https://evil.example' }, // a no-cors fetch or form POST from a page
    { origin: 'null' }, // a sandboxed frame, a file: page
    { origin: `http://localhost:${server.port}` }, // another origin of the same machine
    { 'sec-fetch-site': 'cross-site' }, // an <img src> (no Origin on a GET)
    { 'sec-fetch-site': 'same-site' }, // a page on another local port
  ]
  for (const headers of refused) {
    const reset = await exchange({ path: '/_msw-iam/reset', headers })
    expect({ headers, status: reset.status }).toEqual({ headers, status: 403 })
    expect(JSON.parse(reset.body).error).toMatch(
      /^msw-iam refused a request (from|a web page made)/,
    )
    const created = await post('/', { Action: 'CreateUser', UserName: 'FromPage' }, headers)
    expect(parseXml(created.body).ErrorResponse.Error.Code).toBe('AccessDenied')
  }
  expect(server.mock.store.users().map((user) => user.UserName)).toEqual(['Kept'])
  // A URL typed into the address bar (none), and a page of the server's own origin.
  const typed = await getJson('/_msw-iam/state')
  expect(typed.status).toBe(200)
  const allowed: Record<string, string>[] = [
    { 'sec-fetch-site': 'none' },
    { origin: own, 'sec-fetch-site': 'same-origin' },
  ]
  for (const headers of allowed) {
    expect((await exchange({ method: 'GET', path: '/_msw-iam/health', headers })).status).toBe(200)
  }
})

it('answers CONNECT with 405 instead of closing the connection unanswered', async () => {
  const reply = await rawTcp('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n')
  expect(reply).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/)
  expect(reply).toContain('\r\nAllow: GET, HEAD, POST\r\n')
  expect(reply).toContain('msw-iam: not a proxy')
  expect(logged.at(-1)).toMatchObject({ method: 'CONNECT', path: 'example.com:443', status: 405 })
  expect((await getJson('/_msw-iam/health')).status).toBe(200)
})

it('logs each request with method, action, caller, status and time, and never a secret', async () => {
  const client = iamClient(undefined, { endpoint: server.url })
  await client.send(new CreateUserCommand({ UserName: 'Bob' }))
  const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
  await client.send(new CreateUserCommand({ UserName: 'bob' })).catch(() => undefined)
  await getJson('/_msw-iam/health')
  expect(logged).toEqual([
    {
      method: 'POST',
      path: '/',
      action: 'CreateUser',
      caller: 'arn:aws:iam::123456789012:root',
      status: 200,
      errorCode: undefined,
      ms: expect.any(Number),
    },
    expect.objectContaining({ action: 'CreateAccessKey', status: 200 }),
    expect.objectContaining({
      action: 'CreateUser',
      status: 409,
      errorCode: 'EntityAlreadyExists',
    }),
    expect.objectContaining({ method: 'GET', path: '/_msw-iam/health', status: 200 }),
  ])
  expect(JSON.stringify(logged)).not.toContain(AccessKey!.SecretAccessKey)
})

it('logs action, caller and error code with the journal off, from the answer itself', async () => {
  const lines: IamServerRequestLog[] = []
  const quiet = await startIamServer({ journalLimit: 0, onRequest: (entry) => lines.push(entry) })
  try {
    const client = iamClient(undefined, { endpoint: quiet.url })
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    await client.send(new CreateUserCommand({ UserName: 'Bob' })).catch(() => undefined)
    expect(quiet.mock.calls.all).toEqual([])
    expect(lines).toEqual([
      expect.objectContaining({
        action: 'CreateUser',
        caller: 'arn:aws:iam::123456789012:root',
        status: 200,
        errorCode: undefined,
      }),
      expect.objectContaining({
        action: 'CreateUser',
        caller: 'arn:aws:iam::123456789012:root',
        status: 409,
        errorCode: 'EntityAlreadyExists',
      }),
    ])
  } finally {
    await quiet.close()
  }
})

it('reports health and dumps the state without secrets on its admin routes', async () => {
  const client = iamClient(undefined, { endpoint: server.url })
  await client.send(new CreateUserCommand({ UserName: 'Bob' }))
  const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))

  expect(await getJson('/_msw-iam/health')).toEqual({
    status: 200,
    json: { status: 'ok', dialect: 'aws' },
  })
  const state = await getJson('/_msw-iam/state')
  expect(state.json).toMatchObject({
    accountId: '123456789012',
    partition: 'aws',
    rootAccessKeys: [{ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Active' }],
    users: [{ UserName: 'Bob', AccessKeys: [{ AccessKeyId: AccessKey!.AccessKeyId }] }],
  })
  const calls = await getJson('/_msw-iam/calls')
  expect(calls.json.map((call: { action: string }) => call.action)).toEqual([
    'CreateUser',
    'CreateAccessKey',
  ])
  const dumps = JSON.stringify([state.json, calls.json])
  expect(dumps).not.toContain(AccessKey!.SecretAccessKey)
  expect(dumps).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')
})

it('resets to the fixture on POST /_msw-iam/reset, and refuses other methods there', async () => {
  await post('/', { Action: 'CreateUser', UserName: 'Bob' })
  expect(await getJson('/_msw-iam/reset')).toEqual({
    status: 405,
    json: { error: '/_msw-iam/reset answers POST only' },
  })
  expect(server.mock.store.users()).toHaveLength(1)
  expect(await getJson('/_msw-iam/reset', 'POST')).toEqual({
    status: 200,
    json: { status: 'reset' },
  })
  expect(server.mock.store.users()).toEqual([])
})

it('answers 404 for unknown admin routes and paths IAM does not serve, 405 for other methods on /', async () => {
  const admin = await getJson('/_msw-iam/nope')
  expect(admin.status).toBe(404)
  expect(admin.json.routes).toContain('POST /_msw-iam/reset')
  const other = await exchange({ method: 'PUT', path: '/bucket/key' })
  expect(other.status).toBe(404)
  expect(other.body).toContain('no IAM operation at PUT /bucket/key')
  for (const method of ['TRACE', 'PUT', 'DELETE', 'OPTIONS']) {
    const atRoot = await exchange({ method, path: '/' })
    expect({ method, status: atRoot.status, allow: atRoot.headers.allow }).toEqual({
      method,
      status: 405,
      allow: 'GET, POST',
    })
  }
  const odd = await rawTcp(
    'GET /?Action=ListUsers&Version=2010-05-08 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Odd: caf\xe9\r\nConnection: close\r\n\r\n',
  )
  expect(odd).toMatch(/^HTTP\/1\.1 200 /)
})

it('refuses a body announced larger than 1 MiB before reading it, with an IAM error', async () => {
  // Only the headers are sent: the answer comes without a byte of the body.
  const response = await exchange(
    {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': MAX_BODY_BYTES + 1,
      },
    },
    (req) => req.flushHeaders(),
  )
  expect(response.status).toBe(413)
  expect(response.headers.connection).toBe('close')
  expect(parseXml(response.body).ErrorResponse.Error).toEqual({
    Type: 'Sender',
    Code: 'RequestEntityTooLarge',
    Message: `Request body exceeds the limit of ${MAX_BODY_BYTES} bytes.`,
  })
  expect(server.mock.calls.length).toBe(0)
  expect(logged[0]).toMatchObject({ status: 413, errorCode: 'RequestEntityTooLarge' })
})

const chunk = Buffer.alloc(64 * 1024, 'A')

it('refuses a streamed body as soon as it passes 1 MiB, and keeps serving', async () => {
  let sent = 0
  const response = await exchange({ headers: { 'transfer-encoding': 'chunked' } }, (req) => {
    // Keeps streaming until the server answers; never ends the body.
    const pump = () => {
      while (sent <= 4 * MAX_BODY_BYTES && req.write(chunk)) sent += chunk.length
      if (sent <= 4 * MAX_BODY_BYTES) req.once('drain', pump)
    }
    req.on('response', () => req.off('drain', pump))
    req.on('error', () => undefined)
    pump()
  })
  expect(response.status).toBe(413)
  expect(response.body).toContain('<Code>RequestEntityTooLarge</Code>')
  expect((await post('/', { Action: 'ListUsers' })).status).toBe(200)
})

const refusedBody = { before: Math.ceil(MAX_BODY_BYTES / chunk.length) + 1, after: 32 }
it.each([
  ['streamed', { 'transfer-encoding': 'chunked' }],
  ['announced', { 'content-length': (refusedBody.before + refusedBody.after) * chunk.length }],
])(
  'reads and discards what a refused client still sends (%s body), so it never meets a reset',
  async (_, headers) => {
    const errors: Error[] = []
    let closed: Promise<unknown> | undefined
    const response = await exchange({ headers }, (req) => {
      req.on('error', (error) => errors.push(error))
      closed = new Promise((resolve) => req.on('close', resolve))
      req.on('response', () => {
        // Still uploading after the refusal: 2 MiB more, then the end of the body.
        for (let i = 0; i < refusedBody.after; i++) req.write(chunk)
        req.end()
      })
      for (let i = 0; i < refusedBody.before; i++) req.write(chunk)
    })
    await closed
    expect(response.status).toBe(413)
    expect(errors).toEqual([])
  },
)

it('tells a client that expects 100-continue that its body is too large instead of continuing', async () => {
  const response = await exchange(
    { headers: { expect: '100-continue', 'content-length': 2 * MAX_BODY_BYTES } },
    (req) => {
      req.on('continue', () => req.destroy(new Error('the server asked for the body')))
      req.flushHeaders()
    },
  )
  expect(response.status).toBe(413)
})

it('reads a body of just under 1 MiB', async () => {
  const { body, headers } = form({ Action: 'CreateUser', UserName: 'Bob' })
  const padded = `${body}&Padding=${'x'.repeat(MAX_BODY_BYTES - body.length - 9)}`
  expect(Buffer.byteLength(padded)).toBe(MAX_BODY_BYTES)
  const response = await exchange({ headers }, (req) => req.end(padded))
  expect(response.status).toBe(200)
  expect(server.mock.store.user('Bob')).toBeDefined()
})

it('answers malformed HTTP with 400 and keeps serving', async () => {
  expect(await rawTcp('GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
  // The answer reaches a client still sending: what follows is read and discarded, not reset.
  const junk = 'x'.repeat(1024 * 1024)
  expect(await rawTcp(`GARBAGE\r\n\r\n${junk}`)).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
  expect(await rawTcp('POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/)
  const hugeHeader = `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(1024 * 1024)}\r\n\r\n`
  expect(await rawTcp(hugeHeader)).toMatch(/^HTTP\/1\.1 431 /)
  expect((await getJson('/_msw-iam/health')).status).toBe(200)
})

it('survives a client that disconnects in the middle of its body, and records nothing', async () => {
  await rawTcp(
    'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      'Content-Length: 1000\r\n\r\nAction=CreateUser&Version=2010-05-08&UserName=Half',
    { closeAfterWrite: true },
  )
  expect((await getJson('/_msw-iam/health')).status).toBe(200)
  expect(server.mock.calls.length).toBe(0)
  expect(server.mock.store.user('Half')).toBeUndefined()
})

it('listens on the given port and host, and stops accepting connections once closed', async () => {
  const other = await startIamServer({ host: 'localhost', port: 0 })
  const client = iamClient(undefined, { endpoint: other.url })
  expect((await client.send(new ListUsersCommand({}))).Users).toEqual([])
  await other.close()
  await expect(fetch(`${other.url}/_msw-iam/health`)).rejects.toThrow()
  const taken = startIamServer({ port: server.port })
  await expect(taken).rejects.toMatchObject({ code: 'EADDRINUSE' })
})

it('throws a bad fixture or dialect before it listens', async () => {
  await expect(startIamServer({ fixtures: { AccountId: '12' } })).rejects.toThrow(
    'Invalid msw-iam fixture: AccountId: must be 12 digits',
  )
  await expect(startIamServer({ dialect: 'klingon' as never })).rejects.toThrow(TypeError)
})
