import { IamError } from '../errors.js'
import { userPolicyOwner } from '../store/fixture.js'
import { ownerName, type ActionContext } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import type { ActionNotes, IamActions } from './types.js'

/**
 * The user (or, where the dialect names it, the root user) whose inline policies a call changes.
 *
 * @throws UnmodifiableEntity for the root user: it cannot have policies.
 */
function policyOwner(ctx: ActionContext, userName: string) {
  const owner = ctx.store.users.owner(userName)
  if (owner.kind === 'root') throw IamError.rootPolicy(ctx.dialect.rootUserName ?? 'root')
  return userPolicyOwner(owner)
}

export const userPolicyActions = {
  PutUserPolicy(ctx, input) {
    ctx.store.userPolicies.put(
      policyOwner(ctx, input.UserName),
      input.PolicyName,
      input.PolicyDocument,
    )
  },

  GetUserPolicy(ctx, input) {
    const owner = ctx.store.users.owner(input.UserName)
    const policy = ctx.store.userPolicies.get(owner.id, input.PolicyName)
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
    const names = ctx.store.userPolicies.names(owner.id)
    const page = pageOf(names, (name) => name, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
    return { PolicyNames: page.items, ...pageMembers(page.marker) }
  },

  DeleteUserPolicy(ctx, input) {
    ctx.store.userPolicies.delete(ctx.store.users.owner(input.UserName).id, input.PolicyName)
  },
} satisfies IamActions

export const userPolicyNotes: ActionNotes<typeof userPolicyActions> = {
  PutUserPolicy:
    'inline policy; checked against IAM’s policy grammar (`MalformedPolicyDocument`, IAM’s sentences); all of a user’s inline policies together hold at most 2,048 non-whitespace characters (`LimitExceeded`, 409); same name replaces',
  GetUserPolicy: 'the document URL-encoded (RFC 3986), as IAM returns it: `decodeURIComponent` it',
  ListUserPolicies: 'names in name order; paged like ListUsers',
  DeleteUserPolicy:
    '`NoSuchEntity` `The user policy with name … cannot be found.` for a missing one',
}
