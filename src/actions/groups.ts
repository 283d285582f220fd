import type { Group } from '@aws-sdk/client-iam'
import type { GroupRecord } from '../store/groups.js'
import { toUser, type ActionContext } from './context.js'
import { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker, pageMembers, pageOf } from './paging.js'
import type { ActionNotes, IamActions } from './types.js'

/** A group in AWS's shape. */
export function toGroup(ctx: ActionContext, group: GroupRecord): Group {
  return {
    Path: group.Path,
    GroupName: group.GroupName,
    GroupId: group.GroupId,
    Arn: ctx.store.groups.arn(group, ctx.partition),
    CreateDate: group.CreateDate,
  }
}

/** The owner of a group's inline policies, for the generic inline-policy table. */
const owner = (group: GroupRecord) => ({ id: group.GroupId, name: group.GroupName })

export const groupActions = {
  CreateGroup(ctx, input) {
    const group = ctx.store.groups.create({
      GroupName: input.GroupName,
      Path: input.Path ?? '/',
      CreateDate: ctx.now,
    })
    return { Group: toGroup(ctx, group) }
  },

  GetGroup(ctx, input) {
    const group = ctx.store.groups.get(input.GroupName)
    const members = ctx.store.groups.membersOf(group, (id) => ctx.store.users.byId(id))
    const page = pageOf(
      members,
      (user) => user.UserId,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      Group: toGroup(ctx, group),
      Users: page.items.map((user) => toUser(ctx, user)),
      ...pageMembers(page.marker),
    }
  },

  ListGroups(ctx, input) {
    const cursor = input.Marker === undefined ? undefined : decodeMarker(input.Marker)
    const page = ctx.store.groups.list(
      input.PathPrefix ?? '/',
      cursor,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      Groups: page.items.map((group) => toGroup(ctx, group)),
      ...pageMembers(page.next === undefined ? undefined : encodeMarker(page.next)),
    }
  },

  UpdateGroup(ctx, input) {
    const group = ctx.store.groups.get(input.GroupName)
    ctx.store.groups.update(group, {
      ...(input.NewGroupName !== undefined && { GroupName: input.NewGroupName }),
      ...(input.NewPath !== undefined && { Path: input.NewPath }),
    })
  },

  DeleteGroup(ctx, input) {
    ctx.store.groups.delete(ctx.store.groups.get(input.GroupName))
  },

  /** @note Inferred: with neither there, the user is named, as RemoveUserFromGroup names it. */
  AddUserToGroup(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    ctx.store.groups.add(ctx.store.groups.get(input.GroupName), user)
  },

  /** @note The user is looked up first: with neither there, AWS names the user (recorded). */
  RemoveUserFromGroup(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    ctx.store.groups.remove(ctx.store.groups.get(input.GroupName), user)
  },

  ListGroupsForUser(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    const groups = ctx.store.groups.groupsOf(user.UserId)
    const page = pageOf(
      groups,
      (group) => group.GroupId,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return { Groups: page.items.map((group) => toGroup(ctx, group)), ...pageMembers(page.marker) }
  },

  PutGroupPolicy(ctx, input) {
    const group = ctx.store.groups.get(input.GroupName)
    ctx.store.groupPolicies.put(owner(group), input.PolicyName, input.PolicyDocument)
  },

  GetGroupPolicy(ctx, input) {
    const group = ctx.store.groups.get(input.GroupName)
    const policy = ctx.store.groupPolicies.get(group.GroupId, input.PolicyName)
    return {
      GroupName: group.GroupName,
      PolicyName: policy.PolicyName,
      PolicyDocument: policy.PolicyDocument,
    }
  },

  ListGroupPolicies(ctx, input) {
    const group = ctx.store.groups.get(input.GroupName)
    const names = ctx.store.groupPolicies.names(group.GroupId)
    const page = pageOf(names, (name) => name, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
    return { PolicyNames: page.items, ...pageMembers(page.marker) }
  },

  DeleteGroupPolicy(ctx, input) {
    const group = ctx.store.groups.get(input.GroupName)
    ctx.store.groupPolicies.delete(group.GroupId, input.PolicyName)
  },
} satisfies IamActions

export const groupNotes: ActionNotes<typeof groupActions> = {
  CreateGroup: '`Path`; names unique case-insensitively; `AGPA…` ids',
  GetGroup: 'the group and its users (in name order, without their tags), paged',
  ListGroups: '`PathPrefix`, paged; ordered by name, case-insensitively',
  UpdateGroup: 'rename and/or move; members and policies follow',
  DeleteGroup:
    '`DeleteConflict` while the group has members, inline policies or attached managed policies',
  AddUserToGroup: 'adding a member twice changes nothing',
  RemoveUserFromGroup: 'removing a user who is not a member changes nothing, as in AWS',
  ListGroupsForUser: 'in name order, paged',
  PutGroupPolicy:
    'inline policy, IAM’s grammar; a group’s inline policies together hold at most 5,120 non-whitespace characters',
  GetGroupPolicy: 'the document URL-encoded, as IAM returns it',
  ListGroupPolicies: 'names in name order, paged',
  DeleteGroupPolicy:
    '`NoSuchEntity` `The group policy with name … cannot be found.` for a missing one',
}
