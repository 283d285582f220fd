import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { custom, date, fail, nonEmpty, type Field } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'
import type { UserRecord } from './users.js'

/**
 * A user's console password (its login profile). The password is a secret: it leaves the store
 * only through `passwordOf`, which a test calls on purpose, and is never in a response.
 */
export interface LoginProfileRecord {
  readonly UserId: string
  readonly CreateDate: Date
  readonly PasswordResetRequired: boolean
  readonly Password: string
  /** When the password was last set (credential report, expiry). */
  readonly PasswordLastChanged: Date
  /** Earlier passwords, newest first, as many as the policy's reuse prevention remembers. */
  readonly PreviousPasswords: readonly string[]
}

/** The account password policy, under AWS's member names (ExpirePasswords is derived). */
export interface PasswordPolicyRecord {
  readonly MinimumPasswordLength: number
  readonly RequireSymbols: boolean
  readonly RequireNumbers: boolean
  readonly RequireUppercaseCharacters: boolean
  readonly RequireLowercaseCharacters: boolean
  readonly AllowUsersToChangePassword: boolean
  readonly MaxPasswordAge?: number
  readonly PasswordReusePrevention?: number
  readonly HardExpiry?: boolean
}

const POLICY_ID = 'PasswordPolicy'

/** The most earlier passwords reuse prevention can ask for (the model's maximum). */
const MAX_REMEMBERED = 24

/** The symbols IAM's password policy counts as symbols (IAM User Guide, "password policy"). */
const SYMBOLS = "!@#$%^&*()_+-=[]{}|'"

export const passwordErrors = {
  noSuchLoginProfile: (userName: string) =>
    new IamError('NoSuchEntity', `Login Profile for User ${userName} cannot be found.`, 404),
  // "user" in lower case here, "User" above: both recorded.
  loginProfileExists: (userName: string) =>
    new IamError('EntityAlreadyExists', `Login Profile for user ${userName} already exists.`, 409),
  noPolicy: (accountId: string) =>
    new IamError(
      'NoSuchEntity',
      `The Password Policy with domain name ${accountId} cannot be found.`,
      404,
    ),
  // Recorded: DeleteAccountPasswordPolicy words it differently from Get.
  noPolicyToDelete: () =>
    new IamError(
      'NoSuchEntity',
      'The account policy with name PasswordPolicy cannot be found.',
      404,
    ),
  /** @note inferred: AWS's sentence for each rule is not recorded. */
  violation: (message: string) => new IamError('PasswordPolicyViolation', message, 400),
  /** @note inferred: the sentence the console shows for a reused or default-policy password. */
  notConforming: () =>
    new IamError(
      'PasswordPolicyViolation',
      'Password does not conform to the account password policy.',
      400,
    ),
  /** AWS's words, as cloud-custodian#1663 quotes them. */
  deleteConflict: () =>
    new IamError('DeleteConflict', 'Cannot delete entity, must delete login profile first.', 409),
}

/** Users' login profiles and the account password policy. */
export class Passwords {
  readonly profiles: Table<LoginProfileRecord>
  readonly policies: Table<PasswordPolicyRecord & { readonly id: typeof POLICY_ID }>

  constructor(private readonly ctx: StoreContext) {
    this.profiles = new Table(ctx.log, {
      name: 'login profiles',
      id: (profile) => profile.UserId,
      order: { by: 'insertion' },
    })
    this.policies = new Table(ctx.log, {
      name: 'password policy',
      id: (policy) => policy.id,
      order: { by: 'insertion' },
    })
  }

  get policy(): PasswordPolicyRecord | undefined {
    return this.policies.get(POLICY_ID)
  }

  /** Replaces the policy: what the request leaves out takes AWS's default (recorded). */
  setPolicy(policy: PasswordPolicyRecord): void {
    const record = {
      id: POLICY_ID,
      MaxPasswordAge: undefined,
      PasswordReusePrevention: undefined,
      HardExpiry: undefined,
      ...policy,
    } as const
    if (this.policies.has(POLICY_ID)) this.policies.update(POLICY_ID, record)
    else this.policies.insert(record)
  }

  /** @throws NoSuchEntity when no policy is set */
  deletePolicy(): void {
    if (!this.policies.has(POLICY_ID)) throw passwordErrors.noPolicyToDelete()
    this.policies.delete(POLICY_ID)
  }

  find(userId: string): LoginProfileRecord | undefined {
    return this.profiles.get(userId)
  }

  /** @throws NoSuchEntity */
  get(user: UserRecord): LoginProfileRecord {
    const profile = this.find(user.UserId)
    if (!profile) throw passwordErrors.noSuchLoginProfile(user.UserName)
    return profile
  }

  /** @throws EntityAlreadyExists, PasswordPolicyViolation */
  create(
    user: UserRecord,
    input: { Password: string; PasswordResetRequired: boolean; CreateDate: Date },
  ): LoginProfileRecord {
    if (this.find(user.UserId)) throw passwordErrors.loginProfileExists(user.UserName)
    this.check(input.Password, [])
    return this.profiles.insert({
      UserId: user.UserId,
      CreateDate: input.CreateDate,
      PasswordResetRequired: input.PasswordResetRequired,
      Password: input.Password,
      PasswordLastChanged: input.CreateDate,
      PreviousPasswords: [],
    })
  }

  /** A fixture's login profile, taken as given (a fixture may hold any password). */
  load(record: LoginProfileRecord): LoginProfileRecord {
    if (this.find(record.UserId)) fail('LoginProfile', 'the user already has one')
    return this.profiles.insert(record)
  }

  /**
   * Sets a new password (UpdateLoginProfile, ChangePassword): checked against the policy, its
   * reuse prevention included; the old one joins those remembered.
   *
   * @throws PasswordPolicyViolation
   */
  setPassword(profile: LoginProfileRecord, password: string, now: Date): LoginProfileRecord {
    const remembered = [profile.Password, ...profile.PreviousPasswords]
    this.check(password, remembered)
    return this.profiles.update(profile.UserId, {
      Password: password,
      PasswordLastChanged: now,
      PreviousPasswords: remembered.slice(0, MAX_REMEMBERED),
    })
  }

  setResetRequired(profile: LoginProfileRecord, required: boolean): void {
    this.profiles.update(profile.UserId, { PasswordResetRequired: required })
  }

  delete(userId: string): void {
    this.profiles.delete(userId)
  }

  /**
   * When the password stops being valid under the policy's MaxPasswordAge, if it does.
   */
  expiresAt(profile: LoginProfileRecord): Date | undefined {
    const age = this.policy?.MaxPasswordAge
    if (age === undefined) return undefined
    return new Date(profile.PasswordLastChanged.getTime() + age * 86_400_000)
  }

  /**
   * Checks a new password against the account policy, or AWS's default policy when none is set.
   *
   * @note inferred: AWS's sentences are not recorded. The default policy (at least 8 characters
   * and three of the four character types, IAM User Guide) and reuse get the console's sentence;
   * a custom policy's rules get one sentence each, the first broken rule reported.
   * @throws PasswordPolicyViolation
   */
  check(password: string, remembered: readonly string[]): void {
    const policy = this.policy
    const kinds = {
      upper: /[A-Z]/.test(password),
      lower: /[a-z]/.test(password),
      number: /[0-9]/.test(password),
      symbol: [...password].some((ch) => SYMBOLS.includes(ch)),
    }
    if (!policy) {
      const count = Object.values(kinds).filter(Boolean).length
      if (password.length < 8 || count < 3) throw passwordErrors.notConforming()
      return
    }
    if (password.length < policy.MinimumPasswordLength) {
      throw passwordErrors.violation(
        `Password should have a minimum length of ${policy.MinimumPasswordLength}`,
      )
    }
    if (policy.RequireLowercaseCharacters && !kinds.lower) {
      throw passwordErrors.violation('Password should have at least one lowercase letter')
    }
    if (policy.RequireUppercaseCharacters && !kinds.upper) {
      throw passwordErrors.violation('Password should have at least one uppercase letter')
    }
    if (policy.RequireNumbers && !kinds.number) {
      throw passwordErrors.violation('Password should have at least one number')
    }
    if (policy.RequireSymbols && !kinds.symbol) {
      throw passwordErrors.violation('Password should have at least one symbol')
    }
    const reuse = policy.PasswordReusePrevention
    if (reuse !== undefined && remembered.slice(0, reuse).includes(password)) {
      throw passwordErrors.notConforming()
    }
  }
}

/** `true`/`false` in fixtures. */
export function bool(options: { fallback?: () => boolean; description?: string } = {}) {
  return custom<boolean>(
    options,
    (raw, path) => {
      if (typeof raw !== 'boolean') fail(path, 'must be true or false')
      return raw
    },
    { type: 'boolean', ...(options.description && { description: options.description }) },
  )
}

/** An integer within the model's bounds. */
export function integer(min: number, max: number, description?: string): Field<number> {
  return custom<number>(
    {},
    (raw, path) => {
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
        fail(path, `must be an integer from ${min} to ${max}`)
      }
      return raw
    },
    { type: 'integer', minimum: min, maximum: max, ...(description && { description }) },
  )
}

/** A user's login profile in fixtures: `LoginProfile: { Password, PasswordResetRequired }`. */
export const loginProfileEntity: Entity<LoginProfileRecord, UserRecord, IamStore> = {
  fields: {
    Password: nonEmpty({
      required: true,
      secret: true,
      description: 'The console password, in clear text (never in a response or the view).',
    }),
    PasswordResetRequired: bool({ fallback: () => false }),
    CreateDate: date(),
    PasswordLastChanged: date({ fallback: undefined, description: 'Default: CreateDate.' }),
    PreviousPasswords: custom<readonly string[]>(
      { secret: true, fallback: () => [] },
      (raw, path) => {
        if (!Array.isArray(raw) || raw.some((p) => typeof p !== 'string')) {
          fail(path, 'must be an array of strings')
        }
        return raw as string[]
      },
      {
        type: 'array',
        items: { type: 'string' },
        description: 'Earlier passwords, newest first (for reuse prevention).',
      },
    ),
  },
  create: (values, user, store) =>
    store.passwords.load({
      UserId: user.UserId,
      CreateDate: values.CreateDate as Date,
      PasswordResetRequired: values.PasswordResetRequired as boolean,
      Password: values.Password as string,
      PasswordLastChanged: (values.PasswordLastChanged ?? values.CreateDate) as Date,
      PreviousPasswords: values.PreviousPasswords as readonly string[],
    }),
  records: (store, user) => {
    const profile = store.passwords.find(user.UserId)
    return profile ? [profile] : []
  },
}

/** The account password policy in fixtures (`PasswordPolicy: { MinimumPasswordLength, … }`). */
export const passwordPolicyEntity: Entity<PasswordPolicyRecord, undefined, IamStore> = {
  fields: {
    MinimumPasswordLength: { ...integer(6, 128), fallback: () => 6 },
    RequireSymbols: bool({ fallback: () => false }),
    RequireNumbers: bool({ fallback: () => false }),
    RequireUppercaseCharacters: bool({ fallback: () => false }),
    RequireLowercaseCharacters: bool({ fallback: () => false }),
    AllowUsersToChangePassword: bool({ fallback: () => false }),
    MaxPasswordAge: integer(1, 1095, 'Days; passwords expire (ExpirePasswords) when set.'),
    PasswordReusePrevention: integer(1, 24),
    HardExpiry: bool(),
  },
  create: (values, _parent, store) => {
    store.passwords.setPolicy(values as unknown as PasswordPolicyRecord)
    return store.passwords.policy!
  },
  records: (store) => {
    const policy = store.passwords.policy
    if (!policy) return []
    const { id: _id, ...fields } = policy as PasswordPolicyRecord & { id?: string }
    return [fields]
  },
}
