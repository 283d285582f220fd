import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { date, identifier, tags, text, type Tag } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'

/** An IAM user, under AWS's member names. */
export interface UserRecord {
  readonly UserId: string
  readonly UserName: string
  readonly Path: string
  readonly CreateDate: Date
  readonly Tags: readonly Tag[]
  /** The managed-policy ARN set as the user's permissions boundary. */
  readonly PermissionsBoundary?: string
}

/** The owner id of the account root user's access keys (no user id looks like it). */
export const ROOT_ID = '@root'

/** Whoever a user-scoped request acts on: an IAM user, or the root where a dialect names it. */
export type Owner =
  | { readonly kind: 'root'; readonly id: typeof ROOT_ID }
  | { readonly kind: 'user'; readonly id: string; readonly user: UserRecord }

export const ROOT_OWNER: Owner = { kind: 'root', id: ROOT_ID }

/** The owner a fixture's parent record stands for: a user, or the root user. */
export function ownerOf(parent: UserRecord | Owner): Owner {
  return 'UserId' in parent ? { kind: 'user', id: parent.UserId, user: parent } : ROOT_OWNER
}

export interface NewUser {
  readonly UserName: string
  readonly Path: string
  readonly CreateDate: Date
  readonly Tags?: readonly Tag[]
  readonly PermissionsBoundary?: string
  /** Fixtures choose their ids; otherwise the store mints one. */
  readonly UserId?: string
}

/**
 * Something that refuses a user's deletion while it holds anything of the user's (access keys,
 * inline policies…), with IAM's DeleteConflict sentence.
 */
export interface UserDependent {
  holds(userId: string): boolean
  readonly conflict: () => IamError
}

/** The users of an account: names unique under the dialect's case rule, paged by name. */
export class Users {
  readonly table: Table<UserRecord>
  /** Checked in order by `delete`: the first that holds something names the conflict. */
  readonly dependents: UserDependent[] = []

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'users',
      id: (user) => user.UserId,
      unique: (user) => ctx.nameKey(user.UserName),
      order: { by: 'key', key: (user) => ctx.nameKey(user.UserName) },
      indexes: { boundary: (user) => user.PermissionsBoundary },
    })
  }

  /** The users whose permissions boundary is the policy `arn`, oldest first. */
  withBoundary(arn: string): UserRecord[] {
    return this.table.byIndex('boundary', arn)
  }

  find(userName: string): UserRecord | undefined {
    return this.table.find(this.ctx.nameKey(userName))
  }

  /** @throws NoSuchEntity when there is no such user. */
  get(userName: string): UserRecord {
    const user = this.find(userName)
    if (!user) throw IamError.noSuchUser(userName)
    return user
  }

  byId(userId: string): UserRecord | undefined {
    return this.table.get(userId)
  }

  /** Whether `userName` names the root user (only in dialects that give root a name). */
  isRootName(userName: string): boolean {
    const rootName = this.ctx.config.rootUserName
    return rootName !== undefined && this.ctx.nameKey(rootName) === this.ctx.nameKey(userName)
  }

  /** The user, or the root where the dialect names it, called `userName`. @throws NoSuchEntity */
  owner(userName: string): Owner {
    if (this.isRootName(userName)) return ROOT_OWNER
    const user = this.get(userName)
    return { kind: 'user', id: user.UserId, user }
  }

  /** @throws EntityAlreadyExists when the name (or a fixture's id) is taken. */
  create(input: NewUser): UserRecord {
    if (this.find(input.UserName) || this.isRootName(input.UserName)) {
      throw IamError.userExists(input.UserName)
    }
    let userId = input.UserId
    if (userId === undefined) {
      do userId = this.ctx.config.newUserId()
      while (this.table.has(userId))
    } else if (this.table.has(userId)) {
      throw new IamError('EntityAlreadyExists', `User with id ${userId} already exists.`, 409)
    }
    return this.table.insert({
      UserId: userId,
      UserName: input.UserName,
      Path: input.Path,
      CreateDate: input.CreateDate,
      Tags: input.Tags ?? [],
      // @note Every record gets every property, undefined or not: one object shape keeps
      // property access monomorphic, which seeding 100k users notices.
      PermissionsBoundary: input.PermissionsBoundary,
    })
  }

  /** Renames and/or moves a user; its keys, policies and id follow it. @throws EntityAlreadyExists */
  update(
    user: UserRecord,
    change: Partial<Pick<UserRecord, 'UserName' | 'Path' | 'Tags' | 'PermissionsBoundary'>>,
  ): UserRecord {
    if (change.UserName !== undefined) {
      const holder = this.find(change.UserName)
      if ((holder && holder.UserId !== user.UserId) || this.isRootName(change.UserName)) {
        throw IamError.userExists(change.UserName)
      }
    }
    return this.table.update(user.UserId, change)
  }

  /** @throws DeleteConflict while anything still belongs to the user, or for root. */
  delete(owner: Owner): void {
    if (owner.kind === 'root') throw IamError.rootNotDeletable()
    for (const dependent of this.dependents) {
      if (dependent.holds(owner.id)) throw dependent.conflict()
    }
    this.table.delete(owner.id)
  }

  /** One page of users whose Path starts with `pathPrefix`, in name order, from a cursor. */
  list(pathPrefix: string, cursor: string | undefined, maxItems: number) {
    return this.table.page('', cursor, maxItems, (user) => user.Path.startsWith(pathPrefix))!
  }

  /** `arn:{partition}:iam::{account}:user{path}{name}` */
  arn(user: UserRecord, partition = this.ctx.config.partition): string {
    return `arn:${partition}:iam::${this.ctx.config.accountId}:user${user.Path}${user.UserName}`
  }
}

/** Users in fixtures: `Users: [{ UserName, Path, UserId, CreateDate, Tags, … }]`. */
export const userEntity: Entity<UserRecord, undefined, IamStore> = {
  fields: {
    UserName: text('userNameType', { required: true }),
    Path: text('pathType', { fallback: () => '/' }),
    UserId: identifier({ description: 'Default: a fresh AIDA… id.' }),
    CreateDate: date(),
    Tags: tags(),
    PermissionsBoundary: text('arnType', {
      description: 'A managed-policy ARN set as the user’s permissions boundary.',
    }),
  },
  errorsAt: 'UserName',
  create: (values, _parent, store) => store.users.create(values as unknown as NewUser),
  records: (store) => store.users.table.ofGroup(),
  viewExtras: (user, store) => ({ Arn: store.users.arn(user) }),
}
