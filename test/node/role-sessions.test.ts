import { GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createIamMock, FixtureError, type IamFixture } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'

const session = {
  AccessKeyId: 'ASIASESSIONSESSION23',
  SecretAccessKey: 'session-secret',
  SessionToken: 'session-token',
  RoleArn: 'arn:aws:iam::123456789012:role/Auditor',
  RoleSessionName: 'alice@example.com',
}

// Signatures are not verified here: the signing key id alone names the caller.
const iam = useIam({ fixtures: { RoleSessions: [session] }, seed: 7 })

const asRole = { accessKeyId: session.AccessKeyId, secretAccessKey: 'not-checked' }

describe('role sessions without signature verification', () => {
  it('make their key id call as the assumed role', async () => {
    const identity = await new STSClient({
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: asRole,
    }).send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toBe('arn:aws:sts::123456789012:assumed-role/Auditor/alice@example.com')
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{17}:alice@example\.com$/)
  })

  it('get ValidationError from GetUser without UserName, but may list users', async () => {
    const role = iamClient(asRole)
    const error = await sdkError(role.send(new GetUserCommand({})))
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe('Must specify userName when calling with non-User credentials')
    await expect(role.send(new ListUsersCommand({}))).resolves.toBeDefined()
  })

  it('survive reset() and snapshot()/restore() with their minted role id', async () => {
    const snapshot = iam.snapshot()
    expect(snapshot.RoleSessions).toEqual([{ ...session, RoleId: expect.stringMatching(/^AROA/) }])
    iam.reset()
    expect(iam.snapshot()).toEqual(snapshot)
    iam.restore({ RoleSessions: [] })
    expect(iam.snapshot().RoleSessions).toEqual([])
    iam.restore(snapshot)
    expect(iam.snapshot()).toEqual(snapshot)
  })

  it('get the same minted role id from the same seed', () => {
    const a = createIamMock({ fixtures: { RoleSessions: [session] }, seed: 11 })
    const b = createIamMock({ fixtures: { RoleSessions: [session] }, seed: 11 })
    expect(a.snapshot().RoleSessions).toEqual(b.snapshot().RoleSessions)
  })

  it('are described by fixtures/schema.json', () => {
    const schema = JSON.parse(readFileSync('fixtures/schema.json', 'utf8'))
    const item = schema.properties.RoleSessions.items
    expect(item.required).toEqual([
      'AccessKeyId',
      'SecretAccessKey',
      'SessionToken',
      'RoleArn',
      'RoleSessionName',
    ])
    expect(Object.keys(item.properties).sort()).toEqual(
      [
        ...item.required,
        'RoleId',
        'Expiration',
        'Tags',
        'TransitiveTagKeys',
        'SourceIdentity',
        'MfaAuthenticated',
        'Chained',
        'Policy',
        'PolicyArns',
      ].sort(),
    )
  })
})

describe('a bad role session in a fixture', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['an unknown field', { Expires: 'soon' }, 'RoleSessions[0].Expires: is not a known field'],
    [
      'an expiration that is no date',
      { Expiration: 'soon' },
      'RoleSessions[0].Expiration: must be an ISO-8601 date-time',
    ],
    [
      'no session token',
      { SessionToken: '' },
      'RoleSessions[0].SessionToken: must be a non-empty string',
    ],
    [
      'no secret',
      { SecretAccessKey: undefined },
      'RoleSessions[0].SecretAccessKey: must be a non-empty string',
    ],
    [
      'a user ARN as role',
      { RoleArn: 'arn:aws:iam::123456789012:user/Bob' },
      'RoleSessions[0].RoleArn: must be a role ARN',
    ],
    [
      'a role of another account',
      { RoleArn: 'arn:aws:iam::210987654321:role/Auditor' },
      'RoleSessions[0].RoleArn: is in account 210987654321, but this mock serves account 123456789012',
    ],
    [
      'a one-letter session name',
      { RoleSessionName: 'a' },
      'RoleSessions[0].RoleSessionName: must be 2 to 64',
    ],
    ['a bad role id', { RoleId: 'AROA-x' }, 'RoleSessions[0].RoleId: must be 16 to 128'],
    [
      'a bad key id',
      { AccessKeyId: 'ASIA-bad-but-long-enough' },
      'RoleSessions[0].AccessKeyId: must satisfy regular expression pattern',
    ],
    [
      'the key id of an access key',
      { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      'RoleSessions[0].AccessKeyId: Access key AKIAIOSFODNN7EXAMPLE already exists.',
    ],
  ]

  it.each(cases)(
    'is refused with a FixtureError naming the field: %s',
    (_name, change, message) => {
      const fixtures = {
        Root: { AccessKeys: [{ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 's' }] },
        RoleSessions: [{ ...session, ...change }],
      }
      let error: unknown
      try {
        createIamMock({ fixtures: fixtures as IamFixture })
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(FixtureError)
      expect((error as Error).message).toContain(`Invalid msw-iam fixture: ${message}`)
    },
  )
})
