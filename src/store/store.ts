import { AccessAdvisor } from './access-advisor.js'
import { AccessKeys } from './access-keys.js'
import { Account } from './account.js'
import { RoleSessions } from './role-sessions.js'
import { ChangeLog } from './table.js'
import { Groups } from './groups.js'
import { InlinePolicies } from './inline-policies.js'
import { ManagedPolicies, type PolicyHolder } from './managed-policies.js'
import { Users } from './users.js'
import { InstanceProfiles, instanceProfileErrors } from './instance-profiles.js'
import { Roles } from './roles.js'
import { DeletionTasks } from './service-linked-roles.js'
import { OidcProviders } from './oidc-providers.js'
import { SamlProviders } from './saml-providers.js'
import { SessionTokens } from './session-tokens.js'
import { IamError } from '../errors.js'
import { Organization } from './organization.js'
import { Passwords, passwordErrors } from './passwords.js'
import { MfaDevices, mfaErrors } from './mfa-devices.js'
import { AccountSettings } from './account-settings.js'
import { StsSettings } from './sts-settings.js'
import { SshPublicKeys } from './ssh-public-keys.js'
import { ServiceCredentials } from './service-credentials.js'
import { SigningCertificates, signingCertificateErrors } from './signing-certificates.js'
import { ServerCertificates } from './server-certificates.js'
import { DelegationRequests } from './delegation-requests.js'
import { AccountProperties } from './account-properties.js'
import { RoleTemplates } from './role-templates.js'

/** DeleteUser's refusal while a user still has credentials other than access keys (recorded). */
const referencedObjects = () =>
  new IamError('DeleteConflict', 'Cannot delete entity, must remove referenced objects first.', 409)

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

/** The most non-whitespace characters a group's inline policies may hold together (AWS's quota). */
const GROUP_POLICY_SIZE_QUOTA = 5120

/** The most non-whitespace characters a role's inline policies may hold together (AWS's quota). */
const ROLE_POLICY_SIZE_QUOTA = 10240

/** Past this many changed records, `reset()` rebuilds sorted indexes once instead of per record. */
const BULK_UNDO = 256

/** A user, group or role as ListEntitiesForPolicy lists it. */
export interface HolderEntry {
  readonly type: PolicyHolder['type']
  readonly id: string
  readonly name: string
  readonly path: string
}

/** What the store needs from its surroundings; the dialect and the id generators supply it. */
export interface StoreConfig {
  readonly accountId: string
  readonly partition: Partition
  /** MSDP keeps `Bob` and `bob` apart; AWS does not. */
  readonly caseSensitiveNames: boolean
  readonly accessKeysPerUser: number
  readonly newUserId: () => string
  readonly newGroupId: () => string
  readonly newPolicyId: () => string
  /** Mints an `AROA…` role id (a new role's, or a fixture's role session's that names none). */
  readonly newRoleId: () => string
  /** Mints an `AIPA…` instance profile id. */
  readonly newInstanceProfileId: () => string
  /** A fresh UUID (deletion task ids). */
  readonly newUuid: () => string
  /** Mints STS temporary credentials: an `ASIA…` key id, its secret and a session token. */
  readonly newTemporaryCredentials: () => {
    accessKeyId: string
    secretAccessKey: string
    sessionToken: string
  }
  readonly newAccessKey: () => { accessKeyId: string; secretAccessKey: string }
  /** The UserName that names the root user where a dialect exposes root by name (MSDP). */
  readonly rootUserName?: string
  /** MSDP: the root user's last Active key cannot be deleted. */
  readonly protectLastActiveRootKey?: boolean
  /** The most non-whitespace characters a user's inline policies may hold together. */
  readonly userPolicySizeQuota: number
  /** The dialect's policy grammar. @throws MalformedPolicyDocument */
  readonly checkPolicyDocument: (document: string) => void
  /** Mints a virtual MFA device's Base32 seed; default: from `newUuid`. */
  readonly newMfaSeed?: () => string
  /** Mints an AWS unique id of `length` characters (`APKA…`, `ACCA…`, `ASCA…`). */
  readonly newUniqueId: (prefix: string, length: number) => string
  /** `length` random characters of `alphabet` (service passwords). */
  readonly newSecret: (alphabet: string, length: number) => string
}

/** What every family of the store shares: the undo log, the configuration, the case rule. */
export interface StoreContext {
  readonly log: ChangeLog
  readonly config: StoreConfig
  /** A name as names are compared and ordered: case-folded unless the dialect keeps case. */
  readonly nameKey: (name: string) => string
}

/**
 * The state of one mocked account, family by family: each family (`users.ts`,
 * `access-keys.ts`…) holds its tables and its invariants; the store wires them together.
 *
 * It knows nothing about HTTP or XML. Every method that changes state runs synchronously, so
 * concurrent requests can never interleave between a check and its write (the 2-key quota
 * holds under any number of parallel CreateAccessKey calls). Every change goes through the
 * families' tables into one undo log, which `reset()` rolls back.
 */
export class IamStore {
  readonly accountId: string
  readonly partition: Partition
  readonly config: StoreConfig
  readonly log = new ChangeLog()
  readonly account: Account
  readonly users: Users
  readonly accessKeys: AccessKeys
  readonly userPolicies: InlinePolicies
  readonly sessions: RoleSessions
  readonly managedPolicies: ManagedPolicies
  readonly groups: Groups
  readonly groupPolicies: InlinePolicies
  readonly roles: Roles
  readonly rolePolicies: InlinePolicies
  readonly instanceProfiles: InstanceProfiles
  readonly deletionTasks: DeletionTasks
  readonly oidcProviders: OidcProviders
  readonly samlProviders: SamlProviders
  readonly sessionTokens: SessionTokens
  readonly passwords: Passwords
  readonly mfaDevices: MfaDevices
  readonly accountSettings: AccountSettings
  readonly stsSettings: StsSettings
  readonly organization: Organization
  readonly sshPublicKeys: SshPublicKeys
  readonly serviceCredentials: ServiceCredentials
  readonly accessAdvisor: AccessAdvisor
  readonly signingCertificates: SigningCertificates
  readonly serverCertificates: ServerCertificates
  readonly delegationRequests: DelegationRequests
  readonly accountProperties: AccountProperties
  readonly roleTemplates: RoleTemplates

  constructor(config: StoreConfig) {
    this.config = config
    this.accountId = config.accountId
    this.partition = config.partition
    const ctx: StoreContext = {
      log: this.log,
      config,
      nameKey: config.caseSensitiveNames ? (name) => name : (name) => name.toLowerCase(),
    }
    this.account = new Account(ctx)
    this.users = new Users(ctx)
    // An access key id and a role session's temporary key id never collide.
    this.accessKeys = new AccessKeys(
      ctx,
      (id) => this.sessions.has(id) || this.sessionTokens.table.has(id),
    )
    // A fixture's role session that names a fixture role takes the role's id.
    this.sessions = new RoleSessions(
      ctx,
      (id) => this.accessKeys.has(id) || this.sessionTokens.table.has(id),
      (arn) => this.roles.byArn(arn)?.RoleId,
    )
    this.userPolicies = new InlinePolicies(ctx, { kind: 'user', quota: config.userPolicySizeQuota })
    this.managedPolicies = new ManagedPolicies(ctx, (key) => this.boundaryUsageCount(key))
    this.groups = new Groups(ctx)
    this.groupPolicies = new InlinePolicies(ctx, { kind: 'group', quota: GROUP_POLICY_SIZE_QUOTA })
    this.roles = new Roles(ctx, (arn) => this.principalExists(arn))
    this.rolePolicies = new InlinePolicies(ctx, { kind: 'role', quota: ROLE_POLICY_SIZE_QUOTA })
    this.instanceProfiles = new InstanceProfiles(ctx)
    this.deletionTasks = new DeletionTasks(ctx)
    this.oidcProviders = new OidcProviders(ctx)
    this.samlProviders = new SamlProviders(ctx)
    this.sessionTokens = new SessionTokens(ctx)
    this.sshPublicKeys = new SshPublicKeys(ctx)
    this.serviceCredentials = new ServiceCredentials(ctx)
    this.signingCertificates = new SigningCertificates(ctx)
    this.serverCertificates = new ServerCertificates(ctx)
    const attached = (type: 'user' | 'group' | 'role') => (id: string) =>
      this.managedPolicies.holds({ type, id })
    // @note DeleteUser's (and DeleteGroup's) order of conflicts when several hold: AWS's is not
    // recorded.
    this.users.dependents.push(
      {
        holds: (id) => this.accessKeys.of(id).length > 0,
        conflict: () => IamError.deleteConflict('access keys'),
      },
      {
        holds: (id) => this.userPolicies.holds(id),
        conflict: () => IamError.deleteConflict('policies'),
      },
      { holds: attached('user'), conflict: () => IamError.deleteConflict('detach all policies') },
      {
        holds: (id) => this.groups.hasMember(id),
        conflict: () => IamError.deleteConflict('remove users from group'),
      },
    )
    // @note Inferred: a user's SSH keys and service-specific credentials come after the conflicts
    // above, in AWS's recorded words for a service-specific credential (signing certificates have
    // their own place and words, below).
    this.users.dependents.push(
      { holds: (id) => this.sshPublicKeys.of(id).length > 0, conflict: referencedObjects },
      { holds: (id) => this.serviceCredentials.of(id).length > 0, conflict: referencedObjects },
    )
    this.groups.dependents.push(
      {
        holds: (id) => this.groupPolicies.holds(id),
        conflict: () => IamError.deleteConflict('policies'),
      },
      { holds: attached('group'), conflict: () => IamError.deleteConflict('detach all policies') },
    )
    // @note DeleteRole's order of conflicts when several hold: AWS's is not recorded.
    this.roles.dependents.push(
      {
        holds: (id) => this.instanceProfiles.holdsRole(id),
        conflict: () => instanceProfileErrors.holdsRoles(),
      },
      {
        holds: (id) => this.rolePolicies.holds(id),
        conflict: () => IamError.deleteConflict('policies'),
      },
      { holds: attached('role'), conflict: () => IamError.deleteConflict('detach all policies') },
    )
    // Credentials (issue 18): a login profile is checked first, before access keys.
    // @note inferred: the order follows the IAM User Guide's list of what to delete before a user.
    this.passwords = new Passwords(ctx)
    this.users.dependents.unshift({
      holds: (id) => this.passwords.find(id) !== undefined,
      conflict: () => passwordErrors.deleteConflict(),
    })
    this.mfaDevices = new MfaDevices({
      ...ctx,
      config: { ...config, newMfaSeed: config.newMfaSeed ?? (() => uuidSeed(config.newUuid)) },
    })
    // @note inferred: after the login profile and the access keys, as the IAM User Guide lists them.
    this.users.dependents.splice(2, 0, {
      holds: (id) => this.mfaDevices.of(id).length > 0,
      conflict: () => mfaErrors.userConflict(),
    })
    // @note inferred: after the access keys, as the DeleteUser API reference lists what to delete
    // (password, access keys, signing certificates, …); the wording is not recorded.
    this.users.dependents.splice(2, 0, {
      holds: (id) => this.signingCertificates.of(id).length > 0,
      conflict: () => signingCertificateErrors.userConflict(),
    })
    this.accountSettings = new AccountSettings(ctx)
    this.stsSettings = new StsSettings({ ...ctx, config })
    this.accessAdvisor = new AccessAdvisor(ctx)
    this.organization = new Organization(ctx)
    this.delegationRequests = new DelegationRequests(ctx)
    this.accountProperties = new AccountProperties(ctx)
    this.roleTemplates = new RoleTemplates(ctx)
  }

  /** Whether a user or role ARN of this account names one that exists (trust-policy principals). */
  principalExists(arn: string): boolean {
    const match = /^arn:[\w-]+:iam::\d{12}:(user|role)(\/(?:.*\/)?)([^/]+)$/.exec(arn)
    if (!match) return false
    if (match[1] === 'role') return this.roles.byArn(arn) !== undefined
    const user = this.users.find(match[3]!)
    return user !== undefined && user.Path === match[2] && user.UserName === match[3]
  }

  /** Every table of the store (each registers itself with the log), for operations on all. */
  get tables() {
    return this.log.tables
  }

  /** Empties every table (recorded, like any change). */
  clear(): void {
    for (const table of this.tables) table.clear()
  }

  /** Runs `change` with every table's ordering rebuilt once at the end (many records at once). */
  bulk(change: () => void): void {
    const tables = this.tables
    const nest = (i: number): void =>
      i === tables.length ? change() : tables[i]!.bulk(() => nest(i + 1))
    nest(0)
  }

  /**
   * Loads the state `reset()` returns to: `load` runs unrecorded, in bulk, and a new epoch of
   * the undo log starts.
   */
  seed(load: () => void): void {
    this.log.unrecorded(() => this.bulk(load))
    this.log.mark()
  }

  /**
   * Runs `change` as one: when it throws, whatever it changed is put back (an action that fails
   * halfway leaves nothing half-written).
   */
  transaction<T>(change: () => T): T {
    return this.log.transaction(change)
  }

  /** Back to the state of the last `seed()`: every record changed since is put back. */
  reset(): void {
    // Many changed records (a restored snapshot) are put back in bulk: never more than a reload.
    if (this.log.size > BULK_UNDO) this.bulk(() => this.log.rollback())
    else this.log.rollback()
  }

  /** How many users (and roles) have the managed policy `key` as their permissions boundary. */
  boundaryUsageCount(key: string): number {
    const arn = this.managedPolicies.arnOfKey(key)
    return (
      this.users.table.countByIndex('boundary', arn) +
      this.roles.table.countByIndex('boundary', arn)
    )
  }

  /** Whoever has the managed policy `key` as their permissions boundary, oldest first. */
  boundaryHolders(key: string): HolderEntry[] {
    const arn = this.managedPolicies.arnOfKey(key)
    const users = this.users.withBoundary(arn).map((user): HolderEntry => ({
      type: 'user',
      id: user.UserId,
      name: user.UserName,
      path: user.Path,
    }))
    const roles = this.roles.withBoundary(arn).map((role): HolderEntry => ({
      type: 'role',
      id: role.RoleId,
      name: role.RoleName,
      path: role.Path,
    }))
    return [...users, ...roles]
  }

  /** The name and path of a policy holder, by type and id. */
  holderEntry(type: PolicyHolder['type'], id: string): HolderEntry | undefined {
    if (type === 'user') {
      const user = this.users.byId(id)
      return user && { type, id, name: user.UserName, path: user.Path }
    }
    if (type === 'group') {
      const group = this.groups.byId(id)
      return group && { type, id, name: group.GroupName, path: group.Path }
    }
    if (type === 'role') {
      const role = this.roles.byId(id)
      return role && { type, id, name: role.RoleName, path: role.Path }
    }
    return undefined
  }

  rootArn(partition: Partition = this.partition): string {
    return `arn:${partition}:iam::${this.accountId}:root`
  }
}

/** A Base32 seed of 64 characters from two UUIDs' hex digits (stores configured without one). */
function uuidSeed(newUuid: () => string): string {
  const hex = (newUuid() + newUuid()).replaceAll('-', '')
  let out = ''
  for (let i = 0; i < 64; i++)
    out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[parseInt(hex[i % hex.length]!, 16) * 2 + (i & 1)]
  return out
}
