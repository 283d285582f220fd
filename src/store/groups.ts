import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { date, identifier, text } from './fields.js'
import type { IamStore, Partition, StoreContext } from './store.js'
import { Table } from './table.js'
import type { UserRecord } from './users.js'

/** An IAM group, under AWS's member names. */
export interface GroupRecord {
  readonly GroupId: string
  readonly GroupName: string
  readonly Path: string
  readonly CreateDate: Date
}

/** A user's membership of a group. */
export interface MembershipRecord {
  readonly GroupId: string
  readonly UserId: string
}

export const groupErrors = {
  noSuchGroup: (name: string) =>
    new IamError('NoSuchEntity', `The group with name ${name} cannot be found.`, 404),
  exists: (name: string) =>
    new IamError('EntityAlreadyExists', `Group with name ${name} already exists.`, 409),
}

/** Something that refuses a group's deletion while it holds anything of the group's. */
export interface GroupDependent {
  holds(groupId: string): boolean
  readonly conflict: () => IamError
}

/** The account's groups and their members: names unique under the dialect's case rule. */
export class Groups {
  readonly table: Table<GroupRecord>
  readonly members: Table<MembershipRecord>
  /** Checked in order by `delete`: the first that holds something names the conflict. */
  readonly dependents: GroupDependent[] = []

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'groups',
      id: (group) => group.GroupId,
      unique: (group) => ctx.nameKey(group.GroupName),
      order: { by: 'key', key: (group) => ctx.nameKey(group.GroupName) },
    })
    this.members = new Table(ctx.log, {
      name: 'group members',
      id: (m) => `${m.GroupId}/${m.UserId}`,
      order: { by: 'insertion' },
      indexes: { group: (m) => m.GroupId, user: (m) => m.UserId },
    })
    // A group with members cannot be deleted (terraform#29147 quotes AWS's words).
    this.dependents.push({
      holds: (id) => this.members.countByIndex('group', id) > 0,
      conflict: () => IamError.deleteConflict('remove users from group'),
    })
  }

  find(name: string): GroupRecord | undefined {
    return this.table.find(this.ctx.nameKey(name))
  }

  /** @throws NoSuchEntity */
  get(name: string): GroupRecord {
    const group = this.find(name)
    if (!group) throw groupErrors.noSuchGroup(name)
    return group
  }

  byId(groupId: string): GroupRecord | undefined {
    return this.table.get(groupId)
  }

  /** @throws EntityAlreadyExists */
  create(input: {
    GroupName: string
    Path: string
    CreateDate: Date
    GroupId?: string
  }): GroupRecord {
    if (this.find(input.GroupName)) throw groupErrors.exists(input.GroupName)
    let groupId = input.GroupId
    if (groupId === undefined) {
      do groupId = this.ctx.config.newGroupId()
      while (this.table.has(groupId))
    } else if (this.table.has(groupId)) {
      throw new IamError('EntityAlreadyExists', `Group with id ${groupId} already exists.`, 409)
    }
    return this.table.insert({
      GroupId: groupId,
      GroupName: input.GroupName,
      Path: input.Path,
      CreateDate: input.CreateDate,
    })
  }

  /** Renames and/or moves a group; its id, members and policies follow. @throws EntityAlreadyExists */
  update(group: GroupRecord, change: { GroupName?: string; Path?: string }): void {
    if (change.GroupName !== undefined) {
      const holder = this.find(change.GroupName)
      if (holder && holder.GroupId !== group.GroupId) throw groupErrors.exists(change.GroupName)
    }
    this.table.update(group.GroupId, change)
  }

  /** @throws DeleteConflict while the group has members, inline or attached policies */
  delete(group: GroupRecord): void {
    for (const dependent of this.dependents) {
      if (dependent.holds(group.GroupId)) throw dependent.conflict()
    }
    this.table.delete(group.GroupId)
  }

  /** Adding a member twice changes nothing. */
  add(group: GroupRecord, user: UserRecord): void {
    const id = `${group.GroupId}/${user.UserId}`
    if (!this.members.has(id)) this.members.insert({ GroupId: group.GroupId, UserId: user.UserId })
  }

  /** Removing a user who is not a member changes nothing, and is no error (recorded). */
  remove(group: GroupRecord, user: UserRecord): void {
    const id = `${group.GroupId}/${user.UserId}`
    if (this.members.has(id)) this.members.delete(id)
  }

  /**
   * A group's members, in name order.
   *
   * @note Inferred: AWS documents no order for GetGroup's users; name order, as ListUsers.
   */
  membersOf(group: GroupRecord, users: (id: string) => UserRecord | undefined): UserRecord[] {
    return this.members
      .byIndex('group', group.GroupId)
      .map((m) => users(m.UserId)!)
      .sort((a, b) => compare(this.ctx.nameKey(a.UserName), this.ctx.nameKey(b.UserName)))
  }

  /**
   * A user's groups, in name order.
   *
   * @note Inferred: the recordings sort ListGroupsForUser's answer themselves; name order, as
   * ListGroups.
   */
  groupsOf(userId: string): GroupRecord[] {
    return this.members
      .byIndex('user', userId)
      .map((m) => this.table.get(m.GroupId)!)
      .sort((a, b) => compare(this.ctx.nameKey(a.GroupName), this.ctx.nameKey(b.GroupName)))
  }

  /** Whether a user belongs to any group. */
  hasMember(userId: string): boolean {
    return this.members.countByIndex('user', userId) > 0
  }

  /** One page of groups whose Path starts with `pathPrefix`, in name order, from a cursor. */
  list(pathPrefix: string, cursor: string | undefined, maxItems: number) {
    return this.table.page('', cursor, maxItems, (group) => group.Path.startsWith(pathPrefix))!
  }

  /** `arn:{partition}:iam::{account}:group{path}{name}` */
  arn(group: GroupRecord, partition: Partition = this.ctx.config.partition): string {
    return `arn:${partition}:iam::${this.ctx.config.accountId}:group${group.Path}${group.GroupName}`
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Groups in fixtures: `Groups: [{ GroupName, Path, GroupId, CreateDate, Users, … }]`. */
export const groupEntity: Entity<GroupRecord, undefined, IamStore> = {
  fields: {
    GroupName: text('groupNameType', { required: true }),
    Path: text('pathType', { fallback: () => '/' }),
    GroupId: identifier({ description: 'Default: a fresh AGPA… id.' }),
    CreateDate: date(),
  },
  errorsAt: 'GroupName',
  create: (values, _parent, store) => store.groups.create(values as never),
  records: (store) => store.groups.table.ofGroup(),
  viewExtras: (group, store) => ({ Arn: store.groups.arn(group) }),
}

/** A group's members in fixtures: `Users: ["alice", "bob"]`, users the fixture defines. */
export const memberEntity: Entity<{ UserName: string }, GroupRecord, IamStore> = {
  fields: { UserName: text('existingUserNameType', { required: true }) },
  create(values, group, store) {
    const user = store.users.get(values.UserName as string)
    store.groups.add(group, user)
    return { UserName: user.UserName }
  },
  records: (store, group) =>
    store.groups
      .membersOf(group, (id) => store.users.byId(id))
      .map((user) => ({ UserName: user.UserName })),
}
