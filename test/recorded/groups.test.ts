import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { recordedFixture, Replay } from './harness.js'

/** `test_iam_groups`: groups, their members, inline policies and attached policies. */

useIam({ fixtures: recordedFixture })

let counter = 0
const name = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(8, '0')}`

/** The recordings' inline and managed document (`BUCKET-R[]` in INDEX.md). */
const BUCKET = JSON.stringify({
  Version: '2012-10-17',
  Statement: {
    Action: 's3:ListBucket',
    Effect: 'Allow',
    Resource: ['arn:aws:s3:::example_bucket'],
  },
})

/** Runs one recorded test id: `steps` make its calls; the answers must match the recording. */
function replay(testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay('test_iam_groups', testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

describe('test_iam_groups, replayed', () => {
  replay('TestIAMGroupsCRUD::test_create_group', async (r) => {
    const group = name('group')
    await r.send('create-group', 'CreateGroup', { GroupName: group })
    await r.send('create-group-duplicate', 'CreateGroup', { GroupName: group })
  })

  replay('TestIAMGroupsCRUD::test_get_group', async (r) => {
    const group = name('group')
    const created = await r.send(undefined, 'CreateGroup', { GroupName: group })
    r.keep('created-group', created.Group)
    const got = await r.send(undefined, 'GetGroup', { GroupName: group })
    r.keep('get-group', got.Group)
    await r.send('get-group-not-found', 'GetGroup', { GroupName: 'non-existent-group' })
  })

  replay('TestIAMGroupsCRUD::test_get_group_with_path', async (r) => {
    const group = name('group')
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send('get-group-default-path', 'GetGroup', { GroupName: group })
    await r.send('create-group-with-path', 'CreateGroup', {
      GroupName: name('group'),
      Path: '/some/location/',
    })
  })

  replay('TestIAMGroupsCRUD::test_list_groups', async (r) => {
    const groups = [name('group'), name('group')]
    for (const group of groups) await r.send(undefined, 'CreateGroup', { GroupName: group })
    const list = await r.send(undefined, 'ListGroups')
    r.keep(
      'list-groups',
      list.Groups.filter((g: { GroupName: string }) => groups.includes(g.GroupName)),
    )
  })

  replay('TestIAMGroupsCRUD::test_delete_group', async (r) => {
    const group = name('group')
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send('delete-response', 'DeleteGroup', { GroupName: group })
  })

  replay('TestIAMGroupsCRUD::test_delete_unknown_group', async (r) => {
    await r.send('delete-unknown-group', 'DeleteGroup', { GroupName: 'unknown-group' })
  })

  replay('TestIAMGroupsCRUD::test_update_group_name', async (r) => {
    const [g1, g2] = [name('group'), name('group')]
    await r.send(undefined, 'CreateGroup', { GroupName: g1 })
    r.keep('original_group', (await r.send(undefined, 'GetGroup', { GroupName: g1 })).Group)
    await r.send(undefined, 'UpdateGroup', { GroupName: g1, NewGroupName: g2 })
    await r.send('old-group-not-found', 'GetGroup', { GroupName: g1 })
    r.keep('updated-group', (await r.send(undefined, 'GetGroup', { GroupName: g2 })).Group)
  })

  replay('TestIAMGroupsCRUD::test_update_group_path', async (r) => {
    const [g1, g2] = [name('group'), name('group')]
    await r.send(undefined, 'CreateGroup', { GroupName: g1, Path: '/path/' })
    await r.send(undefined, 'UpdateGroup', {
      GroupName: g1,
      NewGroupName: g2,
      NewPath: '/new-path/',
    })
    const got = await r.send(undefined, 'GetGroup', { GroupName: g2 })
    r.keep('updated-group-with-new-path', got.Group)
  })

  replay('TestIAMGroupsCRUD::test_update_group_not_found', async (r) => {
    await r.send('update-nonexistent-group', 'UpdateGroup', {
      GroupName: 'nonexisting',
      NewGroupName: 'new-name',
    })
  })

  replay('TestIAMGroupsCRUD::test_update_group_duplicate_name', async (r) => {
    const [g1, g2] = [name('group'), name('group')]
    await r.send(undefined, 'CreateGroup', { GroupName: g1 })
    await r.send(undefined, 'CreateGroup', { GroupName: g2 })
    await r.send('update-duplicate-name', 'UpdateGroup', { GroupName: g1, NewGroupName: g2 })
  })

  replay('TestIAMGroupsMembership::test_add_user_to_group', async (r) => {
    const [group, user] = [name('group'), name('user')]
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send(undefined, 'CreateUser', { UserName: user })
    await r.send(undefined, 'AddUserToGroup', { GroupName: group, UserName: user })
    await r.send('group-with-user', 'GetGroup', { GroupName: group })
  })

  replay('TestIAMGroupsMembership::test_add_unknown_user_to_group', async (r) => {
    const group = name('group')
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send('add-unknown-user', 'AddUserToGroup', {
      GroupName: group,
      UserName: 'non-existent-user',
    })
  })

  replay('TestIAMGroupsMembership::test_add_user_to_unknown_group', async (r) => {
    const user = name('user')
    await r.send(undefined, 'CreateUser', { UserName: user })
    await r.send('add-user-unknown-group', 'AddUserToGroup', {
      GroupName: 'non-existent-group',
      UserName: user,
    })
  })

  replay('TestIAMGroupsMembership::test_remove_user_from_group', async (r) => {
    const [group, user] = [name('group'), name('user')]
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send(undefined, 'CreateUser', { UserName: user })
    await r.send(undefined, 'AddUserToGroup', { GroupName: group, UserName: user })
    await r.send('group-before-remove', 'GetGroup', { GroupName: group })
    await r.send(undefined, 'RemoveUserFromGroup', { GroupName: group, UserName: user })
    await r.send('group-after-remove', 'GetGroup', { GroupName: group })
  })

  replay('TestIAMGroupsMembership::test_remove_user_from_unknown_group', async (r) => {
    await r.send('remove-from-unknown-group', 'RemoveUserFromGroup', {
      GroupName: 'non-existent-group',
      UserName: 'any-user',
    })
  })

  replay('TestIAMGroupsMembership::test_add_user_to_group_idempotent', async (r) => {
    const [group, user] = [name('group'), name('user')]
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send(undefined, 'CreateUser', { UserName: user })
    await r.send(undefined, 'AddUserToGroup', { GroupName: group, UserName: user })
    await r.send(undefined, 'AddUserToGroup', { GroupName: group, UserName: user })
    const before = await r.send(undefined, 'ListGroupsForUser', { UserName: user })
    r.keep('groups-before-remove', before.Groups)
    await r.send(undefined, 'RemoveUserFromGroup', { GroupName: group, UserName: user })
    const after = await r.send(undefined, 'ListGroupsForUser', { UserName: user })
    r.keep('groups-after-remove', after.Groups)
  })

  replay('TestIAMGroupsMembership::test_list_groups_for_user', async (r) => {
    const groups = [name('group'), name('group'), name('group')]
    const user = name('user')
    for (const group of groups) await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send(undefined, 'CreateUser', { UserName: user })
    for (const group of groups.slice(0, 2))
      await r.send(undefined, 'AddUserToGroup', { GroupName: group, UserName: user })
    const list = await r.send(undefined, 'ListGroupsForUser', { UserName: user })
    r.keep('list-groups-for-user', list.Groups)
  })

  replay('TestIAMGroupsMembership::test_user_rename_preserves_group_membership', async (r) => {
    const [group, u1, u2] = [name('group'), name('user'), name('user')]
    await r.send('create-group', 'CreateGroup', { GroupName: group })
    await r.send('create-user', 'CreateUser', { UserName: u1 })
    await r.send(undefined, 'AddUserToGroup', { GroupName: group, UserName: u1 })
    await r.send('group-before-rename', 'GetGroup', { GroupName: group })
    await r.send(undefined, 'UpdateUser', { UserName: u1, NewUserName: u2 })
    await r.send('group-after-rename', 'GetGroup', { GroupName: group })
    await r.send('groups-for-new-user', 'ListGroupsForUser', { UserName: u2 })
    await r.send('old-user-not-found', 'ListGroupsForUser', { UserName: u1 })
  })

  replay('TestIAMGroupsPolicies::test_put_group_policy', async (r) => {
    const group = name('group')
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send('put-group-policy', 'PutGroupPolicy', {
      GroupName: group,
      PolicyName: name('policy'),
      PolicyDocument: BUCKET,
    })
  })

  replay('TestIAMGroupsPolicies::test_get_group_policy', async (r) => {
    const [group, policy] = [name('group'), name('policy')]
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send('get-nonexistent-policy', 'GetGroupPolicy', {
      GroupName: group,
      PolicyName: policy,
    })
    await r.send(undefined, 'PutGroupPolicy', {
      GroupName: group,
      PolicyName: policy,
      PolicyDocument: BUCKET,
    })
    await r.send('get-group-policy', 'GetGroupPolicy', { GroupName: group, PolicyName: policy })
  })

  replay('TestIAMGroupsPolicies::test_list_group_policies', async (r) => {
    const group = name('group')
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send('list-empty-policies', 'ListGroupPolicies', { GroupName: group })
    await r.send(undefined, 'PutGroupPolicy', {
      GroupName: group,
      PolicyName: name('policy'),
      PolicyDocument: BUCKET,
    })
    await r.send('list-policies-with-one', 'ListGroupPolicies', { GroupName: group })
  })

  replay('TestIAMGroupsPolicies::test_attach_detach_group_policy', async (r) => {
    const group = name('group')
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    const created = await r.send(undefined, 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: BUCKET,
    })
    const PolicyArn = created.Policy.Arn
    await r.send('no-attached-policies', 'ListAttachedGroupPolicies', { GroupName: group })
    await r.send(undefined, 'AttachGroupPolicy', { GroupName: group, PolicyArn })
    await r.send('one-attached-policy', 'ListAttachedGroupPolicies', { GroupName: group })
    await r.send(undefined, 'DetachGroupPolicy', { GroupName: group, PolicyArn })
    await r.send('after-detach', 'ListAttachedGroupPolicies', { GroupName: group })
  })

  replay('TestIAMGroupsPolicies::test_detach_unattached_group_policy', async (r) => {
    const group = name('group')
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    const created = await r.send(undefined, 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: BUCKET,
    })
    await r.send('detach-unattached-error', 'DetachGroupPolicy', {
      GroupName: group,
      PolicyArn: created.Policy.Arn,
    })
  })

  replay('TestIAMGroupsPolicies::test_attach_detach_aws_managed_policy_group', async (r) => {
    const group = name('group')
    const PolicyArn = 'arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceforEC2Role'
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send('list-attached-empty', 'ListAttachedGroupPolicies', { GroupName: group })
    await r.send(undefined, 'AttachGroupPolicy', { GroupName: group, PolicyArn })
    await r.send('list-attached-after-attach', 'ListAttachedGroupPolicies', { GroupName: group })
    await r.send(undefined, 'DetachGroupPolicy', { GroupName: group, PolicyArn })
    await r.send('list-attached-after-detach', 'ListAttachedGroupPolicies', { GroupName: group })
  })
})
