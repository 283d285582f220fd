import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { date, identifier, tags, text, type Tag } from './fields.js'
import type { RoleRecord } from './roles.js'
import type { IamStore, Partition, StoreContext } from './store.js'
import { Table } from './table.js'

/** An instance profile, under AWS's member names. */
export interface InstanceProfileRecord {
  readonly InstanceProfileId: string
  readonly InstanceProfileName: string
  readonly Path: string
  readonly CreateDate: Date
  readonly Tags: readonly Tag[]
}

/** A role in an instance profile. */
export interface ProfileRoleRecord {
  readonly InstanceProfileId: string
  readonly RoleId: string
}

/** How many roles an instance profile may hold (AWS's fixed quota). */
export const ROLES_PER_INSTANCE_PROFILE = 1

export const instanceProfileErrors = {
  noSuchProfile: (name: string) =>
    new IamError('NoSuchEntity', `Instance Profile ${name} cannot be found.`, 404),
  exists: (name: string) =>
    new IamError('EntityAlreadyExists', `Instance Profile ${name} already exists.`, 409),
  full: () =>
    new IamError(
      'LimitExceeded',
      `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${ROLES_PER_INSTANCE_PROFILE}`,
      409,
    ),
  notIn: (roleName: string, profileName: string) =>
    new IamError(
      'NoSuchEntity',
      `Role ${roleName} in Instance Profile ${profileName} cannot be found.`,
      404,
    ),
  /** Recorded for DeleteInstanceProfile and for DeleteRole alike. */
  holdsRoles: () =>
    new IamError(
      'DeleteConflict',
      'Cannot delete entity, must remove roles from instance profile first.',
      409,
    ),
}

/** The account's instance profiles and the role each holds. */
export class InstanceProfiles {
  readonly table: Table<InstanceProfileRecord>
  readonly roles: Table<ProfileRoleRecord>

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'instance profiles',
      id: (profile) => profile.InstanceProfileId,
      unique: (profile) => ctx.nameKey(profile.InstanceProfileName),
      order: { by: 'key', key: (profile) => ctx.nameKey(profile.InstanceProfileName) },
    })
    this.roles = new Table(ctx.log, {
      name: 'instance profile roles',
      id: (r) => `${r.InstanceProfileId}/${r.RoleId}`,
      order: { by: 'insertion' },
      indexes: { profile: (r) => r.InstanceProfileId, role: (r) => r.RoleId },
    })
  }

  find(name: string): InstanceProfileRecord | undefined {
    return this.table.find(this.ctx.nameKey(name))
  }

  /** @throws NoSuchEntity */
  get(name: string): InstanceProfileRecord {
    const profile = this.find(name)
    if (!profile) throw instanceProfileErrors.noSuchProfile(name)
    return profile
  }

  /** @throws EntityAlreadyExists */
  create(input: {
    InstanceProfileName: string
    Path: string
    CreateDate: Date
    Tags?: readonly Tag[]
    InstanceProfileId?: string
  }): InstanceProfileRecord {
    if (this.find(input.InstanceProfileName)) {
      throw instanceProfileErrors.exists(input.InstanceProfileName)
    }
    let id = input.InstanceProfileId
    if (id === undefined) {
      do id = this.ctx.config.newInstanceProfileId()
      while (this.table.has(id))
    } else if (this.table.has(id)) {
      throw new IamError('EntityAlreadyExists', `Instance Profile with id ${id} already exists.`)
    }
    return this.table.insert({
      InstanceProfileId: id,
      InstanceProfileName: input.InstanceProfileName,
      Path: input.Path,
      CreateDate: input.CreateDate,
      Tags: input.Tags ?? [],
    })
  }

  setTags(profile: InstanceProfileRecord, list: readonly Tag[]): void {
    this.table.update(profile.InstanceProfileId, { Tags: list })
  }

  /** @throws DeleteConflict while the profile holds a role */
  delete(profile: InstanceProfileRecord): void {
    if (this.roles.countByIndex('profile', profile.InstanceProfileId) > 0) {
      throw instanceProfileErrors.holdsRoles()
    }
    this.table.delete(profile.InstanceProfileId)
  }

  /**
   * @throws LimitExceeded when the profile already holds a role (the same one included: AWS
   * counts it).
   *
   * @note Inferred: adding the role a profile already holds answers the quota error, as IAM
   * checks the count before the member (moto and LocalStack answer so).
   */
  add(profile: InstanceProfileRecord, role: RoleRecord): void {
    if (
      this.roles.countByIndex('profile', profile.InstanceProfileId) >= ROLES_PER_INSTANCE_PROFILE
    ) {
      throw instanceProfileErrors.full()
    }
    this.roles.insert({ InstanceProfileId: profile.InstanceProfileId, RoleId: role.RoleId })
  }

  /** @throws NoSuchEntity when the role is not in the profile (recorded) */
  remove(profile: InstanceProfileRecord, role: RoleRecord): void {
    const id = `${profile.InstanceProfileId}/${role.RoleId}`
    if (!this.roles.has(id)) {
      throw instanceProfileErrors.notIn(role.RoleName, profile.InstanceProfileName)
    }
    this.roles.delete(id)
  }

  /** The role ids a profile holds, in the order they were added. */
  rolesOf(profile: InstanceProfileRecord): string[] {
    return this.roles.byIndex('profile', profile.InstanceProfileId).map((r) => r.RoleId)
  }

  /**
   * The profiles that hold a role, in name order.
   *
   * @note Inferred: the recordings sort ListInstanceProfilesForRole's answer themselves; name
   * order, as ListInstanceProfiles.
   */
  profilesOf(roleId: string): InstanceProfileRecord[] {
    const key = (p: InstanceProfileRecord) => this.ctx.nameKey(p.InstanceProfileName)
    return this.roles
      .byIndex('role', roleId)
      .map((r) => this.table.get(r.InstanceProfileId)!)
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  }

  /** Whether any profile holds the role. */
  holdsRole(roleId: string): boolean {
    return this.roles.countByIndex('role', roleId) > 0
  }

  /** One page of profiles whose Path starts with `pathPrefix`, in name order, from a cursor. */
  list(pathPrefix: string, cursor: string | undefined, maxItems: number) {
    return this.table.page('', cursor, maxItems, (p) => p.Path.startsWith(pathPrefix))!
  }

  /** `arn:{partition}:iam::{account}:instance-profile{path}{name}` */
  arn(profile: InstanceProfileRecord, partition: Partition = this.ctx.config.partition): string {
    return `arn:${partition}:iam::${this.ctx.config.accountId}:instance-profile${profile.Path}${profile.InstanceProfileName}`
  }
}

/** The role of an instance profile in fixtures: `Roles: ["web"]`, a role the fixture defines. */
const profileRoleEntity: Entity<{ RoleName: string }, InstanceProfileRecord, IamStore> = {
  fields: { RoleName: text('roleNameType', { required: true }) },
  create(values, profile, store) {
    const role = store.roles.get(values.RoleName as string)
    store.instanceProfiles.add(profile, role)
    return { RoleName: role.RoleName }
  },
  records: (store, profile) =>
    store.instanceProfiles
      .rolesOf(profile)
      .map((id) => ({ RoleName: store.roles.byId(id)!.RoleName })),
}

/** Instance profiles in fixtures: `InstanceProfiles: [{ InstanceProfileName, Roles, … }]`. */
export const instanceProfileEntity: Entity<InstanceProfileRecord, undefined, IamStore> = {
  fields: {
    InstanceProfileName: text('instanceProfileNameType', { required: true }),
    Path: text('pathType', { fallback: () => '/' }),
    InstanceProfileId: identifier({ description: 'Default: a fresh AIPA… id.' }),
    CreateDate: date(),
    Tags: tags(),
  },
  children: {
    Roles: {
      form: 'values',
      key: 'RoleName',
      entity: profileRoleEntity as never,
      description: 'The role the profile holds (at most one), by name: a role the fixture defines.',
    },
  } as Entity<InstanceProfileRecord, undefined, IamStore>['children'],
  errorsAt: 'InstanceProfileName',
  create: (values, _parent, store) => store.instanceProfiles.create(values as never),
  records: (store) => store.instanceProfiles.table.ofGroup(),
  viewExtras: (profile, store) => ({ Arn: store.instanceProfiles.arn(profile) }),
}
