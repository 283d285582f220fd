import {
  paginateGetAccountAuthorizationDetails,
  type GetAccountAuthorizationDetailsCommandInput,
} from '@aws-sdk/client-iam'
import { describe } from 'vitest'
import { useIam } from '../helpers.js'
import { recordedFixture, replayer, TRUST_EC2, type Replay } from './harness.js'

/**
 * `test_iam_account_authorization_details`. The recorded calls went through boto3's paginator
 * with every page merged, and the test then cut each list down to its own entities: the replay
 * does both.
 */

useIam({ fixtures: recordedFixture })

let counter = 0
const name = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(8, '0')}`

/** `LB-STAR` in INDEX.md: the recordings' inline and managed document. */
const LB_STAR = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Action: 's3:ListBucket', Resource: '*', Effect: 'Allow' }],
})

const replay = replayer('test_iam_account_authorization_details')
const T = 'TestGetAccountAuthorizationDetails::test_get_account_authorization_details_'

interface Mine {
  users?: string[]
  groups?: string[]
  roles?: string[]
  policies?: string[]
}

/**
 * Every page of GetAccountAuthorizationDetails, merged as boto3's paginator merges them, in
 * boto3's form; each list cut to the named entities (a list not named is kept as AWS gave it).
 */
async function details(r: Replay, filter: GetAccountAuthorizationDetailsCommandInput['Filter']) {
  const merged: Record<string, unknown[]> = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  }
  const pages = paginateGetAccountAuthorizationDetails(
    { client: r.iam, pageSize: 2 },
    filter ? { Filter: filter } : {},
  )
  for await (const page of pages) {
    const boto3 = r.boto3(page, 'GetAccountAuthorizationDetails') as Record<string, unknown[]>
    for (const list of Object.keys(merged)) merged[list]!.push(...(boto3[list] ?? []))
  }
  return (mine: Mine) => {
    const cut = (list: string, key: string, names: string[] | undefined) =>
      names
        ? merged[list]!.filter((e) => names.includes((e as Record<string, string>)[key]!))
        : merged[list]
    return {
      UserDetailList: cut('UserDetailList', 'UserName', mine.users),
      GroupDetailList: cut('GroupDetailList', 'GroupName', mine.groups),
      RoleDetailList: cut('RoleDetailList', 'RoleName', mine.roles),
      Policies: cut('Policies', 'PolicyName', mine.policies),
    }
  }
}

const createPolicy = (r: Replay, key: string | undefined, policy: string) =>
  r.send(key, 'CreatePolicy', { PolicyName: policy, PolicyDocument: LB_STAR })
const createRole = (r: Replay, key: string | undefined, role: string, path?: string) =>
  r.send(key, 'CreateRole', {
    RoleName: role,
    AssumeRolePolicyDocument: TRUST_EC2,
    ...(path && { Path: path, Description: 'testing role' }),
  })
/** The recordings' CreateUser, CreateGroup and CreateRole, each kept under AWS's key. */
async function createEntities(
  r: Replay,
  entities: { user?: string; group?: string; role?: string },
) {
  if (entities.user) await r.send('create-user', 'CreateUser', { UserName: entities.user })
  if (entities.group) await r.send('create-group', 'CreateGroup', { GroupName: entities.group })
  if (entities.role) await createRole(r, 'create-role', entities.role)
}
const tags = (...pairs: [string, string][]) => pairs.map(([Key, Value]) => ({ Key, Value }))

describe('test_iam_account_authorization_details, replayed', () => {
  replay(`${T}filter_role`, async (r) => {
    const [policy, role, profile] = [name('policy'), name('role'), name('profile')]
    const created = await createPolicy(r, 'create-policy', policy)
    await createRole(r, 'create-role', role, '/my-path/')
    await r.send(undefined, 'PutRolePolicy', {
      RoleName: role,
      PolicyName: 'inline-policy',
      PolicyDocument: LB_STAR,
    })
    await r.send(undefined, 'AttachRolePolicy', { RoleName: role, PolicyArn: created.Policy.Arn })
    await r.send(undefined, 'TagRole', {
      RoleName: role,
      Tags: tags(['somekey', 'somevalue'], ['someotherkey', 'someothervalue']),
    })
    await r.send('create-instance-profile', 'CreateInstanceProfile', {
      InstanceProfileName: profile,
    })
    await r.send(undefined, 'AddRoleToInstanceProfile', {
      InstanceProfileName: profile,
      RoleName: role,
    })
    r.keep('role-filter-result', (await details(r, ['Role']))({ roles: [role] }))
  })

  replay(`${T}filter_user`, async (r) => {
    const [user, group, policy] = [name('user'), name('group'), name('policy')]
    await createEntities(r, { user, group })
    const created = await createPolicy(r, 'create-policy', policy)
    await r.send(undefined, 'PutUserPolicy', {
      UserName: user,
      PolicyName: 'user-inline-policy',
      PolicyDocument: LB_STAR,
    })
    await r.send(undefined, 'AttachUserPolicy', { UserName: user, PolicyArn: created.Policy.Arn })
    await r.send(undefined, 'AddUserToGroup', { GroupName: group, UserName: user })
    await r.send(undefined, 'TagUser', {
      UserName: user,
      Tags: tags(['somekey', 'somevalue'], ['someotherkey', 'someothervalue']),
    })
    r.keep('user-filter-result', (await details(r, ['User']))({ users: [user] }))
  })

  replay(`${T}filter_group`, async (r) => {
    const [group, policy] = [name('group'), name('policy')]
    await createEntities(r, { group })
    const created = await createPolicy(r, 'create-policy', policy)
    await r.send(undefined, 'PutGroupPolicy', {
      GroupName: group,
      PolicyName: 'group-inline-policy',
      PolicyDocument: LB_STAR,
    })
    await r.send(undefined, 'AttachGroupPolicy', {
      GroupName: group,
      PolicyArn: created.Policy.Arn,
    })
    r.keep('group-filter-result', (await details(r, ['Group']))({ groups: [group] }))
  })

  replay(`${T}filter_local_managed_policy`, async (r) => {
    const policy = name('policy')
    await createPolicy(r, 'create-policy', policy)
    r.keep(
      'local-managed-policy-filter-result',
      (await details(r, ['LocalManagedPolicy']))({ policies: [policy] }),
    )
  })

  replay(`${T}filter_aws_managed_policy`, async (r) => {
    // The recorded account had AmazonS3FullAccess attached (AttachmentCount 2); AWS lists its
    // own policies only while in use (@note inferred), so the replay attaches it first.
    const user = name('user')
    await r.send(undefined, 'CreateUser', { UserName: user })
    await r.send(undefined, 'AttachUserPolicy', {
      UserName: user,
      PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess',
    })
    r.ignore(/\.AttachmentCount$/, 'specific to the recorded account (skipped by the recording)')
    r.ignore(
      /\.PolicyVersionList\b/,
      'AWS’s version history (skipped by the recording); the data holds only the default document',
    )
    r.keep(
      'aws-managed-policy-result',
      (await details(r, ['AWSManagedPolicy']))({ policies: ['AmazonS3FullAccess'] }),
    )
  })

  replay(`${T}no_filter`, async (r) => {
    const [user, group, role, policy] = [name('user'), name('group'), name('role'), name('policy')]
    await createEntities(r, { user, group, role })
    await createPolicy(r, 'create-policy', policy)
    const cut = await details(r, undefined)
    r.keep(
      'no-filter-result',
      cut({ users: [user], groups: [group], roles: [role], policies: [policy] }),
    )
  })

  replay(`${T}with_inline_policies`, async (r) => {
    const [user, group, role] = [name('user'), name('group'), name('role')]
    await createEntities(r, { user, group, role })
    const inline = { PolicyDocument: LB_STAR }
    await r.send(undefined, 'PutUserPolicy', {
      UserName: user,
      PolicyName: 'user-inline',
      ...inline,
    })
    await r.send(undefined, 'PutGroupPolicy', {
      GroupName: group,
      PolicyName: 'group-inline',
      ...inline,
    })
    await r.send(undefined, 'PutRolePolicy', {
      RoleName: role,
      PolicyName: 'role-inline',
      ...inline,
    })
    const cut = await details(r, undefined)
    // The recorded test set Policies to [] itself.
    r.keep('inline-policies-result', {
      ...cut({ users: [user], groups: [group], roles: [role] }),
      Policies: [],
    })
  })

  replay(`${T}with_tags`, async (r) => {
    const [user, role] = [name('user'), name('role')]
    await createEntities(r, { user, role })
    const both = tags(['environment', 'test'], ['team', 'platform'])
    await r.send(undefined, 'TagUser', { UserName: user, Tags: both })
    await r.send(undefined, 'TagRole', { RoleName: role, Tags: both })
    const cut = await details(r, undefined)
    // The recorded test set GroupDetailList and Policies to [] itself.
    r.keep('tags-result', {
      ...cut({ users: [user], roles: [role] }),
      GroupDetailList: [],
      Policies: [],
    })
  })
})
