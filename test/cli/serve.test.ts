import { CreateAccessKeyCommand, CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { iamClient } from '../helpers.js'
import { CLI, run, serve } from './helpers.js'

// The `msw-iam` command itself, as built (dist/cli.js), run by the Node that runs the tests.
const dir = mkdtempSync(join(tmpdir(), 'msw-iam-serve-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the tests through npm test`)
})

function file(name: string, content: string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

const msw = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env } })

it('prints the URL and the root credentials to use, then one log line per request', async () => {
  const server = serve(['serve', '--port', '0'])
  const url = await server.url
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(server.stdout()).toContain(
    [
      'Root credentials (account 123456789012, from the fixture):',
      '  export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      '  export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ].join('\n'),
  )

  const client = iamClient(undefined, { endpoint: url })
  await client.send(new CreateUserCommand({ UserName: 'Bob' }))
  const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
  await client.send(new CreateUserCommand({ UserName: 'bob' })).catch(() => undefined)
  await server.waitFor(/EntityAlreadyExists/)
  const lines = server.stdout().trimEnd().split('\n').slice(-3)
  expect(lines).toEqual([
    expect.stringMatching(/^POST CreateUser arn:aws:iam::123456789012:root 200 [\d.]+ms$/),
    expect.stringMatching(/^POST CreateAccessKey arn:aws:iam::123456789012:root 200 [\d.]+ms$/),
    expect.stringMatching(
      /^POST CreateUser arn:aws:iam::123456789012:root 409 EntityAlreadyExists [\d.]+ms$/,
    ),
  ])
  expect(server.stdout()).not.toContain(AccessKey!.SecretAccessKey)
  expect(server.stderr()).toBe('')
})

it('stops cleanly on SIGTERM and on SIGINT, with exit code 0', async () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const server = serve(['serve', '--port', '0', '--quiet'])
    const url = await server.url
    await fetch(`${url}/_msw-iam/health`)
    server.child.kill(signal)
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(server.stdout()).toContain(`msw-iam: ${signal} received, stopping\nmsw-iam: stopped\n`)
    expect(server.stderr()).toBe('')
    await expect(fetch(`${url}/_msw-iam/health`)).rejects.toThrow()
  }
})

it('reads every flag from its environment variable, and a flag wins over it', async () => {
  const fixtures = file(
    'env.json',
    JSON.stringify({ Users: [{ UserName: 'from-env' }], Root: { AccessKeys: [] } }),
  )
  const server = serve(['serve', '--host', '127.0.0.1'], {
    MSW_IAM_PORT: '0',
    MSW_IAM_HOST: 'not-a-host.invalid',
    MSW_IAM_DIALECT: 'aws',
    MSW_IAM_FIXTURES: fixtures,
    MSW_IAM_SEED: '42',
    MSW_IAM_QUIET: 'true',
  })
  const url = await server.url
  const client = iamClient(undefined, { endpoint: url })
  expect((await client.send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toEqual([
    'from-env',
  ])
  // Seeded: the same seed mints the same ids, run after run.
  const seededId = (await (await fetch(`${url}/_msw-iam/state`)).json()).users[0].UserId
  const again = serve(['serve', '--port', '0', '--seed', '42', '--fixtures', fixtures, '--quiet'])
  const againState = await (await fetch(`${await again.url}/_msw-iam/state`)).json()
  expect(againState.users[0].UserId).toBe(seededId)
  // Quiet: the banner only. No root key in the fixture: the banner says what acts as root.
  expect(server.stdout()).not.toMatch(/^(GET|POST) /m)
  expect(server.stdout()).toContain('no active access key')
  expect(server.stdout()).not.toContain('AWS_SECRET_ACCESS_KEY')
})

it('rejects a bad flag or environment variable with one line on stderr and exit code 2', async () => {
  const cases: Array<[string[], NodeJS.ProcessEnv, string]> = [
    [['serve', '--prot', '1'], {}, "msw-iam: Unknown option '--prot' (see msw-iam --help)\n"],
    [
      ['serve', '--port'],
      {},
      "msw-iam: Option '--port <value>' argument missing (see msw-iam --help)\n",
    ],
    [
      ['serve', '--port', '70000'],
      {},
      'msw-iam: --port must be an integer from 0 to 65535 (got "70000")\n',
    ],
    [
      ['serve'],
      { MSW_IAM_PORT: 'http' },
      'msw-iam: MSW_IAM_PORT must be an integer from 0 to 65535 (got "http")\n',
    ],
    [
      ['serve'],
      { MSW_IAM_QUIET: 'maybe' },
      'msw-iam: MSW_IAM_QUIET must be true or false (got "maybe")\n',
    ],
    [
      ['serve', '--seed', '1.5'],
      {},
      'msw-iam: --seed must be an integer from 0 to 2147483647 (got "1.5")\n',
    ],
    [['serve', '--dialect', 'klingon', '--port', '0'], {}, 'msw-iam: unknown dialect "klingon"\n'],
    [[], {}, 'msw-iam: missing command: msw-iam serve [options] (see msw-iam --help)\n'],
    [['start'], {}, 'msw-iam: unknown command "start" (see msw-iam --help)\n'],
  ]
  const results = await Promise.all(cases.map(([args, env]) => msw(args, env)))
  results.forEach((result, i) => {
    expect({ args: cases[i]![0], ...result }).toEqual({
      args: cases[i]![0],
      code: 2,
      signal: null,
      stdout: '',
      stderr: cases[i]![2],
    })
  })
})

it('rejects a fixture file it cannot use with one line on stderr and exit code 2', async () => {
  const notJson = file('broken.json', '{\n  "Users": [\n')
  const invalid = file('invalid.json', JSON.stringify({ Users: [{ UserName: 'a b' }] }))
  const cases: Array<[string, RegExp]> = [
    [
      join(dir, 'missing.json'),
      /^msw-iam: cannot read fixture file \S+missing\.json: no such file\n$/,
    ],
    [dir, /^msw-iam: cannot read fixture file \S+: is a directory\n$/],
    [notJson, /^msw-iam: fixture file \S+broken\.json is not valid JSON: [^\n]+\n$/],
    [
      invalid,
      /^msw-iam: \S+invalid\.json: Invalid msw-iam fixture: Users\[0\]\.UserName: [^\n]+\(got "a b"\)\n$/,
    ],
  ]
  const results = await Promise.all(
    cases.map(([path]) => msw(['serve', '--port', '0', '--fixtures', path])),
  )
  results.forEach((result, i) => {
    expect(result.stderr).toMatch(cases[i]![1])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
  })
})

it('exits with code 1 and one line when the port is taken', async () => {
  const blocker = createServer()
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  const { port } = blocker.address() as { port: number }
  try {
    const result = await msw(['serve', '--port', String(port)])
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^msw-iam: cannot start the server: [^\n]*\(EADDRINUSE\)\n$/),
    })
  } finally {
    blocker.close()
  }
})

it('prints its usage with --help and its version with --version', async () => {
  const [help, version] = await Promise.all([msw(['--help']), msw(['serve', '--version'])])
  expect(help.code).toBe(0)
  expect(help.stdout).toMatch(/^Usage: msw-iam serve \[options\]/)
  for (const env of [
    'MSW_IAM_PORT',
    'MSW_IAM_HOST',
    'MSW_IAM_ALLOW_HOST',
    'MSW_IAM_DIALECT',
    'MSW_IAM_FIXTURES',
  ]) {
    expect(help.stdout).toContain(`[${env}]`)
  }
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
  expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' })
})

it('serves admin routes, refuses an oversized body and survives malformed HTTP as a process', async () => {
  const server = serve(['serve', '--port', '0'])
  const url = await server.url
  const { port } = new URL(url)
  await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=CreateUser&Version=2010-05-08&UserName=Bob',
  })
  const state = await (await fetch(`${url}/_msw-iam/state`)).json()
  expect(state.users.map((u: { UserName: string }) => u.UserName)).toEqual(['Bob'])

  // Announced, not sent: the refusal comes before the body.
  const tooLarge = await new Promise<number>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-length': 1024 * 1024 + 1 } })
    req.on('response', (res) => resolve(res.resume().statusCode!)).on('error', reject)
    req.flushHeaders()
  })
  expect(tooLarge).toBe(413)

  const reply = await new Promise<string>((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () =>
      socket.write('\x00\x01 nonsense\r\n\r\n'),
    )
    let text = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
    socket.on('close', () => resolve(text))
  })
  expect(reply).toMatch(/^HTTP\/1\.1 400 /)

  expect((await fetch(`${url}/_msw-iam/reset`, { method: 'POST' })).status).toBe(200)
  expect((await (await fetch(`${url}/_msw-iam/state`)).json()).users).toEqual([])
  expect((await fetch(`${url}/_msw-iam/health`)).status).toBe(200)
  await server.waitFor(/^POST \/_msw-iam\/reset - 200/)
  expect(server.stdout()).toMatch(/^POST \/ - 413 RequestEntityTooLarge [\d.]+ms$/m)
  expect(server.child.exitCode).toBeNull()
})

/** A GET of `path` sent to `url`'s port with the given Host; resolves with the status. */
function statusFor(url: string, host: string, path = '/_msw-iam/health'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { path, headers: { host } }, (res) =>
      resolve(res.resume().statusCode!),
    )
    req.on('error', reject)
    req.end()
  })
}

it('answers for the Hosts --allow-host or MSW_IAM_ALLOW_HOST names, and refuses others', async () => {
  const flagged = serve(['serve', '--port', '0', '--quiet', '--allow-host', 'iam, .svc.test'])
  const fromEnv = serve(['serve', '--port', '0', '--quiet'], { MSW_IAM_ALLOW_HOST: 'iam.env' })
  const [flagUrl, envUrl] = await Promise.all([flagged.url, fromEnv.url])
  expect(await statusFor(flagUrl, 'iam:4599')).toBe(200)
  expect(await statusFor(flagUrl, 'a.svc.test')).toBe(200)
  expect(await statusFor(flagUrl, 'localhost')).toBe(200)
  expect(await statusFor(flagUrl, 'iam.env')).toBe(403)
  expect(await statusFor(envUrl, 'iam.env')).toBe(200)
  expect(await statusFor(envUrl, 'iam')).toBe(403)
})

it('escapes control characters in its log lines, so a request can neither forge a line nor drive the terminal', async () => {
  const server = serve(['serve', '--port', '0'])
  const url = await server.url
  const forged = 'ListUsers\nPOST CreateAccessKey arn:aws:iam::123456789012:root 200 1.0ms'
  const escapes = '\u001b[2J\u001b[31mRED\u009b1m\u2028\u202e'
  for (const action of [forged, escapes, 'back\\slash']) {
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Action: action, Version: '2010-05-08' }).toString(),
    })
  }
  await server.waitFor(/slash/)
  const lines = server.stdout().trimEnd().split('\n').slice(-3)
  expect(lines).toEqual([
    expect.stringMatching(
      /^POST ListUsers\\nPOST CreateAccessKey arn:aws:iam::123456789012:root 200 1\.0ms arn:aws:iam::123456789012:root 400 InvalidAction [\d.]+ms$/,
    ),
    expect.stringMatching(
      /^POST \\x1b\[2J\\x1b\[31mRED\\x9b1m\\u2028\\u202e arn:aws:iam::123456789012:root 400 InvalidAction [\d.]+ms$/,
    ),
    expect.stringMatching(/^POST back\\\\slash arn:aws:iam::123456789012:root 400 InvalidAction /),
  ])
  expect(server.stdout()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202e]/)
})
