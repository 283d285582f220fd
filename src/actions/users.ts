import type { User } from '@aws-sdk/client-iam'
import { IamError } from '../errors.js'
import type { Tag } from '../store/store.js'
import { targetOwner, userDetail, userSummary } from './context.js'
import { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker, pageMembers } from './paging.js'
import { checkTags } from './tags.js'
import type { IamActions } from './types.js'

const POLICY_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::(?:\d{12}|aws):policy\/./

export const userActions = {
  CreateUser(ctx, input) {
    const tags = (input.Tags ?? []) as Tag[]
    checkTags(tags)
    const boundary = input.PermissionsBoundary
    // @note IAM checks that the boundary policy exists; the mock has no managed policies, so it
    // accepts any well-formed policy ARN (AWS-managed ones included) and rejects anything else.
    if (boundary !== undefined && !POLICY_ARN.test(boundary)) {
      throw new IamError('InvalidInput', `ARN ${boundary} is not valid.`, 400)
    }
    const user = ctx.store.createUser({
      userName: input.UserName,
      path: input.Path ?? '/',
      createDate: ctx.now,
      tags,
      ...(boundary !== undefined && { permissionsBoundary: boundary }),
    })
    return { User: userDetail(ctx, user) }
  },

  GetUser(ctx, input) {
    const owner = targetOwner(ctx, input.UserName)
    if (owner.kind === 'user') return { User: userDetail(ctx, owner) }
    // @note The root user has no Path, and no UserName unless the dialect names it (spec §5).
    return {
      User: {
        UserName: ctx.dialect.rootUserName!,
        UserId: ctx.store.accountId,
        Arn: ctx.store.rootArn(ctx.partition),
        CreateDate: owner.createDate,
      } as User,
    }
  },

  ListUsers(ctx, input) {
    const from = input.Marker === undefined ? undefined : decodeMarker(input.Marker)
    const page = ctx.store.listUsers(
      input.PathPrefix ?? '/',
      from,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      Users: page.items.map((user) => userSummary(ctx, user)),
      ...pageMembers(page.marker === undefined ? undefined : encodeMarker(page.marker)),
    }
  },

  UpdateUser(ctx, input) {
    const user = ctx.store.getUser(input.UserName)
    ctx.store.updateUser(user, {
      ...(input.NewUserName !== undefined && { userName: input.NewUserName }),
      ...(input.NewPath !== undefined && { path: input.NewPath }),
    })
  },

  DeleteUser(ctx, input) {
    ctx.store.deleteUser(ctx.store.getOwner(input.UserName))
  },
} satisfies IamActions
