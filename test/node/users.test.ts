import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateUserCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { iamClient, rawIam, sdkError, useIam } from '../helpers.js'

const iam = useIam({ clock: '2026-02-19T18:34:51.734Z', seed: 7 })
const client = iamClient()

describe('CreateUser', () => {
  it('creates a user with the default path and returns it as IAM does', async () => {
    const { User } = await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    expect(User).toEqual({
      Path: '/',
      UserName: 'Bob',
      UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
      Arn: 'arn:aws:iam::123456789012:user/Bob',
      CreateDate: new Date('2026-02-19T18:34:51Z'),
    })
    expect(iam.store.user('Bob')?.UserId).toBe(User?.UserId)
  })

  it('puts the path into the ARN and returns tags only when given', async () => {
    const { User } = await client.send(
      new CreateUserCommand({
        UserName: 'Alice',
        Path: '/division_abc/',
        Tags: [{ Key: 'team', Value: 'core' }],
      }),
    )
    expect(User?.Arn).toBe('arn:aws:iam::123456789012:user/division_abc/Alice')
    expect(User?.Path).toBe('/division_abc/')
    expect(User?.Tags).toEqual([{ Key: 'team', Value: 'core' }])
  })

  it('records a permissions boundary and reports it on GetUser', async () => {
    const arn = 'arn:aws:iam::aws:policy/PowerUserAccess'
    await client.send(new CreateUserCommand({ UserName: 'Bounded', PermissionsBoundary: arn }))
    const { User } = await client.send(new GetUserCommand({ UserName: 'Bounded' }))
    expect(User?.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: arn,
    })
  })

  it('refuses a permissions boundary that is not a policy ARN', async () => {
    const error = await sdkError(
      client.send(
        new CreateUserCommand({ UserName: 'B', PermissionsBoundary: 'arn:aws:s3:::some-bucket' }),
      ),
    )
    expect(error.name).toBe('InvalidInputException')
    expect(error.message).toBe('ARN arn:aws:s3:::some-bucket is not valid.')
  })

  it('rejects a name that differs only in case with EntityAlreadyExists', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    const error = await sdkError(client.send(new CreateUserCommand({ UserName: 'BOB' })))
    expect(error.name).toBe('EntityAlreadyExistsException')
    expect(error.message).toBe('User with name BOB already exists.')
    expect(error.$metadata.httpStatusCode).toBe(409)
    expect(iam.store.users().map((u) => u.UserName)).toEqual(['Bob'])
  })

  it('rejects a name with characters outside the pattern', async () => {
    const error = await sdkError(client.send(new CreateUserCommand({ UserName: 'bad name!' })))
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(
      'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
    )
    expect(error.$metadata.httpStatusCode).toBe(400)
  })

  it('rejects a 65-character name with the length message', async () => {
    const error = await sdkError(client.send(new CreateUserCommand({ UserName: 'a'.repeat(65) })))
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(
      "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64",
    )
  })

  it('accepts a 64-character name', async () => {
    const { User } = await client.send(new CreateUserCommand({ UserName: 'a'.repeat(64) }))
    expect(User?.UserName).toHaveLength(64)
  })

  it('rejects a path that does not begin and end with a slash', async () => {
    const error = await sdkError(
      client.send(new CreateUserCommand({ UserName: 'P', Path: 'nopath' })),
    )
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(
      'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
    )
    expect(iam.store.users()).toEqual([])
  })

  it('lists every generic violation in one message', async () => {
    const error = await sdkError(
      client.send(
        new CreateUserCommand({
          UserName: 'ok',
          Path: `/${'p'.repeat(600)}/`,
          Tags: [{ Key: 'k'.repeat(129), Value: 'v' }],
        }),
      ),
    )
    expect(error.message).toBe(
      "2 validation errors detected: Value at 'path' failed to satisfy constraint: Member must have length less than or equal to 512; " +
        "Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
    )
  })

  it('rejects duplicate tag keys case-insensitively with InvalidInput', async () => {
    const error = await sdkError(
      client.send(
        new CreateUserCommand({
          UserName: 'T',
          Tags: [
            { Key: 'Team', Value: 'a' },
            { Key: 'team', Value: 'b' },
          ],
        }),
      ),
    )
    expect(error.name).toBe('InvalidInputException')
    expect(error.message).toBe(
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    )
  })

  it('answers a request without UserName with the not-null validation error', async () => {
    // The SDK does not validate required members, so this reaches the wire as sent.
    const error = await sdkError(client.send(new CreateUserCommand({} as never)))
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(
      "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must not be null",
    )
  })
})

describe('GetUser', () => {
  it('returns a named user with its tags', async () => {
    await client.send(
      new CreateUserCommand({ UserName: 'Bob', Tags: [{ Key: 'env', Value: 'test' }] }),
    )
    const { User } = await client.send(new GetUserCommand({ UserName: 'bob' }))
    expect(User?.UserName).toBe('Bob')
    expect(User?.Tags).toEqual([{ Key: 'env', Value: 'test' }])
  })

  it('returns NoSuchEntity for an unknown user', async () => {
    const error = await sdkError(client.send(new GetUserCommand({ UserName: 'nobody' })))
    expect(error.name).toBe('NoSuchEntityException')
    expect(error.message).toBe('The user with name nobody cannot be found.')
    expect(error.$metadata.httpStatusCode).toBe(404)
    expect(error.$fault).toBe('client')
  })

  it('accepts existing-user names up to 128 characters and rejects 129', async () => {
    const long = await sdkError(client.send(new GetUserCommand({ UserName: 'a'.repeat(128) })))
    expect(long.name).toBe('NoSuchEntityException')
    const tooLong = await sdkError(client.send(new GetUserCommand({ UserName: 'a'.repeat(129) })))
    expect(tooLong.message).toBe(
      "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 128",
    )
  })

  it('returns the signing user when UserName is omitted', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Carol' }))
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Carol' }))
    const carol = iamClient({
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    })
    const { User } = await carol.send(new GetUserCommand({}))
    expect(User?.UserName).toBe('Carol')
    expect(User?.Arn).toBe('arn:aws:iam::123456789012:user/Carol')
  })

  it('returns the root user form for root credentials: no UserName, no Path', async () => {
    const { User } = await client.send(new GetUserCommand({}))
    expect(User).toEqual({
      UserId: '123456789012',
      Arn: 'arn:aws:iam::123456789012:root',
      CreateDate: new Date('2026-02-19T18:34:51Z'),
    })
  })

  it('treats a key the mock does not know as the account root', async () => {
    const stranger = iamClient({ accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' })
    const { User } = await stranger.send(new GetUserCommand({}))
    expect(User?.Arn).toBe('arn:aws:iam::123456789012:root')
  })
})

describe('UpdateUser', () => {
  it('renames and moves a user; its id and keys follow', async () => {
    const { User } = await client.send(new CreateUserCommand({ UserName: 'Old' }))
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Old' }))
    await client.send(
      new UpdateUserCommand({ UserName: 'Old', NewUserName: 'New', NewPath: '/moved/' }),
    )
    const { User: renamed } = await client.send(new GetUserCommand({ UserName: 'New' }))
    expect(renamed).toMatchObject({
      UserId: User?.UserId,
      Path: '/moved/',
      Arn: 'arn:aws:iam::123456789012:user/moved/New',
    })
    const { AccessKeyMetadata } = await client.send(new ListAccessKeysCommand({ UserName: 'New' }))
    expect(AccessKeyMetadata).toEqual([
      expect.objectContaining({ AccessKeyId: AccessKey?.AccessKeyId, UserName: 'New' }),
    ])
    const gone = await sdkError(client.send(new GetUserCommand({ UserName: 'Old' })))
    expect(gone.message).toBe('The user with name Old cannot be found.')
  })

  it('refuses a new name another user holds', async () => {
    await client.send(new CreateUserCommand({ UserName: 'A' }))
    await client.send(new CreateUserCommand({ UserName: 'B' }))
    const error = await sdkError(
      client.send(new UpdateUserCommand({ UserName: 'A', NewUserName: 'b' })),
    )
    expect(error.name).toBe('EntityAlreadyExistsException')
    expect(error.message).toBe('User with name b already exists.')
    expect(iam.store.users().map((u) => u.UserName)).toEqual(['A', 'B'])
  })

  it('allows changing only the case of a name', async () => {
    await client.send(new CreateUserCommand({ UserName: 'casey' }))
    await client.send(new UpdateUserCommand({ UserName: 'casey', NewUserName: 'Casey' }))
    expect(iam.store.users().map((u) => u.UserName)).toEqual(['Casey'])
  })

  it('returns NoSuchEntity for an unknown user', async () => {
    const error = await sdkError(
      client.send(new UpdateUserCommand({ UserName: 'ghost', NewUserName: 'x' })),
    )
    expect(error.name).toBe('NoSuchEntityException')
    expect(error.message).toBe('The user with name ghost cannot be found.')
  })
})

describe('DeleteUser', () => {
  it('refuses to delete a user that still has access keys', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Keyed' }))
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Keyed' }))
    const error = await sdkError(client.send(new DeleteUserCommand({ UserName: 'Keyed' })))
    expect(error.name).toBe('DeleteConflictException')
    expect(error.message).toBe('Cannot delete entity, must delete access keys first.')
    expect(error.$metadata.httpStatusCode).toBe(409)
    await client.send(
      new DeleteAccessKeyCommand({ UserName: 'Keyed', AccessKeyId: AccessKey!.AccessKeyId! }),
    )
    await client.send(new DeleteUserCommand({ UserName: 'Keyed' }))
    expect(iam.store.user('Keyed')).toBeUndefined()
  })

  it('returns NoSuchEntity for an unknown user', async () => {
    const error = await sdkError(client.send(new DeleteUserCommand({ UserName: 'ghost' })))
    expect(error.message).toBe('The user with name ghost cannot be found.')
  })

  it('frees the name for a new user', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Reuse' }))
    await client.send(new DeleteUserCommand({ UserName: 'reuse' }))
    await client.send(new CreateUserCommand({ UserName: 'REUSE' }))
    expect(iam.store.users().map((u) => u.UserName)).toEqual(['REUSE'])
  })
})

describe('ListUsers', () => {
  async function createUsers(names: string[], Path?: string) {
    for (const UserName of names) await client.send(new CreateUserCommand({ UserName, Path }))
  }

  it('returns an empty list with IsTruncated false and no Marker', async () => {
    const page = await client.send(new ListUsersCommand({}))
    expect(page.Users).toEqual([])
    expect(page.IsTruncated).toBe(false)
    expect(page.Marker).toBeUndefined()
  })

  it('orders users by name, case-insensitively, without tags', async () => {
    await client.send(new CreateUserCommand({ UserName: 'zed', Tags: [{ Key: 'k', Value: 'v' }] }))
    await createUsers(['Bob', 'alice', 'Carl'])
    const { Users } = await client.send(new ListUsersCommand({}))
    expect(Users?.map((u) => u.UserName)).toEqual(['alice', 'Bob', 'Carl', 'zed'])
    expect(Users?.every((u) => u.Tags === undefined)).toBe(true)
  })

  it('pages with MaxItems and Marker, visiting every user once, through the SDK paginator', async () => {
    const names = Array.from({ length: 23 }, (_, i) => `user${String(i).padStart(2, '0')}`)
    await createUsers(names)
    const pages = []
    for await (const page of paginateListUsers({ client, pageSize: 5 }, {})) pages.push(page)
    expect(pages.map((p) => p.Users?.length)).toEqual([5, 5, 5, 5, 3])
    expect(pages.flatMap((p) => p.Users!.map((u) => u.UserName))).toEqual(names)
    expect(pages.slice(0, -1).every((p) => p.IsTruncated && p.Marker)).toBe(true)
    expect(pages.at(-1)?.IsTruncated).toBe(false)
    expect(pages.at(-1)?.Marker).toBeUndefined()
  })

  it('defaults MaxItems to 100', async () => {
    await createUsers(Array.from({ length: 101 }, (_, i) => `u${i}`))
    const first = await client.send(new ListUsersCommand({}))
    expect(first.Users).toHaveLength(100)
    expect(first.IsTruncated).toBe(true)
    const second = await client.send(new ListUsersCommand({ Marker: first.Marker }))
    expect(second.Users).toHaveLength(1)
  })

  it('keeps paging correctly when users are deleted between pages', async () => {
    await createUsers(['a', 'b', 'c', 'd'])
    const first = await client.send(new ListUsersCommand({ MaxItems: 2 }))
    await client.send(new DeleteUserCommand({ UserName: 'c' }))
    const second = await client.send(new ListUsersCommand({ MaxItems: 2, Marker: first.Marker }))
    expect(second.Users?.map((u) => u.UserName)).toEqual(['d'])
    expect(second.IsTruncated).toBe(false)
  })

  it('filters by a raw path prefix', async () => {
    await createUsers(['inside'], '/test-lifecycle-path/')
    await createUsers(['outside'], '/other/')
    const { Users } = await client.send(new ListUsersCommand({ PathPrefix: '/test-life' }))
    expect(Users?.map((u) => u.UserName)).toEqual(['inside'])
  })

  it('rejects MaxItems outside 1..1000', async () => {
    const zero = await sdkError(client.send(new ListUsersCommand({ MaxItems: 0 })))
    expect(zero.message).toBe(
      "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    )
    const big = await sdkError(client.send(new ListUsersCommand({ MaxItems: 1001 })))
    expect(big.message).toBe(
      "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000",
    )
  })

  it('rejects a marker it did not issue', async () => {
    const error = await sdkError(client.send(new ListUsersCommand({ Marker: 'not-a-marker' })))
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe('Invalid Marker.')
  })

  it('rejects a path prefix that does not start with a slash', async () => {
    const error = await sdkError(client.send(new ListUsersCommand({ PathPrefix: 'x' })))
    expect(error.message).toBe(
      "1 validation error detected: Value at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*",
    )
  })

  it('answers a non-numeric MaxItems with a validation error, not a crash', async () => {
    // @note The exact wording for a non-integer is inferred: no client can send one.
    const { status, xml } = await rawIam({
      Action: 'ListUsers',
      Version: '2010-05-08',
      MaxItems: 'ten',
    })
    expect(status).toBe(400)
    expect(xml.ErrorResponse.Error.Code).toBe('ValidationError')
  })
})

describe('user tags', () => {
  it('adds, overwrites, lists and removes tags', async () => {
    await client.send(
      new CreateUserCommand({ UserName: 'Tagged', Tags: [{ Key: 'a', Value: '1' }] }),
    )
    await client.send(
      new TagUserCommand({
        UserName: 'Tagged',
        Tags: [
          { Key: 'A', Value: '2' },
          { Key: 'b', Value: '' },
        ],
      }),
    )
    const listed = await client.send(new ListUserTagsCommand({ UserName: 'Tagged' }))
    expect(listed).toMatchObject({
      Tags: [
        { Key: 'A', Value: '2' },
        { Key: 'b', Value: '' },
      ],
      IsTruncated: false,
    })
    await client.send(new UntagUserCommand({ UserName: 'Tagged', TagKeys: ['a'] }))
    expect(iam.store.user('Tagged')?.Tags).toEqual([{ Key: 'b', Value: '' }])
  })

  it('refuses more than 50 tags on a user', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Full' }))
    const tags = (from: number) =>
      Array.from({ length: 25 }, (_, i) => ({ Key: `k${from + i}`, Value: 'v' }))
    await client.send(new TagUserCommand({ UserName: 'Full', Tags: tags(0) }))
    await client.send(new TagUserCommand({ UserName: 'Full', Tags: tags(25) }))
    const error = await sdkError(
      client.send(
        new TagUserCommand({ UserName: 'Full', Tags: [{ Key: 'one-more', Value: 'v' }] }),
      ),
    )
    expect(error.name).toBe('LimitExceededException')
    expect(iam.store.user('Full')?.Tags).toHaveLength(50)
  })

  it('returns NoSuchEntity for tag calls on an unknown user', async () => {
    const error = await sdkError(
      client.send(new ListUserTagsCommand({ UserName: 'nonexistent-user' })),
    )
    expect(error.message).toBe('The user with name nonexistent-user cannot be found.')
  })
})
