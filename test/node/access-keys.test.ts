import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
  paginateListAccessKeys,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { iamClient, rawIam, ROOT_KEY, sdkError, useIam } from '../helpers.js'

const iam = useIam()
const client = iamClient()

async function userWithKey(UserName: string) {
  await client.send(new CreateUserCommand({ UserName }))
  const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName }))
  return AccessKey!
}

function clientFor(key: { AccessKeyId?: string; SecretAccessKey?: string }) {
  return iamClient({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
}

describe('CreateAccessKey', () => {
  it('creates an Active key with a 20-char AKIA id and a 40-char secret', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    const before = Date.now()
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
    expect(AccessKey).toEqual({
      UserName: 'Bob',
      AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
      Status: 'Active',
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
      CreateDate: expect.any(Date),
    })
    // Whole seconds on the wire, as IAM sends them.
    expect(AccessKey!.CreateDate!.getMilliseconds()).toBe(0)
    expect(AccessKey!.CreateDate!.getTime()).toBeGreaterThan(before - 1000)
    expect(iam.store.user('Bob')?.AccessKeys.map((k) => k.AccessKeyId)).toEqual([
      AccessKey!.AccessKeyId,
    ])
  })

  it('encodes the account in the key id the way AWS does', async () => {
    const key = await userWithKey('Enc')
    // AWS's published decoding: base32-decode from the 5th char, first 6 bytes, mask, shift.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
    let bits = 0n
    for (const ch of key.AccessKeyId!.slice(4, 14))
      bits = (bits << 5n) | BigInt(alphabet.indexOf(ch))
    expect(String(((bits >> 2n) & 0x7fffffffff80n) >> 7n)).toBe('123456789012')
  })

  it('refuses a third key with LimitExceeded, counting Inactive keys', async () => {
    const first = await userWithKey('Bob')
    await client.send(
      new UpdateAccessKeyCommand({
        UserName: 'Bob',
        AccessKeyId: first.AccessKeyId,
        Status: 'Inactive',
      }),
    )
    await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
    const error = await sdkError(client.send(new CreateAccessKeyCommand({ UserName: 'Bob' })))
    expect(error.name).toBe('LimitExceededException')
    expect(error.message).toBe('Cannot exceed quota for AccessKeysPerUser: 2')
    expect(error.$metadata.httpStatusCode).toBe(409)
    expect(iam.store.user('Bob')?.AccessKeys).toHaveLength(2)
  })

  it('returns NoSuchEntity for an unknown user', async () => {
    const error = await sdkError(
      client.send(new CreateAccessKeyCommand({ UserName: 'nonexistent-user' })),
    )
    expect(error.name).toBe('NoSuchEntityException')
    expect(error.message).toBe('The user with name nonexistent-user cannot be found.')
  })

  it('creates a key for the signing user when UserName is omitted', async () => {
    const first = await userWithKey('Dana')
    const { AccessKey } = await clientFor(first).send(new CreateAccessKeyCommand({}))
    expect(AccessKey?.UserName).toBe('Dana')
    expect(iam.store.user('Dana')?.AccessKeys).toHaveLength(2)
  })

  it("creates the root user's own key, without a UserName, under root's own quota", async () => {
    await client.send(new CreateUserCommand({ UserName: 'Unrelated' }))
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({}))
    expect(AccessKey?.UserName).toBeUndefined()
    expect(iam.store.rootAccessKeys().map((k) => k.AccessKeyId)).toEqual([
      ROOT_KEY.accessKeyId,
      AccessKey!.AccessKeyId,
    ])
    const error = await sdkError(client.send(new CreateAccessKeyCommand({})))
    expect(error.message).toBe('Cannot exceed quota for AccessKeysPerUser: 2')
    expect(iam.store.user('Unrelated')?.AccessKeys).toEqual([])
  })

  it('rejects a UserName longer than 128 characters', async () => {
    const error = await sdkError(
      client.send(new CreateAccessKeyCommand({ UserName: 'x'.repeat(129) })),
    )
    expect(error.message).toBe(
      "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 128",
    )
  })
})

describe('ListAccessKeys', () => {
  it('lists metadata and never a secret', async () => {
    const key = await userWithKey('Bob')
    const { status, body, xml } = await rawIam({
      Action: 'ListAccessKeys',
      Version: '2010-05-08',
      UserName: 'Bob',
    })
    expect(status).toBe(200)
    expect(body).not.toContain(key.SecretAccessKey)
    expect(body).not.toContain('SecretAccessKey')
    expect(xml.ListAccessKeysResponse.ListAccessKeysResult).toEqual({
      AccessKeyMetadata: {
        member: [
          {
            UserName: 'Bob',
            AccessKeyId: key.AccessKeyId,
            Status: 'Active',
            CreateDate: key.CreateDate!.toISOString().replace('.000Z', 'Z'),
          },
        ],
      },
      IsTruncated: 'false',
    })
  })

  it('returns an empty list for a user without keys', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Empty' }))
    const page = await client.send(new ListAccessKeysCommand({ UserName: 'Empty' }))
    expect(page.AccessKeyMetadata).toEqual([])
    expect(page.IsTruncated).toBe(false)
    expect(page.Marker).toBeUndefined()
  })

  it("lists the signing user's keys when UserName is omitted, and root's for root", async () => {
    const key = await userWithKey('Eve')
    const mine = await clientFor(key).send(new ListAccessKeysCommand({}))
    expect(mine.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([key.AccessKeyId])
    const root = await client.send(new ListAccessKeysCommand({}))
    expect(root.AccessKeyMetadata).toEqual([
      { AccessKeyId: ROOT_KEY.accessKeyId, Status: 'Active', CreateDate: expect.any(Date) },
    ])
  })

  it('pages with MaxItems through the SDK paginator', async () => {
    await userWithKey('Pat')
    await client.send(new CreateAccessKeyCommand({ UserName: 'Pat' }))
    const pages = []
    for await (const page of paginateListAccessKeys({ client, pageSize: 1 }, { UserName: 'Pat' })) {
      pages.push(page)
    }
    expect(pages.map((p) => p.AccessKeyMetadata?.length)).toEqual([1, 1])
    expect(new Set(pages.map((p) => p.AccessKeyMetadata?.[0]?.AccessKeyId)).size).toBe(2)
  })

  it('returns NoSuchEntity for an unknown user', async () => {
    const error = await sdkError(client.send(new ListAccessKeysCommand({ UserName: 'ghost' })))
    expect(error.message).toBe('The user with name ghost cannot be found.')
  })
})

describe('UpdateAccessKey', () => {
  it('deactivates and reactivates a key', async () => {
    const key = await userWithKey('Bob')
    await client.send(
      new UpdateAccessKeyCommand({
        UserName: 'Bob',
        AccessKeyId: key.AccessKeyId,
        Status: 'Inactive',
      }),
    )
    expect(iam.store.accessKey(key.AccessKeyId!)?.Status).toBe('Inactive')
    const { AccessKeyMetadata } = await client.send(new ListAccessKeysCommand({ UserName: 'Bob' }))
    expect(AccessKeyMetadata?.[0]?.Status).toBe('Inactive')
    await client.send(
      new UpdateAccessKeyCommand({
        UserName: 'Bob',
        AccessKeyId: key.AccessKeyId,
        Status: 'Active',
      }),
    )
    expect(iam.store.accessKey(key.AccessKeyId!)?.Status).toBe('Active')
  })

  it('rejects a status outside the enum', async () => {
    const key = await userWithKey('Bob')
    const error = await sdkError(
      client.send(
        new UpdateAccessKeyCommand({
          UserName: 'Bob',
          AccessKeyId: key.AccessKeyId,
          Status: 'inactive' as never,
        }),
      ),
    )
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(
      "1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set",
    )
    expect(iam.store.accessKey(key.AccessKeyId!)?.Status).toBe('Active')
  })

  it('returns NoSuchEntity for an unknown key', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    const error = await sdkError(
      client.send(
        new UpdateAccessKeyCommand({
          UserName: 'Bob',
          AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          Status: 'Inactive',
        }),
      ),
    )
    expect(error.name).toBe('NoSuchEntityException')
    expect(error.message).toBe('The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.')
  })

  it("cannot reach another user's key", async () => {
    const bobKey = await userWithKey('Bob')
    const eveKey = await userWithKey('Eve')
    const error = await sdkError(
      clientFor(eveKey).send(
        new UpdateAccessKeyCommand({ AccessKeyId: bobKey.AccessKeyId, Status: 'Inactive' }),
      ),
    )
    expect(error.message).toBe(`The Access Key with id ${bobKey.AccessKeyId} cannot be found.`)
    expect(iam.store.accessKey(bobKey.AccessKeyId!)?.Status).toBe('Active')
  })

  it('rejects an access key id shorter than 16 characters', async () => {
    const error = await sdkError(
      client.send(new UpdateAccessKeyCommand({ AccessKeyId: 'AKIA', Status: 'Active' })),
    )
    expect(error.message).toBe(
      "1 validation error detected: Value at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16",
    )
  })
})

describe('DeleteAccessKey', () => {
  it('deletes a key, after which it cannot be found', async () => {
    const key = await userWithKey('Bob')
    await client.send(new DeleteAccessKeyCommand({ UserName: 'Bob', AccessKeyId: key.AccessKeyId }))
    expect(iam.store.accessKey(key.AccessKeyId!)).toBeUndefined()
    const error = await sdkError(
      client.send(new DeleteAccessKeyCommand({ UserName: 'Bob', AccessKeyId: key.AccessKeyId })),
    )
    expect(error.message).toBe(`The Access Key with id ${key.AccessKeyId} cannot be found.`)
  })

  it('lets a user delete its own key with UserName omitted', async () => {
    const key = await userWithKey('Self')
    await clientFor(key).send(new DeleteAccessKeyCommand({ AccessKeyId: key.AccessKeyId }))
    expect(iam.store.user('Self')?.AccessKeys).toEqual([])
  })

  it('looks for the key among root keys when root omits UserName', async () => {
    const key = await userWithKey('Bob')
    const error = await sdkError(
      client.send(new DeleteAccessKeyCommand({ AccessKeyId: key.AccessKeyId })),
    )
    expect(error.message).toBe(`The Access Key with id ${key.AccessKeyId} cannot be found.`)
    expect(iam.store.accessKey(key.AccessKeyId!)).toBeDefined()
  })

  it('answers the missing AccessKeyId with a not-null validation error', async () => {
    const error = await sdkError(
      client.send(new DeleteAccessKeyCommand({ UserName: 'x' } as never)),
    )
    expect(error.message).toBe(
      "1 validation error detected: Value at 'accessKeyId' failed to satisfy constraint: Member must not be null",
    )
  })
})

describe('GetAccessKeyLastUsed', () => {
  it('reports N/A for a key that never signed a request', async () => {
    const key = await userWithKey('Bob')
    const result = await client.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }),
    )
    expect(result.UserName).toBe('Bob')
    expect(result.AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' })
  })

  it('reports the date, service and signing region of the last request a key signed', async () => {
    const key = await userWithKey('Bob')
    await clientFor(key).send(new ListUsersCommand({}))
    const { AccessKeyLastUsed } = await client.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }),
    )
    expect(AccessKeyLastUsed).toEqual({
      LastUsedDate: expect.any(Date),
      ServiceName: 'iam',
      Region: 'us-east-1',
    })
    expect(iam.store.accessKey(key.AccessKeyId!)?.LastUsed?.ServiceName).toBe('iam')
  })

  it('answers AccessDenied naming the caller for an unknown key', async () => {
    const error = await sdkError(
      client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAIOSFODNN7NOTHERE' })),
    )
    expect(error.name).toBe('AccessDenied')
    expect(error.message).toBe(
      'User: arn:aws:iam::123456789012:root is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key AKIAIOSFODNN7NOTHERE',
    )
    expect(error.$metadata.httpStatusCode).toBe(403)
  })

  it("names a user caller's ARN in AccessDenied", async () => {
    const key = await userWithKey('Bob')
    const error = await sdkError(
      clientFor(key).send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAIOSFODNN7NOTHERE' })),
    )
    expect(error.message).toContain('User: arn:aws:iam::123456789012:user/Bob is not authorized')
  })
})
