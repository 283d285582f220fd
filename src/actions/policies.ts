import { ownerName } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import type { IamActions } from './types.js'

export const userPolicyActions = {
  PutUserPolicy(ctx, input) {
    const owner = ctx.store.getOwner(input.UserName)
    ctx.store.putUserPolicy(owner, input.PolicyName, input.PolicyDocument)
  },

  GetUserPolicy(ctx, input) {
    const owner = ctx.store.getOwner(input.UserName)
    const document = ctx.store.getUserPolicy(owner, input.PolicyName)
    return {
      UserName: ownerName(ctx, owner)!,
      PolicyName: input.PolicyName,
      PolicyDocument: document,
    }
  },

  ListUserPolicies(ctx, input) {
    const owner = ctx.store.getOwner(input.UserName)
    // @note Name order (code points), as LocalStack's AWS-validated implementation lists them;
    // AWS documents no order.
    const names = [...owner.policies.keys()].sort()
    const page = pageOf(names, (name) => name, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
    return { PolicyNames: page.items, ...pageMembers(page.marker) }
  },

  DeleteUserPolicy(ctx, input) {
    const owner = ctx.store.getOwner(input.UserName)
    ctx.store.deleteUserPolicy(owner, input.PolicyName)
  },
} satisfies IamActions
