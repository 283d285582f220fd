import type {
  GroupDetail,
  ManagedPolicyDetail,
  PolicyDetail,
  RoleDetail,
  UserDetail,
} from '@aws-sdk/client-iam'
import type { InlinePolicies } from '../store/inline-policies.js'
import type { PolicyHolder, ResolvedPolicy } from '../store/managed-policies.js'
import { toUser, type ActionContext } from './context.js'
import { toGroup } from './groups.js'
import { toInstanceProfile } from './instance-profiles.js'
import { allPolicies, attachedPolicies, toPolicy, versionsOf } from './managed-policies.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import { toRole } from './roles.js'
import type { ActionNotes, IamActions } from './types.js'

/** Every entity of a kind, in the order its List… action gives them. */
const EVERY = Number.MAX_SAFE_INTEGER

/** An owner's inline policies with their documents, in name order (as List…Policies). */
function inlineDetails(policies: InlinePolicies, ownerId: string): PolicyDetail[] {
  return policies
    .of(ownerId)
    .map((p) => ({ PolicyName: p.PolicyName, PolicyDocument: p.PolicyDocument }))
    .sort((a, b) => (a.PolicyName < b.PolicyName ? -1 : a.PolicyName > b.PolicyName ? 1 : 0))
}

/** What a holder has attached, as AttachedManagedPolicies lists it (all of them, unpaged). */
function attached(ctx: ActionContext, holder: Pick<PolicyHolder, 'type' | 'id'>) {
  return attachedPolicies(ctx, holder, { MaxItems: EVERY }).AttachedPolicies
}

/**
 * One item of the answer, in the order AWS pages them: users, groups, roles, then policies. Each
 * is built only when it falls on the page asked for.
 */
type DetailItem =
  | { list: 'UserDetailList'; id: string; detail: () => UserDetail }
  | { list: 'GroupDetailList'; id: string; detail: () => GroupDetail }
  | { list: 'RoleDetailList'; id: string; detail: () => RoleDetail }
  | { list: 'Policies'; id: string; detail: () => ManagedPolicyDetail }

function userItems(ctx: ActionContext): DetailItem[] {
  return ctx.store.users.list('/', undefined, EVERY).items.map((user) => ({
    list: 'UserDetailList',
    id: `user:${user.UserId}`,
    detail: () => {
      const { Tags, ...rest } = toUser(ctx, user)
      const inline = inlineDetails(ctx.store.userPolicies, user.UserId)
      return {
        ...rest,
        // A user without inline policies has no UserPolicyList at all (recorded).
        ...(inline.length > 0 && { UserPolicyList: inline }),
        GroupList: ctx.store.groups.groupsOf(user.UserId).map((g) => g.GroupName),
        AttachedManagedPolicies: attached(ctx, { type: 'user', id: user.UserId }),
        Tags: Tags ?? [],
      }
    },
  }))
}

function groupItems(ctx: ActionContext): DetailItem[] {
  return ctx.store.groups.list('/', undefined, EVERY).items.map((group) => ({
    list: 'GroupDetailList',
    id: `group:${group.GroupId}`,
    detail: () => ({
      ...toGroup(ctx, group),
      GroupPolicyList: inlineDetails(ctx.store.groupPolicies, group.GroupId),
      AttachedManagedPolicies: attached(ctx, { type: 'group', id: group.GroupId }),
    }),
  }))
}

function roleItems(ctx: ActionContext): DetailItem[] {
  return ctx.store.roles.list('/', undefined, EVERY).items.map((role) => ({
    list: 'RoleDetailList',
    id: `role:${role.RoleId}`,
    detail: () => {
      const { Tags, Description: _d, MaxSessionDuration: _m, ...rest } = toRole(ctx, role)
      return {
        ...rest,
        InstanceProfileList: ctx.store.instanceProfiles
          .profilesOf(role.RoleId)
          .map((profile) => toInstanceProfile(ctx, profile)),
        RolePolicyList: inlineDetails(ctx.store.rolePolicies, role.RoleId),
        AttachedManagedPolicies: attached(ctx, { type: 'role', id: role.RoleId }),
        Tags: Tags ?? [],
      }
    },
  }))
}

/**
 * The managed policies the filter asks for: the account's all, AWS's only those in use.
 *
 * @note Inferred: AWS's policies are listed only while attached to an entity of the account or
 * used as a permissions boundary, as AWS's answers show (an AWS policy there always has an
 * AttachmentCount); listing all of AWS's ~1,400 would make the answer mostly theirs.
 */
function policyItems(ctx: ActionContext, local: boolean, aws: boolean): DetailItem[] {
  const scope = local && aws ? 'All' : local ? 'Local' : 'AWS'
  const inUse = (p: ResolvedPolicy) =>
    ctx.store.managedPolicies.attachmentCount(p.key) > 0 || ctx.store.boundaryUsageCount(p.key) > 0
  return allPolicies(ctx, scope)
    .filter((p) => p.kind === 'local' || inUse(p))
    .map((p) => ({
      list: 'Policies',
      id: `policy:${p.key}`,
      detail: () => {
        const { Tags: _tags, ...policy } = toPolicy(ctx, p)
        return { ...policy, PolicyVersionList: versionsOf(ctx, p, true) }
      },
    }))
}

export const authorizationDetailActions = {
  /**
   * One Marker pages the four lists as one sequence (users, groups, roles, policies); each list
   * is there on every page, empty when the filter leaves it out or the page holds none of it.
   */
  GetAccountAuthorizationDetails(ctx, input) {
    const filter = new Set<string>(input.Filter ?? [])
    const wants = (kind: string) => filter.size === 0 || filter.has(kind)
    const items: DetailItem[] = [
      ...(wants('User') ? userItems(ctx) : []),
      ...(wants('Group') ? groupItems(ctx) : []),
      ...(wants('Role') ? roleItems(ctx) : []),
    ]
    if (wants('LocalManagedPolicy') || wants('AWSManagedPolicy')) {
      items.push(...policyItems(ctx, wants('LocalManagedPolicy'), wants('AWSManagedPolicy')))
    }
    const page = pageOf(items, (item) => item.id, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
    const output = {
      UserDetailList: [] as UserDetail[],
      GroupDetailList: [] as GroupDetail[],
      RoleDetailList: [] as RoleDetail[],
      Policies: [] as ManagedPolicyDetail[],
    }
    for (const item of page.items) (output[item.list] as unknown[]).push(item.detail())
    return { ...output, ...pageMembers(page.marker) }
  },
} satisfies IamActions

export const authorizationDetailNotes: ActionNotes<typeof authorizationDetailActions> = {
  GetAccountAuthorizationDetails:
    'every `Filter`, paged across the four lists; the account’s managed policies all, AWS’s only those attached or used as a boundary; documents URL-encoded',
}
