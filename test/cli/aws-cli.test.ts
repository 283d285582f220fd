import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TOTP } from 'otpauth'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { startIamServer, type IamServer } from '../../src/server/index.js'
import { ROOT_KEY, trustPolicy } from '../helpers.js'
import { certificate } from '../keys.js'
import { allow, contractFixture, CLOCK, frankLastAccessedIam } from './fixture.js'
import { AWS, awsCli, isolatedAwsEnv, itWith, run } from './helpers.js'
import { createWebIdentityIssuer } from '../../src/index.js'

// The real AWS CLI v2 (Debian's awscli) against the real server: the same handlers as in-process
// MSW, served over HTTP.
const it = itWith(awsCli)
const env = isolatedAwsEnv()
const rootEnv = env({
  AWS_ACCESS_KEY_ID: ROOT_KEY.accessKeyId,
  AWS_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey,
})

let server: IamServer
beforeAll(async () => {
  server = await startIamServer({ port: 0, fixtures: contractFixture, clock: CLOCK })
})
afterEach(() => server.mock.reset())
afterAll(() => server?.close())

/** `aws iam …` against the server, as root unless other credentials are given. */
function aws(args: string[], options: { env?: NodeJS.ProcessEnv; endpoint?: string } = {}) {
  const endpoint = options.endpoint ?? server.url
  return run(AWS, ['--endpoint-url', endpoint, '--output', 'json', 'iam', ...args], {
    env: options.env ?? rootEnv,
  })
}

/** Runs an `aws iam` command that must succeed, and parses its JSON output. */
async function ok(args: string[], options?: Parameters<typeof aws>[1]): Promise<any> {
  const result = await aws(args, options)
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return result.stdout.trim() === '' ? undefined : JSON.parse(result.stdout)
}

it('manages a user and its access keys through the AWS CLI, from create-user to delete-user', async () => {
  // Any Host name reaches the handlers: localhost here, 127.0.0.1 (server.url) below.
  const endpointByName = server.url.replace('127.0.0.1', 'localhost')
  const created = await ok(['create-user', '--user-name', 'Bob'], { endpoint: endpointByName })
  expect(created).toEqual({
    User: {
      Path: '/',
      UserName: 'Bob',
      UserId: server.mock.store.user('Bob')!.UserId,
      Arn: 'arn:aws:iam::123456789012:user/Bob',
      CreateDate: '2026-02-19T18:34:51+00:00',
    },
  })

  expect(await ok(['get-user', '--user-name', 'Bob'])).toEqual(created)

  // --page-size 2: the CLI follows IsTruncated/Marker across three pages and merges them.
  const listed = await ok(['list-users', '--page-size', '2'])
  expect(listed.Users.map((user: { UserName: string }) => user.UserName)).toEqual([
    'alice',
    'Bob',
    'carol',
    'dave',
    'frank',
  ])
  const pages = server.mock.calls.ofAction('ListUsers')
  expect(pages.map((call) => [call.params.MaxItems, call.params.Marker !== undefined])).toEqual([
    ['2', false],
    ['2', true],
    ['2', true],
  ])

  const first = (await ok(['create-access-key', '--user-name', 'Bob'])).AccessKey
  expect(first).toEqual({
    UserName: 'Bob',
    AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
    Status: 'Active',
    SecretAccessKey: server.mock.store.secretAccessKey(first.AccessKeyId),
    CreateDate: '2026-02-19T18:34:51+00:00',
  })

  // Without --user-name IAM acts on the user whose key signed the request: Bob, with his new key.
  const bobEnv = env({
    AWS_ACCESS_KEY_ID: first.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: first.SecretAccessKey,
  })
  const second = (await ok(['create-access-key'], { env: bobEnv })).AccessKey
  expect(second).toMatchObject({ UserName: 'Bob', Status: 'Active' })
  expect(second.AccessKeyId).not.toBe(first.AccessKeyId)
  expect(server.mock.calls.last()).toMatchObject({
    caller: 'arn:aws:iam::123456789012:user/Bob',
    accessKeyId: first.AccessKeyId,
  })

  const keys = await ok(['list-access-keys', '--user-name', 'Bob'])
  expect(keys).toEqual({
    AccessKeyMetadata: expect.arrayContaining([
      {
        UserName: 'Bob',
        AccessKeyId: first.AccessKeyId,
        Status: 'Active',
        CreateDate: '2026-02-19T18:34:51+00:00',
      },
      {
        UserName: 'Bob',
        AccessKeyId: second.AccessKeyId,
        Status: 'Active',
        CreateDate: '2026-02-19T18:34:51+00:00',
      },
    ]),
  })
  expect(keys.AccessKeyMetadata).toHaveLength(2)

  const update = ['--user-name', 'Bob', '--access-key-id', first.AccessKeyId]
  expect(await ok(['update-access-key', ...update, '--status', 'Inactive'])).toBeUndefined()
  expect(server.mock.store.accessKey(first.AccessKeyId)?.Status).toBe('Inactive')

  // The first key signed one request (the second create-access-key); the CLI signs with the
  // region it is configured with.
  expect(await ok(['get-access-key-last-used', '--access-key-id', first.AccessKeyId])).toEqual({
    UserName: 'Bob',
    AccessKeyLastUsed: {
      LastUsedDate: '2026-02-19T18:34:51+00:00',
      ServiceName: 'iam',
      Region: 'us-east-1',
    },
  })

  for (const key of [first, second]) {
    const target = ['--user-name', 'Bob', '--access-key-id', key.AccessKeyId]
    expect(await ok(['delete-access-key', ...target])).toBeUndefined()
  }
  expect(await ok(['delete-user', '--user-name', 'Bob'])).toBeUndefined()
  expect(server.mock.store.user('Bob')).toBeUndefined()
}, 60_000)

it('prints IAM errors the way the AWS CLI does and exits with 254', async () => {
  const cases = [
    {
      args: ['create-access-key', '--user-name', 'frank'],
      sentence:
        'An error occurred (LimitExceeded) when calling the CreateAccessKey operation: Cannot exceed quota for AccessKeysPerUser: 2',
    },
    {
      args: ['get-user', '--user-name', 'nobody'],
      sentence:
        'An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name nobody cannot be found.',
    },
    {
      // Names are unique case-insensitively.
      args: ['create-user', '--user-name', 'ALICE'],
      sentence:
        'An error occurred (EntityAlreadyExists) when calling the CreateUser operation: User with name ALICE already exists.',
    },
    {
      args: ['delete-user', '--user-name', 'frank'],
      sentence:
        'An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must delete access keys first.',
    },
    {
      args: ['create-user', '--user-name', 'not/valid'],
      sentence:
        'An error occurred (ValidationError) when calling the CreateUser operation: The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
    },
  ]
  // Read-only failures: the five CLI processes may run side by side.
  const results = await Promise.all(cases.map(({ args }) => aws(args)))
  results.forEach((result, i) => {
    // Newer CLI v2 releases prefix `aws: [ERROR]: ` and append "Additional error details".
    expect(result.stderr).toContain(cases[i]!.sentence)
    expect(result.stdout).toBe('')
    expect(result.code).toBe(254)
  })
  expect(server.mock.store.user('frank')?.AccessKeys).toHaveLength(2)
  expect(server.mock.store.users()).toHaveLength(4)
}, 60_000)

it('manages a role through the AWS CLI: trust policy, instance profile, policies, deletion', async () => {
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  })
  const created = await ok([
    'create-role',
    '--role-name',
    'web',
    '--path',
    '/app/',
    '--assume-role-policy-document',
    trust,
    '--tags',
    'Key=team,Value=web',
  ])
  // The CLI decodes the URL-encoded trust policy and prints it as JSON.
  expect(created.Role).toEqual({
    Path: '/app/',
    RoleName: 'web',
    RoleId: server.mock.store.role('web')!.RoleId,
    Arn: 'arn:aws:iam::123456789012:role/app/web',
    CreateDate: '2026-02-19T18:34:51+00:00',
    AssumeRolePolicyDocument: JSON.parse(trust),
    Tags: [{ Key: 'team', Value: 'web' }],
  })
  const got = await ok(['get-role', '--role-name', 'web'])
  expect(got.Role.MaxSessionDuration).toBe(3600)
  expect(got.Role.RoleLastUsed).toEqual({})
  await ok(['update-role', '--role-name', 'web', '--max-session-duration', '7200'])
  const listed = await ok(['list-roles', '--path-prefix', '/app/'])
  expect(
    listed.Roles.map((r: { MaxSessionDuration: number; Tags?: unknown }) => [
      r.MaxSessionDuration,
      r.Tags,
    ]),
  ).toEqual([[7200, undefined]])

  await ok(['create-instance-profile', '--instance-profile-name', 'web-profile'])
  await ok([
    'add-role-to-instance-profile',
    '--instance-profile-name',
    'web-profile',
    '--role-name',
    'web',
  ])
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
  })
  await ok([
    'put-role-policy',
    '--role-name',
    'web',
    '--policy-name',
    'read',
    '--policy-document',
    policy,
  ])
  await ok([
    'attach-role-policy',
    '--role-name',
    'web',
    '--policy-arn',
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
  ])

  const refused = await aws(['delete-role', '--role-name', 'web'])
  expect(refused.code).toBe(254)
  expect(refused.stderr).toContain(
    'An error occurred (DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must remove roles from instance profile first.',
  )

  await ok([
    'remove-role-from-instance-profile',
    '--instance-profile-name',
    'web-profile',
    '--role-name',
    'web',
  ])
  await ok(['delete-instance-profile', '--instance-profile-name', 'web-profile'])
  await ok(['delete-role-policy', '--role-name', 'web', '--policy-name', 'read'])
  await ok([
    'detach-role-policy',
    '--role-name',
    'web',
    '--policy-arn',
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
  ])
  await ok(['delete-role', '--role-name', 'web'])
  expect(server.mock.store.roles()).toEqual([])
}, 60_000)

it('creates and deletes a service-linked role through the AWS CLI', async () => {
  const created = await ok([
    'create-service-linked-role',
    '--aws-service-name',
    'ecs.amazonaws.com',
  ])
  expect(created.Role.Arn).toBe(
    'arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
  )
  const { DeletionTaskId } = await ok([
    'delete-service-linked-role',
    '--role-name',
    'AWSServiceRoleForECS',
  ])
  expect(DeletionTaskId).toMatch(
    /^task\/aws-service-role\/ecs\.amazonaws\.com\/AWSServiceRoleForECS\//,
  )
  const status = await ok([
    'get-service-linked-role-deletion-status',
    '--deletion-task-id',
    DeletionTaskId,
  ])
  // The server's clock is fixed: the first check falls within the deletion's second.
  expect(status.Status).toBe('IN_PROGRESS')
  const again = await ok([
    'get-service-linked-role-deletion-status',
    '--deletion-task-id',
    DeletionTaskId,
  ])
  expect(again.Status).toBe('SUCCEEDED')
}, 60_000)

it('manages a login profile under the account password policy through the AWS CLI', async () => {
  await ok([
    'update-account-password-policy',
    '--minimum-password-length',
    '10',
    '--require-numbers',
    '--password-reuse-prevention',
    '1',
  ])
  expect(await ok(['get-account-password-policy'])).toEqual({
    PasswordPolicy: {
      MinimumPasswordLength: 10,
      RequireSymbols: false,
      RequireNumbers: true,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
      PasswordReusePrevention: 1,
    },
  })
  const weak = await aws(['create-login-profile', '--user-name', 'frank', '--password', 'short1'])
  // @note inferred wording
  expect(weak.stderr).toContain(
    'An error occurred (PasswordPolicyViolation) when calling the CreateLoginProfile operation: Password should have a minimum length of 10',
  )
  expect(weak.code).toBe(254)
  const created = await ok([
    'create-login-profile',
    '--user-name',
    'frank',
    '--password',
    'long-enough-1',
    '--password-reset-required',
  ])
  expect(created).toEqual({
    LoginProfile: {
      UserName: 'frank',
      CreateDate: '2026-02-19T18:34:51+00:00',
      PasswordResetRequired: true,
    },
  })

  // frank changes his own password, signing with his own key.
  const frank = env({
    AWS_ACCESS_KEY_ID: 'AKIAFRANKFRANKFRANK1',
    AWS_SECRET_ACCESS_KEY: 'frank-secret-one',
  })
  const reused = await aws(
    ['change-password', '--old-password', 'long-enough-1', '--new-password', 'long-enough-1'],
    { env: frank },
  )
  expect(reused.stderr).toContain('(PasswordPolicyViolation)')
  await ok(
    ['change-password', '--old-password', 'long-enough-1', '--new-password', 'n3w-and-long'],
    {
      env: frank,
    },
  )
  expect((await ok(['get-login-profile', '--user-name', 'frank'])).LoginProfile).toMatchObject({
    PasswordResetRequired: false,
  })
  expect(server.mock.store.loginPassword('frank')).toBe('n3w-and-long')

  const conflict = await aws(['delete-user', '--user-name', 'frank'])
  expect(conflict.stderr).toContain(
    'An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must delete login profile first.',
  )
  expect(await ok(['delete-login-profile', '--user-name', 'frank'])).toBeUndefined()
  expect(await ok(['delete-account-password-policy'])).toBeUndefined()
  const gone = await aws(['get-account-password-policy'])
  expect(gone.stderr).toContain(
    'An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The Password Policy with domain name 123456789012 cannot be found.',
  )
  // No password reached the journal.
  const journal = JSON.stringify(server.mock.calls.all)
  for (const password of ['short1', 'long-enough-1', 'n3w-and-long']) {
    expect(journal).not.toContain(password)
  }
}, 60_000)

it('creates and enables a virtual MFA device and reads the credential report through the AWS CLI', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'msw-iam-mfa-'))
  const seedFile = join(dir, 'seed.txt')
  const pngFile = join(dir, 'qr.png')
  const created = await ok([
    'create-virtual-mfa-device',
    '--virtual-mfa-device-name',
    'alice-phone',
    '--outfile',
    seedFile,
    '--bootstrap-method',
    'Base32StringSeed',
  ])
  expect(created.VirtualMFADevice.SerialNumber).toBe('arn:aws:iam::123456789012:mfa/alice-phone')
  const seed = readFileSync(seedFile, 'utf8')
  expect(seed).toMatch(/^[A-Z2-7]{64}$/)
  await ok([
    'create-virtual-mfa-device',
    '--virtual-mfa-device-name',
    'qr',
    '--outfile',
    pngFile,
    '--bootstrap-method',
    'QRCodePNG',
  ])
  expect(
    [...readFileSync(pngFile).subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''),
  ).toBe('PNG')
  // The server's clock is fixed: the codes are those of its instant.
  const totp = new TOTP({ secret: seed })
  const at = Date.parse(CLOCK)
  await ok([
    'enable-mfa-device',
    '--user-name',
    'alice',
    '--serial-number',
    created.VirtualMFADevice.SerialNumber,
    '--authentication-code1',
    totp.generate({ timestamp: at - 30_000 }),
    '--authentication-code2',
    totp.generate({ timestamp: at }),
  ])
  expect((await ok(['list-mfa-devices', '--user-name', 'alice'])).MFADevices).toEqual([
    {
      UserName: 'alice',
      SerialNumber: created.VirtualMFADevice.SerialNumber,
      EnableDate: '2026-02-19T18:34:51+00:00',
    },
  ])
  expect((await ok(['generate-credential-report'])).State).toBe('STARTED')
  const report = await ok(['get-credential-report'])
  expect(report.ReportFormat).toBe('text/csv')
  const csv = Buffer.from(report.Content, 'base64').toString('utf8').split('\n')
  expect(csv[0]!.split(',')).toHaveLength(22)
  expect(csv.find((line) => line.startsWith('alice,'))!.split(',')[7]).toBe('true')
  rmSync(dir, { recursive: true })
}, 60_000)

it('manages a customer managed policy and a group through the AWS CLI, and merges the authorization details pages', async () => {
  const arn = 'arn:aws:iam::123456789012:policy/deploy'
  const created = await ok([
    'create-policy',
    '--policy-name',
    'deploy',
    '--policy-document',
    allow('s3:GetObject'),
    '--tags',
    'Key=team,Value=ci',
  ])
  expect(created.Policy).toMatchObject({
    Arn: arn,
    DefaultVersionId: 'v1',
    Tags: [{ Key: 'team', Value: 'ci' }],
  })
  await ok([
    'create-policy-version',
    '--policy-arn',
    arn,
    '--policy-document',
    allow('s3:*'),
    '--set-as-default',
  ])
  const version = await ok(['get-policy-version', '--policy-arn', arn, '--version-id', 'v2'])
  // The CLI decodes the URL-encoded document and prints it as JSON.
  expect(version.PolicyVersion.Document).toEqual(JSON.parse(allow('s3:*')))
  const local = await ok(['list-policies', '--scope', 'Local'])
  expect(local.Policies.map((p: { PolicyName: string }) => p.PolicyName)).toEqual(['deploy'])

  await ok(['create-group', '--group-name', 'developers'])
  for (const user of ['alice', 'carol']) {
    await ok(['add-user-to-group', '--group-name', 'developers', '--user-name', user])
  }
  await ok(['attach-group-policy', '--group-name', 'developers', '--policy-arn', arn])
  const group = await ok(['get-group', '--group-name', 'developers'])
  expect(group.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['alice', 'carol'])

  // One item per page: the CLI follows every Marker and prints the lists merged.
  const details = await ok(['get-account-authorization-details', '--page-size', '1'])
  const users = details.UserDetailList.map((u: { UserName: string }) => u.UserName)
  expect(users).toEqual(server.mock.store.users().map((u) => u.UserName))
  expect(users).toHaveLength(4)
  expect(details.UserDetailList[1].GroupList).toEqual(['developers'])
  expect(details.GroupDetailList).toEqual([
    expect.objectContaining({
      GroupName: 'developers',
      AttachedManagedPolicies: [{ PolicyName: 'deploy', PolicyArn: arn }],
    }),
  ])
  expect(details.Policies.map((p: { PolicyName: string }) => p.PolicyName)).toEqual(['deploy'])
  expect(details.Policies[0].PolicyVersionList[0].Document).toEqual(JSON.parse(allow('s3:*')))

  const refused = await aws(['delete-policy', '--policy-arn', arn])
  expect(refused.code).toBe(254)
  expect(refused.stderr).toContain(
    'An error occurred (DeleteConflict) when calling the DeletePolicy operation: Cannot delete a policy attached to entities.',
  )
  await ok(['detach-group-policy', '--group-name', 'developers', '--policy-arn', arn])
  for (const user of ['alice', 'carol']) {
    await ok(['remove-user-from-group', '--group-name', 'developers', '--user-name', user])
  }
  await ok(['delete-group', '--group-name', 'developers'])
  await ok(['delete-policy-version', '--policy-arn', arn, '--version-id', 'v1'])
  await ok(['delete-policy', '--policy-arn', arn])
  expect([server.mock.store.policies(), server.mock.store.groups()]).toEqual([[], []])
}, 60_000)

/** `aws sts …` against the server, parsed; it must succeed. */
async function sts(args: string[], envOverride: NodeJS.ProcessEnv = rootEnv): Promise<any> {
  const result = await run(
    AWS,
    ['--endpoint-url', server.url, '--output', 'json', 'sts', ...args],
    { env: envOverride },
  )
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout)
}

it('assumes a role with aws sts assume-role and calls IAM with the credentials it printed', async () => {
  const trust = trustPolicy({
    Principal: { AWS: 'arn:aws:iam::123456789012:root' },
    Action: 'sts:AssumeRole',
  })
  const { Role } = await ok([
    'create-role',
    '--role-name',
    'cli-role',
    '--assume-role-policy-document',
    trust,
  ])
  const assumed = await sts([
    'assume-role',
    '--role-arn',
    Role.Arn,
    '--role-session-name',
    'cli-session',
    '--external-id',
    'unused-here',
  ])
  expect(assumed).toEqual({
    Credentials: {
      AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
      SessionToken: expect.any(String),
      Expiration: '2026-02-19T19:34:51+00:00',
    },
    AssumedRoleUser: {
      AssumedRoleId: `${Role.RoleId}:cli-session`,
      Arn: 'arn:aws:sts::123456789012:assumed-role/cli-role/cli-session',
    },
  })
  const sessionEnv = env({
    AWS_ACCESS_KEY_ID: assumed.Credentials.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: assumed.Credentials.SecretAccessKey,
    AWS_SESSION_TOKEN: assumed.Credentials.SessionToken,
  })
  expect(await sts(['get-caller-identity'], sessionEnv)).toEqual({
    UserId: `${Role.RoleId}:cli-session`,
    Account: '123456789012',
    Arn: 'arn:aws:sts::123456789012:assumed-role/cli-role/cli-session',
  })
  const roles = await ok(['list-roles'], { env: sessionEnv })
  expect(roles.Roles.map((r: { RoleName: string }) => r.RoleName)).toEqual(['cli-role'])

  const refused = await run(
    AWS,
    [
      '--endpoint-url',
      server.url,
      'sts',
      'assume-role',
      '--role-arn',
      Role.Arn,
      '--role-session-name',
      'too-long',
      '--duration-seconds',
      '7200',
    ],
    { env: rootEnv },
  )
  expect(refused.code).toBe(254)
  expect(refused.stderr).toContain(
    'An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  )
}, 60_000)

it('assumes a role with aws sts assume-role-with-web-identity, unsigned, against a verifying server', async () => {
  const issuer = await createWebIdentityIssuer({ url: 'https://gitlab.example.com' })
  const trust = trustPolicy({
    Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/gitlab.example.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'gitlab.example.com:sub': 'project_path:acme/app' } },
  })
  const verifying = await startIamServer({
    port: 0,
    verifySignatures: true,
    fixtures: {
      AccountId: '123456789012',
      OpenIDConnectProviders: [issuer.provider(['https://gitlab.example.com'])],
      Roles: [{ RoleName: 'ci', AssumeRolePolicyDocument: trust }],
    },
  })
  try {
    const token = await issuer.token({
      sub: 'project_path:acme/app',
      aud: 'https://gitlab.example.com',
    })
    const result = await run(
      AWS,
      [
        '--endpoint-url',
        verifying.url,
        '--output',
        'json',
        'sts',
        'assume-role-with-web-identity',
        '--role-arn',
        'arn:aws:iam::123456789012:role/ci',
        '--role-session-name',
        'pipeline-42',
        '--web-identity-token',
        token,
      ],
      // No credentials at all: the CLI sends this call unsigned.
      { env: env() },
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const answer = JSON.parse(result.stdout)
    expect(answer).toMatchObject({
      SubjectFromWebIdentityToken: 'project_path:acme/app',
      AssumedRoleUser: { Arn: 'arn:aws:sts::123456789012:assumed-role/ci/pipeline-42' },
      Audience: 'https://gitlab.example.com',
    })
    expect(answer.Credentials.AccessKeyId).toMatch(/^ASIA/)
  } finally {
    await verifying.close()
  }
}, 60_000)

it('reports through the AWS CLI what a user last reached, once the job completes', async () => {
  await ok([
    'put-user-policy',
    '--user-name',
    'frank',
    '--policy-name',
    'iam',
    '--policy-document',
    allow('iam:List*'),
  ])
  const frank = env({
    AWS_ACCESS_KEY_ID: 'AKIAFRANKFRANKFRANK1',
    AWS_SECRET_ACCESS_KEY: 'frank-secret-one',
  })
  await ok(['list-users'], { env: frank })
  const { JobId } = await ok([
    'generate-service-last-accessed-details',
    '--arn',
    'arn:aws:iam::123456789012:user/frank',
    '--granularity',
    'ACTION_LEVEL',
  ])
  const first = await ok(['get-service-last-accessed-details', '--job-id', JobId])
  expect(first.JobStatus).toBe('IN_PROGRESS')
  const done = await ok(['get-service-last-accessed-details', '--job-id', JobId])
  expect(done).toMatchObject({
    JobStatus: 'COMPLETED',
    JobType: 'ACTION_LEVEL',
    JobCreationDate: '2026-02-19T18:34:51+00:00',
    JobCompletionDate: '2026-02-19T18:34:51+00:00',
    ServicesLastAccessed: [frankLastAccessedIam],
  })
  const tracked = done.ServicesLastAccessed[0].TrackedActionsLastAccessed
  expect(tracked.find((a: { ActionName: string }) => a.ActionName === 'ListUsers')).toEqual({
    ActionName: 'ListUsers',
    LastAccessedEntity: 'arn:aws:iam::123456789012:user/frank',
    LastAccessedTime: '2026-02-19T18:34:51+00:00',
    LastAccessedRegion: 'us-east-1',
  })
  const entities = await ok([
    'get-service-last-accessed-details-with-entities',
    '--job-id',
    JobId,
    '--service-namespace',
    'iam',
  ])
  expect(entities.EntityDetailsList).toEqual([
    {
      EntityInfo: expect.objectContaining({ Name: 'frank', Type: 'USER' }),
      LastAuthenticated: '2026-02-19T18:34:51+00:00',
    },
  ])
}, 60_000)

it('uploads a server certificate with its chain and a signing certificate from files through the AWS CLI', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'msw-iam-certificates-'))
  const root = certificate('/CN=CLI Root CA')
  const leaf = root.sign('/CN=cli.example.com')
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text)
    return `file://${join(dir, name)}`
  }
  const body = file('cert.pem', leaf.certificate)
  const uploadArgs = (name: string, key: string) => [
    'upload-server-certificate',
    '--server-certificate-name',
    name,
    '--certificate-body',
    body,
    '--private-key',
    file(`${name}.key`, key),
  ]
  const uploaded = await ok([
    ...uploadArgs('cli-web', leaf.privateKey),
    '--path',
    '/cloudfront/',
    '--certificate-chain',
    file('chain.pem', root.certificate),
  ])
  expect(uploaded.ServerCertificateMetadata).toMatchObject({
    Path: '/cloudfront/',
    ServerCertificateName: 'cli-web',
    Arn: 'arn:aws:iam::123456789012:server-certificate/cloudfront/cli-web',
    UploadDate: '2026-02-19T18:34:51+00:00',
  })
  expect(Date.parse(uploaded.ServerCertificateMetadata.Expiration)).toBe(leaf.notAfter.getTime())
  const got = await ok(['get-server-certificate', '--server-certificate-name', 'cli-web'])
  expect(got.ServerCertificate.CertificateChain).toBe(root.certificate)
  expect(JSON.stringify(got)).not.toContain(leaf.privateKey.split('\n')[1])
  const listed = await ok(['list-server-certificates', '--path-prefix', '/cloudfront/'])
  expect(listed.ServerCertificateMetadataList.map((c: any) => c.ServerCertificateName)).toEqual([
    'cli-web',
  ])
  const mismatch = await aws(uploadArgs('cli-other', root.privateKey))
  expect(mismatch.stderr).toContain(
    'An error occurred (KeyPairMismatch) when calling the UploadServerCertificate operation',
  )
  expect(mismatch.code).toBe(254)
  await ok(['delete-server-certificate', '--server-certificate-name', 'cli-web'])

  const signing = await ok([
    'upload-signing-certificate',
    '--user-name',
    'alice',
    '--certificate-body',
    file('signing.pem', root.certificate),
  ])
  expect(signing.Certificate).toMatchObject({ UserName: 'alice', Status: 'Active' })
  const id = signing.Certificate.CertificateId
  await ok([
    'update-signing-certificate',
    '--user-name',
    'alice',
    '--certificate-id',
    id,
    '--status',
    'Inactive',
  ])
  expect((await ok(['list-signing-certificates', '--user-name', 'alice'])).Certificates).toEqual([
    { ...signing.Certificate, Status: 'Inactive' },
  ])
  await ok(['delete-signing-certificate', '--user-name', 'alice', '--certificate-id', id])
  rmSync(dir, { recursive: true })
}, 60_000)
