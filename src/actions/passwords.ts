import type { LoginProfile, PasswordPolicy } from '@aws-sdk/client-iam'
import { callerUser } from '../auth/caller.js'
import { IamError } from '../errors.js'
import { passwordErrors, type LoginProfileRecord } from '../store/passwords.js'
import type { UserRecord } from '../store/users.js'
import { targetOwner, type ActionContext } from './context.js'
import type { ActionNotes, IamActions } from './types.js'

function toLoginProfile(user: UserRecord, profile: LoginProfileRecord): LoginProfile {
  return {
    UserName: user.UserName,
    CreateDate: profile.CreateDate,
    PasswordResetRequired: profile.PasswordResetRequired,
  }
}

/**
 * The IAM user a login-profile call names, or (UserName left out) the calling user.
 *
 * @note inferred: the model lets UserName be left out (AWS uses that for a member account's root
 * under centralized root access); the mock takes the caller's user, and tells the root that it
 * has no login profile the mock manages.
 */
function profileUser(ctx: ActionContext, userName: string | undefined): UserRecord {
  const owner = targetOwner(ctx, userName)
  if (owner.kind === 'root') throw passwordErrors.noSuchLoginProfile('root')
  return owner.user
}

export const passwordActions = {
  CreateLoginProfile(ctx, input) {
    const user = profileUser(ctx, input.UserName)
    const profile = ctx.store.passwords.create(user, {
      // @note inferred: no password is an empty one, which every policy refuses.
      Password: input.Password ?? '',
      PasswordResetRequired: input.PasswordResetRequired ?? false,
      CreateDate: ctx.now,
    })
    return { LoginProfile: toLoginProfile(user, profile) }
  },

  GetLoginProfile(ctx, input) {
    const user = profileUser(ctx, input.UserName)
    return { LoginProfile: toLoginProfile(user, ctx.store.passwords.get(user)) }
  },

  UpdateLoginProfile(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    let profile = ctx.store.passwords.get(user)
    if (input.Password !== undefined) {
      profile = ctx.store.passwords.setPassword(profile, input.Password, ctx.now)
    }
    if (input.PasswordResetRequired !== undefined) {
      ctx.store.passwords.setResetRequired(profile, input.PasswordResetRequired)
    }
  },

  DeleteLoginProfile(ctx, input) {
    const user = profileUser(ctx, input.UserName)
    ctx.store.passwords.delete(ctx.store.passwords.get(user).UserId)
  },

  /**
   * @note inferred: AWS's answers for a wrong old password, the root user and a hard-expired
   * password are not recorded; the mock refuses them with the model's errors closest in meaning.
   */
  ChangePassword(ctx, input) {
    if (ctx.caller.kind === 'role') throw IamError.nonUserCredentials()
    const user = callerUser(ctx.store, ctx.caller)
    if (!user) {
      throw new IamError(
        'InvalidUserType',
        'The root user cannot change its password through the IAM API.',
        400,
      )
    }
    const profile = ctx.store.passwords.get(user)
    if (profile.Password !== input.OldPassword) {
      throw new IamError('AccessDenied', 'The old password is incorrect.', 403)
    }
    const expires = ctx.store.passwords.expiresAt(profile)
    if (ctx.store.passwords.policy?.HardExpiry && expires && expires <= ctx.now) {
      throw new IamError(
        'EntityTemporarilyUnmodifiable',
        'The password has expired and can only be reset by an administrator.',
        409,
      )
    }
    const changed = ctx.store.passwords.setPassword(profile, input.NewPassword, ctx.now)
    // Changing one's own password is what a required reset asks for.
    if (changed.PasswordResetRequired) ctx.store.passwords.setResetRequired(changed, false)
  },

  UpdateAccountPasswordPolicy(ctx, input) {
    ctx.store.passwords.setPolicy({
      MinimumPasswordLength: input.MinimumPasswordLength ?? 6,
      RequireSymbols: input.RequireSymbols ?? false,
      RequireNumbers: input.RequireNumbers ?? false,
      RequireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
      RequireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
      AllowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
      ...(input.MaxPasswordAge !== undefined && { MaxPasswordAge: input.MaxPasswordAge }),
      ...(input.PasswordReusePrevention !== undefined && {
        PasswordReusePrevention: input.PasswordReusePrevention,
      }),
      ...(input.HardExpiry !== undefined && { HardExpiry: input.HardExpiry }),
    })
  },

  GetAccountPasswordPolicy(ctx) {
    const policy = ctx.store.passwords.policy
    if (!policy) throw passwordErrors.noPolicy(ctx.store.accountId)
    const out: PasswordPolicy = {
      MinimumPasswordLength: policy.MinimumPasswordLength,
      RequireSymbols: policy.RequireSymbols,
      RequireNumbers: policy.RequireNumbers,
      RequireUppercaseCharacters: policy.RequireUppercaseCharacters,
      RequireLowercaseCharacters: policy.RequireLowercaseCharacters,
      AllowUsersToChangePassword: policy.AllowUsersToChangePassword,
      // Recorded: true exactly when MaxPasswordAge is set.
      ExpirePasswords: policy.MaxPasswordAge !== undefined,
      ...(policy.MaxPasswordAge !== undefined && { MaxPasswordAge: policy.MaxPasswordAge }),
      ...(policy.PasswordReusePrevention !== undefined && {
        PasswordReusePrevention: policy.PasswordReusePrevention,
      }),
      ...(policy.HardExpiry !== undefined && { HardExpiry: policy.HardExpiry }),
    }
    return { PasswordPolicy: out }
  },

  DeleteAccountPasswordPolicy(ctx) {
    ctx.store.passwords.deletePolicy()
  },
} satisfies IamActions

export const passwordNotes: ActionNotes<typeof passwordActions> = {
  CreateLoginProfile:
    'the password checked against the account policy (or AWS’s default one); never returned',
  GetLoginProfile: '`CreateDate`, `PasswordResetRequired`; follows the user through a rename',
  UpdateLoginProfile:
    'new password (policy and reuse prevention checked) and/or `PasswordResetRequired`',
  DeleteLoginProfile: '`NoSuchEntity` with AWS’s two sentences (unknown user, no profile)',
  ChangePassword:
    'the calling IAM user’s own; checks the old password, the policy and reuse; clears `PasswordResetRequired`',
  UpdateAccountPasswordPolicy:
    'replaces the policy; members left out take AWS’s defaults (length 6, every flag false)',
  GetAccountPasswordPolicy:
    '`ExpirePasswords` derived from `MaxPasswordAge`; `NoSuchEntity` when none',
  DeleteAccountPasswordPolicy: '`NoSuchEntity` in AWS’s own words when none is set',
}
