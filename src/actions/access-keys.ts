import { callerArn } from '../auth/caller.js'
import { IamError } from '../errors.js'
import { accessKeyMetadata, ownedKey, ownerName, targetOwner } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import type { IamActions } from './types.js'

export const accessKeyActions = {
  CreateAccessKey(ctx, input) {
    const owner = targetOwner(ctx, input.UserName)
    const key = ctx.store.createAccessKey(owner, { createDate: ctx.now })
    return {
      AccessKey: {
        UserName: ownerName(ctx, owner)!,
        AccessKeyId: key.accessKeyId,
        Status: key.status,
        SecretAccessKey: key.secretAccessKey,
        CreateDate: key.createDate,
      },
    }
  },

  ListAccessKeys(ctx, input) {
    const keys = ctx.store.accessKeysOf(targetOwner(ctx, input.UserName))
    const page = ctx.dialect.pagedAccessKeys
      ? pageOf(keys, (key) => key.accessKeyId, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
      : { items: keys }
    return {
      AccessKeyMetadata: page.items.map((key) => accessKeyMetadata(ctx, key)),
      ...pageMembers(page.marker),
    }
  },

  UpdateAccessKey(ctx, input) {
    const key = ownedKey(ctx, targetOwner(ctx, input.UserName), input.AccessKeyId)
    key.status = input.Status
  },

  DeleteAccessKey(ctx, input) {
    const key = ownedKey(ctx, targetOwner(ctx, input.UserName), input.AccessKeyId)
    ctx.store.deleteAccessKey(key)
  },

  GetAccessKeyLastUsed(ctx, input) {
    const key = ctx.store.findAccessKey(input.AccessKeyId)
    if (!key) {
      throw IamError.lastUsedAccessDenied(
        callerArn(ctx.store, ctx.caller, ctx.partition),
        input.AccessKeyId,
      )
    }
    const used = key.lastUsed
    return {
      UserName: ownerName(ctx, key.owner),
      AccessKeyLastUsed: used
        ? { LastUsedDate: used.date, ServiceName: used.serviceName, Region: used.region }
        : { ServiceName: 'N/A', Region: 'N/A' },
    }
  },
} satisfies IamActions
