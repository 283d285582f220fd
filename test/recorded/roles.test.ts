import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { recordedFixture, Replay, TRUST_EC2 } from './harness.js'

/** `test_iam_roles`: roles, their trust policy, tags, inline and managed policies, boundaries. */

useIam({ fixtures: recordedFixture })

let counter = 0
const name = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(8, '0')}`

/** `BUCKET` in INDEX.md: the recordings' inline and managed document. */
const BUCKET = JSON.stringify({
  Version: '2012-10-17',
  Statement: {
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: 'arn:aws:s3:::example_bucket',
  },
})

/** Runs one recorded test id: `steps` make its calls; the answers must match the recording. */
function replay(testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay('test_iam_roles', testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

/** A role as boto3 gives it: its trust policy decoded and parsed. */
const decoded = (role: { AssumeRolePolicyDocument: string }) => ({
  ...role,
  AssumeRolePolicyDocument: JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument)),
})

const createRole = (r: Replay, key: string | undefined, input: Record<string, unknown>) =>
  r.send(key, 'CreateRole', { AssumeRolePolicyDocument: TRUST_EC2, ...input })

describe('test_iam_roles, replayed', () => {
  replay('TestRoleLifecycle::test_role_errors', async (r) => {
    const missing = 'test-nonexistent-role'
    await r.send('get-role-error', 'GetRole', { RoleName: missing })
    await r.send('update-role-error', 'UpdateRole', { RoleName: missing, Description: 'test' })
    await r.send('delete-role-error', 'DeleteRole', { RoleName: missing })
    const role = name('role')
    await createRole(r, 'create-role-for-duplicate-test', { RoleName: role })
    await createRole(r, 'create-role-already-exists-error', { RoleName: role })
  })

  replay('TestRoleLifecycle::test_create_role_defaults', async (r) => {
    const role = name('role')
    await createRole(r, 'create-role-response', { RoleName: role })
    await r.send('get-role-response', 'GetRole', { RoleName: role })
  })

  replay('TestRoleLifecycle::test_create_describe_role', async (r) => {
    const role = name('role')
    const path = `/${name('path')}/`
    await createRole(r, 'create-role-result', { RoleName: role, Path: path })
    await r.send('get-role-result', 'GetRole', { RoleName: role })
    await r.send('list-roles-result', 'ListRoles', { PathPrefix: path })
  })

  replay('TestRoleLifecycle::test_list_roles_path_prefix', async (r) => {
    const path = `/test-path-${name('p')}/`
    await createRole(r, 'create-role-without-path', { RoleName: name('role') })
    await createRole(r, 'create-role-with-path', { RoleName: name('role'), Path: path })
    await r.send('list-roles-with-path-prefix', 'ListRoles', { PathPrefix: path })
    await r.send('list-roles-empty-path-prefix', 'ListRoles', { PathPrefix: '/nonexistent-path/' })
  })

  replay('TestRoleLifecycle::test_delete_role_with_attached_policy', async (r) => {
    const role = name('role')
    await createRole(r, 'create-role', { RoleName: role })
    const policy = await r.send(undefined, 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: BUCKET,
    })
    const arn = policy.Policy.Arn
    await r.send(undefined, 'AttachRolePolicy', { RoleName: role, PolicyArn: arn })
    await r.send('delete-role-with-policy-error', 'DeleteRole', { RoleName: role })
    await r.send(undefined, 'DetachRolePolicy', { RoleName: role, PolicyArn: arn })
    await r.send(undefined, 'DeleteRole', { RoleName: role })
    await r.send('get-role-after-deletion-error', 'GetRole', { RoleName: role })
  })

  replay('TestRoleLifecycle::test_delete_role_with_inline_policy', async (r) => {
    const role = name('role')
    const policy = name('policy')
    await createRole(r, 'create-role', { RoleName: role })
    await r.send(undefined, 'PutRolePolicy', {
      RoleName: role,
      PolicyName: policy,
      PolicyDocument: BUCKET,
    })
    await r.send('delete-role-with-inline-policy-error', 'DeleteRole', { RoleName: role })
    await r.send(undefined, 'DeleteRolePolicy', { RoleName: role, PolicyName: policy })
    await r.send(undefined, 'DeleteRole', { RoleName: role })
    await r.send('get-role-after-deletion-error', 'GetRole', { RoleName: role })
  })

  replay('TestRoleLifecycle::test_delete_role_with_instance_profile', async (r) => {
    const role = name('role')
    const profile = name('profile')
    await createRole(r, 'create-role', { RoleName: role })
    await r.send('create-instance-profile', 'CreateInstanceProfile', {
      InstanceProfileName: profile,
    })
    await r.send(undefined, 'AddRoleToInstanceProfile', {
      InstanceProfileName: profile,
      RoleName: role,
    })
    await r.send('delete-role-with-instance-profile-error', 'DeleteRole', { RoleName: role })
    await r.send(undefined, 'RemoveRoleFromInstanceProfile', {
      InstanceProfileName: profile,
      RoleName: role,
    })
    await r.send(undefined, 'DeleteRole', { RoleName: role })
    await r.send('get-role-after-deletion-error', 'GetRole', { RoleName: role })
  })

  replay('TestRoleLifecycle::test_update_role', async (r) => {
    const role = name('role')
    await createRole(r, undefined, { RoleName: role, Description: 'initial description' })
    await r.send('get-role-initial', 'GetRole', { RoleName: role })
    await r.send('update-role-response', 'UpdateRole', {
      RoleName: role,
      Description: 'updated description',
      MaxSessionDuration: 7200,
    })
    await r.send('get-role-after-update', 'GetRole', { RoleName: role })
    await r.send('update-role-description-response', 'UpdateRoleDescription', {
      RoleName: role,
      Description: 'description via update_role_description',
    })
    await r.send('get-role-after-desc-update', 'GetRole', { RoleName: role })
    await r.send('update-role-defaults-response', 'UpdateRole', { RoleName: role })
    await r.send('get-role-after-defaults', 'GetRole', { RoleName: role })
  })

  replay('TestRoleLifecycle::test_update_assume_role_policy_errors', async (r) => {
    const role = name('role')
    await createRole(r, undefined, { RoleName: role })
    const update = (key: string, document: string) =>
      r.send(key, 'UpdateAssumeRolePolicy', { RoleName: role, PolicyDocument: document })
    await update('invalid-json-error', 'not valid json')
    await update(
      'invalid-action-error',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:InvalidAction',
          },
        ],
      }),
    )
    await update(
      'resource-field-error',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Resource: 'arn:aws:s3:::example_bucket',
          },
        ],
      }),
    )
  })

  replay('TestRoleLifecycle::test_update_assume_role_policy', async (r) => {
    const role = name('role')
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: ['ec2.amazonaws.com'] },
          Action: ['sts:AssumeRole'],
        },
      ],
    })
    await r.send('created_role', 'CreateRole', {
      RoleName: role,
      AssumeRolePolicyDocument: document,
    })
    await r.send('updated_policy', 'UpdateAssumeRolePolicy', {
      RoleName: role,
      PolicyDocument: document,
    })
  })

  replay('TestRolePermissionsBoundary::test_role_permissions_boundary_lifecycle', async (r) => {
    const policy = await r.send('create-policy', 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: BUCKET,
    })
    const arn = policy.Policy.Arn
    const role = name('role')
    await createRole(r, 'create-role-with-boundary', {
      RoleName: role,
      PermissionsBoundary: arn,
      Description: 'Role with permissions boundary',
    })
    await r.send('get-role-with-boundary', 'GetRole', { RoleName: role })
    await r.send(undefined, 'DeleteRolePermissionsBoundary', { RoleName: role })
    await r.send('get-role-no-boundary', 'GetRole', { RoleName: role })
    const ours = async () => {
      const list = await r.send(undefined, 'ListRoles')
      return {
        Roles: list.Roles.filter((x: { RoleName: string }) => x.RoleName === role).map(decoded),
      }
    }
    r.keep('list-roles-without-boundary', await ours())
    await r.send(undefined, 'PutRolePermissionsBoundary', {
      RoleName: role,
      PermissionsBoundary: arn,
    })
    await r.send('get-role-boundary-restored', 'GetRole', { RoleName: role })
    r.keep('list-roles-with-boundary', await ours())
  })

  replay('TestRolePermissionsBoundary::test_role_permissions_boundary_errors', async (r) => {
    const role = name('role')
    await createRole(r, 'create-role', { RoleName: role })
    await r.send('create-policy', 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: BUCKET,
    })
    const policy = (await r.send(undefined, 'ListPolicies', { Scope: 'Local' })).Policies[0]
    const invalid = 'arn:aws:iam::111111111111:not_a_policy/invalid'
    const nonexistent = 'arn:aws:iam::111111111111:policy/nonexistent-policy'
    await r.send('put-invalid-boundary-error', 'PutRolePermissionsBoundary', {
      RoleName: role,
      PermissionsBoundary: invalid,
    })
    await createRole(r, 'create-role-invalid-boundary-error', {
      RoleName: name('role'),
      PermissionsBoundary: invalid,
    })
    await r.send('put-nonexistent-policy-error', 'PutRolePermissionsBoundary', {
      RoleName: role,
      PermissionsBoundary: nonexistent,
    })
    await createRole(r, 'create-role-nonexistent-policy-error', {
      RoleName: name('role'),
      PermissionsBoundary: nonexistent,
    })
    await r.send('put-boundary-nonexistent-role-error', 'PutRolePermissionsBoundary', {
      RoleName: 'nonexistent-role',
      PermissionsBoundary: policy.Arn,
    })
  })

  replay('TestRoleInlinePolicies::test_role_inline_policy_lifecycle', async (r) => {
    const role = name('role')
    const [p1, p2] = [name('policy'), name('policy')]
    await createRole(r, undefined, { RoleName: role })
    const put = (policy: string) =>
      r.send(undefined, 'PutRolePolicy', {
        RoleName: role,
        PolicyName: policy,
        PolicyDocument: BUCKET,
      })
    await put(p1)
    await r.send('get-role-policy-1', 'GetRolePolicy', { RoleName: role, PolicyName: p1 })
    await r.send('list-role-policies-1', 'ListRolePolicies', { RoleName: role })
    await put(p2)
    await r.send('get-role-policy-2', 'GetRolePolicy', { RoleName: role, PolicyName: p2 })
    await r.send('list-role-policies-2', 'ListRolePolicies', { RoleName: role })
    await r.send(undefined, 'DeleteRolePolicy', { RoleName: role, PolicyName: p1 })
    await r.send('list-role-policies-after-delete', 'ListRolePolicies', { RoleName: role })
    await r.send('get-deleted-policy-error', 'GetRolePolicy', { RoleName: role, PolicyName: p1 })
    await r.send('delete-nonexistent-policy-error', 'DeleteRolePolicy', {
      RoleName: role,
      PolicyName: p1,
    })
  })

  replay('TestRoleInlinePolicies::test_role_inline_policy_errors', async (r) => {
    const role = name('role')
    await createRole(r, undefined, { RoleName: role })
    const policy = { RoleName: role, PolicyName: 'non-existent-policy' }
    await r.send('get-nonexistent-policy-error', 'GetRolePolicy', policy)
    await r.send('delete-nonexistent-policy-error', 'DeleteRolePolicy', policy)
    const missing = { RoleName: 'nonexistent-role', PolicyName: name('policy') }
    await r.send('put-policy-nonexistent-role-error', 'PutRolePolicy', {
      ...missing,
      PolicyDocument: BUCKET,
    })
    await r.send('get-policy-nonexistent-role-error', 'GetRolePolicy', missing)
    await r.send('delete-policy-nonexistent-role-error', 'DeleteRolePolicy', missing)
  })

  replay('TestRoleManagedPolicies::test_role_managed_policy_lifecycle', async (r) => {
    const role = name('role')
    await createRole(r, undefined, { RoleName: role })
    const policy = await r.send(undefined, 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: BUCKET,
    })
    const arn = policy.Policy.Arn
    await r.send('list-attached-policies-empty', 'ListAttachedRolePolicies', { RoleName: role })
    await r.send(undefined, 'AttachRolePolicy', { RoleName: role, PolicyArn: arn })
    await r.send('list-attached-policies-1', 'ListAttachedRolePolicies', { RoleName: role })
    await r.send(undefined, 'DetachRolePolicy', { RoleName: role, PolicyArn: arn })
    await r.send('list-attached-policies-after-detach', 'ListAttachedRolePolicies', {
      RoleName: role,
    })
  })

  replay('TestRoleManagedPolicies::test_role_managed_policy_errors', async (r) => {
    const role = name('role')
    await createRole(r, undefined, { RoleName: role })
    // A name of 20 characters or more: a shorter one is no ARN by the model's length already.
    const policyName = name('policy-named-at-length')
    const policy = await r.send('create-policy', 'CreatePolicy', {
      PolicyName: policyName,
      PolicyDocument: BUCKET,
    })
    const arn = policy.Policy.Arn
    const attach = (key: string, policyArn: string) =>
      r.send(key, 'AttachRolePolicy', { RoleName: role, PolicyArn: policyArn })
    await r.send('detach-not-attached-policy-error', 'DetachRolePolicy', {
      RoleName: role,
      PolicyArn: arn,
    })
    await attach('non-existent-malformed-policy-arn', 'longpolicynamebutnoarn')
    await attach('existing-policy-name-provided', policyName)
    await attach(
      'attach-nonexistent-policy-error',
      'arn:aws:iam::111111111111:policy/nonexistent-policy',
    )
    await attach(undefined as never, arn)
    await r.send('delete-attached-policy-error', 'DeletePolicy', { PolicyArn: arn })
  })

  replay('TestRoleManagedPolicies::test_attach_detach_aws_managed_policy_role', async (r) => {
    const role = name('role')
    await createRole(r, undefined, { RoleName: role })
    const emr = 'arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole'
    const tower = 'arn:aws:iam::aws:policy/service-role/AWSControlTowerServiceRolePolicy'
    for (const arn of [emr, tower]) {
      await r.send(undefined, 'AttachRolePolicy', { RoleName: role, PolicyArn: arn })
    }
    await r.send('list-attached-2', 'ListAttachedRolePolicies', { RoleName: role })
    await r.send(undefined, 'DetachRolePolicy', { RoleName: role, PolicyArn: emr })
    await r.send('list-attached-after-detach', 'ListAttachedRolePolicies', { RoleName: role })
    await r.send('detach-already-detached-error', 'DetachRolePolicy', {
      RoleName: role,
      PolicyArn: emr,
    })
    await r.send('detach-nonexistent-policy-error', 'DetachRolePolicy', {
      RoleName: role,
      PolicyArn: 'arn:aws:iam::aws:policy/Nonexistent',
    })
  })

  replay('TestRoleTags::test_role_with_tags', async (r) => {
    const role = name('role')
    await createRole(r, 'create-role-response', {
      RoleName: role,
      Path: '/role-with-tags/',
      Tags: [{ Key: 'test', Value: 'value' }],
    })
    await r.send('get-role-response', 'GetRole', { RoleName: role })
    await r.send('list-role-response', 'ListRoles', { PathPrefix: '/role-with-tags/' })
    const r2 = name('role')
    await createRole(r, 'create-role-empty-tag-value', {
      RoleName: r2,
      Tags: [{ Key: 'emptykey', Value: '' }],
    })
    await r.send('list-role-tags-empty-value', 'ListRoleTags', { RoleName: r2 })
  })

  replay('TestRoleTags::test_role_tag_operations', async (r) => {
    const role = name('role')
    await createRole(r, undefined, { RoleName: role })
    await r.send('get-role-no-tags', 'GetRole', { RoleName: role })
    const tag = (tags: { Key: string; Value: string }[]) =>
      r.send(undefined, 'TagRole', { RoleName: role, Tags: tags })
    const untag = (keys: string[]) =>
      r.send(undefined, 'UntagRole', { RoleName: role, TagKeys: keys })
    const list = (key: string) => r.send(key, 'ListRoleTags', { RoleName: role })
    await tag([
      { Key: 'somekey', Value: 'somevalue' },
      { Key: 'someotherkey', Value: 'someothervalue' },
    ])
    await r.send('get-role-with-tags', 'GetRole', { RoleName: role })
    await list('list-role-tags')
    await tag([{ Key: 'somekey', Value: 'updatedvalue' }])
    await list('list-role-tags-after-update')
    await tag([{ Key: 'somekey', Value: '' }])
    await list('list-role-tags-empty-value')
    await untag(['somekey'])
    await list('list-role-tags-after-untag')
    await untag(['someotherkey'])
    await list('list-role-tags-empty')
    await untag(['someotherkey'])
    await tag([{ Key: 'somekey', Value: 'somevalue' }])
    await list('list-role-tags-before-casing-update')
    await tag([{ Key: 'Somekey', Value: 'updatedvalue' }])
    await list('list-role-tags-after-casing-update')
  })

  replay('TestRoleTags::test_role_tag_errors', async (r) => {
    const missing = 'test-nonexistent-role'
    const one = [{ Key: 'somekey', Value: 'somevalue' }]
    await r.send('tag-nonexistent-role-error', 'TagRole', { RoleName: missing, Tags: one })
    await r.send('untag-nonexistent-role-error', 'UntagRole', {
      RoleName: missing,
      TagKeys: ['somekey'],
    })
    await r.send('list-tags-nonexistent-role-error', 'ListRoleTags', { RoleName: missing })
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: String(i), Value: String(i) }))
    const role = name('role')
    await createRole(r, 'create-role-too-many-tags', { RoleName: role, Tags: many })
    await createRole(r, 'create-role', { RoleName: role })
    await r.send('tag-role-too-many-tags', 'TagRole', { RoleName: missing, Tags: many })
    const bad: [string, { Key: string; Value: string }[]][] = [
      [
        'duplicate-tags',
        [
          { Key: 'dupkey', Value: 'val1' },
          { Key: 'dupkey', Value: 'val2' },
        ],
      ],
      [
        'duplicate-tags-different-case',
        [
          { Key: 'mykey', Value: 'val1' },
          { Key: 'MyKey', Value: 'val2' },
        ],
      ],
      ['tag-key-too-long', [{ Key: 'k'.repeat(129), Value: 'v' }]],
      ['tag-value-too-long', [{ Key: 'k', Value: 'v'.repeat(257) }]],
      ['tag-invalid-char', [{ Key: 'invalid!key', Value: 'v' }]],
    ]
    for (const [what, tags] of bad) {
      await createRole(r, `create-role-${what}`, { RoleName: name('role'), Tags: tags })
    }
    for (const [what, tags] of bad) {
      await r.send(`tag-role-${what}`, 'TagRole', { RoleName: role, Tags: tags })
    }
    const untag = (key: string, keys: string[]) =>
      r.send(key, 'UntagRole', { RoleName: role, TagKeys: keys })
    await untag(
      'untag-role-too-many-keys',
      many.map((t) => t.Key),
    )
    await untag('untag-role-key-too-long', ['k'.repeat(129)])
    await untag('untag-role-invalid-char', ['invalid!key'])
  })

  replay('TestRolePagination::test_list_roles_pagination', async (r) => {
    const uid = name('uid')
    const path = `/test-pagination-${uid}/`
    for (let i = 0; i < 5; i++) {
      await createRole(r, `create-role-${i}`, {
        RoleName: `role-0${i}-${uid}`,
        Path: path,
        ...(i % 2 === 0 && { Description: `Role ${i}` }),
      })
    }
    await r.send('list-roles-with-path', 'ListRoles', { PathPrefix: path })
    const page = await r.send('list-roles-max-items', 'ListRoles', {
      PathPrefix: path,
      MaxItems: 2,
    })
    await r.send('list-roles-with-marker', 'ListRoles', { PathPrefix: path, Marker: page.Marker })
    await r.send('list-roles-empty', 'ListRoles', { PathPrefix: '/nonexistent-path/' })
  })
})

/** The role case of `test_iam_policies`: ListEntitiesForPolicy with a user, a group and a role. */
describe('test_iam_policies (roles), replayed', () => {
  it('TestListEntitiesForPolicy::test_list_entities_for_policy', async () => {
    const r = new Replay(
      'test_iam_policies',
      'TestListEntitiesForPolicy::test_list_entities_for_policy',
    )
    const sample = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Statement1', Effect: 'Allow', Action: ['iam:ListUsers'], Resource: '*' }],
    })
    const policy = await r.send('create-policy', 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: sample,
    })
    const arn = policy.Policy.Arn
    await r.send('empty-entities', 'ListEntitiesForPolicy', { PolicyArn: arn })
    const [user, group, role] = [name('user'), name('group'), name('role')]
    await r.send('create-user', 'CreateUser', { UserName: user })
    await r.send('create-group', 'CreateGroup', { GroupName: group })
    await createRole(r, 'create-role', { RoleName: role })
    await r.send(undefined, 'AttachUserPolicy', { UserName: user, PolicyArn: arn })
    await r.send(undefined, 'AttachGroupPolicy', { GroupName: group, PolicyArn: arn })
    await r.send(undefined, 'AttachRolePolicy', { RoleName: role, PolicyArn: arn })
    for (const [key, filter] of [
      ['filter-role', 'Role'],
      ['filter-user', 'User'],
      ['filter-group', 'Group'],
      ['filter-local-managed-policy', 'LocalManagedPolicy'],
    ]) {
      await r.send(key, 'ListEntitiesForPolicy', { PolicyArn: arn, EntityFilter: filter })
    }
    await r.send('no-filter', 'ListEntitiesForPolicy', { PolicyArn: arn })
    expect(r.problems()).toEqual([])
  })
})
