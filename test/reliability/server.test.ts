import { readFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES, startIamServer, type IamServer } from '../../src/server/index.js'
import { serve } from '../cli/helpers.js'
import { iamClient, ROOT_KEY } from '../helpers.js'

/**
 * The load test's memory bounds (see SECURITY.md). The server runs with V8's old space capped at
 * 64 MiB, so state or garbage that grew with every request (a leak of 7 KiB per request over the
 * 15,000 requests) would crash it; its RSS growth over the measured 10,000 requests, after a
 * 5,000-request warm-up, stays under 32 MiB (about 2 MiB here).
 */
const HEAP_LIMIT_MIB = 64
const RSS_GROWTH_LIMIT_MIB = 32

/** The RSS of a process, in MiB, from /proc. */
async function rssMiB(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024
}

let server: IamServer
beforeAll(async () => {
  server = await startIamServer({ port: 0 })
})
afterAll(() => server?.close())

function openSocket(): Promise<import('node:net').Socket> {
  const { port } = server
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket))
    socket.on('error', reject)
  })
}

describe('the standalone server', () => {
  it('binds 127.0.0.1 unless told otherwise', () => {
    expect(server.host).toBe('127.0.0.1')
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
  })

  it('keeps serving others while slow or broken clients hold connections', async () => {
    const slow = await openSocket()
    slow.write(
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n',
    )
    const trickle = await openSocket()
    trickle.write(
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nAction=Lis',
    )
    const garbage = await openSocket()
    garbage.write('\u0000\u0001 not http at all \r\n\r\n')
    const half = await openSocket()
    half.end('GET /?Action=ListUsers&Version=2010-05-08 HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    try {
      const client = iamClient(ROOT_KEY, { endpoint: server.url })
      for (let i = 0; i < 20; i++) {
        await client.send(new CreateUserCommand({ UserName: `while-stalled-${i}` }))
      }
      const { Users } = await client.send(new ListUsersCommand({}))
      expect(Users).toHaveLength(20)
    } finally {
      for (const socket of [slow, trickle, garbage, half]) socket.destroy()
      server.mock.reset()
    }
  }, 30_000)

  it('answers 10,000 requests, 50 at a time, with no error and bounded memory (msw-iam serve)', async () => {
    const running = serve(['serve', '--port', '0', '--quiet'], {}, [
      `--max-old-space-size=${HEAP_LIMIT_MIB}`,
    ])
    const url = await running.url
    const body = (params: Record<string, string>) =>
      new URLSearchParams({ Version: '2010-05-08', ...params }).toString()
    const request = (i: number) => {
      const name = `load-${i % 500}`
      switch (i % 5) {
        case 0:
          return body({ Action: 'CreateUser', UserName: name })
        case 1:
          return body({ Action: 'GetUser', UserName: name })
        case 2:
          return body({ Action: 'CreateAccessKey', UserName: name })
        case 3:
          return body({ Action: 'ListUsers', MaxItems: '20' })
        default:
          return body({ Action: 'ListAccessKeys', UserName: name })
      }
    }
    const statuses = new Map<number, number>()
    let failures = 0
    const load = async (count: number) => {
      let next = 0
      const worker = async () => {
        while (next < count) {
          const i = next++
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: request(i),
            })
            await response.text()
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
          } catch {
            failures++
          }
        }
      }
      await Promise.all(Array.from({ length: 50 }, worker))
    }
    await load(5_000) // warm-up: the heap grows towards its working size
    const rssBefore = await rssMiB(running.child.pid)
    statuses.clear()
    await load(10_000)
    const growth = (await rssMiB(running.child.pid)) - rssBefore
    expect(failures).toBe(0)
    // Every answer is a documented IAM answer: successes, and what racing the same names
    // provokes (NoSuchEntity before a user exists, quota and duplicate conflicts); never a 5xx.
    expect([...statuses.keys()].filter((status) => ![200, 404, 409].includes(status))).toEqual([])
    expect([...statuses.values()].reduce((a, b) => a + b)).toBe(10_000)
    console.info(`server RSS growth over 10,000 requests: ${growth.toFixed(1)} MiB`)
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT_MIB)
    running.child.kill('SIGTERM')
    expect((await running.exited).code).toBe(0)
  }, 60_000)

  it('keeps answering, /_msw-iam/calls included, through 1,000 requests that each carry a 1 MiB parameter name, in bounded memory', async () => {
    const running = serve(['serve', '--port', '0', '--quiet'], {}, [
      `--max-old-space-size=${HEAP_LIMIT_MIB}`,
    ])
    const url = await running.url
    const tail = '=v&Action=ListUsers&Version=2010-05-08'
    const body = `${'n'.repeat(MAX_BODY_BYTES - tail.length)}${tail}`
    const statuses: number[] = []
    const calls = async () => {
      const response = await fetch(`${url}/_msw-iam/calls`)
      const text = await response.text()
      return { status: response.status, entries: JSON.parse(text) as unknown[] }
    }
    let rssBefore = 0
    for (let i = 1; i <= 1_000; i++) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      })
      await response.text()
      statuses.push(response.status)
      if (i % 100 === 0) {
        const journal = await calls()
        expect(journal.status).toBe(200)
        for (const entry of journal.entries) {
          expect(JSON.stringify(entry).length).toBeLessThan(32 * 1024)
        }
      }
      if (i === 100) rssBefore = await rssMiB(running.child.pid) // after a warm-up
    }
    const growth = (await rssMiB(running.child.pid)) - rssBefore
    expect(statuses.filter((status) => status !== 200)).toEqual([])
    const journal = await calls()
    expect(journal.status).toBe(200)
    expect(journal.entries.length).toBeGreaterThan(100)
    // The name kept as far as the journal's bound, with how much was cut.
    const cutName = `${'n'.repeat(256)}…(${MAX_BODY_BYTES - tail.length - 256} more characters)`
    expect(journal.entries.at(-1)).toMatchObject({
      action: 'ListUsers',
      params: { [cutName]: 'v', Action: 'ListUsers', Version: '2010-05-08' },
    })
    console.info(`server RSS growth over 900 requests of 1 MiB: ${growth.toFixed(1)} MiB`)
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT_MIB)
    expect(running.stderr()).toBe('')
    running.child.kill('SIGTERM')
    expect((await running.exited).code).toBe(0)
  }, 120_000)
})
