import { describe, expect, it } from 'vitest'
import { createIamMock, type IamMockOptions } from '../../src/index.js'

const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=0'

/** A fixed script of calls, answered by a fresh mock; returns every response body in order. */
async function run(options: IamMockOptions): Promise<Record<string, string>> {
  const iam = createIamMock(options)
  const bodies: Record<string, string> = {}
  const call = async (name: string, params: Record<string, string>) => {
    const response = await iam.handle(
      new Request('https://iam.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: AUTH },
        body: new URLSearchParams({ Version: '2010-05-08', ...params }),
      }),
    )
    bodies[name] = await response.text()
    expect(response.headers.get('x-amzn-requestid')).toBe(
      /<RequestId>(.*)<\/RequestId>/.exec(bodies[name])![1],
    )
  }
  await call('create-user', {
    Action: 'CreateUser',
    UserName: 'Bob',
    Path: '/division_abc/',
    'Tags.member.1.Key': 'team',
    'Tags.member.1.Value': 'core',
  })
  await call('create-access-key', { Action: 'CreateAccessKey', UserName: 'Bob' })
  await call('list-users', { Action: 'ListUsers' })
  await call('list-access-keys', { Action: 'ListAccessKeys', UserName: 'Bob' })
  await call('get-access-key-last-used', {
    Action: 'GetAccessKeyLastUsed',
    AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  })
  await call('error-limit-exceeded', { Action: 'CreateAccessKey' }).then(() =>
    call('error-limit-exceeded', { Action: 'CreateAccessKey' }),
  )
  await call('error-no-such-entity', { Action: 'DeleteUser', UserName: 'nobody' })
  return bodies
}

const seeded: IamMockOptions = { seed: 42, clock: '2026-02-11T10:40:38.512Z' }

describe('determinism', () => {
  it('produces byte-identical XML for the same seed and clock', async () => {
    expect(await run(seeded)).toEqual(await run(seeded))
  })

  it('produces different ids for a different seed', async () => {
    const a = await run(seeded)
    const b = await run({ ...seeded, seed: 43 })
    expect(a['create-access-key']).not.toBe(b['create-access-key'])
  })

  it('matches the golden XML files', async () => {
    const bodies = await run(seeded)
    for (const [name, body] of Object.entries(bodies)) {
      await expect(body).toMatchFileSnapshot(`../golden/aws/${name}.xml`)
    }
  })
})
