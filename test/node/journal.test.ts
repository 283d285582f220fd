import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GetUserCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock, FixtureError } from '../../src/index.js'
import { JOURNAL_BOUNDS } from '../../src/journal.js'
import { iamClient, rawIam, useIam } from '../helpers.js'

const iam = useIam({ clock: '2026-03-01T12:00:00Z' })
const client = iamClient()

describe('iam.calls', () => {
  it('lists every answered request in order, with params, caller, status and error code', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    await client.send(new GetUserCommand({ UserName: 'nobody' })).catch(() => undefined)
    expect(iam.calls.all).toEqual([
      {
        action: 'CreateUser',
        params: { Action: 'CreateUser', Version: '2010-05-08', UserName: 'Bob' },
        caller: 'arn:aws:iam::123456789012:root',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        status: 200,
        errorCode: undefined,
        requestId: expect.any(String),
        time: new Date('2026-03-01T12:00:00Z'),
      },
      expect.objectContaining({ action: 'GetUser', status: 404, errorCode: 'NoSuchEntity' }),
    ])
  })

  it('filters by action, returns the last call and clears', async () => {
    await client.send(new ListUsersCommand({}))
    await client.send(new CreateUserCommand({ UserName: 'A' }))
    await client.send(new ListUsersCommand({ MaxItems: 5 }))
    expect(iam.calls.ofAction('ListUsers')).toHaveLength(2)
    expect(iam.calls.last('ListUsers')?.params.MaxItems).toBe('5')
    expect(iam.calls.last()?.action).toBe('ListUsers')
    iam.calls.clear()
    expect(iam.calls.length).toBe(0)
  })

  it('names a user caller by its ARN and never records a secret', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
    const bob = iamClient({
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    })
    await bob.send(new GetUserCommand({}))
    expect(iam.calls.last()?.caller).toBe('arn:aws:iam::123456789012:user/Bob')
    expect(JSON.stringify(iam.calls.all)).not.toContain(AccessKey!.SecretAccessKey)
  })

  it('records malformed requests too, and redacts presigned signatures', async () => {
    await rawIam({ Version: '2010-05-08', 'X-Amz-Signature': 'abc123' }, { method: 'GET' })
    expect(iam.calls.last()).toMatchObject({
      action: undefined,
      status: 400,
      errorCode: 'MissingAction',
      params: { 'X-Amz-Signature': '[redacted]' },
    })
  })

  it('cuts very long values', async () => {
    await rawIam({
      Action: 'ListUsers',
      Version: '2010-05-08',
      PathPrefix: `/${'x'.repeat(10_000)}`,
    })
    expect(iam.calls.last()?.params.PathPrefix).toBe(`/${'x'.repeat(4095)}…(5905 more characters)`)
  })

  it('keeps a request of 100,000 parameters within its entry bound, counting what it left out', async () => {
    const extra = Array.from({ length: 100_000 }, (_, i) => `P${i}=x`).join('&')
    await rawIam(`Action=ListUsers&Version=2010-05-08&${extra}`)
    const call = iam.calls.last()!
    expect(call.params).toMatchObject({ Action: 'ListUsers', Version: '2010-05-08', P0: 'x' })
    const kept = Object.keys(call.params).length
    expect(kept).toBeGreaterThan(100)
    expect(call.omittedParams).toBe(100_002 - kept)
    expect(new TextEncoder().encode(JSON.stringify(call.params)).length).toBeLessThanOrEqual(
      JOURNAL_BOUNDS.paramBytes,
    )
  })

  it('cuts a huge parameter name and a huge Action, saying how much was cut', async () => {
    await rawIam(`Action=${'A'.repeat(10_000)}&Version=2010-05-08&${'n'.repeat(1_000_000)}=v`)
    const call = iam.calls.last()!
    expect(call.action).toBe(`${'A'.repeat(256)}…(9744 more characters)`)
    expect(call.errorCode).toBe('InvalidAction')
    expect(Object.keys(call.params)).toEqual([
      'Action',
      'Version',
      `${'n'.repeat(256)}…(999744 more characters)`,
    ])
  })

  it('cuts by UTF-8 bytes, never inside a character', async () => {
    await rawIam({ Action: 'ListUsers', Version: '2010-05-08', PathPrefix: `/${'é'.repeat(3000)}` })
    // 1 + 2 × 2047 bytes fit in 4 KiB; the next 'é' would not.
    expect(iam.calls.last()?.params.PathPrefix).toBe(`/${'é'.repeat(2047)}…(953 more characters)`)
    await rawIam({
      Action: 'ListUsers',
      Version: '2010-05-08',
      PathPrefix: `/${'😀'.repeat(2000)}`,
    })
    // 1 + 4 × 1023 bytes: the pair of the 1,024th emoji is not split.
    expect(iam.calls.last()?.params.PathPrefix).toBe(`/${'😀'.repeat(1023)}…(1954 more characters)`)
  })

  it('drops the oldest calls once the journal holds 8 MiB, whatever journalLimit says', async () => {
    const big = createIamMock({ journalLimit: 10_000 })
    const value = 'v'.repeat(4000)
    for (let i = 0; i < 1_000; i++) {
      const body = new URLSearchParams({
        Action: 'ListUsers',
        Version: '2010-05-08',
        Marker: String(i),
        A: value,
        B: value,
        C: value,
      })
      await big.handle(new Request(`https://iam.amazonaws.com/?${body}`))
    }
    const kept = big.calls.all
    expect(kept.length).toBeLessThan(1_000)
    expect(kept.length).toBeGreaterThan(400)
    expect(kept.at(-1)?.params.Marker).toBe('999')
    expect(kept[0]?.params.Marker).toBe(String(1_000 - kept.length))
    const bytes = kept.reduce((sum, call) => sum + JSON.stringify(call).length, 0)
    expect(bytes).toBeLessThanOrEqual(JOURNAL_BOUNDS.totalBytes)
  })

  it('is emptied by reset()', async () => {
    await client.send(new ListUsersCommand({}))
    iam.reset()
    expect(iam.calls.all).toEqual([])
  })

  it('keeps the latest journalLimit calls, in order, however many were made', async () => {
    const small = createIamMock({ journalLimit: 3 })
    const ask = (action: string, n: number) =>
      small.handle(
        new Request(`https://iam.amazonaws.com/?Action=${action}&Version=2010-05-08&MaxItems=${n}`),
      )
    const seen = (calls: Iterable<{ action?: string; params: Record<string, string> }>) =>
      [...calls].map((c) => `${c.action}:${c.params.MaxItems}`)
    for (let n = 1; n <= 8; n++) await ask(n % 3 === 0 ? 'ListAccessKeys' : 'ListUsers', n)
    expect(seen(small.calls.all)).toEqual(['ListAccessKeys:6', 'ListUsers:7', 'ListUsers:8'])
    expect(seen(small.calls)).toEqual(['ListAccessKeys:6', 'ListUsers:7', 'ListUsers:8'])
    expect(small.calls).toHaveLength(3)
    expect(seen([small.calls.last()!])).toEqual(['ListUsers:8'])
    expect(seen([small.calls.last('ListAccessKeys')!])).toEqual(['ListAccessKeys:6'])
    expect(small.calls.last('ListGroups')).toBeUndefined()
    expect(seen(small.calls.ofAction('ListUsers'))).toEqual(['ListUsers:7', 'ListUsers:8'])
    small.reset()
    expect(small.calls.all).toEqual([])
    expect(small.calls.last()).toBeUndefined()
    await ask('ListUsers', 9)
    expect(seen(small.calls.all)).toEqual(['ListUsers:9'])
  })
})

describe('snapshot() and restore()', () => {
  it('save the whole state and bring it back, deep-copied', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob', Tags: [{ Key: 'k', Value: 'v' }] }))
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
    const snapshot = iam.snapshot()
    const before = iam.store.users()
    snapshot.Users![0]!.UserName = 'Mutated'
    const again = iam.snapshot()
    await client.send(new CreateUserCommand({ UserName: 'Later' }))
    iam.restore(again)
    expect(iam.store.users()).toEqual(before)
    expect(iam.store.secretAccessKey(AccessKey!.AccessKeyId!)).toBe(AccessKey!.SecretAccessKey)
    const bob = iamClient({
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    })
    expect((await bob.send(new GetUserCommand({}))).User?.UserName).toBe('Bob')
  })

  it('leave the state untouched when the snapshot is invalid', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Keep' }))
    expect(() => iam.restore({ Users: [{ UserName: 'ok' }, { UserName: 'bad name' }] })).toThrow(
      FixtureError,
    )
    expect(iam.store.users().map((u) => u.UserName)).toEqual(['Keep'])
  })

  it('refuse a snapshot of another account', () => {
    expect(() => iam.restore({ AccountId: '999999999999' })).toThrow(
      'AccountId: is 999999999999, but this mock serves account 123456789012',
    )
  })
})
