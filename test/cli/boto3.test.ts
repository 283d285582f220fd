import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { startIamServer, type IamServer } from '../../src/server/index.js'
import { ROOT_KEY } from '../helpers.js'
import { certificate } from '../keys.js'
import { allow, contractFixture, CLOCK, frankLastAccessedIam } from './fixture.js'
import { findDebianPython, isolatedAwsEnv, itWith, PYTHON, run } from './helpers.js'

// boto3 (Debian's python3-boto3) against the real server. Each test runs its calls in one Python
// process (test/cli/boto3-steps.py) and asserts on the dicts boto3 parsed.
const it = itWith(await findDebianPython('boto3'))
const env = isolatedAwsEnv()({
  AWS_ACCESS_KEY_ID: ROOT_KEY.accessKeyId,
  AWS_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey,
})
const STEPS = fileURLToPath(new URL('./boto3-steps.py', import.meta.url))

let server: IamServer
beforeAll(async () => {
  server = await startIamServer({ port: 0, fixtures: contractFixture, clock: CLOCK })
})
afterEach(() => server.mock.reset())
afterAll(() => server?.close())

interface Step {
  name: string
  op: string
  params?: Record<string, unknown>
  paginate?: Record<string, unknown>
  credentials?: Record<string, unknown>
  /** The boto3 client: `iam` (default) or `sts`. */
  service?: 'iam' | 'sts'
}

async function boto3(steps: Step[], url = server.url): Promise<Record<string, any>> {
  const result = await run(PYTHON, [STEPS, url], { env, input: JSON.stringify(steps) })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout)
}

const ref = (path: string) => ({ $ref: path })

it('manages a user and its access keys through boto3, from create_user to delete_user', async () => {
  const bob = { UserName: 'Bob' }
  const key = (n: string) => ({ UserName: 'Bob', AccessKeyId: ref(`${n}.AccessKey.AccessKeyId`) })
  const out = await boto3([
    { name: 'createUser', op: 'create_user', params: bob },
    { name: 'getUser', op: 'get_user', params: bob },
    { name: 'listUsers', op: 'list_users', paginate: { PageSize: 2 } },
    { name: 'firstKey', op: 'create_access_key', params: bob },
    {
      // No UserName: IAM acts on the user whose key signed the request.
      name: 'secondKey',
      op: 'create_access_key',
      credentials: {
        AccessKeyId: ref('firstKey.AccessKey.AccessKeyId'),
        SecretAccessKey: ref('firstKey.AccessKey.SecretAccessKey'),
      },
    },
    { name: 'listKeys', op: 'list_access_keys', params: bob },
    {
      name: 'deactivate',
      op: 'update_access_key',
      params: { ...key('firstKey'), Status: 'Inactive' },
    },
    {
      name: 'lastUsed',
      op: 'get_access_key_last_used',
      params: { AccessKeyId: ref('firstKey.AccessKey.AccessKeyId') },
    },
    { name: 'deleteFirst', op: 'delete_access_key', params: key('firstKey') },
    { name: 'deleteSecond', op: 'delete_access_key', params: key('secondKey') },
    { name: 'deleteUser', op: 'delete_user', params: bob },
  ])

  const user = {
    Path: '/',
    UserName: 'Bob',
    UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
    Arn: 'arn:aws:iam::123456789012:user/Bob',
    CreateDate: '2026-02-19T18:34:51+00:00',
  }
  expect(out.createUser).toEqual({ result: { User: user } })
  expect(out.getUser).toEqual(out.createUser)

  const pages = out.listUsers.result.pages as Array<{ Users: Array<{ UserName: string }> }>
  expect(pages.map((page) => page.Users.map((u) => u.UserName))).toEqual([
    ['alice', 'Bob'],
    ['carol', 'dave'],
    ['frank'],
  ])
  expect(pages.map((page: Record<string, unknown>) => page.IsTruncated)).toEqual([
    true,
    true,
    false,
  ])

  const first = out.firstKey.result.AccessKey
  expect(first).toEqual({
    UserName: 'Bob',
    AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
    Status: 'Active',
    SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
    CreateDate: '2026-02-19T18:34:51+00:00',
  })
  const second = out.secondKey.result.AccessKey
  expect(second).toMatchObject({ UserName: 'Bob', Status: 'Active' })
  expect(second.AccessKeyId).not.toBe(first.AccessKeyId)

  expect(out.listKeys.result).toEqual({
    AccessKeyMetadata: expect.arrayContaining([
      {
        UserName: 'Bob',
        AccessKeyId: first.AccessKeyId,
        Status: 'Active',
        CreateDate: user.CreateDate,
      },
      {
        UserName: 'Bob',
        AccessKeyId: second.AccessKeyId,
        Status: 'Active',
        CreateDate: user.CreateDate,
      },
    ]),
    IsTruncated: false,
  })
  expect(out.listKeys.result.AccessKeyMetadata).toHaveLength(2)

  expect(out.deactivate).toEqual({ result: {} })
  expect(out.lastUsed).toEqual({
    result: {
      UserName: 'Bob',
      AccessKeyLastUsed: {
        LastUsedDate: '2026-02-19T18:34:51+00:00',
        ServiceName: 'iam',
        Region: 'us-east-1',
      },
    },
  })
  for (const step of ['deleteFirst', 'deleteSecond', 'deleteUser']) {
    expect(out[step]).toEqual({ result: {} })
  }
  expect(server.mock.store.user('Bob')).toBeUndefined()
  expect(server.mock.calls.ofAction('CreateAccessKey')[1]?.caller).toBe(
    'arn:aws:iam::123456789012:user/Bob',
  )
}, 60_000)

it("raises ClientError with IAM's code, message and status for each failure", async () => {
  const out = await boto3([
    { name: 'limit', op: 'create_access_key', params: { UserName: 'frank' } },
    { name: 'missing', op: 'get_user', params: { UserName: 'nobody' } },
    { name: 'exists', op: 'create_user', params: { UserName: 'ALICE' } },
    { name: 'conflict', op: 'delete_user', params: { UserName: 'frank' } },
    { name: 'invalid', op: 'create_user', params: { UserName: 'not/valid' } },
  ])
  const failure = (code: string, op: string, message: string, status: number) => ({
    error: { Type: 'Sender', Code: code, Message: message },
    status,
    text: `An error occurred (${code}) when calling the ${op} operation: ${message}`,
  })
  expect(out).toEqual({
    limit: failure(
      'LimitExceeded',
      'CreateAccessKey',
      'Cannot exceed quota for AccessKeysPerUser: 2',
      409,
    ),
    missing: failure('NoSuchEntity', 'GetUser', 'The user with name nobody cannot be found.', 404),
    exists: failure(
      'EntityAlreadyExists',
      'CreateUser',
      'User with name ALICE already exists.',
      409,
    ),
    conflict: failure(
      'DeleteConflict',
      'DeleteUser',
      'Cannot delete entity, must delete access keys first.',
      409,
    ),
    invalid: failure(
      'ValidationError',
      'CreateUser',
      'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
      400,
    ),
  })
  // botocore does not retry LimitExceeded (the JS SDK does, as throttling): one request each.
  expect(server.mock.calls.length).toBe(5)
  expect(server.mock.store.users()).toHaveLength(4)
}, 60_000)

it('manages a role and an instance profile through boto3', async () => {
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  })
  const role = { RoleName: 'web' }
  const profile = { InstanceProfileName: 'web-profile' }
  const out = await boto3([
    { name: 'create', op: 'create_role', params: { ...role, AssumeRolePolicyDocument: trust } },
    { name: 'get', op: 'get_role', params: role },
    { name: 'tag', op: 'tag_role', params: { ...role, Tags: [{ Key: 'Team', Value: 'web' }] } },
    { name: 'tags', op: 'list_role_tags', params: role },
    { name: 'profile', op: 'create_instance_profile', params: profile },
    { name: 'add', op: 'add_role_to_instance_profile', params: { ...profile, ...role } },
    { name: 'second', op: 'add_role_to_instance_profile', params: { ...profile, ...role } },
    { name: 'forRole', op: 'list_instance_profiles_for_role', params: role },
    { name: 'deleteRefused', op: 'delete_role', params: role },
    { name: 'remove', op: 'remove_role_from_instance_profile', params: { ...profile, ...role } },
    { name: 'deleteProfile', op: 'delete_instance_profile', params: profile },
    { name: 'delete', op: 'delete_role', params: role },
    { name: 'gone', op: 'get_role', params: role },
  ])
  // botocore decodes and parses the trust policy.
  expect(out.create.result.Role.AssumeRolePolicyDocument).toEqual(JSON.parse(trust))
  expect(out.create.result.Role.MaxSessionDuration).toBeUndefined()
  expect(out.get.result.Role).toMatchObject({ MaxSessionDuration: 3600, RoleLastUsed: {} })
  expect(out.tags.result.Tags).toEqual([{ Key: 'Team', Value: 'web' }])
  expect(out.second).toMatchObject({
    error: {
      Code: 'LimitExceeded',
      Message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
    },
    status: 409,
  })
  const [listed] = out.forRole.result.InstanceProfiles
  expect(listed.InstanceProfileName).toBe('web-profile')
  expect(Object.keys(listed.Roles[0]).sort()).toEqual([
    'Arn',
    'AssumeRolePolicyDocument',
    'CreateDate',
    'Path',
    'RoleId',
    'RoleName',
  ])
  expect(out.deleteRefused.error.Code).toBe('DeleteConflict')
  expect(out.delete.result).toEqual({})
  expect(out.gone).toMatchObject({
    error: { Code: 'NoSuchEntity', Message: 'The role with name web cannot be found.' },
    status: 404,
  })
}, 60_000)

it('manages a customer managed policy and a group through boto3, and reads them back in the authorization details', async () => {
  const arn = 'arn:aws:iam::123456789012:policy/ci/deploy'
  const group = { GroupName: 'developers' }
  const out = await boto3([
    {
      name: 'createPolicy',
      op: 'create_policy',
      params: { PolicyName: 'deploy', Path: '/ci/', PolicyDocument: allow('s3:GetObject') },
    },
    {
      name: 'newVersion',
      op: 'create_policy_version',
      params: { PolicyArn: arn, PolicyDocument: allow('s3:*'), SetAsDefault: true },
    },
    { name: 'versions', op: 'list_policy_versions', params: { PolicyArn: arn } },
    { name: 'createGroup', op: 'create_group', params: group },
    { name: 'join', op: 'add_user_to_group', params: { ...group, UserName: 'alice' } },
    { name: 'attach', op: 'attach_group_policy', params: { ...group, PolicyArn: arn } },
    {
      name: 'inline',
      op: 'put_group_policy',
      params: { ...group, PolicyName: 'logs', PolicyDocument: allow('logs:*') },
    },
    {
      name: 'details',
      op: 'get_account_authorization_details',
      params: { Filter: ['User', 'Group', 'LocalManagedPolicy'] },
      paginate: { PageSize: 2 },
    },
    { name: 'deleteAttached', op: 'delete_policy', params: { PolicyArn: arn } },
    { name: 'deleteGroupInUse', op: 'delete_group', params: group },
    { name: 'detach', op: 'detach_group_policy', params: { ...group, PolicyArn: arn } },
    { name: 'deleteV1', op: 'delete_policy_version', params: { PolicyArn: arn, VersionId: 'v1' } },
    { name: 'deletePolicy', op: 'delete_policy', params: { PolicyArn: arn } },
  ])

  expect(out.createPolicy.result.Policy).toEqual({
    PolicyName: 'deploy',
    PolicyId: expect.stringMatching(/^ANPA[A-Z2-7]{17}$/),
    Arn: arn,
    Path: '/ci/',
    DefaultVersionId: 'v1',
    AttachmentCount: 0,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: '2026-02-19T18:34:51+00:00',
    UpdateDate: '2026-02-19T18:34:51+00:00',
  })
  // boto3 decodes the URL-encoded document and parses it.
  expect(out.newVersion.result.PolicyVersion).toEqual({
    VersionId: 'v2',
    IsDefaultVersion: true,
    CreateDate: '2026-02-19T18:34:51+00:00',
  })
  expect(
    out.versions.result.Versions.map((v: { VersionId: string; IsDefaultVersion: boolean }) => [
      v.VersionId,
      v.IsDefaultVersion,
    ]),
  ).toEqual([
    ['v2', true],
    ['v1', false],
  ])

  // Four users, a group and a policy, two per page: boto3's paginator follows the Marker.
  const pages = out.details.result.pages as Array<Record<string, Array<Record<string, any>>>>
  expect(pages.map((page) => page.IsTruncated)).toEqual([true, true, false])
  const all = (list: string) => pages.flatMap((page) => page[list]!)
  expect(all('UserDetailList').map((u) => u.UserName)).toEqual(['alice', 'carol', 'dave', 'frank'])
  expect(all('UserDetailList')[0]).toMatchObject({ GroupList: ['developers'], Tags: [] })
  expect(all('UserDetailList')[0]).not.toHaveProperty('UserPolicyList')
  expect(all('GroupDetailList')).toEqual([
    {
      Path: '/',
      GroupName: 'developers',
      GroupId: expect.stringMatching(/^AGPA[A-Z2-7]{17}$/),
      Arn: 'arn:aws:iam::123456789012:group/developers',
      CreateDate: '2026-02-19T18:34:51+00:00',
      GroupPolicyList: [{ PolicyName: 'logs', PolicyDocument: JSON.parse(allow('logs:*')) }],
      AttachedManagedPolicies: [{ PolicyName: 'deploy', PolicyArn: arn }],
    },
  ])
  expect(all('RoleDetailList')).toEqual([])
  const [policy] = all('Policies')
  expect(policy).toMatchObject({ PolicyName: 'deploy', AttachmentCount: 1, DefaultVersionId: 'v2' })
  expect(policy!.PolicyVersionList).toEqual([
    {
      Document: JSON.parse(allow('s3:*')),
      VersionId: 'v2',
      IsDefaultVersion: true,
      CreateDate: '2026-02-19T18:34:51+00:00',
    },
    {
      Document: JSON.parse(allow('s3:GetObject')),
      VersionId: 'v1',
      IsDefaultVersion: false,
      CreateDate: '2026-02-19T18:34:51+00:00',
    },
  ])

  expect(out.deleteAttached.error).toEqual({
    Type: 'Sender',
    Code: 'DeleteConflict',
    Message: 'Cannot delete a policy attached to entities.',
  })
  expect(out.deleteGroupInUse.error.Code).toBe('DeleteConflict')
  for (const step of ['detach', 'deleteV1', 'deletePolicy']) {
    expect(out[step]).toEqual({ result: {} })
  }
  expect(server.mock.store.policies()).toEqual([])
  expect(server.mock.store.group('developers')?.Users).toEqual(['alice'])
}, 60_000)

it('assumes a role with boto3 and calls IAM and STS with the credentials it got', async () => {
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }],
  })
  const session = {
    AccessKeyId: ref('assume.Credentials.AccessKeyId'),
    SecretAccessKey: ref('assume.Credentials.SecretAccessKey'),
    SessionToken: ref('assume.Credentials.SessionToken'),
  }
  const out = await boto3([
    {
      name: 'createRole',
      op: 'create_role',
      params: { RoleName: 'Deployer', AssumeRolePolicyDocument: trust },
    },
    {
      name: 'assume',
      op: 'assume_role',
      service: 'sts',
      params: {
        RoleArn: ref('createRole.Role.Arn'),
        RoleSessionName: 'boto3-run',
        DurationSeconds: 900,
      },
    },
    { name: 'whoAmI', op: 'get_caller_identity', service: 'sts', credentials: session },
    { name: 'roles', op: 'list_roles', credentials: session },
    {
      name: 'denied',
      op: 'assume_role',
      service: 'sts',
      params: { RoleArn: 'arn:aws:iam::123456789012:role/Missing', RoleSessionName: 'x1' },
    },
  ])
  const roleId = out.createRole.result.Role.RoleId
  expect(out.assume.result).toEqual({
    Credentials: {
      AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
      SessionToken: expect.any(String),
      Expiration: '2026-02-19T18:49:51+00:00',
    },
    AssumedRoleUser: {
      AssumedRoleId: `${roleId}:boto3-run`,
      Arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/boto3-run',
    },
  })
  expect(out.whoAmI.result).toEqual({
    UserId: `${roleId}:boto3-run`,
    Account: '123456789012',
    Arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/boto3-run',
  })
  expect(out.roles.result.Roles.map((role: { RoleName: string }) => role.RoleName)).toEqual([
    'Deployer',
  ])
  expect(out.denied).toMatchObject({
    error: {
      Code: 'AccessDenied',
      Message:
        'User: arn:aws:iam::123456789012:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Missing',
    },
    status: 403,
  })
})

it("simulates a custom policy through boto3, with AWS's decisions and statement positions", async () => {
  const out = await boto3([
    {
      name: 'simulate',
      op: 'simulate_custom_policy',
      params: {
        PolicyInputList: [allow('s3:Get*')],
        ActionNames: ['s3:GetObject', 's3:PutObject'],
        ResourceArns: ['arn:aws:s3:::reports/2026.csv'],
      },
    },
  ])
  const [get, put] = out.simulate.result.EvaluationResults
  expect(get).toMatchObject({
    EvalActionName: 's3:GetObject',
    EvalDecision: 'allowed',
    MatchedStatements: [
      {
        SourcePolicyId: 'PolicyInputList.1',
        SourcePolicyType: 'IAM Policy',
        StartPosition: { Line: 1, Column: 39 },
        EndPosition: { Line: 1, Column: 90 },
      },
    ],
  })
  expect(put).toMatchObject({ EvalDecision: 'implicitDeny', MatchedStatements: [] })
}, 60_000)

it("simulates a cross-account resource policy through boto3, with each side's decision", async () => {
  const out = await boto3([
    {
      name: 'simulate',
      op: 'simulate_custom_policy',
      params: {
        PolicyInputList: [allow('s3:Get*')],
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::reports/2026.csv'],
        ResourcePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::123456789012:user/alice' },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::reports/*',
          },
        }),
        ResourceOwner: 'arn:aws:iam::210987654321:root',
        CallerArn: 'arn:aws:iam::123456789012:user/alice',
      },
    },
  ])
  const [result] = out.simulate.result.EvaluationResults
  expect(result).toMatchObject({
    EvalDecision: 'allowed',
    EvalDecisionDetails: { 'IAM Policy': 'allowed', 'Resource Policy': 'allowed' },
    ResourceSpecificResults: [
      { EvalResourceDecision: 'allowed', EvalDecisionDetails: { 'IAM Policy': 'allowed' } },
    ],
  })
  expect(
    result.MatchedStatements.map((s: { SourcePolicyType: string }) => s.SourcePolicyType),
  ).toEqual(['Resource Policy', 'IAM Policy'])
}, 60_000)

it('sets a password policy, a login profile and reads the credential report through boto3', async () => {
  const out = await boto3([
    {
      name: 'policy',
      op: 'update_account_password_policy',
      params: { MinimumPasswordLength: 12, MaxPasswordAge: 30 },
    },
    { name: 'get-policy', op: 'get_account_password_policy' },
    { name: 'weak', op: 'create_login_profile', params: { UserName: 'alice', Password: 'short' } },
    {
      name: 'profile',
      op: 'create_login_profile',
      params: { UserName: 'alice', Password: 'twelve-chars-ok' },
    },
    {
      name: 'seed',
      op: 'create_virtual_mfa_device',
      params: { VirtualMFADeviceName: 'alice-phone' },
    },
    { name: 'generate', op: 'generate_credential_report' },
    { name: 'report', op: 'get_credential_report' },
    { name: 'delete-policy', op: 'delete_account_password_policy' },
    { name: 'gone', op: 'get_account_password_policy' },
  ])
  expect(out.policy).toEqual({ result: {} })
  expect(out['get-policy'].result.PasswordPolicy).toMatchObject({
    MinimumPasswordLength: 12,
    MaxPasswordAge: 30,
    ExpirePasswords: true,
  })
  // @note inferred wording
  expect(out.weak).toMatchObject({
    error: {
      Code: 'PasswordPolicyViolation',
      Message: 'Password should have a minimum length of 12',
    },
    status: 400,
  })
  expect(out.profile.result.LoginProfile).toEqual({
    UserName: 'alice',
    CreateDate: '2026-02-19T18:34:51+00:00',
    PasswordResetRequired: false,
  })
  // botocore decodes the blob: the seed arrives as its 64 Base32 characters.
  expect(out.seed.result.VirtualMFADevice.Base32StringSeed).toMatch(/^[A-Z2-7]{64}$/)
  expect(out.seed.result.VirtualMFADevice.QRCodePNG.slice(1, 4)).toBe('PNG')
  expect(out.generate.result).toEqual({
    State: 'STARTED',
    Description: 'No report exists. Starting a new report generation task',
  })
  const lines = out.report.result.Content.split('\n')
  expect(lines[0].split(',')[0]).toBe('user')
  const alice = lines.find((line: string) => line.startsWith('alice,')).split(',')
  expect(alice.slice(3, 7)).toEqual([
    'true',
    'no_information',
    '2026-02-19T18:34:51+00:00',
    '2026-03-21T18:34:51+00:00',
  ])
  expect(out.gone).toMatchObject({ error: { Code: 'NoSuchEntity' }, status: 404 })
}, 60_000)

it('reads an access advisor report through boto3, and its errors', async () => {
  const frank = { AccessKeyId: 'AKIAFRANKFRANKFRANK1', SecretAccessKey: 'frank-secret-one' }
  const out = await boto3([
    {
      name: 'policy',
      op: 'put_user_policy',
      params: { UserName: 'frank', PolicyName: 'iam', PolicyDocument: allow('iam:Get*') },
    },
    { name: 'call', op: 'get_user', credentials: frank },
    {
      name: 'job',
      op: 'generate_service_last_accessed_details',
      params: { Arn: 'arn:aws:iam::123456789012:user/frank' },
    },
    { name: 'first', op: 'get_service_last_accessed_details', params: { JobId: ref('job.JobId') } },
    { name: 'done', op: 'get_service_last_accessed_details', params: { JobId: ref('job.JobId') } },
    {
      name: 'unknown',
      op: 'get_service_last_accessed_details',
      params: { JobId: '00000000-0000-0000-0000-000000000000' },
    },
    {
      name: 'organizations',
      op: 'generate_organizations_access_report',
      params: { EntityPath: 'o-a1b2c3d4e5/r-f6g7h8i9j0example' },
    },
  ])
  expect(out.first.result).toEqual({
    JobStatus: 'IN_PROGRESS',
    JobType: 'SERVICE_LEVEL',
    JobCreationDate: '2026-02-19T18:34:51+00:00',
    ServicesLastAccessed: [],
    IsTruncated: false,
  })
  expect(out.done.result).toEqual({
    JobStatus: 'COMPLETED',
    JobType: 'SERVICE_LEVEL',
    JobCreationDate: '2026-02-19T18:34:51+00:00',
    JobCompletionDate: '2026-02-19T18:34:51+00:00',
    ServicesLastAccessed: [frankLastAccessedIam],
    IsTruncated: false,
  })
  expect(out.unknown).toMatchObject({ error: { Code: 'NoSuchEntity' }, status: 404 })
  expect(out.organizations).toMatchObject({
    error: { Code: 'InvalidInput', Message: 'Your account is not a member of an organization.' },
    status: 400,
  })
}, 60_000)

it('refuses under enforcement what a user’s policies do not allow, as boto3 raises it', async () => {
  const enforcing = await startIamServer({
    port: 0,
    authorize: true,
    fixtures: {
      ...contractFixture,
      Users: [
        {
          UserName: 'frank',
          AccessKeys: [
            { AccessKeyId: 'AKIAFRANKFRANKFRANK1', SecretAccessKey: 'frank-secret-one' },
          ],
          Policies: { read: JSON.parse(allow('iam:Get*')) },
        },
      ],
      Roles: [{ RoleName: 'Deployer' }],
    },
  })
  try {
    const frank = { AccessKeyId: 'AKIAFRANKFRANKFRANK1', SecretAccessKey: 'frank-secret-one' }
    const out = await boto3(
      [
        { name: 'allowed', op: 'get_user', credentials: frank },
        { name: 'refused', op: 'create_user', params: { UserName: 'eve' }, credentials: frank },
        {
          name: 'assume',
          op: 'assume_role',
          service: 'sts',
          params: { RoleArn: 'arn:aws:iam::123456789012:role/Deployer', RoleSessionName: 's1' },
          credentials: frank,
        },
      ],
      enforcing.url,
    )
    expect(out.allowed.result.User.UserName).toBe('frank')
    expect(out.refused).toMatchObject({
      status: 403,
      error: {
        Code: 'AccessDenied',
        Message:
          'User: arn:aws:iam::123456789012:user/frank is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/eve because no identity-based policy allows the iam:CreateUser action',
      },
    })
    expect(out.assume.error.Message).toBe(
      'User: arn:aws:iam::123456789012:user/frank is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Deployer because no identity-based policy allows the sts:AssumeRole action',
    )
  } finally {
    await enforcing.close()
  }
})

it('uploads, tags, renames and deletes a server certificate, and a signing certificate, through boto3', async () => {
  const root = certificate('/CN=boto3 Root CA')
  const leaf = root.sign('/CN=boto3.example.com')
  const web = { ServerCertificateName: 'boto3-web' }
  const signing = { UserName: 'alice', CertificateId: ref('signing.Certificate.CertificateId') }
  const out = await boto3([
    {
      name: 'upload',
      op: 'upload_server_certificate',
      params: {
        ...web,
        CertificateBody: leaf.certificate,
        PrivateKey: leaf.privateKey,
        CertificateChain: root.certificate,
        Tags: [{ Key: 'team', Value: 'web' }],
      },
    },
    {
      name: 'mismatch',
      op: 'upload_server_certificate',
      params: {
        ServerCertificateName: 'x',
        CertificateBody: leaf.certificate,
        PrivateKey: root.privateKey,
      },
    },
    {
      name: 'tag',
      op: 'tag_server_certificate',
      params: { ...web, Tags: [{ Key: 'env', Value: 'test' }] },
    },
    { name: 'tags', op: 'list_server_certificate_tags', params: web },
    {
      name: 'rename',
      op: 'update_server_certificate',
      params: { ...web, NewServerCertificateName: 'boto3-www', NewPath: '/elb/' },
    },
    { name: 'get', op: 'get_server_certificate', params: { ServerCertificateName: 'boto3-www' } },
    { name: 'list', op: 'list_server_certificates', paginate: { PageSize: 1 } },
    {
      name: 'delete',
      op: 'delete_server_certificate',
      params: { ServerCertificateName: 'boto3-www' },
    },
    { name: 'gone', op: 'get_server_certificate', params: { ServerCertificateName: 'boto3-www' } },
    {
      name: 'signing',
      op: 'upload_signing_certificate',
      params: { UserName: 'alice', CertificateBody: root.certificate },
    },
    {
      name: 'deactivate',
      op: 'update_signing_certificate',
      params: { ...signing, Status: 'Inactive' },
    },
    { name: 'signingList', op: 'list_signing_certificates', params: { UserName: 'alice' } },
    { name: 'signingDelete', op: 'delete_signing_certificate', params: signing },
    {
      name: 'malformed',
      op: 'upload_signing_certificate',
      params: { UserName: 'alice', CertificateBody: 'not-a-certificate' },
    },
  ])
  const metadata = out.upload.result.ServerCertificateMetadata
  expect(metadata).toMatchObject({
    Path: '/',
    ServerCertificateName: 'boto3-web',
    ServerCertificateId: expect.stringMatching(/^ASCA[A-Z2-7]{17}$/),
    Arn: 'arn:aws:iam::123456789012:server-certificate/boto3-web',
    UploadDate: '2026-02-19T18:34:51+00:00',
  })
  expect(Date.parse(metadata.Expiration)).toBe(leaf.notAfter.getTime())
  expect(out.upload.result.Tags).toEqual([{ Key: 'team', Value: 'web' }])
  expect(out.mismatch).toMatchObject({ error: { Code: 'KeyPairMismatch' }, status: 400 })
  expect(out.tags.result.Tags).toEqual([
    { Key: 'team', Value: 'web' },
    { Key: 'env', Value: 'test' },
  ])
  expect(out.get.result.ServerCertificate).toMatchObject({
    CertificateBody: leaf.certificate.trimEnd(),
    CertificateChain: root.certificate,
    ServerCertificateMetadata: {
      Arn: 'arn:aws:iam::123456789012:server-certificate/elb/boto3-www',
      ServerCertificateId: metadata.ServerCertificateId,
    },
  })
  expect(JSON.stringify(out)).not.toContain(leaf.privateKey.split('\n')[1])
  expect(out.list.result.pages[0].ServerCertificateMetadataList).toHaveLength(1)
  expect(out.gone).toMatchObject({ error: { Code: 'NoSuchEntity' }, status: 404 })
  expect(out.signingList.result.Certificates).toEqual([
    { ...out.signing.result.Certificate, Status: 'Inactive' },
  ])
  expect(out.malformed).toMatchObject({
    error: {
      Code: 'MalformedCertificate',
      Message: 'Certificate not-a-certificate is malformed.',
    },
    status: 400,
  })
}, 60_000)
