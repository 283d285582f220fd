import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { recordedFixture, Replay } from './harness.js'

/**
 * `test_iam_account_password_policy`, and the login-profile tests of `test_iam_users`
 * (TestUserLoginProfile, TestUserRename::test_user_rename_updates_login_profile).
 */

useIam({ fixtures: recordedFixture })

let counter = 0
const userName = () => `user-${(++counter).toString(36).padStart(8, '0')}`

function replay(file: string, testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay(file, testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

const POLICY = 'test_iam_account_password_policy'

describe('test_iam_account_password_policy, replayed', () => {
  replay(
    POLICY,
    'TestAccountPasswordPolicy::test_update_account_password_policy_defaults',
    async (r) => {
      await r.send('update', 'UpdateAccountPasswordPolicy', {})
      await r.send('password-policy-defaults', 'GetAccountPasswordPolicy')
    },
  )

  replay(
    POLICY,
    'TestAccountPasswordPolicy::test_update_account_password_policy_custom_values',
    async (r) => {
      await r.send(undefined, 'UpdateAccountPasswordPolicy', {
        AllowUsersToChangePassword: true,
        HardExpiry: true,
        MaxPasswordAge: 60,
        MinimumPasswordLength: 10,
        PasswordReusePrevention: 3,
        RequireLowercaseCharacters: true,
        RequireNumbers: true,
        RequireSymbols: true,
        RequireUppercaseCharacters: true,
      })
      await r.send('password-policy-custom', 'GetAccountPasswordPolicy')
    },
  )

  replay(
    POLICY,
    'TestAccountPasswordPolicy::test_update_account_password_policy_validation_errors',
    (r) =>
      r.send('validation-errors', 'UpdateAccountPasswordPolicy', {
        MaxPasswordAge: 1096,
        MinimumPasswordLength: 129,
        PasswordReusePrevention: 25,
      }),
  )

  replay(
    POLICY,
    'TestAccountPasswordPolicy::test_get_account_password_policy_not_found',
    async (r) => {
      await r.send(undefined, 'DeleteAccountPasswordPolicy').catch(() => undefined)
      await r.send('policy-not-found', 'GetAccountPasswordPolicy')
    },
  )

  replay(POLICY, 'TestAccountPasswordPolicy::test_delete_account_password_policy', async (r) => {
    await r.send(undefined, 'UpdateAccountPasswordPolicy', {})
    await r.send(undefined, 'GetAccountPasswordPolicy')
    await r.send('delete-response', 'DeleteAccountPasswordPolicy')
    await r.send('policy-deleted-not-found', 'GetAccountPasswordPolicy')
  })

  replay(
    POLICY,
    'TestAccountPasswordPolicy::test_delete_account_password_policy_not_found',
    async (r) => {
      await r.send(undefined, 'DeleteAccountPasswordPolicy').catch(() => undefined)
      await r.send('delete-not-found', 'DeleteAccountPasswordPolicy')
    },
  )
})

const USERS = 'test_iam_users'

describe('test_iam_users login profiles, replayed', () => {
  replay(USERS, 'TestUserLoginProfile::test_login_profile_lifecycle', async (r) => {
    const UserName = userName()
    await r.send(undefined, 'CreateUser', { UserName })
    await r.send('create-login-profile', 'CreateLoginProfile', {
      UserName,
      Password: 'TestPassword123!',
      PasswordResetRequired: false,
    })
    await r.send('get-login-profile', 'GetLoginProfile', { UserName })
    await r.send(undefined, 'UpdateLoginProfile', {
      UserName,
      Password: 'NewPassword456!',
      PasswordResetRequired: true,
    })
    await r.send('get-updated-login-profile', 'GetLoginProfile', { UserName })
    await r.send('delete-login-profile', 'DeleteLoginProfile', { UserName })
    await r.send('get-deleted-login-profile-error', 'GetLoginProfile', { UserName })
  })

  replay(USERS, 'TestUserLoginProfile::test_login_profile_errors', async (r) => {
    const UserName = userName()
    await r.send('create-user', 'CreateUser', { UserName })
    await r.send('create-login-profile-unknown-user-error', 'CreateLoginProfile', {
      UserName: 'nonexistent-user',
      Password: 'TestPassword123!',
    })
    await r.send(undefined, 'CreateLoginProfile', { UserName, Password: 'TestPassword123!' })
    await r.send('create-duplicate-login-profile-error', 'CreateLoginProfile', {
      UserName,
      Password: 'AnotherPassword123!',
    })
    await r.send(undefined, 'DeleteLoginProfile', { UserName })
    await r.send('delete-nonexistent-login-profile-error', 'DeleteLoginProfile', { UserName })
    await r.send('delete-login-profile-unknown-user-error', 'DeleteLoginProfile', {
      UserName: 'nonexistent-user',
    })
  })

  replay(USERS, 'TestUserRename::test_user_rename_updates_login_profile', async (r) => {
    const [u1, u2] = [userName(), userName()]
    await r.send('create-user', 'CreateUser', { UserName: u1 })
    await r.send(undefined, 'CreateLoginProfile', { UserName: u1, Password: 'TestPassword123!' })
    await r.send('get-login-profile-before-rename', 'GetLoginProfile', { UserName: u1 })
    await r.send(undefined, 'UpdateUser', { UserName: u1, NewUserName: u2 })
    await r.send('get-user-after-update', 'GetUser', { UserName: u2 })
    await r.send('get-login-profile-after-rename', 'GetLoginProfile', { UserName: u2 })
  })
})
