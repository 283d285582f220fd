import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetRoleCommand,
  GetUserCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam'
import {
  AssumeRoleCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
  type AssumeRoleCommandInput,
} from '@aws-sdk/client-sts'
import { TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { iamClient, ROOT_KEY, sdkError, useIam } from '../helpers.js'

const ACCOUNT = '123456789012'
let offset = 0
const iam = useIam({
  verifySignatures: true,
  clock: () => new Date(Date.now() + offset),
  fixtures: {
    AccountId: ACCOUNT,
    Root: {
      AccessKeys: [
        { AccessKeyId: ROOT_KEY.accessKeyId, SecretAccessKey: ROOT_KEY.secretAccessKey },
      ],
    },
  },
})

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

const sts = (credentials: Keys = ROOT_KEY) =>
  new STSClient({ region: 'us-east-1', maxAttempts: 1, credentials })
const root = iamClient()

const trust = (statement: Record<string, unknown>) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }],
  })
const ACCOUNT_TRUST = trust({ Principal: { AWS: ACCOUNT } })

async function role(name: string, document = ACCOUNT_TRUST, extra: object = {}) {
  const { Role } = await root.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: document, ...extra }),
  )
  return Role!
}

async function user(name: string): Promise<Keys> {
  await root.send(new CreateUserCommand({ UserName: name }))
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }))
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }
}

async function assume(input: AssumeRoleCommandInput, as: Keys = ROOT_KEY) {
  return sts(as).send(new AssumeRoleCommand(input))
}

const keysOf = (answer: {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }
}): Keys => ({
  accessKeyId: answer.Credentials!.AccessKeyId!,
  secretAccessKey: answer.Credentials!.SecretAccessKey!,
  sessionToken: answer.Credentials!.SessionToken!,
})

const denied = (caller: string, resource: string, action = 'sts:AssumeRole') =>
  `User: ${caller} is not authorized to perform: ${action} on resource: ${resource}`

describe('AssumeRole', () => {
  it('answers ASIA credentials, an hour by default, and the assumed-role user', async () => {
    const { Arn, RoleId } = await role('Deployer')
    const before = Date.now()
    const answer = await assume({ RoleArn: Arn, RoleSessionName: 'ci-run-1' })
    expect(answer.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(answer.Credentials!.SecretAccessKey).toHaveLength(40)
    expect(answer.Credentials!.SessionToken!.length).toBeGreaterThan(100)
    const expires = answer.Credentials!.Expiration!.getTime()
    expect(expires - before).toBeGreaterThan(3590_000)
    expect(expires - before).toBeLessThanOrEqual(3601_000)
    expect(answer.AssumedRoleUser).toEqual({
      AssumedRoleId: `${RoleId}:ci-run-1`,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/ci-run-1`,
    })
    expect(answer.PackedPolicySize).toBeUndefined()
  })

  it('gives credentials that sign IAM and STS calls as the role session and mark the role used', async () => {
    const { Arn, RoleId } = await role('Auditor')
    const keys = keysOf(await assume({ RoleArn: Arn, RoleSessionName: 'audit' }))
    const identity = await sts(keys).send(new GetCallerIdentityCommand({}))
    expect(identity).toMatchObject({
      Account: ACCOUNT,
      UserId: `${RoleId}:audit`,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Auditor/audit`,
    })
    await iamClient(keys).send(new ListUsersCommand({}))
    const { Role } = await root.send(new GetRoleCommand({ RoleName: 'Auditor' }))
    expect(Role!.RoleLastUsed).toMatchObject({ Region: 'us-east-1' })
    expect(Role!.RoleLastUsed!.LastUsedDate).toBeInstanceOf(Date)
    const error = await sdkError(iamClient(keys).send(new GetUserCommand({})))
    expect(error.message).toBe('Must specify userName when calling with non-User credentials')
  })

  it('refuses a caller the trust policy does not name, with AWS’s AccessDenied text', async () => {
    const alice = await user('alice')
    const bob = await user('bob')
    const { Arn } = await role(
      'AliceOnly',
      trust({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` } }),
    )
    await expect(assume({ RoleArn: Arn, RoleSessionName: 's1' }, alice)).resolves.toBeDefined()
    const error = await sdkError(assume({ RoleArn: Arn, RoleSessionName: 's1' }, bob))
    expect(error.name).toBe('AccessDenied')
    expect(error.$metadata.httpStatusCode).toBe(403)
    expect(error.message).toBe(denied(`arn:aws:iam::${ACCOUNT}:user/bob`, Arn!))
  })

  it('refuses a role that does not exist as one that does not trust the caller', async () => {
    // @note inferred: AccessDenied for a missing role is AWS's documented behaviour, not recorded.
    const arn = `arn:aws:iam::${ACCOUNT}:role/Nobody`
    const error = await sdkError(assume({ RoleArn: arn, RoleSessionName: 's1' }))
    expect(error.name).toBe('AccessDenied')
    expect(error.message).toBe(denied(`arn:aws:iam::${ACCOUNT}:root`, arn))
  })

  it('refuses a RoleArn that is no ARN with ValidationError', async () => {
    const error = await sdkError(
      assume({ RoleArn: 'arn:a:::something/test-role', RoleSessionName: 's1' }),
    )
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe('arn:a:::something/test-role is invalid')
  })

  it('lets anyone in with Principal "*", and an explicit Deny wins', async () => {
    const bob = await user('bob')
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
        {
          Effect: 'Deny',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` },
          Action: 'sts:*',
        },
      ],
    })
    const { Arn } = await role('Open', document)
    await expect(assume({ RoleArn: Arn, RoleSessionName: 'root' })).resolves.toBeDefined()
    const error = await sdkError(assume({ RoleArn: Arn, RoleSessionName: 'bob' }, bob))
    expect(error.name).toBe('AccessDenied')
  })

  it('checks sts:ExternalId', async () => {
    const { Arn } = await role(
      'Vendor',
      trust({
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Condition: { StringEquals: { 'sts:ExternalId': 'secret-handshake' } },
      }),
    )
    const missing = await sdkError(assume({ RoleArn: Arn, RoleSessionName: 's1' }))
    expect(missing.name).toBe('AccessDenied')
    const wrong = await sdkError(
      assume({ RoleArn: Arn, RoleSessionName: 's1', ExternalId: 'nope' }),
    )
    expect(wrong.name).toBe('AccessDenied')
    await expect(
      assume({ RoleArn: Arn, RoleSessionName: 's1', ExternalId: 'secret-handshake' }),
    ).resolves.toBeDefined()
  })

  it('checks aws:PrincipalArn with wildcards, a role session counting as its role', async () => {
    const ci = await role('ci-runner')
    const { Arn } = await role(
      'Target',
      trust({
        Principal: { AWS: ACCOUNT },
        Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/ci-*` } },
      }),
    )
    const rootError = await sdkError(assume({ RoleArn: Arn, RoleSessionName: 'root' }))
    expect(rootError.message).toBe(denied(`arn:aws:iam::${ACCOUNT}:root`, Arn!))
    const session = keysOf(await assume({ RoleArn: ci.Arn, RoleSessionName: 'job-7' }))
    const chained = await assume({ RoleArn: Arn, RoleSessionName: 'job-7' }, session)
    expect(chained.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Target/job-7`)
  })

  it('names the calling session in AccessDenied when a role session is refused', async () => {
    await user('alice')
    const ci = await role('ci-runner')
    const { Arn } = await role(
      'UsersOnly',
      trust({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` } }),
    )
    const session = keysOf(await assume({ RoleArn: ci.Arn, RoleSessionName: 'job-8' }))
    const error = await sdkError(assume({ RoleArn: Arn, RoleSessionName: 'x1' }, session))
    expect(error.message).toBe(denied(`arn:aws:sts::${ACCOUNT}:assumed-role/ci-runner/job-8`, Arn!))
  })

  it('demands MFA where the trust policy says aws:MultiFactorAuthPresent', async () => {
    // @note inferred: the root's own device lives outside the store (AWS enables it in the
    // console only): the root's serial is taken as given.
    const { Arn } = await role(
      'Admin',
      trust({
        Principal: { AWS: ACCOUNT },
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      }),
    )
    const error = await sdkError(assume({ RoleArn: Arn, RoleSessionName: 's1' }))
    expect(error.name).toBe('AccessDenied')
    await expect(
      assume({
        RoleArn: Arn,
        RoleSessionName: 's1',
        SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-device`,
        TokenCode: '123456',
      }),
    ).resolves.toBeDefined()
  })

  it('refuses DurationSeconds over the role’s MaxSessionDuration with AWS’s sentence', async () => {
    const { Arn } = await role('Short')
    const error = await sdkError(
      assume({ RoleArn: Arn, RoleSessionName: 's1', DurationSeconds: 7200 }),
    )
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    )
    const { Arn: long } = await role('Long', ACCOUNT_TRUST, { MaxSessionDuration: 43200 })
    const answer = await assume({ RoleArn: long, RoleSessionName: 's1', DurationSeconds: 43200 })
    expect(answer.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(43190_000)
  })

  it('limits role chaining to one hour', async () => {
    const first = await role('First', ACCOUNT_TRUST, { MaxSessionDuration: 43200 })
    const second = await role('Second', ACCOUNT_TRUST, { MaxSessionDuration: 43200 })
    const session = keysOf(await assume({ RoleArn: first.Arn, RoleSessionName: 'one' }))
    const error = await sdkError(
      assume({ RoleArn: second.Arn, RoleSessionName: 'two', DurationSeconds: 3601 }, session),
    )
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    )
    await expect(
      assume({ RoleArn: second.Arn, RoleSessionName: 'two', DurationSeconds: 3600 }, session),
    ).resolves.toBeDefined()
  })

  it('refuses a RoleSessionName outside the model’s pattern', async () => {
    const { Arn } = await role('Named')
    const error = await sdkError(assume({ RoleArn: Arn, RoleSessionName: 'has space' }))
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(
      "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    )
  })

  it('reports PackedPolicySize for session policies and refuses malformed ones', async () => {
    // @note inferred: the packed size is the mock's estimate; the malformed policy's sentence is the identity grammar's.
    const { Arn } = await role('Scoped')
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    })
    const answer = await assume({
      RoleArn: Arn,
      RoleSessionName: 's1',
      Policy: policy,
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
    })
    expect(answer.PackedPolicySize).toBeGreaterThan(0)
    expect(answer.PackedPolicySize).toBeLessThanOrEqual(100)
    // The session keeps its policies, for snapshots and later evaluation.
    const session = iam
      .snapshot()
      .RoleSessions!.find((s) => s.AccessKeyId === answer.Credentials!.AccessKeyId)
    expect(session).toMatchObject({
      Policy: policy,
      PolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    })
    const error = await sdkError(assume({ RoleArn: Arn, RoleSessionName: 's1', Policy: '{' }))
    expect(error.name).toBe('MalformedPolicyDocumentException')
  })

  it('refuses session policies and tags over the packed space with PackedPolicyTooLarge', async () => {
    // @note inferred: which part the message names, and the size estimate.
    const { Arn } = await role(
      'Tagged',
      trust({ Principal: { AWS: ACCOUNT }, Action: ['sts:AssumeRole', 'sts:TagSession'] }),
    )
    const Tags = Array.from({ length: 20 }, (_, i) => ({ Key: `key-${i}`, Value: 'v'.repeat(100) }))
    const error = await sdkError(assume({ RoleArn: Arn, RoleSessionName: 's1', Tags }))
    expect(error.name).toBe('PackedPolicyTooLargeException')
    expect(error.message).toMatch(/^Packed size of session tags consumes \d+% of allotted space\.$/)
  })

  it('needs sts:TagSession in the trust policy for session tags', async () => {
    const { Arn } = await role('NoTags')
    const error = await sdkError(
      assume({ RoleArn: Arn, RoleSessionName: 's1', Tags: [{ Key: 'team', Value: 'red' }] }),
    )
    expect(error.message).toBe(denied(`arn:aws:iam::${ACCOUNT}:root`, Arn!, 'sts:TagSession'))
  })

  it('passes transitive tags on to chained sessions, where aws:PrincipalTag sees them', async () => {
    const both = trust({
      Principal: { AWS: ACCOUNT },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    })
    const first = await role('TagFirst', both)
    const second = await role(
      'TagSecond',
      trust({
        Principal: { AWS: ACCOUNT },
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
      }),
    )
    const plain = keysOf(await assume({ RoleArn: first.Arn, RoleSessionName: 'plain' }))
    expect(
      (await sdkError(assume({ RoleArn: second.Arn, RoleSessionName: 'x1' }, plain))).name,
    ).toBe('AccessDenied')
    const tagged = keysOf(
      await assume({
        RoleArn: first.Arn,
        RoleSessionName: 'tagged',
        Tags: [{ Key: 'team', Value: 'red' }],
        TransitiveTagKeys: ['team'],
      }),
    )
    await expect(
      assume({ RoleArn: second.Arn, RoleSessionName: 'x1' }, tagged),
    ).resolves.toBeDefined()
    const conflict = await sdkError(
      assume(
        { RoleArn: first.Arn, RoleSessionName: 'x2', Tags: [{ Key: 'TEAM', Value: 'blue' }] },
        tagged,
      ),
    )
    expect(conflict.name).toBe('InvalidParameterValue')
  })

  it('sets a SourceIdentity where the trust policy allows sts:SetSourceIdentity', async () => {
    const { Arn } = await role(
      'Traced',
      trust({ Principal: { AWS: ACCOUNT }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }),
    )
    const answer = await assume({ RoleArn: Arn, RoleSessionName: 's1', SourceIdentity: 'alice' })
    expect(answer.SourceIdentity).toBe('alice')
    const { Arn: plain } = await role('Untraced')
    const error = await sdkError(
      assume({ RoleArn: plain, RoleSessionName: 's1', SourceIdentity: 'alice' }),
    )
    expect(error.message).toBe(
      denied(`arn:aws:iam::${ACCOUNT}:root`, plain!, 'sts:SetSourceIdentity'),
    )
  })
})

describe('temporary credentials with verifySignatures', () => {
  it('are refused once expired, with ExpiredToken', async () => {
    const { Arn } = await role('Brief')
    const keys = keysOf(await assume({ RoleArn: Arn, RoleSessionName: 's1', DurationSeconds: 900 }))
    await expect(sts(keys).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined()
    offset = 901_000
    try {
      const error = await sdkError(sts(keys).send(new GetCallerIdentityCommand({})))
      expect(error.name).toBe('ExpiredToken')
      expect(error.$metadata.httpStatusCode).toBe(403)
      expect(error.message).toBe('The security token included in the request is expired')
      const iamError = await sdkError(iamClient(keys).send(new ListUsersCommand({})))
      expect(iamError.name).toBe('ExpiredToken')
    } finally {
      offset = 0
    }
  })

  it('are refused without their session token or with another one', async () => {
    const { Arn } = await role('Tokened')
    const keys = keysOf(await assume({ RoleArn: Arn, RoleSessionName: 's1' }))
    for (const sessionToken of [undefined, `${keys.sessionToken}x`]) {
      const error = await sdkError(
        sts({ ...keys, sessionToken }).send(new GetCallerIdentityCommand({})),
      )
      expect(error.name).toBe('InvalidClientTokenId')
      expect(error.message).toBe('The security token included in the request is invalid.')
    }
  })
})

describe('GetSessionToken', () => {
  it('gives a user credentials that act as that user', async () => {
    const carol = await user('carol')
    const answer = await sts(carol).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))
    expect(answer.Credentials!.AccessKeyId).toMatch(/^ASIA/)
    const identity = await sts(keysOf(answer)).send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/carol`)
    expect(identity.UserId).toBe(iam.store.user('carol')!.UserId)
    // IAM takes them only with MFA (AWS documents it; its answer has no final period).
    const refused = await sdkError(iamClient(keysOf(answer)).send(new GetUserCommand({})))
    expect([refused.name, refused.message, refused.$metadata.httpStatusCode]).toEqual([
      'InvalidClientTokenId',
      'The security token included in the request is invalid',
      403,
    ])
  })

  it('gives credentials refused once their user is deleted', async () => {
    // @note inferred: InvalidClientTokenId, as for a key the mock does not know.
    const carol = await user('carol')
    const token = keysOf(await sts(carol).send(new GetSessionTokenCommand({})))
    await root.send(
      new DeleteAccessKeyCommand({ UserName: 'carol', AccessKeyId: carol.accessKeyId }),
    )
    await root.send(new DeleteUserCommand({ UserName: 'carol' }))
    const error = await sdkError(sts(token).send(new GetCallerIdentityCommand({})))
    expect(error.name).toBe('InvalidClientTokenId')
  })

  it('lasts 12 hours by default for users and at most an hour for the root', async () => {
    // @note inferred: the root's longer request is cut to an hour, not refused.
    const carol = await user('carol')
    const forUser = await sts(carol).send(new GetSessionTokenCommand({}))
    expect(forUser.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(43190_000)
    const forRoot = await sts().send(new GetSessionTokenCommand({ DurationSeconds: 129600 }))
    const rootSeconds = (forRoot.Credentials!.Expiration!.getTime() - Date.now()) / 1000
    expect(rootSeconds).toBeGreaterThan(3590)
    expect(rootSeconds).toBeLessThanOrEqual(3601)
  })

  it('is refused for role sessions', async () => {
    const { Arn } = await role('NoTokens')
    const keys = keysOf(await assume({ RoleArn: Arn, RoleSessionName: 's1' }))
    const error = await sdkError(sts(keys).send(new GetSessionTokenCommand({})))
    expect(error.name).toBe('AccessDenied')
    expect(error.message).toBe('Cannot call GetSessionToken with session credentials')
  })
})

describe('MFA codes (SerialNumber and TokenCode)', () => {
  /** The code an authenticator of `seed` shows `steps` periods from the mock's now. */
  const codeOf = (seed: string, steps = 0) =>
    new TOTP({ secret: seed }).generate({ timestamp: Date.now() + offset + steps * 30_000 })

  /** A user with a virtual MFA device enabled for it: its keys, serial and seed. */
  async function userWithDevice(name: string) {
    const keys = await user(name)
    const { VirtualMFADevice } = await root.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${name}-phone` }),
    )
    const seed = new TextDecoder().decode(VirtualMFADevice!.Base32StringSeed)
    const serial = VirtualMFADevice!.SerialNumber!
    await root.send(
      new EnableMFADeviceCommand({
        UserName: name,
        SerialNumber: serial,
        AuthenticationCode1: codeOf(seed, -1),
        AuthenticationCode2: codeOf(seed),
      }),
    )
    return { keys, serial, seed }
  }

  const MFA_TRUST = trust({
    Principal: { AWS: ACCOUNT },
    Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  })
  const UNVALIDATED =
    'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.'

  it('gives session credentials with MFA for the current code of the user’s own device', async () => {
    const dora = await userWithDevice('dora')
    const { Arn } = await role('NeedsMfa', MFA_TRUST)
    const plain = keysOf(await sts(dora.keys).send(new GetSessionTokenCommand({})))
    expect((await sdkError(assume({ RoleArn: Arn, RoleSessionName: 's1' }, plain))).name).toBe(
      'AccessDenied',
    )
    const withMfa = keysOf(
      await sts(dora.keys).send(
        new GetSessionTokenCommand({ SerialNumber: dora.serial, TokenCode: codeOf(dora.seed) }),
      ),
    )
    const session = await assume({ RoleArn: Arn, RoleSessionName: 's1' }, withMfa)
    expect(session.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/NeedsMfa/s1`)
    const { User } = await iamClient(withMfa).send(new GetUserCommand({}))
    expect(User!.UserName).toBe('dora')
  })

  it('refuses a wrong or stale code, another user’s device and a serial without a code', async () => {
    const dora = await userWithDevice('dora')
    const erin = await userWithDevice('erin')
    const attempts = [
      { SerialNumber: dora.serial, TokenCode: codeOf(dora.seed, 10) },
      { SerialNumber: erin.serial, TokenCode: codeOf(erin.seed) },
      { SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/nothing`, TokenCode: '123456' },
      { SerialNumber: dora.serial },
    ]
    for (const input of attempts) {
      const error = await sdkError(sts(dora.keys).send(new GetSessionTokenCommand(input)))
      expect([error.name, error.message]).toEqual(['AccessDenied', UNVALIDATED])
    }
  })

  it('lets AssumeRole count the code for a role that demands MFA', async () => {
    // @note inferred: AssumeRole's sentence for a code that does not authenticate the caller.
    const dora = await userWithDevice('dora')
    const { Arn } = await role('NeedsMfa', MFA_TRUST)
    const input = { RoleArn: Arn, RoleSessionName: 's1', SerialNumber: dora.serial }
    const ok = await assume({ ...input, TokenCode: codeOf(dora.seed) }, dora.keys)
    expect(ok.Credentials!.AccessKeyId).toMatch(/^ASIA/)
    const error = await sdkError(assume({ ...input, TokenCode: codeOf(dora.seed, 4) }, dora.keys))
    expect([error.name, error.message]).toEqual([
      'AccessDenied',
      'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    ])
  })
})

describe('GetFederationToken', () => {
  it('gives a federated user of the account, with PackedPolicySize 0 without policies', async () => {
    const carol = await user('carol')
    const answer = await sts(carol).send(
      new GetFederationTokenCommand({ Name: 'partner', DurationSeconds: 900 }),
    )
    expect(answer.FederatedUser).toEqual({
      FederatedUserId: `${ACCOUNT}:partner`,
      Arn: `arn:aws:sts::${ACCOUNT}:federated-user/partner`,
    })
    expect(answer.PackedPolicySize).toBe(0)
    const identity = await sts(keysOf(answer)).send(new GetCallerIdentityCommand({}))
    expect(identity).toMatchObject({
      UserId: `${ACCOUNT}:partner`,
      Arn: `arn:aws:sts::${ACCOUNT}:federated-user/partner`,
    })
  })

  it('gives credentials that may not assume roles', async () => {
    // @note inferred: AccessDenied with the usual sentence, naming the federated user.
    const { Arn } = await role('Open')
    const carol = await user('carol')
    const answer = await sts(carol).send(new GetFederationTokenCommand({ Name: 'partner' }))
    const error = await sdkError(assume({ RoleArn: Arn, RoleSessionName: 'x1' }, keysOf(answer)))
    expect(error.message).toBe(denied(`arn:aws:sts::${ACCOUNT}:federated-user/partner`, Arn!))
  })

  it('is refused for temporary credentials', async () => {
    // @note inferred: the same sentence for every kind of temporary credentials.
    const carol = await user('carol')
    const token = await sts(carol).send(new GetSessionTokenCommand({}))
    const error = await sdkError(
      sts(keysOf(token)).send(new GetFederationTokenCommand({ Name: 'partner' })),
    )
    expect(error.name).toBe('AccessDenied')
    expect(error.message).toBe('Cannot call GetFederationToken with session credentials')
  })
})

describe('GetAccessKeyInfo', () => {
  it('names the mock’s account for its keys, and the encoded account for others', async () => {
    const carol = await user('carol')
    const info = (AccessKeyId: string) => sts().send(new GetAccessKeyInfoCommand({ AccessKeyId }))
    expect((await info(carol.accessKeyId)).Account).toBe(ACCOUNT)
    // An access key id of another account, as AWS issues them (the decoding tools document).
    expect((await info('ASIAY34FZKBOKMUTVV7A')).Account).toBe('609629065308')
  })

  it('refuses an id that encodes no account', async () => {
    // @note inferred: InvalidParameterValue and its sentence.
    const error = await sdkError(
      sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIA0000000000000000' })),
    )
    expect(error.name).toBe('InvalidParameterValue')
    expect(error.message).toBe('AKIA0000000000000000 is not a valid access key id.')
  })
})
