import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { recordedFixture, Replay } from './harness.js'

/** `test_iam_users`: users, their access keys, inline policies and tags, renames. */

const ROLE = {
  accessKeyId: 'ASIAREPLAYREPLAYREPL',
  secretAccessKey: 'role-session-secret',
  sessionToken: 'role-session-token',
}

useIam({
  fixtures: {
    ...recordedFixture,
    // The recordings' own credentials were not an IAM user's: a role session stands for them.
    RoleSessions: [
      {
        AccessKeyId: ROLE.accessKeyId,
        SecretAccessKey: ROLE.secretAccessKey,
        SessionToken: ROLE.sessionToken,
        RoleArn: 'arn:aws:iam::111111111111:role/replay',
        RoleSessionName: 'replay',
      },
    ],
  },
})

const LISTUSERS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }],
})

const BUCKET = JSON.stringify({
  Version: '2012-10-17',
  Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::example_bucket' },
})

let counter = 0
const name = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(8, '0')}`

function replay(testId: string) {
  return new Replay('test_iam_users', testId)
}

describe('test_iam_users, replayed', () => {
  for (const path of [undefined, '/', '/test-lifecycle-path/']) {
    it(`TestUserLifecycle::test_user_lifecycle[${path ?? 'None'}]`, async () => {
      const r = replay(`TestUserLifecycle::test_user_lifecycle[${path ?? 'None'}]`)
      const user = name('user')
      await r.call(
        'create-user',
        'CreateUser',
        r.iam.send(new CreateUserCommand({ UserName: user, ...(path && { Path: path }) })),
      )
      await r.call('get-user', 'GetUser', r.iam.send(new GetUserCommand({ UserName: user })))
      const list = await r.call(undefined, 'ListUsers', r.iam.send(new ListUsersCommand({})))
      r.keep('list-users', {
        IsTruncated: list.IsTruncated,
        Users: list.Users!.filter((u) => u.UserName === user),
        ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: 200 },
      })
      if (path === '/test-lifecycle-path/') {
        await r.call(
          'list-filtered-users',
          'ListUsers',
          r.iam.send(new ListUsersCommand({ PathPrefix: path })),
        )
        await r.call(
          'list-filtered-users-partial-path',
          'ListUsers',
          r.iam.send(new ListUsersCommand({ PathPrefix: '/test-life' })),
        )
      }
      await r.call(
        'delete-user',
        'DeleteUser',
        r.iam.send(new DeleteUserCommand({ UserName: user })),
      )
      await r.call(
        'get-deleted-user-error',
        'GetUser',
        r.iam.send(new GetUserCommand({ UserName: user })),
      )
      expect(r.problems()).toEqual([])
    })
  }

  it('TestUserLifecycle::test_user_update', async () => {
    const r = replay('TestUserLifecycle::test_user_update')
    const [u1, u2] = [name('user'), name('user')]
    await r.call('create-user', 'CreateUser', r.iam.send(new CreateUserCommand({ UserName: u1 })))
    await r.call(
      'update-user',
      'UpdateUser',
      r.iam.send(
        new UpdateUserCommand({ UserName: u1, NewUserName: u2, NewPath: `/new-path-${u2}/` }),
      ),
    )
    await r.call('get-updated-user', 'GetUser', r.iam.send(new GetUserCommand({ UserName: u2 })))
    await r.call('get-old-user-error', 'GetUser', r.iam.send(new GetUserCommand({ UserName: u1 })))
    expect(r.problems()).toEqual([])
  })

  it('TestUserLifecycle::test_user_errors', async () => {
    const r = replay('TestUserLifecycle::test_user_errors')
    const user = name('user')
    await r.call('create-user', 'CreateUser', r.iam.send(new CreateUserCommand({ UserName: user })))
    await r.call(
      'create-duplicate-user-error',
      'CreateUser',
      r.iam.send(new CreateUserCommand({ UserName: user })),
    )
    await r.call(
      'get-nonexistent-user-error',
      'GetUser',
      r.iam.send(new GetUserCommand({ UserName: 'nonexistent-user' })),
    )
    await r.call(
      'update-nonexistent-user-error',
      'UpdateUser',
      r.iam.send(new UpdateUserCommand({ UserName: 'nonexistent-user', NewUserName: 'new-name' })),
    )
    await r.call(
      'delete-nonexistent-user-error',
      'DeleteUser',
      r.iam.send(new DeleteUserCommand({ UserName: 'nonexistent-user' })),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserLifecycle::test_delete_user_with_attached_policy', async () => {
    const r = replay('TestUserLifecycle::test_delete_user_with_attached_policy')
    const user = name('user')
    await r.send('create-user', 'CreateUser', { UserName: user })
    const policy = await r.send(undefined, 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: BUCKET,
    })
    const PolicyArn = policy.Policy.Arn
    await r.send(undefined, 'AttachUserPolicy', { UserName: user, PolicyArn })
    await r.send('delete-user-with-attached-policy-error', 'DeleteUser', { UserName: user })
    await r.send(undefined, 'DetachUserPolicy', { UserName: user, PolicyArn })
    await r.send('delete-user-after-detach', 'DeleteUser', { UserName: user })
    await r.send('get-deleted-user-error', 'GetUser', { UserName: user })
    expect(r.problems()).toEqual([])
  })

  it('TestUserLifecycle::test_delete_user_with_inline_policy', async () => {
    const r = replay('TestUserLifecycle::test_delete_user_with_inline_policy')
    const user = name('user')
    await r.call('create-user', 'CreateUser', r.iam.send(new CreateUserCommand({ UserName: user })))
    await r.iam.send(
      new PutUserPolicyCommand({ UserName: user, PolicyName: 'p', PolicyDocument: LISTUSERS }),
    )
    await r.call(
      'delete-user-with-inline-policy-error',
      'DeleteUser',
      r.iam.send(new DeleteUserCommand({ UserName: user })),
    )
    await r.iam.send(new DeleteUserPolicyCommand({ UserName: user, PolicyName: 'p' }))
    await r.call(
      'delete-user-after-policy-delete',
      'DeleteUser',
      r.iam.send(new DeleteUserCommand({ UserName: user })),
    )
    await r.call(
      'get-deleted-user-error',
      'GetUser',
      r.iam.send(new GetUserCommand({ UserName: user })),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserAccessKeys::test_access_key_lifecycle', async () => {
    const r = replay('TestUserAccessKeys::test_access_key_lifecycle')
    const user = name('user')
    await r.iam.send(new CreateUserCommand({ UserName: user }))
    await r.call(
      'list-access-keys-empty',
      'ListAccessKeys',
      r.iam.send(new ListAccessKeysCommand({ UserName: user })),
    )
    const { AccessKey } = await r.call(
      'create-access-key',
      'CreateAccessKey',
      r.iam.send(new CreateAccessKeyCommand({ UserName: user })),
    )
    expect(AccessKey!.AccessKeyId).toHaveLength(20)
    expect(AccessKey!.SecretAccessKey).toHaveLength(40)
    await r.call(
      'list-access-keys',
      'ListAccessKeys',
      r.iam.send(new ListAccessKeysCommand({ UserName: user })),
    )
    await r.call(
      'delete-access-key',
      'DeleteAccessKey',
      r.iam.send(
        new DeleteAccessKeyCommand({ UserName: user, AccessKeyId: AccessKey!.AccessKeyId }),
      ),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserAccessKeys::test_access_key_update_status', async () => {
    const r = replay('TestUserAccessKeys::test_access_key_update_status')
    const user = name('user')
    await r.iam.send(new CreateUserCommand({ UserName: user }))
    const { AccessKey } = await r.iam.send(new CreateAccessKeyCommand({ UserName: user }))
    const id = AccessKey!.AccessKeyId!
    await r.iam.send(
      new UpdateAccessKeyCommand({ UserName: user, AccessKeyId: id, Status: 'Inactive' }),
    )
    await r.call(
      'list-access-keys-inactive',
      'ListAccessKeys',
      r.iam.send(new ListAccessKeysCommand({ UserName: user })),
    )
    await r.iam.send(
      new UpdateAccessKeyCommand({ UserName: user, AccessKeyId: id, Status: 'Active' }),
    )
    await r.call(
      'list-access-keys-active',
      'ListAccessKeys',
      r.iam.send(new ListAccessKeysCommand({ UserName: user })),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserAccessKeys::test_access_key_limit', async () => {
    const r = replay('TestUserAccessKeys::test_access_key_limit')
    const user = name('user')
    await r.iam.send(new CreateUserCommand({ UserName: user }))
    await r.iam.send(new CreateAccessKeyCommand({ UserName: user }))
    await r.iam.send(new CreateAccessKeyCommand({ UserName: user }))
    await r.call(
      'create-third-access-key-error',
      'CreateAccessKey',
      r.iam.send(new CreateAccessKeyCommand({ UserName: user })),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserAccessKeys::test_access_key_last_used', async () => {
    const r = replay('TestUserAccessKeys::test_access_key_last_used')
    const user = name('user')
    await r.iam.send(new CreateUserCommand({ UserName: user }))
    await r.iam.send(
      new PutUserPolicyCommand({ UserName: user, PolicyName: 'p', PolicyDocument: LISTUSERS }),
    )
    const { AccessKey } = await r.iam.send(new CreateAccessKeyCommand({ UserName: user }))
    const id = AccessKey!.AccessKeyId!
    await r.call(
      'get-access-key-last-used-unused',
      'GetAccessKeyLastUsed',
      r.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id })),
    )
    const asUser = new IAMClient({
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: id, secretAccessKey: AccessKey!.SecretAccessKey! },
    })
    await asUser.send(new ListUsersCommand({}))
    await r.call(
      'get-access-key-last-used-used',
      'GetAccessKeyLastUsed',
      r.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id })),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserAccessKeys::test_access_key_errors', async () => {
    const r = replay('TestUserAccessKeys::test_access_key_errors')
    const user = name('user')
    await r.iam.send(new CreateUserCommand({ UserName: user }))
    await r.call(
      'create-access-key-unknown-user-error',
      'CreateAccessKey',
      r.iam.send(new CreateAccessKeyCommand({ UserName: 'nonexistent-user' })),
    )
    await r.call(
      'update-nonexistent-access-key-error',
      'UpdateAccessKey',
      r.iam.send(
        new UpdateAccessKeyCommand({
          UserName: user,
          AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          Status: 'Inactive',
        }),
      ),
    )
    await r.call(
      'get-last-used-nonexistent-key-error',
      'GetAccessKeyLastUsed',
      r.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })),
    )
    const { AccessKey } = await r.iam.send(new CreateAccessKeyCommand({ UserName: user }))
    const asRole = new IAMClient({ region: 'us-east-1', maxAttempts: 1, credentials: ROLE })
    await r.call(
      'delete-access-key-without-username-error',
      'DeleteAccessKey',
      asRole.send(new DeleteAccessKeyCommand({ AccessKeyId: AccessKey!.AccessKeyId })),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserAccessKeys::test_access_key_deletion_without_username', async () => {
    const r = replay('TestUserAccessKeys::test_access_key_deletion_without_username')
    const user = name('user')
    await r.call('create-user', 'CreateUser', r.iam.send(new CreateUserCommand({ UserName: user })))
    const { AccessKey: target } = await r.iam.send(new CreateAccessKeyCommand({ UserName: user }))
    const { AccessKey: own } = await r.iam.send(new CreateAccessKeyCommand({ UserName: user }))
    const asUser = new IAMClient({
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: own!.AccessKeyId!, secretAccessKey: own!.SecretAccessKey! },
    })
    await r.call(
      'delete-access-key',
      'DeleteAccessKey',
      asUser.send(new DeleteAccessKeyCommand({ AccessKeyId: target!.AccessKeyId })),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserPolicies::test_user_inline_policy_lifecycle', async () => {
    const r = replay('TestUserPolicies::test_user_inline_policy_lifecycle')
    const [user, policy] = [name('user'), name('policy')]
    await r.iam.send(new CreateUserCommand({ UserName: user }))
    await r.call(
      'list-user-policies-empty',
      'ListUserPolicies',
      r.iam.send(new ListUserPoliciesCommand({ UserName: user })),
    )
    await r.call(
      'put-user-policy',
      'PutUserPolicy',
      r.iam.send(
        new PutUserPolicyCommand({ UserName: user, PolicyName: policy, PolicyDocument: LISTUSERS }),
      ),
    )
    await r.call(
      'get-user-policy',
      'GetUserPolicy',
      r.iam.send(new GetUserPolicyCommand({ UserName: user, PolicyName: policy })),
    )
    await r.call(
      'list-user-policies',
      'ListUserPolicies',
      r.iam.send(new ListUserPoliciesCommand({ UserName: user })),
    )
    await r.call(
      'delete-user-policy',
      'DeleteUserPolicy',
      r.iam.send(new DeleteUserPolicyCommand({ UserName: user, PolicyName: policy })),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserPolicies::test_user_managed_policy_lifecycle', async () => {
    const r = replay('TestUserPolicies::test_user_managed_policy_lifecycle')
    const user = name('user')
    await r.send(undefined, 'CreateUser', { UserName: user })
    const policy = await r.send(undefined, 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: BUCKET,
    })
    const PolicyArn = policy.Policy.Arn
    await r.send('list-attached-user-policies-empty', 'ListAttachedUserPolicies', {
      UserName: user,
    })
    await r.send('attach-user-policy', 'AttachUserPolicy', { UserName: user, PolicyArn })
    await r.send('list-attached-user-policies', 'ListAttachedUserPolicies', { UserName: user })
    await r.send('detach-user-policy', 'DetachUserPolicy', { UserName: user, PolicyArn })
    expect(r.problems()).toEqual([])
  })

  it('TestUserPolicies::test_user_managed_policy_errors', async () => {
    const r = replay('TestUserPolicies::test_user_managed_policy_errors')
    const user = name('user')
    await r.send('create-user', 'CreateUser', { UserName: user })
    const policy = await r.send('create-policy', 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: BUCKET,
    })
    await r.send('attach-nonexistent-policy-error', 'AttachUserPolicy', {
      UserName: user,
      PolicyArn: 'arn:aws:iam::111111111111:policy/nonexistent',
    })
    await r.send('detach-unattached-policy-error', 'DetachUserPolicy', {
      UserName: user,
      PolicyArn: policy.Policy.Arn,
    })
    expect(r.problems()).toEqual([])
  })

  it('TestUserTags::test_user_tag_lifecycle', async () => {
    const r = replay('TestUserTags::test_user_tag_lifecycle')
    const user = name('user')
    const Tags = [
      { Key: 'Environment', Value: 'Test' },
      { Key: 'Team', Value: 'Platform' },
    ]
    await r.call(
      'create-user-with-tags',
      'CreateUser',
      r.iam.send(new CreateUserCommand({ UserName: user, Tags })),
    )
    await r.call(
      'list-user-tags',
      'ListUserTags',
      r.iam.send(new ListUserTagsCommand({ UserName: user })),
    )
    await r.call(
      'get-user-with-tags',
      'GetUser',
      r.iam.send(new GetUserCommand({ UserName: user })),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserTags::test_user_tag_operations', async () => {
    const r = replay('TestUserTags::test_user_tag_operations')
    const user = name('user')
    await r.iam.send(new CreateUserCommand({ UserName: user }))
    await r.call(
      'list-user-tags-before-tag',
      'ListUserTags',
      r.iam.send(new ListUserTagsCommand({ UserName: user })),
    )
    const Tags = [
      { Key: 'key-1', Value: 'value-1' },
      { Key: 'key-2', Value: 'value-2' },
    ]
    await r.call('tag-user', 'TagUser', r.iam.send(new TagUserCommand({ UserName: user, Tags })))
    await r.call(
      'list-user-tags-after-tag',
      'ListUserTags',
      r.iam.send(new ListUserTagsCommand({ UserName: user })),
    )
    await r.call(
      'untag-user',
      'UntagUser',
      r.iam.send(new UntagUserCommand({ UserName: user, TagKeys: ['key-2'] })),
    )
    await r.call(
      'list-user-tags-after-untag',
      'ListUserTags',
      r.iam.send(new ListUserTagsCommand({ UserName: user })),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserTags::test_user_tag_errors', async () => {
    const r = replay('TestUserTags::test_user_tag_errors')
    const UserName = 'nonexistent-user'
    await r.call(
      'tag-nonexistent-user-error',
      'TagUser',
      r.iam.send(new TagUserCommand({ UserName, Tags: [{ Key: 'k', Value: 'v' }] })),
    )
    await r.call(
      'untag-nonexistent-user-error',
      'UntagUser',
      r.iam.send(new UntagUserCommand({ UserName, TagKeys: ['k'] })),
    )
    await r.call(
      'list-tags-nonexistent-user-error',
      'ListUserTags',
      r.iam.send(new ListUserTagsCommand({ UserName })),
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserGroups::test_user_group_membership', async () => {
    const r = replay('TestUserGroups::test_user_group_membership')
    const [user, g1, g2] = [name('user'), name('group'), name('group')]
    await r.send('create-user', 'CreateUser', { UserName: user })
    await r.send('create-group-1', 'CreateGroup', { GroupName: g1 })
    await r.send('create-group-2', 'CreateGroup', { GroupName: g2 })
    await r.send('list-groups-for-user-empty', 'ListGroupsForUser', { UserName: user })
    await r.send('add-user-to-group', 'AddUserToGroup', { GroupName: g1, UserName: user })
    await r.send(undefined, 'AddUserToGroup', { GroupName: g2, UserName: user })
    await r.send('list-groups-for-user', 'ListGroupsForUser', { UserName: user })
    await r.send(undefined, 'AddUserToGroup', { GroupName: g1, UserName: user })
    await r.send('get-group-with-user', 'GetGroup', { GroupName: g1 })
    await r.send('remove-user-from-group', 'RemoveUserFromGroup', { GroupName: g1, UserName: user })
    await r.send('remove-nonmember-user-from-group', 'RemoveUserFromGroup', {
      GroupName: g1,
      UserName: user,
    })
    expect(r.problems()).toEqual([])
  })

  it('TestUserGroups::test_user_group_errors', async () => {
    const r = replay('TestUserGroups::test_user_group_errors')
    const [user, group] = [name('user'), name('group')]
    await r.send(undefined, 'CreateUser', { UserName: user })
    await r.send(undefined, 'CreateGroup', { GroupName: group })
    await r.send('add-nonexistent-user-to-group-error', 'AddUserToGroup', {
      GroupName: group,
      UserName: 'nonexistent-user',
    })
    await r.send('add-user-to-nonexistent-group-error', 'AddUserToGroup', {
      GroupName: 'nonexistent-group',
      UserName: user,
    })
    await r.send('remove-user-from-nonexistent-group-error', 'RemoveUserFromGroup', {
      GroupName: 'nonexistent-group',
      UserName: user,
    })
    expect(r.problems()).toEqual([])
  })

  it('TestUserRename::test_user_rename_preserves_access_key_identity', async () => {
    const r = replay('TestUserRename::test_user_rename_preserves_access_key_identity')
    const [u1, u2] = [name('user'), name('user')]
    await r.call('create-user', 'CreateUser', r.iam.send(new CreateUserCommand({ UserName: u1 })))
    const { AccessKey } = await r.iam.send(new CreateAccessKeyCommand({ UserName: u1 }))
    const sts = new STSClient({
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: AccessKey!.AccessKeyId!,
        secretAccessKey: AccessKey!.SecretAccessKey!,
      },
    })
    await r.call(
      'identity-before-rename',
      'GetCallerIdentity',
      sts.send(new GetCallerIdentityCommand({})),
      true,
    )
    await r.iam.send(new UpdateUserCommand({ UserName: u1, NewUserName: u2 }))
    await r.call(
      'get-user-after-update',
      'GetUser',
      r.iam.send(new GetUserCommand({ UserName: u2 })),
    )
    await r.call(
      'identity-after-rename',
      'GetCallerIdentity',
      sts.send(new GetCallerIdentityCommand({})),
      true,
    )
    expect(r.problems()).toEqual([])
  })

  it('TestUserRename::test_user_rename_updates_access_key_metadata', async () => {
    const r = replay('TestUserRename::test_user_rename_updates_access_key_metadata')
    const [u1, u2] = [name('user'), name('user')]
    await r.call('create-user', 'CreateUser', r.iam.send(new CreateUserCommand({ UserName: u1 })))
    await r.iam.send(new CreateAccessKeyCommand({ UserName: u1 }))
    await r.call(
      'list-access-keys-before-rename',
      'ListAccessKeys',
      r.iam.send(new ListAccessKeysCommand({ UserName: u1 })),
    )
    await r.iam.send(new UpdateUserCommand({ UserName: u1, NewUserName: u2 }))
    await r.call(
      'get-user-after-update',
      'GetUser',
      r.iam.send(new GetUserCommand({ UserName: u2 })),
    )
    await r.call(
      'list-access-keys-after-rename',
      'ListAccessKeys',
      r.iam.send(new ListAccessKeysCommand({ UserName: u2 })),
    )
    expect(r.problems()).toEqual([])
  })

  // Login profiles and MFA devices: passwords.test.ts and mfa.test.ts; SSH keys, service
  // credentials and signing certificates: credential-renames.test.ts.
})
