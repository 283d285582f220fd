import type { InstanceProfile } from '@aws-sdk/client-iam'
import type { InstanceProfileRecord } from '../store/instance-profiles.js'
import type { ActionContext } from './context.js'
import { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker, pageMembers, pageOf } from './paging.js'
import { mergeTags, tagPage, toRole, withoutTags } from './roles.js'
import { checkTags } from './tags.js'
import type { ActionNotes, IamActions } from './types.js'

/**
 * An instance profile in AWS's shape, with its role (the wire layer writes of a nested role only
 * what AWS does) and its tags (GetInstanceProfile writes them even when empty; lists never).
 */
export function toInstanceProfile(
  ctx: ActionContext,
  profile: InstanceProfileRecord,
): InstanceProfile {
  return {
    Path: profile.Path,
    InstanceProfileName: profile.InstanceProfileName,
    InstanceProfileId: profile.InstanceProfileId,
    Arn: ctx.store.instanceProfiles.arn(profile, ctx.partition),
    CreateDate: profile.CreateDate,
    Roles: ctx.store.instanceProfiles
      .rolesOf(profile)
      .map((id) => toRole(ctx, ctx.store.roles.byId(id)!)),
    Tags: profile.Tags.map((tag) => ({ ...tag })),
  }
}

export const instanceProfileActions = {
  CreateInstanceProfile(ctx, input) {
    const tags = input.Tags ?? []
    checkTags(tags)
    const profile = ctx.store.instanceProfiles.create({
      InstanceProfileName: input.InstanceProfileName,
      Path: input.Path ?? '/',
      CreateDate: ctx.now,
      Tags: tags,
    })
    const { Tags, ...rest } = toInstanceProfile(ctx, profile)
    // The create answer carries Tags only when some were given (recorded).
    return { InstanceProfile: tags.length > 0 ? { ...rest, Tags } : rest }
  },

  GetInstanceProfile(ctx, input) {
    const profile = ctx.store.instanceProfiles.get(input.InstanceProfileName)
    return { InstanceProfile: toInstanceProfile(ctx, profile) }
  },

  ListInstanceProfiles(ctx, input) {
    const cursor = input.Marker === undefined ? undefined : decodeMarker(input.Marker)
    const page = ctx.store.instanceProfiles.list(
      input.PathPrefix ?? '/',
      cursor,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      InstanceProfiles: page.items.map((profile) => toInstanceProfile(ctx, profile)),
      ...pageMembers(page.next === undefined ? undefined : encodeMarker(page.next)),
    }
  },

  ListInstanceProfilesForRole(ctx, input) {
    const role = ctx.store.roles.get(input.RoleName)
    const page = pageOf(
      ctx.store.instanceProfiles.profilesOf(role.RoleId),
      (profile) => profile.InstanceProfileId,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      InstanceProfiles: page.items.map((profile) => toInstanceProfile(ctx, profile)),
      ...pageMembers(page.marker),
    }
  },

  DeleteInstanceProfile(ctx, input) {
    ctx.store.instanceProfiles.delete(ctx.store.instanceProfiles.get(input.InstanceProfileName))
  },

  /** The profile is looked up before the role (recorded: each missing alone names itself). */
  AddRoleToInstanceProfile(ctx, input) {
    const profile = ctx.store.instanceProfiles.get(input.InstanceProfileName)
    ctx.store.instanceProfiles.add(profile, ctx.store.roles.get(input.RoleName))
  },

  RemoveRoleFromInstanceProfile(ctx, input) {
    const profile = ctx.store.instanceProfiles.get(input.InstanceProfileName)
    ctx.store.instanceProfiles.remove(profile, ctx.store.roles.get(input.RoleName))
  },

  TagInstanceProfile(ctx, input) {
    const profile = ctx.store.instanceProfiles.get(input.InstanceProfileName)
    ctx.store.instanceProfiles.setTags(
      profile,
      mergeTags(profile.Tags, input.Tags, 'TagsPerInstanceProfile'),
    )
  },

  UntagInstanceProfile(ctx, input) {
    const profile = ctx.store.instanceProfiles.get(input.InstanceProfileName)
    ctx.store.instanceProfiles.setTags(profile, withoutTags(profile.Tags, input.TagKeys))
  },

  ListInstanceProfileTags(ctx, input) {
    return tagPage(ctx.store.instanceProfiles.get(input.InstanceProfileName).Tags, input)
  },
} satisfies IamActions

export const instanceProfileNotes: ActionNotes<typeof instanceProfileActions> = {
  CreateInstanceProfile: '`Path`, `Tags`; `AIPA…` ids; names unique case-insensitively',
  GetInstanceProfile: 'its role (as AWS nests it: no tags, description or last use) and its tags',
  ListInstanceProfiles: '`PathPrefix`, paged; ordered by name; no `Tags`',
  ListInstanceProfilesForRole: 'in name order, paged',
  DeleteInstanceProfile: '`DeleteConflict` while it holds a role',
  AddRoleToInstanceProfile:
    'one role per profile: `LimitExceeded` `Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1`',
  RemoveRoleFromInstanceProfile: '`NoSuchEntity` for a role the profile does not hold',
  TagInstanceProfile: 'up to 50 tags, keys unique case-insensitively',
  UntagInstanceProfile: '',
  ListInstanceProfileTags: 'in the order they were added; paged',
}
