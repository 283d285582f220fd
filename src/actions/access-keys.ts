import { callerArn } from '../auth/caller.js'
import { IamError } from '../errors.js'
import { accessKeyMetadata, ownerName, targetOwner } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import type { ActionNotes, IamActions } from './types.js'

export const accessKeyActions = {
  CreateAccessKey(ctx, input) {
    const owner = targetOwner(ctx, input.UserName)
    const key = ctx.store.accessKeys.create(owner, { CreateDate: ctx.now })
    return {
      AccessKey: {
        UserName: ownerName(ctx, owner),
        AccessKeyId: key.AccessKeyId,
        Status: key.Status,
        SecretAccessKey: key.SecretAccessKey,
        CreateDate: key.CreateDate,
      },
    }
  },

  ListAccessKeys(ctx, input) {
    const keys = ctx.store.accessKeys.of(targetOwner(ctx, input.UserName).id)
    const page = ctx.dialect.pagedAccessKeys
      ? pageOf(keys, (key) => key.AccessKeyId, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
      : { items: keys }
    return {
      AccessKeyMetadata: page.items.map((key) => accessKeyMetadata(ctx, key)),
      ...pageMembers(page.marker),
    }
  },

  UpdateAccessKey(ctx, input) {
    const key = ctx.store.accessKeys.owned(targetOwner(ctx, input.UserName), input.AccessKeyId)
    ctx.store.accessKeys.setStatus(key, input.Status)
  },

  DeleteAccessKey(ctx, input) {
    const owner = targetOwner(ctx, input.UserName)
    ctx.store.accessKeys.delete(ctx.store.accessKeys.owned(owner, input.AccessKeyId), owner)
  },

  GetAccessKeyLastUsed(ctx, input) {
    const key = ctx.store.accessKeys.find(input.AccessKeyId)
    if (!key) {
      throw IamError.lastUsedAccessDenied(
        callerArn(ctx.store, ctx.caller, ctx.partition),
        input.AccessKeyId,
      )
    }
    const used = key.LastUsed
    return {
      UserName: ctx.store.users.byId(key.OwnerId)?.UserName ?? ctx.dialect.rootUserName,
      AccessKeyLastUsed: used
        ? { LastUsedDate: used.Date, ServiceName: used.ServiceName, Region: used.Region }
        : { ServiceName: 'N/A', Region: 'N/A' },
    }
  },
} satisfies IamActions

export const accessKeyNotes: ActionNotes<typeof accessKeyActions> = {
  CreateAccessKey:
    'for a user, or for the caller when `UserName` is omitted (root: root’s own keys, without `UserName`); 2 keys per owner, Inactive ones count',
  ListAccessKeys: 'never returns a secret; paged like ListUsers',
  UpdateAccessKey: '`Active` / `Inactive` (`Expired` is accepted as the model allows)',
  DeleteAccessKey: '',
  GetAccessKeyLastUsed:
    '`N/A` until a key signs a request; `AccessDenied` for an unknown key, as IAM answers',
}
