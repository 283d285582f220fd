import type { User } from '@aws-sdk/client-iam'
import { targetOwner, toUser } from './context.js'
import { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker, pageMembers } from './paging.js'
import { boundaryPolicy } from './managed-policies.js'
import { checkTags } from './tags.js'
import type { ActionNotes, IamActions } from './types.js'

export const userActions = {
  CreateUser(ctx, input) {
    const tags = input.Tags ?? []
    checkTags(tags)
    const boundary = input.PermissionsBoundary
    const boundaryKey = boundary === undefined ? undefined : boundaryPolicy(ctx, boundary).key
    const user = ctx.store.users.create({
      UserName: input.UserName,
      Path: input.Path ?? '/',
      CreateDate: ctx.now,
      Tags: tags,
      ...(boundaryKey !== undefined && {
        PermissionsBoundary: ctx.store.managedPolicies.arnOfKey(boundaryKey),
      }),
    })
    return { User: toUser(ctx, user) }
  },

  GetUser(ctx, input) {
    const owner = targetOwner(ctx, input.UserName)
    if (owner.kind === 'user') return { User: toUser(ctx, owner.user) }
    // @note The root user has no Path, and no UserName unless the dialect names it (spec §5).
    return {
      User: {
        UserName: ctx.dialect.rootUserName,
        UserId: ctx.store.accountId,
        Arn: ctx.store.rootArn(ctx.partition),
        CreateDate: ctx.store.account.root.CreateDate,
      } as User,
    }
  },

  ListUsers(ctx, input) {
    const cursor = input.Marker === undefined ? undefined : decodeMarker(input.Marker)
    const page = ctx.store.users.list(
      input.PathPrefix ?? '/',
      cursor,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      Users: page.items.map((user) => toUser(ctx, user)),
      ...pageMembers(page.next === undefined ? undefined : encodeMarker(page.next)),
    }
  },

  UpdateUser(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    ctx.store.users.update(user, {
      ...(input.NewUserName !== undefined && { UserName: input.NewUserName }),
      ...(input.NewPath !== undefined && { Path: input.NewPath }),
    })
  },

  DeleteUser(ctx, input) {
    ctx.store.users.delete(ctx.store.users.owner(input.UserName))
  },
} satisfies IamActions

export const userNotes: ActionNotes<typeof userActions> = {
  CreateUser:
    '`Path`, `Tags`, `PermissionsBoundary` (a managed policy of the account or of AWS); names unique case-insensitively',
  GetUser:
    'without `UserName`: the caller, or the root form (`UserId` = account id, `Arn` `…:root`, no `UserName`/`Path`)',
  ListUsers:
    '`PathPrefix`, `Marker`/`MaxItems` (default 100, 1–1000); ordered by name, case-insensitively; no `Tags`',
  UpdateUser: 'rename and/or move; the user’s id, keys and tags follow',
  DeleteUser:
    '`DeleteConflict` while the user has a login profile, access keys, signing certificates, an MFA device, inline or attached policies, groups, SSH keys or service-specific credentials',
}
