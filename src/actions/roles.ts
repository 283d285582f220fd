import type { Role } from '@aws-sdk/client-iam'
import { IamError } from '../errors.js'
import type { PolicyHolder } from '../store/managed-policies.js'
import { SERVICE_ROLE_PATH, type RoleRecord } from '../store/roles.js'
import { serviceLinkedRoleTemplate, type DeletionStatus } from '../store/service-linked-roles.js'
import { toBoundary, type ActionContext } from './context.js'
import { attachable, attachedPolicies, boundaryPolicy, detach } from './managed-policies.js'
import { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker, pageMembers, pageOf } from './paging.js'
import { checkTags } from './tags.js'
import type { ActionNotes, IamActions } from './types.js'

/**
 * A role in AWS's shape, every member it has (the wire layer leaves out what a response does not
 * carry: CreateRole's Description, ListRoles' tags…). `RoleLastUsed` is always there, empty for a
 * role never used, as GetRole writes it; `Tags` only when it has some.
 */
export function toRole(ctx: ActionContext, role: RoleRecord): Role {
  const used = role.RoleLastUsed
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: ctx.store.roles.arn(role, ctx.partition),
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: role.AssumeRolePolicyDocument,
    ...(role.Description !== undefined && { Description: role.Description }),
    MaxSessionDuration: role.MaxSessionDuration,
    ...(role.PermissionsBoundary !== undefined && {
      PermissionsBoundary: toBoundary(role.PermissionsBoundary),
    }),
    ...(role.Tags.length > 0 && { Tags: role.Tags.map((tag) => ({ ...tag })) }),
    RoleLastUsed: used ? { LastUsedDate: used.LastUsedDate, Region: used.Region } : {},
    ...(role.SourceRoleTemplate && { SourceRoleTemplate: { ...role.SourceRoleTemplate } }),
  }
}

/** The role as a holder of managed policies. */
const holder = (role: RoleRecord): PolicyHolder => ({ type: 'role', id: role.RoleId, name: 'Role' })

/** The owner of a role's inline policies, for the generic inline-policy table. */
const owner = (role: RoleRecord) => ({ id: role.RoleId, name: role.RoleName })

/**
 * A role that the caller may change: not a service-linked one. @throws UnmodifiableEntity
 *
 * @note Documented for DeleteRole and UpdateAssumeRolePolicy; inferred for the role's inline
 * policies, attachments and boundary, which AWS says only the service may change.
 */
function modifiable(ctx: ActionContext, roleName: string): RoleRecord {
  const role = ctx.store.roles.get(roleName)
  ctx.store.roles.checkModifiable(role)
  return role
}

export const TAGS_PER_ROLE = 50

/** Tags merged case-insensitively, the newest spelling of a key winning (recorded). */
export function mergeTags(
  current: readonly { Key: string; Value: string }[],
  added: readonly { Key: string; Value: string }[],
  quota: string,
): { Key: string; Value: string }[] {
  checkTags(added)
  const merged = new Map(current.map((tag) => [tag.Key.toLowerCase(), tag]))
  for (const tag of added) merged.set(tag.Key.toLowerCase(), { Key: tag.Key, Value: tag.Value })
  // @note Inferred wording, as TagsPerUser's.
  if (merged.size > TAGS_PER_ROLE) {
    throw new IamError('LimitExceeded', `Cannot exceed quota for ${quota}: ${TAGS_PER_ROLE}`, 409)
  }
  return [...merged.values()]
}

/** Tags without the given keys (compared case-insensitively). */
export function withoutTags<T extends { Key: string }>(list: readonly T[], keys: string[]): T[] {
  const remove = new Set(keys.map((key) => key.toLowerCase()))
  return list.filter((tag) => !remove.has(tag.Key.toLowerCase()))
}

/** One page of a tag list, in the order the tags were added. */
export function tagPage(
  list: readonly { Key: string; Value: string }[],
  input: { Marker?: string; MaxItems?: number },
) {
  const page = pageOf(list, (tag) => tag.Key, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
  return { Tags: page.items.map((tag) => ({ ...tag })), ...pageMembers(page.marker) }
}

export const roleActions = {
  CreateRole(ctx, input) {
    const path = input.Path ?? '/'
    // IAM's sentence, as an SDK error quotes it (tilfin/aws-iam-policy-tool#9).
    if (path.startsWith(SERVICE_ROLE_PATH)) {
      throw new IamError(
        'InvalidInput',
        `Path prefix '${SERVICE_ROLE_PATH}' can only be used for AWS Service linked Roles`,
        400,
      )
    }
    const tags = input.Tags ?? []
    checkTags(tags)
    const boundary = input.PermissionsBoundary
    const boundaryKey = boundary === undefined ? undefined : boundaryPolicy(ctx, boundary).key
    const role = ctx.store.roles.create({
      RoleName: input.RoleName,
      Path: path,
      CreateDate: ctx.now,
      AssumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      Tags: tags,
      ...(input.Description !== undefined && { Description: input.Description }),
      ...(input.MaxSessionDuration !== undefined && {
        MaxSessionDuration: input.MaxSessionDuration,
      }),
      ...(boundaryKey !== undefined && {
        PermissionsBoundary: ctx.store.managedPolicies.arnOfKey(boundaryKey),
      }),
    })
    return { Role: toRole(ctx, role) }
  },

  GetRole(ctx, input) {
    return { Role: toRole(ctx, ctx.store.roles.get(input.RoleName)) }
  },

  ListRoles(ctx, input) {
    const cursor = input.Marker === undefined ? undefined : decodeMarker(input.Marker)
    const page = ctx.store.roles.list(
      input.PathPrefix ?? '/',
      cursor,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      Roles: page.items.map((role) => toRole(ctx, role)),
      ...pageMembers(page.next === undefined ? undefined : encodeMarker(page.next)),
    }
  },

  /** Only what is given changes: an UpdateRole with the name alone resets nothing (recorded). */
  UpdateRole(ctx, input) {
    const role = ctx.store.roles.get(input.RoleName)
    ctx.store.roles.update(role, {
      ...(input.Description !== undefined && { Description: input.Description }),
      ...(input.MaxSessionDuration !== undefined && {
        MaxSessionDuration: input.MaxSessionDuration,
      }),
    })
    return {}
  },

  UpdateRoleDescription(ctx, input) {
    const role = ctx.store.roles.get(input.RoleName)
    return {
      Role: toRole(ctx, ctx.store.roles.update(role, { Description: input.Description })),
    }
  },

  DeleteRole(ctx, input) {
    ctx.store.roles.delete(modifiable(ctx, input.RoleName))
  },

  UpdateAssumeRolePolicy(ctx, input) {
    const role = modifiable(ctx, input.RoleName)
    ctx.store.roles.checkTrustPolicy(input.PolicyDocument)
    ctx.store.roles.update(role, { AssumeRolePolicyDocument: input.PolicyDocument })
  },

  TagRole(ctx, input) {
    const role = ctx.store.roles.get(input.RoleName)
    ctx.store.roles.update(role, { Tags: mergeTags(role.Tags, input.Tags, 'TagsPerRole') })
  },

  /** Untagging a key the role does not have changes nothing (recorded). */
  UntagRole(ctx, input) {
    const role = ctx.store.roles.get(input.RoleName)
    ctx.store.roles.update(role, { Tags: withoutTags(role.Tags, input.TagKeys) })
  },

  ListRoleTags(ctx, input) {
    return tagPage(ctx.store.roles.get(input.RoleName).Tags, input)
  },

  PutRolePolicy(ctx, input) {
    const role = modifiable(ctx, input.RoleName)
    ctx.store.rolePolicies.put(owner(role), input.PolicyName, input.PolicyDocument)
  },

  GetRolePolicy(ctx, input) {
    const role = ctx.store.roles.get(input.RoleName)
    const policy = ctx.store.rolePolicies.get(role.RoleId, input.PolicyName)
    return {
      RoleName: role.RoleName,
      PolicyName: policy.PolicyName,
      PolicyDocument: policy.PolicyDocument,
    }
  },

  ListRolePolicies(ctx, input) {
    const role = ctx.store.roles.get(input.RoleName)
    const names = ctx.store.rolePolicies.names(role.RoleId)
    const page = pageOf(names, (name) => name, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
    return { PolicyNames: page.items, ...pageMembers(page.marker) }
  },

  DeleteRolePolicy(ctx, input) {
    const role = modifiable(ctx, input.RoleName)
    ctx.store.rolePolicies.delete(role.RoleId, input.PolicyName)
  },

  AttachRolePolicy(ctx, input) {
    const role = modifiable(ctx, input.RoleName)
    const policy = attachable(ctx, input.PolicyArn)
    ctx.store.managedPolicies.attach(holder(role), policy.key)
  },

  DetachRolePolicy(ctx, input) {
    const role = modifiable(ctx, input.RoleName)
    detach(ctx, holder(role), input.PolicyArn)
  },

  ListAttachedRolePolicies(ctx, input) {
    const role = ctx.store.roles.get(input.RoleName)
    return attachedPolicies(ctx, holder(role), input)
  },

  PutRolePermissionsBoundary(ctx, input) {
    const role = modifiable(ctx, input.RoleName)
    const policy = boundaryPolicy(ctx, input.PermissionsBoundary)
    ctx.store.roles.update(role, {
      PermissionsBoundary: ctx.store.managedPolicies.arnOfKey(policy.key),
    })
  },

  /** @note Inferred: deleting a boundary the role does not have succeeds, changing nothing. */
  DeleteRolePermissionsBoundary(ctx, input) {
    const role = modifiable(ctx, input.RoleName)
    ctx.store.roles.update(role, { PermissionsBoundary: undefined })
  },
} satisfies IamActions

export const roleNotes: ActionNotes<typeof roleActions> = {
  CreateRole:
    'trust policy checked with IAM’s trust grammar (a principal required, STS actions only, no resources; a user or role principal of the account must exist); `Path`, `Description`, `MaxSessionDuration` (3600–43200), `Tags`, `PermissionsBoundary`; `AROA…` ids; names unique case-insensitively; `/aws-service-role/` paths refused; the answer leaves out Description, MaxSessionDuration and RoleLastUsed, as AWS’s does',
  GetRole:
    '`MaxSessionDuration`, `RoleLastUsed` (the last request a session of the role signed), tags when it has some',
  ListRoles:
    '`PathPrefix`, paged; ordered by name, case-insensitively; no `Tags`, `RoleLastUsed` or `PermissionsBoundary`, as in AWS',
  UpdateRole: '`Description`, `MaxSessionDuration`; what is left out stays',
  UpdateRoleDescription: 'returns the role (without MaxSessionDuration and RoleLastUsed, as AWS)',
  DeleteRole:
    '`DeleteConflict` while the role is in an instance profile, has inline policies or attached managed policies; service-linked roles: `UnmodifiableEntity`',
  UpdateAssumeRolePolicy:
    'the trust grammar, as CreateRole; service-linked roles: `UnmodifiableEntity`',
  TagRole: 'up to 50 tags, keys unique case-insensitively (the newest spelling wins)',
  UntagRole: '',
  ListRoleTags: 'in the order they were added; paged',
  PutRolePolicy:
    'IAM’s policy grammar; a role’s inline policies together hold at most 10,240 non-whitespace characters',
  GetRolePolicy: 'the document URL-encoded, as IAM returns it',
  ListRolePolicies: 'names in name order, paged',
  DeleteRolePolicy:
    '`NoSuchEntity` `The role policy with name … cannot be found.` for a missing one',
  AttachRolePolicy:
    'the account’s policies and AWS’s; attaching twice changes nothing; at most 10 per role (`LimitExceeded`)',
  DetachRolePolicy: '`NoSuchEntity` `Policy … was not found.` for one not attached',
  ListAttachedRolePolicies: '`PathPrefix`, paged',
  PutRolePermissionsBoundary: 'as PutUserPermissionsBoundary, for roles',
  DeleteRolePermissionsBoundary: '',
}

/** The trust policy AWS writes for a service's linked role. */
function serviceTrust(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: service } }],
  })
}

export const serviceLinkedRoleActions = {
  CreateServiceLinkedRole(ctx, input) {
    const service = input.AWSServiceName
    const template = serviceLinkedRoleTemplate(service)
    const suffix = input.CustomSuffix
    if (suffix !== undefined && !template.suffixAllowed) {
      throw new IamError('InvalidInput', `Custom suffix is not allowed for ${service}`, 400)
    }
    const roleName = suffix === undefined ? template.roleName : `${template.roleName}_${suffix}`
    if (ctx.store.roles.find(roleName)) {
      throw new IamError(
        'InvalidInput',
        `Service role name ${roleName} has been taken in this account, please try a different suffix.`,
        400,
      )
    }
    const role = ctx.store.roles.create({
      RoleName: roleName,
      Path: `/aws-service-role/${service}/`,
      CreateDate: ctx.now,
      AssumeRolePolicyDocument: serviceTrust(service),
      ...(input.Description !== undefined && { Description: input.Description }),
    })
    if (template.policyKey !== undefined) {
      ctx.store.managedPolicies.attach(holder(role), template.policyKey)
    }
    return { Role: toRole(ctx, role) }
  },

  /**
   * The role is deleted at once (its service's policy detached); the task reports `SUCCEEDED`.
   *
   * @note Inferred: a role that is not service-linked is refused with InvalidInput; AWS's
   * answer is not recorded.
   */
  DeleteServiceLinkedRole(ctx, input) {
    const role = ctx.store.roles.get(input.RoleName)
    if (!ctx.store.roles.isServiceLinked(role)) {
      throw new IamError('InvalidInput', `Role ${role.RoleName} is not a service-linked role.`, 400)
    }
    for (const a of ctx.store.managedPolicies.attachedTo(holder(role))) {
      ctx.store.managedPolicies.detach(holder(role), a.PolicyKey)
    }
    const task = ctx.store.deletionTasks.start(role, ctx.now)
    ctx.store.roles.delete(role)
    return { DeletionTaskId: task.DeletionTaskId }
  },

  GetServiceLinkedRoleDeletionStatus(ctx, input) {
    const status: DeletionStatus = ctx.store.deletionTasks.status(input.DeletionTaskId, ctx.now)
    return { Status: status }
  },
} satisfies IamActions

export const serviceLinkedRoleNotes: ActionNotes<typeof serviceLinkedRoleActions> = {
  CreateServiceLinkedRole:
    'the name, path (`/aws-service-role/<service>/`), trust policy and attached AWS policy AWS creates, for the 71 recorded services; `CustomSuffix` where AWS accepts one (autoscaling, connect, lexv2); other `*.amazonaws.com` services get `AWSServiceRoleFor<Service>` and no policy',
  DeleteServiceLinkedRole:
    'deletes the role at once; `DeletionTaskId` `task/aws-service-role/<service>/<name>/<uuid>`',
  GetServiceLinkedRoleDeletionStatus:
    '`IN_PROGRESS` when first asked within the second of the deletion, `SUCCEEDED` after',
}
