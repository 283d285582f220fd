import type { AccessKeyMetadata, AttachedPermissionsBoundary, User } from '@aws-sdk/client-iam'
import { callerUser, type Caller } from '../auth/caller.js'
import type { Dialect } from '../dialects/dialect.js'
import { IamError } from '../errors.js'
import type { AccessKeyRecord } from '../store/access-keys.js'
import type { IamStore, Partition } from '../store/store.js'
import { ROOT_OWNER, type Owner, type UserRecord } from '../store/users.js'

/** What an action may see of the request: no HTTP, no XML. */
export interface ActionContext {
  readonly store: IamStore
  readonly caller: Caller
  readonly dialect: Dialect
  /** The request time, truncated to whole seconds as IAM stores dates. */
  readonly now: Date
  /** The partition of the endpoint the request came in on (`aws-cn` for the China endpoint…). */
  readonly partition: Partition
  /** The region the request was signed for, when it was signed. */
  readonly region?: string
  /**
   * What the request's transport tells of it (`aws:SourceIp`, `aws:UserAgent`,
   * `aws:SecureTransport`): the client's address, its User-Agent, whether it came over HTTPS.
   */
  readonly transport?: {
    readonly sourceIp: string
    readonly userAgent?: string
    readonly secure: boolean
  }
  /** What the operation's preparation (its asynchronous half, if it has one) found. */
  readonly prepared?: unknown
}

/**
 * The user (or root) an access-key or GetUser call acts on: the named user, or — with UserName
 * omitted — whoever signed the request.
 *
 * @throws ValidationError when UserName is omitted and the caller is not a user or root (an
 * assumed-role session): IAM cannot tell which user is meant.
 */
export function targetOwner(ctx: ActionContext, userName: string | undefined): Owner {
  if (userName !== undefined) return ctx.store.users.owner(userName)
  if (ctx.caller.kind === 'role' || ctx.caller.kind === 'federated') {
    throw IamError.nonUserCredentials()
  }
  const user = callerUser(ctx.store, ctx.caller)
  return user ? { kind: 'user', id: user.UserId, user } : ROOT_OWNER
}

/** The UserName IAM writes for a key owner: the user's, or the dialect's name for root. */
export function ownerName(ctx: ActionContext, owner: Owner): string | undefined {
  return owner.kind === 'user' ? owner.user.UserName : ctx.dialect.rootUserName
}

/**
 * A user in AWS's shape (the one mapper every action uses; the wire layer leaves out what a
 * response does not carry, such as ListUsers' tags): tags only when it has some, as IAM writes.
 */
export function toUser(ctx: ActionContext, user: UserRecord): User {
  return {
    Path: user.Path,
    UserName: user.UserName,
    UserId: user.UserId,
    Arn: ctx.store.users.arn(user, ctx.partition),
    CreateDate: user.CreateDate,
    ...(user.PermissionsBoundary !== undefined && {
      PermissionsBoundary: toBoundary(user.PermissionsBoundary),
    }),
    ...(user.Tags.length > 0 && { Tags: user.Tags.map((tag) => ({ ...tag })) }),
  }
}

/**
 * A permissions boundary as IAM writes it. Its type is `Policy` (recorded), not the model's
 * `PermissionsBoundaryPolicy`.
 */
export function toBoundary(arn: string): AttachedPermissionsBoundary {
  return {
    PermissionsBoundaryType: 'Policy' as AttachedPermissionsBoundary['PermissionsBoundaryType'],
    PermissionsBoundaryArn: arn,
  }
}

export function accessKeyMetadata(ctx: ActionContext, key: AccessKeyRecord): AccessKeyMetadata {
  const user = ctx.store.users.byId(key.OwnerId)
  return {
    UserName: user ? user.UserName : ctx.dialect.rootUserName,
    AccessKeyId: key.AccessKeyId,
    Status: key.Status,
    CreateDate: key.CreateDate,
  }
}
