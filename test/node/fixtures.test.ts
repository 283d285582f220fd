import { readFile } from 'node:fs/promises'
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock, FixtureError, type IamFixture } from '../../src/index.js'
import { defaultFixture, msdpFixture } from '../../src/default-fixtures.js'
import { iamClient, useIam } from '../helpers.js'

const fixture: IamFixture = {
  AccountId: '210987654321',
  Root: {
    CreateDate: '2020-01-01T00:00:00Z',
    AccessKeys: [{ AccessKeyId: 'AKIAROOTROOTROOTROOT', SecretAccessKey: 'root-secret' }],
  },
  Users: [
    {
      UserName: 'alice',
      Path: '/staff/',
      UserId: 'AIDAALICEALICEALICE1',
      CreateDate: '2021-05-04T03:02:01Z',
      Tags: [{ Key: 'team', Value: 'core' }],
      AccessKeys: [
        {
          AccessKeyId: 'AKIAALICEALICEALICE1',
          SecretAccessKey: 'alice-secret-1',
          CreateDate: '2021-05-05T00:00:00Z',
        },
        {
          AccessKeyId: 'AKIAALICEALICEALICE2',
          SecretAccessKey: 'alice-secret-2',
          Status: 'Inactive',
          LastUsed: { Date: '2022-02-02T02:02:02Z', ServiceName: 's3', Region: 'eu-west-1' },
        },
      ],
    },
    { UserName: 'bob' },
  ],
}

const iam = useIam({ fixtures: fixture })
const root = iamClient({ accessKeyId: 'AKIAROOTROOTROOTROOT', secretAccessKey: 'root-secret' })

describe('fixtures', () => {
  it('seed users with their ids, paths, dates, tags and keys', async () => {
    const { User } = await root.send(new GetUserCommand({ UserName: 'alice' }))
    expect(User).toEqual({
      Path: '/staff/',
      UserName: 'alice',
      UserId: 'AIDAALICEALICEALICE1',
      Arn: 'arn:aws:iam::210987654321:user/staff/alice',
      CreateDate: new Date('2021-05-04T03:02:01Z'),
      Tags: [{ Key: 'team', Value: 'core' }],
    })
    const { AccessKeyMetadata } = await root.send(new ListAccessKeysCommand({ UserName: 'alice' }))
    expect(AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.Status])).toEqual([
      ['AKIAALICEALICEALICE1', 'Active'],
      ['AKIAALICEALICEALICE2', 'Inactive'],
    ])
    const { AccessKeyLastUsed } = await root.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAALICEALICEALICE2' }),
    )
    expect(AccessKeyLastUsed).toEqual({
      LastUsedDate: new Date('2022-02-02T02:02:02Z'),
      ServiceName: 's3',
      Region: 'eu-west-1',
    })
  })

  it('count seeded keys against the quota', async () => {
    await expect(root.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).rejects.toThrow(
      'Cannot exceed quota for AccessKeysPerUser: 2',
    )
  })

  it('make seeded keys identify their owner', async () => {
    const alice = iamClient({
      accessKeyId: 'AKIAALICEALICEALICE1',
      secretAccessKey: 'alice-secret-1',
    })
    const { User } = await alice.send(new GetUserCommand({}))
    expect(User?.UserName).toBe('alice')
    const { User: rootUser } = await root.send(new GetUserCommand({}))
    expect(rootUser).toEqual({
      UserId: '210987654321',
      Arn: 'arn:aws:iam::210987654321:root',
      CreateDate: new Date('2020-01-01T00:00:00Z'),
    })
  })

  it('give secrets to a test only when it asks for one', () => {
    expect(JSON.stringify(iam.store.users())).not.toContain('alice-secret')
    expect(iam.store.secretAccessKey('AKIAALICEALICEALICE1')).toBe('alice-secret-1')
  })

  it('come back exactly after reset(), whatever happened before', async () => {
    const before = iam.store.users()
    await root.send(new CreateUserCommand({ UserName: 'carol' }))
    await root.send(new UpdateUserCommand({ UserName: 'bob', NewUserName: 'robert' }))
    await root.send(
      new UpdateAccessKeyCommand({
        UserName: 'alice',
        AccessKeyId: 'AKIAALICEALICEALICE1',
        Status: 'Inactive',
      }),
    )
    await root.send(
      new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: 'AKIAALICEALICEALICE2' }),
    )
    iam.reset()
    expect(iam.store.users()).toEqual(before)
    const { Users } = await root.send(new ListUsersCommand({}))
    expect(Users?.map((u) => u.UserName)).toEqual(['alice', 'bob'])
  })
})

describe('the default fixture', () => {
  it('is fixtures/default.json: account 123456789012 with its root key and no users', async () => {
    const file = JSON.parse(
      await readFile(new URL('../../fixtures/default.json', import.meta.url), 'utf8'),
    )
    expect(file).toEqual(defaultFixture)
    const mock = createIamMock()
    expect(mock.store.accountId).toBe('123456789012')
    expect(mock.store.users()).toEqual([])
    expect(mock.store.rootAccessKeys().map((k) => k.AccessKeyId)).toEqual(['AKIAIOSFODNN7EXAMPLE'])
  })
})

describe('the default MSDP fixture', () => {
  it('is fixtures/msdp.json: a root user with one 21-character key and no users', async () => {
    const file = JSON.parse(
      await readFile(new URL('../../fixtures/msdp.json', import.meta.url), 'utf8'),
    )
    expect(file).toEqual(msdpFixture)
    const mock = createIamMock({ dialect: 'msdp' })
    expect(mock.store.users()).toEqual([])
    expect(mock.store.rootAccessKeys().map((k) => k.AccessKeyId)).toEqual(['MSDPROOTKEYEXAMPLE001'])
    expect(mock.store.secretAccessKey('MSDPROOTKEYEXAMPLE001')).toMatch(/^[A-Za-z0-9]{42}$/)
  })

  it.each([
    [
      'a user named root',
      { Users: [{ UserName: 'root' }] },
      'Users[0].UserName: User with name root already exists.',
    ],
    [
      'an Expired key, a status MSDP does not have',
      {
        Users: [
          {
            UserName: 'u',
            AccessKeys: [
              { AccessKeyId: 'KEYKEYKEYKEYKEYKEYKE1', SecretAccessKey: 's', Status: 'Expired' },
            ],
          },
        ],
      },
      'Users[0].AccessKeys[0].Status: must satisfy enum value set',
    ],
    [
      'a policy outside MSDP’s grammar',
      {
        Users: [
          {
            UserName: 'u',
            Policies: {
              P: {
                Version: '2012-10-17',
                Statement: { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*' },
              },
            },
          },
        ],
      },
      'Users[0].Policies.P: Effect Deny is not supported; the only effect is Allow.',
    ],
  ] as [string, IamFixture, string][])(
    'refuses %s with a FixtureError in the msdp dialect',
    (_name, bad, message) => {
      expect(() => createIamMock({ dialect: 'msdp', fixtures: bad })).toThrow(
        `Invalid msw-iam fixture: ${message}`,
      )
    },
  )
})

describe('a bad fixture', () => {
  const cases: [string, unknown, string][] = [
    ['a non-object', [], 'fixture: must be an object'],
    ['an unknown top-level field', { Usres: [] }, 'Usres: is not a known field'],
    ['a short account id', { AccountId: '1234' }, 'AccountId: must be 12 digits'],
    [
      'an invalid user name',
      { Users: [{ UserName: 'bad name' }] },
      'Users[0].UserName: must satisfy regular expression pattern: [\\w+=,.@-]+ (got "bad name")',
    ],
    [
      'a 65-character user name',
      { Users: [{ UserName: 'a'.repeat(65) }] },
      'Users[0].UserName: must have length less than or equal to 64',
    ],
    [
      'a user name repeated in another case',
      { Users: [{ UserName: 'Bob' }, { UserName: 'bob' }] },
      'Users[1].UserName: User with name bob already exists.',
    ],
    [
      'a third key',
      {
        Users: [
          {
            UserName: 'k',
            AccessKeys: [1, 2, 3].map((n) => ({
              AccessKeyId: `AKIAKKKKKKKKKKKKKKK${n}`,
              SecretAccessKey: 's',
            })),
          },
        ],
      },
      'Users[0].AccessKeys[2]: Cannot exceed quota for AccessKeysPerUser: 2',
    ],
    [
      'a key id used twice',
      {
        Root: { AccessKeys: [{ AccessKeyId: 'AKIADUPLICATEDUPLIC1', SecretAccessKey: 's' }] },
        Users: [
          {
            UserName: 'd',
            AccessKeys: [{ AccessKeyId: 'AKIADUPLICATEDUPLIC1', SecretAccessKey: 's' }],
          },
        ],
      },
      'Users[0].AccessKeys[0]: Access key AKIADUPLICATEDUPLIC1 already exists.',
    ],
    [
      'a bad status',
      {
        Users: [
          {
            UserName: 's',
            AccessKeys: [
              { AccessKeyId: 'AKIASTATUSSTATUSSTA1', SecretAccessKey: 's', Status: 'on' },
            ],
          },
        ],
      },
      'Users[0].AccessKeys[0].Status: must satisfy enum value set',
    ],
    [
      'a key without a secret',
      { Users: [{ UserName: 's', AccessKeys: [{ AccessKeyId: 'AKIASECRETSECRETSEC1' }] }] },
      'Users[0].AccessKeys[0].SecretAccessKey: must be a non-empty string',
    ],
    [
      'a bad date',
      { Users: [{ UserName: 'd', CreateDate: 'yesterday' }] },
      'Users[0].CreateDate: must be an ISO-8601',
    ],
    [
      'a bad path',
      { Users: [{ UserName: 'p', Path: 'x' }] },
      'Users[0].Path: must satisfy regular expression pattern',
    ],
    [
      'duplicate tag keys',
      {
        Users: [
          {
            UserName: 't',
            Tags: [
              { Key: 'a', Value: '1' },
              { Key: 'A', Value: '2' },
            ],
          },
        ],
      },
      'Users[0].Tags: has two tags with the same key',
    ],
  ]

  it.each(cases)(
    'is refused at creation with a FixtureError naming the field: %s',
    (_name, bad, message) => {
      let error: unknown
      try {
        createIamMock({ fixtures: bad as IamFixture })
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(FixtureError)
      expect((error as Error).message).toContain(`Invalid msw-iam fixture: ${message}`)
    },
  )
})
