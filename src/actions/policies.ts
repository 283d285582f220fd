import type {
  DeleteUserPolicyRequest,
  GetUserPolicyRequest,
  GetUserPolicyResponse,
  ListUserPoliciesRequest,
  ListUserPoliciesResponse,
  PutUserPolicyRequest,
} from '@aws-sdk/client-iam'
import { encodeRfc3986 } from '../rfc3986.js'
import { ownerName, type Action } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'

export const putUserPolicy: Action<PutUserPolicyRequest, void> = (ctx, input) => {
  const owner = ctx.store.getOwner(input.UserName!)
  ctx.store.putUserPolicy(owner, input.PolicyName!, input.PolicyDocument!)
}

export const getUserPolicy: Action<GetUserPolicyRequest, GetUserPolicyResponse> = (ctx, input) => {
  const owner = ctx.store.getOwner(input.UserName!)
  const document = ctx.store.getUserPolicy(owner, input.PolicyName!)
  return {
    UserName: ownerName(ctx, owner)!,
    PolicyName: input.PolicyName!,
    PolicyDocument: ctx.dialect.encodePolicyDocuments ? encodeRfc3986(document) : document,
  }
}

export const listUserPolicies: Action<ListUserPoliciesRequest, ListUserPoliciesResponse> = (
  ctx,
  input,
) => {
  const owner = ctx.store.getOwner(input.UserName!)
  // @note Name order (code points), as LocalStack's AWS-validated implementation lists them;
  // AWS documents no order.
  const names = [...owner.policies.keys()].sort()
  const page = pageOf(names, (name) => name, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
  return { PolicyNames: page.items, ...pageMembers(page.marker) }
}

export const deleteUserPolicy: Action<DeleteUserPolicyRequest, void> = (ctx, input) => {
  const owner = ctx.store.getOwner(input.UserName!)
  ctx.store.deleteUserPolicy(owner, input.PolicyName!)
}
