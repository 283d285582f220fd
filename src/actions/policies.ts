import { ownerName } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import type { IamActions } from './types.js'

export const userPolicyActions = {
  PutUserPolicy(ctx, input) {
    const owner = ctx.store.users.owner(input.UserName)
    ctx.store.userPolicies.put(owner, input.PolicyName, input.PolicyDocument)
  },

  GetUserPolicy(ctx, input) {
    const owner = ctx.store.users.owner(input.UserName)
    const policy = ctx.store.userPolicies.get(owner, input.PolicyName)
    return {
      UserName: ownerName(ctx, owner)!,
      PolicyName: policy.PolicyName,
      PolicyDocument: policy.PolicyDocument,
    }
  },

  ListUserPolicies(ctx, input) {
    const owner = ctx.store.users.owner(input.UserName)
    // @note Name order (code points), as LocalStack's AWS-validated implementation lists them;
    // AWS documents no order.
    const names = ctx.store.userPolicies
      .of(owner.id)
      .map((policy) => policy.PolicyName)
      .sort()
    const page = pageOf(names, (name) => name, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
    return { PolicyNames: page.items, ...pageMembers(page.marker) }
  },

  DeleteUserPolicy(ctx, input) {
    ctx.store.userPolicies.delete(ctx.store.users.owner(input.UserName), input.PolicyName)
  },
} satisfies IamActions
