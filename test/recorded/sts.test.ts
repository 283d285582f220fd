import { STSClient } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { RECORDED_ACCOUNT, recordedFixture, Replay } from './harness.js'

/** `test_sts`: AssumeRole (policies, tags, chaining), federation and session tokens, callers. */

useIam({ fixtures: recordedFixture })

let counter = 0
const uid = () => (++counter).toString(36).padStart(8, '0')

/** `TRUST-ACCT` in INDEX.md, as Python's json.dumps wrote it. */
const TRUST_ACCT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Action: 'sts:AssumeRole', Principal: { AWS: RECORDED_ACCOUNT }, Effect: 'Allow' }],
})

/** `TRUST-ACCT-TAG` in INDEX.md. */
const TRUST_ACCT_TAG = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Principal: { AWS: RECORDED_ACCOUNT },
    },
  ],
})

function replay(testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay('test_sts', testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

/** An STS client signing with the credentials an STS call returned. */
const asSession = (answer: {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string }
}) =>
  new STSClient({
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: {
      accessKeyId: answer.Credentials.AccessKeyId,
      secretAccessKey: answer.Credentials.SecretAccessKey,
      sessionToken: answer.Credentials.SessionToken,
    },
  })

describe('test_sts, replayed', () => {
  replay('TestSTSIntegrations::test_get_federation_token', async (r) => {
    await r.sendSts('get-federation-token', 'GetFederationToken', {
      Name: `TestName${uid()}`,
      DurationSeconds: 900,
    })
  })

  replay('TestSTSIntegrations::test_assume_role', async (r) => {
    const session = { RoleSessionName: `test-assume-role-${uid()}` }
    r.keep('role-session-name', session)
    const role = await r.send('create-role', 'CreateRole', {
      RoleName: `role-${uid()}`,
      AssumeRolePolicyDocument: TRUST_ACCT,
    })
    await r.sendSts('assume-role', 'AssumeRole', { RoleArn: role.Role.Arn, ...session })
  })

  replay('TestSTSIntegrations::test_assume_role_with_policy', async (r) => {
    const role = await r.send('create-role', 'CreateRole', {
      RoleName: `role-${uid()}`,
      AssumeRolePolicyDocument: TRUST_ACCT,
    })
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'RestrictedAccess',
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::example-bucket/*'],
        },
      ],
    }
    await r.sendSts('assume-role-with-policy', 'AssumeRole', {
      RoleArn: role.Role.Arn,
      RoleSessionName: `session-${uid()}`,
      Policy: pythonJson(policy),
    })
  })

  replay('TestSTSIntegrations::test_assume_role_session_name_too_long', async (r) => {
    const role = await r.send(undefined, 'CreateRole', {
      RoleName: `role-${uid()}`,
      AssumeRolePolicyDocument: TRUST_ACCT,
    })
    await r.sendSts('session-name-too-long-error', 'AssumeRole', {
      RoleArn: role.Role.Arn,
      RoleSessionName: 's'.repeat(65),
    })
  })

  replay('TestSTSIntegrations::test_get_session_token', async (r) => {
    await r.sendSts('get-session-token', 'GetSessionToken', { DurationSeconds: 900 })
  })

  replay('TestSTSIntegrations::test_federation_token_policy_too_long', async (r) => {
    const policy = {
      Version: '2012-10-17',
      Statement: Array.from({ length: 30 }, (_, n) => ({
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: `arn:aws:s3:::my-example-bucket-with-long-name/folder-name-${n}/*`,
      })),
    }
    await r.sendSts('policy-too-long-error', 'GetFederationToken', {
      Name: 'TestUser',
      DurationSeconds: 900,
      Policy: pythonJson(policy),
    })
  })

  replay('TestSTSIntegrations::test_sts_invalid_parameters', async (r) => {
    const arns: [string, string][] = [
      ['malformed-arn', 'nothing-valid-in-here'],
      ['no-partition', 'arn::b:::something/test-role'],
      ['no-service', 'arn:a::::something/test-role'],
      ['not-enough-colons', 'arn:a:::something/test-role'],
      ['no-resource', 'arn:a:a::aaaaaaaaaa:'],
    ]
    for (const [key, RoleArn] of arns) {
      await r.sendSts(key, 'AssumeRole', { RoleArn, RoleSessionName: 'Session1' })
    }
    await r.sendSts('invalid-session-name', 'AssumeRole', {
      RoleArn: 'arn:a:b:::something/test-role',
      RoleSessionName: 'Session1:2',
    })
  })

  replay('TestSTSCallerIdentity::test_get_caller_identity_with_iam_user_credentials', async (r) => {
    const userName = `user-${uid()}`
    await r.send('create-user', 'CreateUser', { UserName: userName })
    const { AccessKey } = await r.send(undefined, 'CreateAccessKey', { UserName: userName })
    const client = new STSClient({
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: AccessKey.AccessKeyId,
        secretAccessKey: AccessKey.SecretAccessKey,
      },
    })
    await r.sendSts('caller-identity-user', 'GetCallerIdentity', {}, client)
  })

  replay(
    'TestSTSCallerIdentity::test_get_caller_identity_with_assumed_role_credentials',
    async (r) => {
      const role = await r.send(undefined, 'CreateRole', {
        RoleName: `role-${uid()}`,
        AssumeRolePolicyDocument: TRUST_ACCT,
      })
      const session = await r.sendSts(undefined, 'AssumeRole', {
        RoleArn: role.Role.Arn,
        RoleSessionName: `test-session-${uid()}`,
      })
      await r.sendSts('caller-identity-assumed-role', 'GetCallerIdentity', {}, asSession(session))
    },
  )

  replay('TestSTSAssumeRoleTagging::test_assume_role_tag_validation', async (r) => {
    const role = await r.send('role-1', 'CreateRole', {
      RoleName: `role-${uid()}`,
      AssumeRolePolicyDocument: TRUST_ACCT_TAG,
    })
    const RoleArn = role.Role.Arn
    await r.sendSts(undefined, 'AssumeRole', { RoleArn, RoleSessionName: 'Session1' })
    await r.sendSts('invalid-transitive-tag-keys', 'AssumeRole', {
      RoleArn,
      RoleSessionName: 'SessionInvalidTransitiveKeys',
      Tags: [{ Key: 'SessionTag1', Value: 'SessionValue1' }],
      TransitiveTagKeys: ['InvalidKey'],
    })
    // Transitive keys match the tags' keys whatever their case (the recording's test asserts it).
    await r.sendSts(undefined, 'AssumeRole', {
      RoleArn,
      RoleSessionName: 'SessionCaseInsensitive',
      Tags: [{ Key: 'SessionTag1', Value: 'SessionValue1' }],
      TransitiveTagKeys: ['sessiontag1'],
    })
    await r.sendSts('duplicate-tag-keys-different-casing', 'AssumeRole', {
      RoleArn,
      RoleSessionName: 'SessionDuplicateKeys',
      Tags: [
        { Key: 'SessionTag1', Value: 'SessionValue1' },
        { Key: 'sessiontag1', Value: 'SessionValue2' },
      ],
      TransitiveTagKeys: ['sessiontag1'],
    })
  })

  replay('TestSTSAssumeRoleTagging::test_iam_role_chaining_override_transitive_tags', async (r) => {
    const first = await r.send('role-1', 'CreateRole', {
      RoleName: `role-${uid()}`,
      AssumeRolePolicyDocument: TRUST_ACCT_TAG,
    })
    const second = await r.send('role-2', 'CreateRole', {
      RoleName: `role-${uid()}`,
      AssumeRolePolicyDocument: TRUST_ACCT_TAG,
    })
    await r.send(undefined, 'PutRolePolicy', {
      RoleName: first.Role.RoleName,
      PolicyName: 'AssumeSecond',
      PolicyDocument: pythonJson({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Resource: second.Role.Arn,
          },
        ],
      }),
    })
    const session = await r.sendSts(undefined, 'AssumeRole', {
      RoleArn: first.Role.Arn,
      RoleSessionName: 'Session1',
      Tags: [{ Key: 'SessionTag1', Value: 'SessionValue1' }],
      TransitiveTagKeys: ['SessionTag1'],
    })
    const chained = asSession(session)
    for (const [key, tagKey] of [
      ['override-transitive-tag-error', 'SessionTag1'],
      ['override-transitive-tag-case-ignore-error', 'sessiontag1'],
    ]) {
      await r.sendSts(
        key,
        'AssumeRole',
        {
          RoleArn: second.Role.Arn,
          RoleSessionName: 'Session2SessionTagOverride',
          Tags: [{ Key: tagKey, Value: 'SessionValue2' }],
        },
        chained,
      )
    }
  })
})

/** JSON as Python's json.dumps writes it (`", "` and `": "` separators), as the recordings sent it. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`)
    return `{${entries.join(', ')}}`
  }
  return JSON.stringify(value)
}
