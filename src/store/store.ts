import { AccessKeys } from './access-keys.js'
import { Account } from './account.js'
import { RoleSessions } from './role-sessions.js'
import { ChangeLog } from './table.js'
import { Groups } from './groups.js'
import { InlinePolicies } from './inline-policies.js'
import { ManagedPolicies, type PolicyHolder } from './managed-policies.js'
import { Users } from './users.js'
import { IamError } from '../errors.js'

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

/** The most non-whitespace characters a group's inline policies may hold together (AWS's quota). */
const GROUP_POLICY_SIZE_QUOTA = 5120

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
  /** Mints an `AROA…` role id for a fixture's role session that names none. */
  readonly newRoleId: () => string
  readonly newAccessKey: () => { accessKeyId: string; secretAccessKey: string }
  /** The UserName that names the root user where a dialect exposes root by name (MSDP). */
  readonly rootUserName?: string
  /** MSDP: the root user's last Active key cannot be deleted. */
  readonly protectLastActiveRootKey?: boolean
  /** The most non-whitespace characters a user's inline policies may hold together. */
  readonly userPolicySizeQuota: number
  /** The dialect's policy grammar. @throws MalformedPolicyDocument */
  readonly checkPolicyDocument: (document: string) => void
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
    this.accessKeys = new AccessKeys(ctx, (id) => this.sessions.has(id))
    this.sessions = new RoleSessions(ctx, (id) => this.accessKeys.has(id))
    this.userPolicies = new InlinePolicies(ctx, { kind: 'user', quota: config.userPolicySizeQuota })
    this.managedPolicies = new ManagedPolicies(ctx, (key) => this.boundaryUsageCount(key))
    this.groups = new Groups(ctx)
    this.groupPolicies = new InlinePolicies(ctx, { kind: 'group', quota: GROUP_POLICY_SIZE_QUOTA })
    const attached = (type: 'user' | 'group') => (id: string) =>
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
    this.groups.dependents.push(
      {
        holds: (id) => this.groupPolicies.holds(id),
        conflict: () => IamError.deleteConflict('policies'),
      },
      { holds: attached('group'), conflict: () => IamError.deleteConflict('detach all policies') },
    )
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
    return this.users.table.countByIndex('boundary', this.managedPolicies.arnOfKey(key))
  }

  /** Whoever has the managed policy `key` as their permissions boundary, oldest first. */
  boundaryHolders(key: string): HolderEntry[] {
    return this.users
      .withBoundary(this.managedPolicies.arnOfKey(key))
      .map((user) => ({ type: 'user', id: user.UserId, name: user.UserName, path: user.Path }))
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
    return undefined
  }

  rootArn(partition: Partition = this.partition): string {
    return `arn:${partition}:iam::${this.accountId}:root`
  }
}
