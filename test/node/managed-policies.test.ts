import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GetAccountAuthorizationDetailsCommand,
  GetGroupCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListGroupPoliciesCommand,
  ListPoliciesCommand,
  type ListPoliciesCommandInput,
  PutUserPermissionsBoundaryCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListPolicies,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock, FixtureError, type IamFixture } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
const ARN = (path: string, name: string) => `arn:aws:iam::123456789012:policy${path}${name}`
const document = (action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
})

const fixtures: IamFixture = {
  Policies: [
    {
      PolicyName: 'Deploy',
      Path: '/ci/',
      Description: 'What the pipeline may do',
      Tags: [{ Key: 'team', Value: 'platform' }],
      Versions: [
        { VersionId: 'v3', Document: document('s3:*'), CreateDate: '2026-01-03T00:00:00Z' },
        { VersionId: 'v1', Document: document('s3:Get*'), CreateDate: '2026-01-01T00:00:00Z' },
      ],
      DefaultVersionId: 'v1',
    },
    { PolicyName: 'Boundary', Document: JSON.stringify(document('*')) },
    { PolicyName: 'Unused', Document: document('ec2:Describe*') },
  ],
  Users: [
    { UserName: 'alice', AttachedPolicies: [ARN('/ci/', 'Deploy'), READ_ONLY] },
    { UserName: 'bob', PermissionsBoundary: ARN('/', 'Boundary') },
  ],
  Groups: [
    {
      GroupName: 'developers',
      Path: '/eng/',
      Users: ['alice', 'bob'],
      Policies: { inline: document('logs:*') },
      AttachedPolicies: [ARN('/ci/', 'Deploy')],
    },
  ],
  Roles: [{ RoleName: 'Runner', AttachedPolicies: [ARN('/ci/', 'Deploy')] }],
}

const iam = useIam({ clock: '2026-02-19T18:34:51.734Z', seed: 5, fixtures })
const client = iamClient()

describe('managed policies and groups in fixtures', () => {
  it('load versions, attachments, members and boundaries that the API then reports', async () => {
    const { Policy } = await client.send(new GetPolicyCommand({ PolicyArn: ARN('/ci/', 'Deploy') }))
    expect(Policy).toMatchObject({
      PolicyName: 'Deploy',
      Path: '/ci/',
      DefaultVersionId: 'v1',
      AttachmentCount: 3,
      PermissionsBoundaryUsageCount: 0,
      Description: 'What the pipeline may do',
      Tags: [{ Key: 'team', Value: 'platform' }],
    })
    expect(Policy?.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/)
    const version = await client.send(
      new GetPolicyVersionCommand({ PolicyArn: ARN('/ci/', 'Deploy'), VersionId: 'v3' }),
    )
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!))).toEqual(
      document('s3:*'),
    )
    expect(version.PolicyVersion?.IsDefaultVersion).toBe(false)

    const attached = await client.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }))
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([
      ARN('/ci/', 'Deploy'),
      READ_ONLY,
    ])
    const group = await client.send(new GetGroupCommand({ GroupName: 'developers' }))
    expect(group.Group?.Arn).toBe('arn:aws:iam::123456789012:group/eng/developers')
    expect(group.Users?.map((u) => u.UserName)).toEqual(['alice', 'bob'])
    const inline = await client.send(new ListGroupPoliciesCommand({ GroupName: 'developers' }))
    expect(inline.PolicyNames).toEqual(['inline'])
    const groupAttached = await client.send(
      new ListAttachedGroupPoliciesCommand({ GroupName: 'developers' }),
    )
    expect(groupAttached.AttachedPolicies).toEqual([
      { PolicyName: 'Deploy', PolicyArn: ARN('/ci/', 'Deploy') },
    ])
    const boundary = await client.send(new GetPolicyCommand({ PolicyArn: ARN('/', 'Boundary') }))
    expect(boundary.Policy?.PermissionsBoundaryUsageCount).toBe(1)
  })

  it('show in the store view, without documents URL-encoded', () => {
    expect(iam.store.policies().map((p) => p.PolicyName)).toEqual(['Boundary', 'Deploy', 'Unused'])
    expect(iam.store.policy(ARN('/ci/', 'Deploy'))).toMatchObject({
      Arn: ARN('/ci/', 'Deploy'),
      DefaultVersionId: 'v1',
      AttachmentCount: 3,
      Versions: [
        { VersionId: 'v3', Document: JSON.stringify(document('s3:*')) },
        { VersionId: 'v1', Document: JSON.stringify(document('s3:Get*')) },
      ],
    })
    expect(iam.store.policy(READ_ONLY)).toBeUndefined()
    expect(iam.store.group('Developers')).toMatchObject({
      GroupName: 'developers',
      Users: ['alice', 'bob'],
      PolicyNames: ['inline'],
      AttachedPolicies: [ARN('/ci/', 'Deploy')],
    })
    expect(iam.store.user('alice')?.AttachedPolicies).toEqual([ARN('/ci/', 'Deploy'), READ_ONLY])
  })

  it('round-trip through snapshot() with every attachment and member', () => {
    const snapshot = iam.snapshot()
    const copy = createIamMock({ fixtures: snapshot })
    expect(copy.store.policies()).toEqual(iam.store.policies())
    expect(copy.store.groups()).toEqual(iam.store.groups())
    expect(copy.store.users()).toEqual(iam.store.users())
    expect(copy.store.roles()).toEqual(iam.store.roles())
    expect(copy.snapshot()).toEqual(snapshot)
  })

  it('come back after reset(), with what requests attached gone', async () => {
    await client.send(new CreateUserCommand({ UserName: 'carol' }))
    await client.send(
      new AttachUserPolicyCommand({ UserName: 'carol', PolicyArn: ARN('/', 'Unused') }),
    )
    expect(iam.store.policy(ARN('/', 'Unused'))?.AttachmentCount).toBe(1)
    iam.reset()
    expect(iam.store.policy(ARN('/', 'Unused'))?.AttachmentCount).toBe(0)
    expect(iam.store.policy(ARN('/ci/', 'Deploy'))?.AttachmentCount).toBe(3)
  })

  it.each([
    [
      'an attachment of a policy the fixture does not define',
      { Users: [{ UserName: 'u', AttachedPolicies: [ARN('/', 'Missing')] }] },
      /Users\[0\]\.AttachedPolicies\[0\]: Policy arn:aws:iam::123456789012:policy\/Missing does not exist or is not attachable\./,
    ],
    [
      'a member who is not a user of the fixture',
      { Groups: [{ GroupName: 'g', Users: ['nobody'] }] },
      /Groups\[0\]\.Users\[0\]: The user with name nobody cannot be found\./,
    ],
    [
      'two groups of one name in other case',
      { Groups: [{ GroupName: 'g' }, { GroupName: 'G' }] },
      /Groups\[1\]\.GroupName: Group with name G already exists\./,
    ],
    [
      'a sixth version',
      {
        Policies: [
          {
            PolicyName: 'p',
            Versions: ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'].map((VersionId) => ({
              VersionId,
              Document: document('s3:*'),
            })),
          },
        ],
      },
      /Policies\[0\]\.Versions\[5\]: A managed policy can have up to 5 versions\./,
    ],
    [
      'a default version the policy does not have',
      { Policies: [{ PolicyName: 'p', Document: document('s3:*'), DefaultVersionId: 'v2' }] },
      /Policies\[0\]/,
    ],
  ])('refuse %s, naming where', (_what, fixture, message) => {
    expect(() => createIamMock({ fixtures: fixture as IamFixture })).toThrow(FixtureError)
    expect(() => createIamMock({ fixtures: fixture as IamFixture })).toThrow(message)
  })
})

describe('ListPolicies', () => {
  it('lists the account’s policies by name, then AWS’s, in one paged sequence', async () => {
    const names: string[] = []
    for await (const page of paginateListPolicies({ client, pageSize: 400 }, {})) {
      names.push(...(page.Policies ?? []).map((p) => p.PolicyName!))
    }
    expect(names.slice(0, 3)).toEqual(['Boundary', 'Deploy', 'Unused'])
    expect(names.slice(3, 5)).toEqual(['AdministratorAccess', 'PowerUserAccess'])
    expect(names.length).toBeGreaterThan(1000)
    expect(new Set(names).size).toBe(names.length)
  })

  it('filters by OnlyAttached, PolicyUsageFilter and PathPrefix', async () => {
    const list = async (input: ListPoliciesCommandInput) =>
      (await client.send(new ListPoliciesCommand(input))).Policies?.map((p) => p.PolicyName)
    expect(await list({ Scope: 'Local', OnlyAttached: true })).toEqual(['Deploy'])
    expect(await list({ Scope: 'All', OnlyAttached: true })).toEqual(['Deploy', 'ReadOnlyAccess'])
    expect(await list({ Scope: 'Local', PolicyUsageFilter: 'PermissionsBoundary' })).toEqual([
      'Boundary',
    ])
    expect(await list({ Scope: 'Local', PathPrefix: '/ci/' })).toEqual(['Deploy'])
    expect(await list({ Scope: 'AWS', PathPrefix: '/job-function/', MaxItems: 2 })).toHaveLength(2)
  })
})

describe('ListEntitiesForPolicy', () => {
  it('lists groups, users and roles, filtered by EntityFilter and PathPrefix', async () => {
    const all = await client.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: ARN('/ci/', 'Deploy') }),
    )
    expect(all.PolicyGroups?.map((g) => g.GroupName)).toEqual(['developers'])
    expect(all.PolicyUsers?.map((u) => u.UserName)).toEqual(['alice'])
    expect(all.PolicyRoles?.map((r) => r.RoleName)).toEqual(['Runner'])
    const roles = await client.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: ARN('/ci/', 'Deploy'), EntityFilter: 'Role' }),
    )
    expect([roles.PolicyGroups, roles.PolicyUsers, roles.PolicyRoles?.length]).toEqual([[], [], 1])
    const eng = await client.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: ARN('/ci/', 'Deploy'), PathPrefix: '/eng/' }),
    )
    expect(eng.PolicyGroups?.map((g) => g.GroupName)).toEqual(['developers'])
    expect(eng.PolicyUsers).toEqual([])
  })

  it('counts boundaries apart from attachments', async () => {
    const boundary = await client.send(
      new ListEntitiesForPolicyCommand({
        PolicyArn: ARN('/', 'Boundary'),
        PolicyUsageFilter: 'PermissionsBoundary',
      }),
    )
    expect(boundary.PolicyUsers?.map((u) => u.UserName)).toEqual(['bob'])
    const attached = await client.send(
      new ListEntitiesForPolicyCommand({
        PolicyArn: ARN('/', 'Boundary'),
        PolicyUsageFilter: 'PermissionsPolicy',
      }),
    )
    expect(attached.PolicyUsers).toEqual([])
  })
})

describe('attachments', () => {
  it('stop at ten managed policies per group with AWS’s LimitExceeded', async () => {
    for (let i = 0; i < 9; i++) {
      const { Policy } = await client.send(
        new CreatePolicyCommand({
          PolicyName: `extra-${i}`,
          PolicyDocument: JSON.stringify(document('s3:*')),
        }),
      )
      await client.send(
        new AttachGroupPolicyCommand({ GroupName: 'developers', PolicyArn: Policy!.Arn }),
      )
    }
    const error = await sdkError(
      client.send(new AttachGroupPolicyCommand({ GroupName: 'developers', PolicyArn: READ_ONLY })),
    )
    expect([error.Code, error.$metadata.httpStatusCode, error.message]).toEqual([
      'LimitExceeded',
      409,
      'Cannot exceed quota for PoliciesPerGroup: 10',
    ])
    expect(iam.store.group('developers')?.AttachedPolicies).toHaveLength(10)
  })

  it('take an AWS managed policy as a boundary and count it there', async () => {
    await client.send(
      new PutUserPermissionsBoundaryCommand({ UserName: 'alice', PermissionsBoundary: READ_ONLY }),
    )
    const { Policy } = await client.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }))
    expect([Policy?.AttachmentCount, Policy?.PermissionsBoundaryUsageCount]).toEqual([1, 1])
  })
})

describe('GetAccountAuthorizationDetails', () => {
  const details = (
    input: {
      Filter?: ('User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy')[]
      MaxItems?: number
      Marker?: string
    } = {},
  ) => client.send(new GetAccountAuthorizationDetailsCommand(input))
  const names = (out: Awaited<ReturnType<typeof details>>) => ({
    users: out.UserDetailList?.map((u) => u.UserName),
    groups: out.GroupDetailList?.map((g) => g.GroupName),
    roles: out.RoleDetailList?.map((r) => r.RoleName),
    policies: out.Policies?.map((p) => p.PolicyName),
  })

  it('reports every entity with its relationships, and AWS’s policies only while in use', async () => {
    const out = await details()
    expect(names(out)).toEqual({
      users: ['alice', 'bob'],
      groups: ['developers'],
      roles: ['Runner'],
      policies: ['Boundary', 'Deploy', 'Unused', 'ReadOnlyAccess'],
    })
    expect(out.IsTruncated).toBe(false)
    const [alice, bob] = out.UserDetailList!
    expect(alice).toMatchObject({
      GroupList: ['developers'],
      AttachedManagedPolicies: [
        { PolicyName: 'Deploy', PolicyArn: ARN('/ci/', 'Deploy') },
        { PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY },
      ],
      Tags: [],
    })
    expect(bob?.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: ARN('/', 'Boundary'),
    })
    const [group] = out.GroupDetailList!
    expect(group?.Arn).toBe('arn:aws:iam::123456789012:group/eng/developers')
    expect(
      group?.GroupPolicyList?.map((p) => [
        p.PolicyName,
        JSON.parse(decodeURIComponent(p.PolicyDocument!)),
      ]),
    ).toEqual([['inline', document('logs:*')]])
    const deploy = out.Policies!.find((p) => p.PolicyName === 'Deploy')!
    expect(deploy).toMatchObject({
      AttachmentCount: 3,
      DefaultVersionId: 'v1',
      Description: 'What the pipeline may do',
    })
    expect(
      deploy.PolicyVersionList!.map((v) => [
        v.VersionId,
        v.IsDefaultVersion,
        JSON.parse(decodeURIComponent(v.Document!)),
      ]),
    ).toEqual([
      ['v3', false, document('s3:*')],
      ['v1', true, document('s3:Get*')],
    ])
  })

  it('lists an AWS managed policy used only as a permissions boundary', async () => {
    const powerUser = 'arn:aws:iam::aws:policy/PowerUserAccess'
    await client.send(
      new PutUserPermissionsBoundaryCommand({ UserName: 'bob', PermissionsBoundary: powerUser }),
    )
    const out = await details({ Filter: ['AWSManagedPolicy'] })
    expect(names(out)).toEqual({
      users: [],
      groups: [],
      roles: [],
      policies: ['PowerUserAccess', 'ReadOnlyAccess'],
    })
    const [policy] = out.Policies!
    expect([policy?.AttachmentCount, policy?.PermissionsBoundaryUsageCount]).toEqual([0, 1])
    const defaults = policy!.PolicyVersionList!.filter((v) => v.IsDefaultVersion)
    expect(defaults.map((v) => JSON.parse(decodeURIComponent(v.Document!)).Version)).toEqual([
      '2012-10-17',
    ])
  })

  it('keeps only the kinds the filter names', async () => {
    expect(names(await details({ Filter: ['Role', 'LocalManagedPolicy'] }))).toEqual({
      users: [],
      groups: [],
      roles: ['Runner'],
      policies: ['Boundary', 'Deploy', 'Unused'],
    })
  })

  it('pages the four lists as one sequence with a single Marker', async () => {
    const first = await details({ MaxItems: 3 })
    expect(names(first)).toEqual({
      users: ['alice', 'bob'],
      groups: ['developers'],
      roles: [],
      policies: [],
    })
    expect(first.IsTruncated).toBe(true)
    const second = await details({ MaxItems: 3, Marker: first.Marker! })
    expect(names(second)).toEqual({
      users: [],
      groups: [],
      roles: ['Runner'],
      policies: ['Boundary', 'Deploy'],
    })
    const merged = {
      users: [] as string[],
      groups: [] as string[],
      roles: [] as string[],
      policies: [] as string[],
    }
    for await (const page of paginateGetAccountAuthorizationDetails({ client, pageSize: 1 }, {})) {
      const n = names(page)
      for (const list of Object.keys(merged) as (keyof typeof merged)[])
        merged[list].push(...(n[list] as string[]))
    }
    expect(merged).toEqual(names(await details()))
  })

  it('refuses a Marker it did not issue and a kind the model does not know', async () => {
    const marker = await sdkError(details({ Marker: 'bm90LWEtbWFya2Vy' }))
    expect([marker.Code, marker.$metadata.httpStatusCode]).toEqual(['ValidationError', 400])
    const kind = await sdkError(details({ Filter: ['Nobody' as 'User'] }))
    expect([kind.Code, kind.$metadata.httpStatusCode]).toEqual(['ValidationError', 400])
    expect(kind.message).toContain("'filter'")
  })
})

describe('group membership', () => {
  // @note inferred: AWS recorded RemoveUserFromGroup naming the user when neither exists.
  it('names the missing user first when neither the user nor the group exists', async () => {
    const error = await sdkError(
      client.send(new AddUserToGroupCommand({ GroupName: 'nobody-group', UserName: 'nobody' })),
    )
    expect([error.Code, error.$metadata.httpStatusCode, error.message]).toEqual([
      'NoSuchEntity',
      404,
      'The user with name nobody cannot be found.',
    ])
  })
})
