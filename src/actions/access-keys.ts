import type {
  CreateAccessKeyRequest,
  CreateAccessKeyResponse,
  DeleteAccessKeyRequest,
  GetAccessKeyLastUsedRequest,
  GetAccessKeyLastUsedResponse,
  ListAccessKeysRequest,
  ListAccessKeysResponse,
  UpdateAccessKeyRequest,
} from '@aws-sdk/client-iam'
import { callerArn } from '../auth/caller.js'
import { IamError } from '../errors.js'
import { accessKeyMetadata, ownedKey, ownerName, targetOwner, type Action } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'

export const createAccessKey: Action<CreateAccessKeyRequest, CreateAccessKeyResponse> = (
  ctx,
  input,
) => {
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
}

export const listAccessKeys: Action<ListAccessKeysRequest, ListAccessKeysResponse> = (
  ctx,
  input,
) => {
  const keys = ctx.store.accessKeysOf(targetOwner(ctx, input.UserName))
  const page = ctx.dialect.pagedAccessKeys
    ? pageOf(keys, (key) => key.accessKeyId, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
    : { items: keys }
  return {
    AccessKeyMetadata: page.items.map((key) => accessKeyMetadata(ctx, key)),
    ...pageMembers(page.marker),
  }
}

export const updateAccessKey: Action<UpdateAccessKeyRequest, void> = (ctx, input) => {
  const key = ownedKey(ctx, targetOwner(ctx, input.UserName), input.AccessKeyId!)
  key.status = input.Status!
}

export const deleteAccessKey: Action<DeleteAccessKeyRequest, void> = (ctx, input) => {
  const key = ownedKey(ctx, targetOwner(ctx, input.UserName), input.AccessKeyId!)
  ctx.store.deleteAccessKey(key)
}

export const getAccessKeyLastUsed: Action<
  GetAccessKeyLastUsedRequest,
  GetAccessKeyLastUsedResponse
> = (ctx, input) => {
  const key = ctx.store.findAccessKey(input.AccessKeyId!)
  if (!key) {
    throw IamError.lastUsedAccessDenied(
      callerArn(ctx.store, ctx.caller, ctx.partition),
      input.AccessKeyId!,
    )
  }
  const used = key.lastUsed
  return {
    UserName: ownerName(ctx, key.owner),
    AccessKeyLastUsed: used
      ? { LastUsedDate: used.date, ServiceName: used.serviceName, Region: used.region }
      : { ServiceName: 'N/A', Region: 'N/A' },
  }
}
