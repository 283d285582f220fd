import type { Caller } from '../auth/caller.js'
import type { Dialect } from '../dialects/dialect.js'
import { IamError } from '../errors.js'
import type { AccessKeyRecord, IamStore, KeyOwner, Partition, UserRecord } from '../store/store.js'

/** What an action may see of the request: no HTTP, no XML. */
export interface ActionContext {
  readonly store: IamStore
  readonly caller: Caller
  readonly dialect: Dialect
  /** The request time, truncated to whole seconds as IAM stores dates. */
  readonly now: Date
  /** The partition of the endpoint the request came in on (`aws-cn` for the China endpoint…). */
  readonly partition: Partition
}

/** An IAM action: validated input in, output shape out; throws IamError. */
export type Action<I, O> = (ctx: ActionContext, input: I) => O

/**
 * The user (or root) an access-key or GetUser call acts on: the named user, or — with UserName
 * omitted — whoever signed the request.
 *
 * @throws ValidationError when UserName is omitted and the caller is not a user or root (an
 * assumed-role session): IAM cannot tell which user is meant.
 */
export function targetOwner(ctx: ActionContext, userName: string | undefined): KeyOwner {
  if (userName !== undefined) return ctx.store.getOwner(userName)
  switch (ctx.caller.kind) {
    case 'user':
      return ctx.caller.user
    case 'role':
      throw IamError.nonUserCredentials()
    default:
      return ctx.store.root
  }
}

/** The owner's key with that id. A key of someone else is as missing as an unknown one. */
export function ownedKey(
  ctx: ActionContext,
  owner: KeyOwner,
  accessKeyId: string,
): AccessKeyRecord {
  const key = ctx.store.findAccessKey(accessKeyId)
  if (!key || key.owner !== owner) throw IamError.noSuchAccessKey(accessKeyId)
  return key
}

/** The UserName IAM writes for a key owner: the user's, or the dialect's name for root. */
export function ownerName(ctx: ActionContext, owner: KeyOwner): string | undefined {
  return owner.kind === 'user' ? owner.userName : ctx.dialect.rootUserName
}

/** A User element as ListUsers writes it: no Tags, no PermissionsBoundary. */
export function userSummary(ctx: ActionContext, user: UserRecord) {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: ctx.store.userArn(user, ctx.partition),
    CreateDate: user.createDate,
  }
}

/** A User element as CreateUser and GetUser write it. */
export function userDetail(ctx: ActionContext, user: UserRecord) {
  return {
    ...userSummary(ctx, user),
    ...(user.permissionsBoundary !== undefined && {
      PermissionsBoundary: {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy' as const,
        PermissionsBoundaryArn: user.permissionsBoundary,
      },
    }),
    ...(user.tags.length > 0 && { Tags: user.tags.map((tag) => ({ ...tag })) }),
  }
}

export function accessKeyMetadata(ctx: ActionContext, key: AccessKeyRecord) {
  return {
    UserName: ownerName(ctx, key.owner),
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    CreateDate: key.createDate,
  }
}
