import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DeleteServiceLinkedRoleCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  ListAttachedRolePoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  DeletePolicyCommand,
  paginateListRoles,
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'

const session = {
  AccessKeyId: 'ASIAROLESESSIONROLE2',
  SecretAccessKey: 'session-secret',
  SessionToken: 'session-token',
  RoleArn: 'arn:aws:iam::123456789012:role/ci/Deployer',
  RoleSessionName: 'pipeline',
}

const iam = useIam({
  clock: '2026-02-19T18:34:51.734Z',
  seed: 11,
  fixtures: {
    Roles: [
      {
        RoleName: 'Deployer',
        Path: '/ci/',
        Tags: [{ Key: 'team', Value: 'platform' }],
        Policies: {
          inline: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
          },
        },
        AttachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      },
    ],
    RoleSessions: [session],
  },
})
const client = iamClient()

const trust = (principal: unknown, extra: object = {}) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }],
  })
const EC2 = trust({ Service: 'ec2.amazonaws.com' })
const BUCKET = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket' }],
})

const createRole = (RoleName: string, input: object = {}) =>
  client.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: EC2, ...input }))

describe('CreateRole', () => {
  it('creates a role and answers with the members AWS’s create answer has', async () => {
    const { Role } = await createRole('web', {
      Path: '/app/',
      Description: 'serves the site',
      MaxSessionDuration: 7200,
    })
    expect(Role).toEqual({
      Path: '/app/',
      RoleName: 'web',
      RoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
      Arn: 'arn:aws:iam::123456789012:role/app/web',
      CreateDate: new Date('2026-02-19T18:34:51Z'),
      AssumeRolePolicyDocument: encodeURIComponent(EC2).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    })
    expect(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).toBe(EC2)
  })

  it('keeps what the create answer leaves out: GetRole has the description and duration', async () => {
    await createRole('web', { Description: 'serves the site', MaxSessionDuration: 7200 })
    const { Role } = await client.send(new GetRoleCommand({ RoleName: 'web' }))
    expect(Role?.Description).toBe('serves the site')
    expect(Role?.MaxSessionDuration).toBe(7200)
    expect(Role?.RoleLastUsed).toEqual({})
    expect(Role?.Tags).toBeUndefined()
  })

  it('refuses a name that differs from an existing one in case only', async () => {
    await createRole('Web')
    const error = await sdkError(createRole('web'))
    expect(error.Code).toBe('EntityAlreadyExists')
    expect(error.message).toBe('Role with name web already exists.')
    expect(error.$metadata.httpStatusCode).toBe(409)
  })

  it('keeps the service-linked roles’ path to CreateServiceLinkedRole', async () => {
    const error = await sdkError(createRole('x', { Path: '/aws-service-role/ecs.amazonaws.com/' }))
    expect([error.Code, error.message]).toEqual([
      'InvalidInput',
      "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles",
    ])
  })

  it('refuses a MaxSessionDuration outside 3600–43200', async () => {
    const error = await sdkError(createRole('web', { MaxSessionDuration: 60 }))
    expect(error.Code).toBe('ValidationError')
    expect(error.message).toContain("'maxSessionDuration'")
  })

  it('refuses a trust policy without a principal', async () => {
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
    })
    const error = await sdkError(
      client.send(new CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: document })),
    )
    expect(error.Code).toBe('MalformedPolicyDocument')
    expect(error.message).toBe('Missing required field Principal')
  })

  it('refuses a principal naming a role of the account that does not exist, as IAM does', async () => {
    const arn = 'arn:aws:iam::123456789012:role/Nobody'
    const error = await sdkError(
      client.send(
        new CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: trust({ AWS: arn }) }),
      ),
    )
    expect(error.Code).toBe('MalformedPolicyDocument')
    expect(error.message).toBe(`Invalid principal in policy: "AWS":"${arn}"`)
    expect(iam.store.role('x')).toBeUndefined()
  })

  it('accepts principals that exist, account ids, root and other accounts', async () => {
    await client.send(new CreateUserCommand({ UserName: 'alice' }))
    const principals = [
      'arn:aws:iam::123456789012:user/alice',
      'arn:aws:iam::123456789012:role/ci/Deployer',
      'arn:aws:iam::123456789012:root',
      '123456789012',
      'arn:aws:iam::999999999999:role/Anything',
    ]
    await createRole('trusting', { AssumeRolePolicyDocument: trust({ AWS: principals }) })
    expect(iam.store.role('trusting')).toBeDefined()
  })

  it('refuses a group as a principal', async () => {
    const arn = 'arn:aws:iam::123456789012:group/admins'
    const error = await sdkError(createRole('x', { AssumeRolePolicyDocument: trust({ AWS: arn }) }))
    expect(error.message).toBe(`Invalid principal in policy: "AWS":"${arn}"`)
  })

  it('refuses a non-STS action and a Resource in the trust policy', async () => {
    const action = await sdkError(
      createRole('x', {
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }],
        }),
      }),
    )
    expect(action.message).toBe('AssumeRole policy may only specify STS AssumeRole actions.')
    const resource = await sdkError(
      createRole('x', { AssumeRolePolicyDocument: trust('*', { Resource: '*' }) }),
    )
    expect(resource.message).toBe('Has prohibited field Resource')
  })

  it('checks a permissions boundary and counts the role in the policy’s boundary usage', async () => {
    const { Policy } = await client.send(
      new CreatePolicyCommand({ PolicyName: 'Boundary', PolicyDocument: BUCKET }),
    )
    const { Role } = await createRole('bounded', { PermissionsBoundary: Policy!.Arn })
    expect(Role?.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: Policy!.Arn,
    })
    const got = await client.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn }))
    expect(got.Policy?.PermissionsBoundaryUsageCount).toBe(1)
    const entities = await client.send(
      new ListEntitiesForPolicyCommand({
        PolicyArn: Policy!.Arn,
        PolicyUsageFilter: 'PermissionsBoundary',
      }),
    )
    expect(entities.PolicyRoles).toEqual([{ RoleName: 'bounded', RoleId: Role!.RoleId }])
    const error = await sdkError(client.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn })))
    expect(error.Code).toBe('DeleteConflict')
  })
})

describe('ListRoles', () => {
  it('lists roles in name order without tags, last use or boundary, as AWS does', async () => {
    await createRole('beta', { Tags: [{ Key: 'k', Value: 'v' }] })
    await createRole('Alpha')
    const { Roles } = await client.send(new ListRolesCommand({}))
    expect(Roles?.map((r) => r.RoleName)).toEqual(['Alpha', 'beta', 'Deployer'])
    for (const role of Roles ?? []) {
      expect(role.Tags).toBeUndefined()
      expect(role.RoleLastUsed).toBeUndefined()
      expect(role.MaxSessionDuration).toBe(3600)
    }
  })

  it('pages with Marker and MaxItems and filters by PathPrefix', async () => {
    for (const name of ['r1', 'r2', 'r3']) await createRole(name, { Path: '/paged/' })
    const names: string[] = []
    for await (const page of paginateListRoles(
      { client, pageSize: 2 },
      { PathPrefix: '/paged/' },
    )) {
      names.push(...(page.Roles ?? []).map((r) => r.RoleName!))
    }
    expect(names).toEqual(['r1', 'r2', 'r3'])
  })
})

describe('UpdateRole and UpdateAssumeRolePolicy', () => {
  it('changes only what is given', async () => {
    await createRole('web', { Description: 'first' })
    await client.send(new UpdateRoleCommand({ RoleName: 'web', MaxSessionDuration: 43200 }))
    const { Role } = await client.send(new GetRoleCommand({ RoleName: 'web' }))
    expect(Role?.Description).toBe('first')
    expect(Role?.MaxSessionDuration).toBe(43200)
  })

  it('replaces the trust policy after checking it', async () => {
    await createRole('web')
    const lambda = trust({ Service: 'lambda.amazonaws.com' })
    await client.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'web', PolicyDocument: lambda }),
    )
    expect(iam.store.role('web')?.AssumeRolePolicyDocument).toBe(lambda)
    const error = await sdkError(
      client.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'web', PolicyDocument: '{' })),
    )
    expect(error.message).toBe('This policy contains invalid Json')
  })
})

describe('DeleteRole', () => {
  it('refuses while the role has inline or attached policies', async () => {
    const inline = await sdkError(client.send(new DeleteRoleCommand({ RoleName: 'Deployer' })))
    expect(inline.Code).toBe('DeleteConflict')
    // @note inferred: which conflict AWS names first when several hold is not recorded
    expect(inline.message).toBe('Cannot delete entity, must delete policies first.')
    expect(iam.store.role('Deployer')).toBeDefined()
  })

  it('deletes a role that holds nothing', async () => {
    await createRole('web')
    await client.send(new DeleteRoleCommand({ RoleName: 'web' }))
    expect(iam.store.role('web')).toBeUndefined()
  })
})

describe('role inline policies', () => {
  it('hold at most 10,240 non-whitespace characters together', async () => {
    await createRole('web')
    const big = (n: number) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(n)}` },
        ],
      })
    const size = (doc: string) => doc.replace(/\s/g, '').length
    const first = big(6000)
    await client.send(
      new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'a', PolicyDocument: first }),
    )
    const second = big(10240 - size(first) - size(big(0)) + 1)
    const error = await sdkError(
      client.send(
        new PutRolePolicyCommand({ RoleName: 'web', PolicyName: 'b', PolicyDocument: second }),
      ),
    )
    expect(error.Code).toBe('LimitExceeded')
    expect(error.message).toBe('Maximum policy size of 10240 bytes exceeded for role web')
  })

  it('come back URL-encoded with the role’s name', async () => {
    const { PolicyDocument, RoleName } = await client.send(
      new GetRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'inline' }),
    )
    expect(RoleName).toBe('Deployer')
    expect(JSON.parse(decodeURIComponent(PolicyDocument!)).Statement[0].Action).toBe('s3:*')
  })
})

describe('role managed policies', () => {
  it('come from the fixture and stop at 10 per role', async () => {
    const { AttachedPolicies } = await client.send(
      new ListAttachedRolePoliciesCommand({ RoleName: 'Deployer' }),
    )
    expect(AttachedPolicies).toEqual([
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ])
    await createRole('web')
    for (let i = 0; i < 10; i++) {
      const { Policy } = await client.send(
        new CreatePolicyCommand({ PolicyName: `p${i}`, PolicyDocument: BUCKET }),
      )
      await client.send(new AttachRolePolicyCommand({ RoleName: 'web', PolicyArn: Policy!.Arn }))
    }
    const error = await sdkError(
      client.send(
        new AttachRolePolicyCommand({
          RoleName: 'web',
          PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
      ),
    )
    expect(error.Code).toBe('LimitExceeded')
    expect(error.message).toBe('Cannot exceed quota for PoliciesPerRole: 10')
  })

  it('list the role among the policy’s entities', async () => {
    const { PolicyRoles } = await client.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    )
    expect(PolicyRoles).toEqual([
      { RoleName: 'Deployer', RoleId: iam.store.role('Deployer')!.RoleId },
    ])
  })

  it('refuse a boundary that is no policy ARN', async () => {
    const error = await sdkError(
      client.send(
        new PutRolePermissionsBoundaryCommand({
          RoleName: 'Deployer',
          PermissionsBoundary: 'arn:aws:s3:::some-bucket',
        }),
      ),
    )
    expect(error.Code).toBe('InvalidInput')
  })
})

describe('role tags', () => {
  it('merge keys case-insensitively and stop at 50', async () => {
    await client.send(
      new TagRoleCommand({ RoleName: 'Deployer', Tags: [{ Key: 'TEAM', Value: 'infra' }] }),
    )
    const { Tags } = await client.send(new ListRoleTagsCommand({ RoleName: 'Deployer' }))
    expect(Tags).toEqual([{ Key: 'TEAM', Value: 'infra' }])
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
    const error = await sdkError(
      client.send(new TagRoleCommand({ RoleName: 'Deployer', Tags: many })),
    )
    expect(error.Code).toBe('LimitExceeded')
    // @note inferred wording, as TagsPerUser's
    expect(error.message).toBe('Cannot exceed quota for TagsPerRole: 50')
  })
})

describe('RoleLastUsed', () => {
  it('is the last request a session of the role signed', async () => {
    expect(iam.store.role('Deployer')?.RoleLastUsed).toBeUndefined()
    const sts = new STSClient({
      region: 'eu-west-1',
      maxAttempts: 1,
      credentials: { accessKeyId: session.AccessKeyId, secretAccessKey: 'x', sessionToken: 't' },
    })
    const identity = await sts.send(new GetCallerIdentityCommand({}))
    const { Role } = await client.send(new GetRoleCommand({ RoleName: 'Deployer' }))
    expect(identity.UserId).toBe(`${Role!.RoleId}:pipeline`)
    expect(Role?.RoleLastUsed).toEqual({
      LastUsedDate: new Date('2026-02-19T18:34:51Z'),
      Region: 'eu-west-1',
    })
  })
})

describe('service-linked roles', () => {
  it('are created with AWS’s name, path, trust policy and policy', async () => {
    const { Role } = await client.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' }),
    )
    expect(Role?.RoleName).toBe('AWSServiceRoleForECS')
    expect(Role?.Arn).toBe(
      'arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
    )
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!))).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' } },
      ],
    })
    const { AttachedPolicies } = await client.send(
      new ListAttachedRolePoliciesCommand({ RoleName: 'AWSServiceRoleForECS' }),
    )
    expect(AttachedPolicies?.[0]?.PolicyArn).toBe(
      'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy',
    )
  })

  it('cannot be deleted with DeleteRole nor have their trust policy changed', async () => {
    await client.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'batch.amazonaws.com' }))
    const message =
      "Cannot perform the operation on the protected role 'AWSServiceRoleForBatch' - this role is only modifiable by AWS"
    const del = await sdkError(
      client.send(new DeleteRoleCommand({ RoleName: 'AWSServiceRoleForBatch' })),
    )
    expect([del.Code, del.message, del.$metadata.httpStatusCode]).toEqual([
      'UnmodifiableEntity',
      message,
      400,
    ])
    const update = await sdkError(
      client.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: 'AWSServiceRoleForBatch',
          PolicyDocument: EC2,
        }),
      ),
    )
    expect(update.Code).toBe('UnmodifiableEntity')
  })

  it('are deleted at once, the task in progress on the first check and succeeded after', async () => {
    await client.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'batch.amazonaws.com' }))
    const { DeletionTaskId } = await client.send(
      new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForBatch' }),
    )
    expect(DeletionTaskId).toMatch(
      /^task\/aws-service-role\/batch\.amazonaws\.com\/AWSServiceRoleForBatch\/[0-9a-f-]{36}$/,
    )
    expect(iam.store.role('AWSServiceRoleForBatch')).toBeUndefined()
    const status = () =>
      client.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))
    // @note inferred: AWS's progress is not recorded beyond SUCCEEDED
    expect((await status()).Status).toBe('IN_PROGRESS')
    expect((await status()).Status).toBe('SUCCEEDED')
  })

  it('accept a suffix only where AWS does', async () => {
    const { Role } = await client.send(
      new CreateServiceLinkedRoleCommand({
        AWSServiceName: 'autoscaling.amazonaws.com',
        CustomSuffix: 'blue',
      }),
    )
    expect(Role?.RoleName).toBe('AWSServiceRoleForAutoScaling_blue')
    const error = await sdkError(
      client.send(
        new CreateServiceLinkedRoleCommand({
          AWSServiceName: 'ecs.amazonaws.com',
          CustomSuffix: 'x',
        }),
      ),
    )
    expect([error.Code, error.message]).toEqual([
      'InvalidInput',
      'Custom suffix is not allowed for ecs.amazonaws.com',
    ])
  })

  it('of a service the recordings do not cover get AWS’s naming pattern (inferred)', async () => {
    const { Role } = await client.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: 'newthing.amazonaws.com' }),
    )
    expect(Role?.RoleName).toBe('AWSServiceRoleForNewthing')
    const error = await sdkError(
      client.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'not-a-service' })),
    )
    expect(error.Code).toBe('InvalidInput')
  })

  it('DeleteServiceLinkedRole refuses an ordinary role (inferred)', async () => {
    const error = await sdkError(
      client.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'Deployer' })),
    )
    expect(error.Code).toBe('InvalidInput')
    expect(iam.store.role('Deployer')).toBeDefined()
  })
})

describe('roles in fixtures and the store view', () => {
  it('show their policies, tags and ARN, and round-trip through snapshot()', async () => {
    expect(iam.store.role('Deployer')).toMatchObject({
      Arn: 'arn:aws:iam::123456789012:role/ci/Deployer',
      Tags: [{ Key: 'team', Value: 'platform' }],
      PolicyNames: ['inline'],
      AttachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      MaxSessionDuration: 3600,
    })
    const copy = createIamMock({ fixtures: iam.snapshot() })
    expect(copy.store.roles()).toEqual(iam.store.roles())
  })

  it('are put back by reset()', async () => {
    await createRole('temporary')
    iam.reset()
    expect(iam.store.roles().map((r) => r.RoleName)).toEqual(['Deployer'])
  })

  it('give a role session that names a fixture role the role’s id, and refuse another', () => {
    const fixtures = (RoleId?: string) => ({
      Roles: [{ RoleName: 'Deployer', Path: '/ci/', RoleId: 'AROADEPLOYERDEPLOYER1' }],
      RoleSessions: [{ ...session, ...(RoleId && { RoleId }) }],
    })
    expect(createIamMock({ fixtures: fixtures() }).snapshot().RoleSessions?.[0]?.RoleId).toBe(
      'AROADEPLOYERDEPLOYER1',
    )
    expect(() => createIamMock({ fixtures: fixtures('AROAOTHEROTHEROTHER12') })).toThrow(
      /RoleSessions\[0\].*is not the id of the role/,
    )
  })

  it('refuse an unknown field with the field named', () => {
    expect(() =>
      createIamMock({ fixtures: { Roles: [{ RoleName: 'r', MaxSessionDuration: 5 }] } as never }),
    ).toThrow(/Roles\[0\]\.MaxSessionDuration/)
  })
})
