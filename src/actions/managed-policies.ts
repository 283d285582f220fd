import type { AttachedPolicy, Policy, PolicyVersion } from '@aws-sdk/client-iam'
import { IamError } from '../errors.js'
import { awsManagedPolicy, awsManagedPolicyKeys } from '../store/aws-managed-policies.js'
import type { Tag } from '../store/fields.js'
import type { HolderEntry } from '../store/store.js'
import {
  isArn,
  parsePolicyArn,
  policyErrors,
  type ManagedPolicyRecord,
  type PolicyHolder,
  type ResolvedPolicy,
} from '../store/managed-policies.js'
import type { ActionContext } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import type { ActionNotes, IamActions } from './types.js'

/** A managed policy in AWS's shape (the wire layer leaves out what a response does not carry). */
export function toPolicy(ctx: ActionContext, resolved: ResolvedPolicy): Policy {
  const arn = arnOf(ctx, resolved)
  const common = {
    AttachmentCount: ctx.store.managedPolicies.attachmentCount(resolved.key),
    PermissionsBoundaryUsageCount: ctx.store.boundaryUsageCount(resolved.key),
    IsAttachable: true,
  }
  if (resolved.kind === 'aws') {
    const p = resolved.policy
    // @note AWS managed policies' descriptions are not in the data: they are left out.
    return {
      PolicyName: p.PolicyName,
      PolicyId: p.PolicyId,
      Arn: arn,
      Path: p.Path,
      DefaultVersionId: p.DefaultVersionId,
      ...common,
      CreateDate: p.CreateDate,
      UpdateDate: p.UpdateDate,
      Tags: [],
    }
  }
  const p = resolved.policy
  return {
    PolicyName: p.PolicyName,
    PolicyId: p.PolicyId,
    Arn: arn,
    Path: p.Path,
    DefaultVersionId: p.DefaultVersionId,
    ...common,
    ...(p.Description !== undefined && { Description: p.Description }),
    CreateDate: p.CreateDate,
    UpdateDate: p.UpdateDate,
    Tags: sortedTags(p.Tags),
  }
}

function arnOf(ctx: ActionContext, resolved: ResolvedPolicy): string {
  return ctx.store.managedPolicies.arnOfKey(resolved.key, ctx.partition)
}

/**
 * A policy's tags as AWS lists them: shorter keys first, then by character code (`a`, `b`, `z`,
 * `abc`; `A` before `a`: recorded).
 */
function sortedTags(list: readonly Tag[]): Tag[] {
  return [...list]
    .sort((a, b) => a.Key.length - b.Key.length || (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0))
    .map((tag) => ({ ...tag }))
}

/** The policy an ARN names, or the error `missing` makes of the ARN. */
export function resolvePolicy(
  ctx: ActionContext,
  arn: string,
  missing: (arn: string) => IamError,
): ResolvedPolicy {
  const found = ctx.store.managedPolicies.resolve(arn)
  if (!found) throw missing(arn)
  return found
}

/** The account's own policy an ARN names; AWS's answer `refused` (AccessDenied) for one of AWS's. */
function ownPolicy(
  ctx: ActionContext,
  arn: string,
  missing: (arn: string) => IamError,
  refused: Parameters<typeof policyErrors.awsPolicy>[0],
): ManagedPolicyRecord {
  if (parsePolicyArn(arn)?.account === 'aws') throw policyErrors.awsPolicy(refused)
  return resolvePolicy(ctx, arn, missing).policy as ManagedPolicyRecord
}

/**
 * A policy's versions, newest first; with `documents`, each with its document, as
 * GetAccountAuthorizationDetails lists them.
 *
 * @note The data holds only the default version's document of an AWS managed policy: its other
 * versions are listed without one.
 */
export function versionsOf(
  ctx: ActionContext,
  resolved: ResolvedPolicy,
  documents = false,
): PolicyVersion[] {
  const defaultId = resolved.policy.DefaultVersionId
  if (resolved.kind === 'aws') {
    return resolved.policy.Versions.map((v) => ({
      ...(documents && v.VersionId === defaultId && { Document: resolved.policy.Document }),
      VersionId: v.VersionId,
      IsDefaultVersion: v.VersionId === defaultId,
      CreateDate: v.CreateDate,
    }))
  }
  return ctx.store.managedPolicies
    .versionsOf(resolved.policy.PolicyId)
    .reverse()
    .map((v) => ({
      ...(documents && { Document: v.Document }),
      VersionId: v.VersionId,
      IsDefaultVersion: v.VersionId === defaultId,
      CreateDate: v.CreateDate,
    }))
}

/**
 * Every policy ListPolicies may list: the account's in name order, then AWS's in the order AWS
 * created them (recorded: Scope=AWS starts AdministratorAccess, PowerUserAccess, ReadOnlyAccess,
 * AWSCloudFormationReadOnlyAccess, CloudFrontFullAccess — created one second apart in 2015).
 *
 * @note Inferred: a policy just created is on the first page of an unscoped ListPolicies
 * (recorded, in an account with some 1,500 AWS policies), so the account's come first; their own
 * order is not recorded.
 */
export function allPolicies(ctx: ActionContext, scope: string): ResolvedPolicy[] {
  const name = (p: ResolvedPolicy) => p.policy.PolicyName.toLowerCase()
  const byName = (a: ResolvedPolicy, b: ResolvedPolicy) =>
    name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : a.key < b.key ? -1 : 1
  const local: ResolvedPolicy[] = []
  if (scope !== 'AWS') {
    for (const policy of ctx.store.managedPolicies.table.ofGroup()) {
      local.push({ kind: 'local', key: policy.PolicyId, policy })
    }
  }
  local.sort(byName)
  if (scope === 'Local') return local
  const aws: ResolvedPolicy[] = awsManagedPolicyKeys().map((key) => ({
    kind: 'aws',
    key: `aws:${key}`,
    policy: awsManagedPolicy(key)!,
  }))
  const created = (p: ResolvedPolicy) => p.policy.CreateDate.getTime()
  aws.sort((a, b) => created(a) - created(b) || byName(a, b))
  return [...local, ...aws]
}

const TAGS_PER_POLICY = 50

/** @throws InvalidInput for two tags of one key: policy tag keys are case-sensitive (recorded). */
function checkPolicyTags(tags: readonly Tag[]): void {
  if (new Set(tags.map((tag) => tag.Key)).size !== tags.length) {
    throw new IamError('InvalidInput', 'Duplicate tag keys found.', 400)
  }
}

export const managedPolicyActions = {
  CreatePolicy(ctx, input) {
    const tags = input.Tags ?? []
    checkPolicyTags(tags)
    const policy = ctx.store.managedPolicies.create({
      PolicyName: input.PolicyName,
      Path: input.Path ?? '/',
      Document: input.PolicyDocument,
      CreateDate: ctx.now,
      Tags: tags,
      ...(input.Description !== undefined && { Description: input.Description }),
    })
    const { Tags, ...rest } = toPolicy(ctx, { kind: 'local', key: policy.PolicyId, policy })
    // CreatePolicy returns Tags only when some were given (recorded).
    return { Policy: tags.length > 0 ? { ...rest, Tags: tags.map((t) => ({ ...t })) } : rest }
  },

  GetPolicy(ctx, input) {
    // @note Inferred: `Policy … was not found.`, as DeletePolicy answers.
    return { Policy: toPolicy(ctx, resolvePolicy(ctx, input.PolicyArn, policyErrors.notFound)) }
  },

  ListPolicies(ctx, input) {
    const prefix = input.PathPrefix ?? '/'
    const usage = input.PolicyUsageFilter
    const policies = allPolicies(ctx, input.Scope ?? 'All').filter((p) => {
      if (!p.policy.Path.startsWith(prefix)) return false
      const attached = ctx.store.managedPolicies.attachmentCount(p.key) > 0
      if (input.OnlyAttached && !attached) return false
      if (usage === 'PermissionsPolicy' && !attached) return false
      if (usage === 'PermissionsBoundary' && ctx.store.boundaryUsageCount(p.key) === 0) {
        return false
      }
      return true
    })
    const page = pageOf(policies, (p) => p.key, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
    return { Policies: page.items.map((p) => toPolicy(ctx, p)), ...pageMembers(page.marker) }
  },

  DeletePolicy(ctx, input) {
    const policy = ownPolicy(ctx, input.PolicyArn, policyErrors.notFound, 'delete policies')
    ctx.store.managedPolicies.delete(policy)
  },

  TagPolicy(ctx, input) {
    // @note Inferred: AWS's policies answer as SetDefaultPolicyVersion does.
    const policy = ownPolicy(ctx, input.PolicyArn, policyErrors.notFound, 'update policies')
    checkPolicyTags(input.Tags)
    const merged = new Map(policy.Tags.map((tag) => [tag.Key, tag]))
    for (const tag of input.Tags) merged.set(tag.Key, { Key: tag.Key, Value: tag.Value })
    // @note Inferred wording, as TagsPerUser's.
    if (merged.size > TAGS_PER_POLICY) {
      throw new IamError(
        'LimitExceeded',
        `Cannot exceed quota for TagsPerPolicy: ${TAGS_PER_POLICY}`,
        409,
      )
    }
    ctx.store.managedPolicies.setTags(policy, [...merged.values()])
  },

  UntagPolicy(ctx, input) {
    const policy = ownPolicy(ctx, input.PolicyArn, policyErrors.notFound, 'update policies')
    const remove = new Set(input.TagKeys)
    ctx.store.managedPolicies.setTags(
      policy,
      policy.Tags.filter((tag) => !remove.has(tag.Key)),
    )
  },

  ListPolicyTags(ctx, input) {
    const resolved = resolvePolicy(ctx, input.PolicyArn, policyErrors.notFound)
    const list = resolved.kind === 'local' ? sortedTags(resolved.policy.Tags) : []
    const page = pageOf(list, (tag) => tag.Key, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
    return { Tags: page.items, ...pageMembers(page.marker) }
  },

  ListEntitiesForPolicy(ctx, input) {
    const resolved = resolvePolicy(ctx, input.PolicyArn, policyErrors.notAttachable)
    const filter = input.EntityFilter
    const prefix = input.PathPrefix ?? '/'
    const usage = input.PolicyUsageFilter
    type Entry = HolderEntry
    const entries: Entry[] = []
    if (usage !== 'PermissionsBoundary') {
      for (const a of ctx.store.managedPolicies.holdersOf(resolved.key)) {
        const entry = ctx.store.holderEntry(a.HolderType, a.HolderId)
        if (entry) entries.push(entry)
      }
    }
    if (usage !== 'PermissionsPolicy') {
      for (const entry of ctx.store.boundaryHolders(resolved.key)) {
        if (!entries.some((e) => e.type === entry.type && e.id === entry.id)) entries.push(entry)
      }
    }
    const wanted = (type: Entry['type']) => filter === undefined || filter.toLowerCase() === type
    const kept = entries.filter((e) => wanted(e.type) && e.path.startsWith(prefix))
    const order: Entry['type'][] = ['group', 'user', 'role']
    kept.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))
    const page = pageOf(
      kept,
      (e) => `${e.type}/${e.id}`,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    const of = (type: Entry['type']) => page.items.filter((e) => e.type === type)
    return {
      PolicyGroups: of('group').map((e) => ({ GroupName: e.name, GroupId: e.id })),
      PolicyUsers: of('user').map((e) => ({ UserName: e.name, UserId: e.id })),
      PolicyRoles: of('role').map((e) => ({ RoleName: e.name, RoleId: e.id })),
      ...pageMembers(page.marker),
    }
  },

  CreatePolicyVersion(ctx, input) {
    const policy = ownPolicy(ctx, input.PolicyArn, policyErrors.notFound, 'update policies')
    const version = ctx.store.managedPolicies.addVersion(
      policy,
      input.PolicyDocument,
      input.SetAsDefault ?? false,
      ctx.now,
    )
    return {
      PolicyVersion: {
        VersionId: version.VersionId,
        IsDefaultVersion: input.SetAsDefault ?? false,
        CreateDate: version.CreateDate,
      },
    }
  },

  GetPolicyVersion(ctx, input) {
    const missing = (arn: string) => policyErrors.noSuchVersion(arn, input.VersionId)
    const resolved = resolvePolicy(ctx, input.PolicyArn, missing)
    if (resolved.kind === 'aws') {
      // @note The data keeps the default version's document only: an older version of an AWS
      // managed policy is listed (ListPolicyVersions) but cannot be read.
      if (resolved.policy.DefaultVersionId !== input.VersionId) throw missing(input.PolicyArn)
      return {
        PolicyVersion: {
          Document: resolved.policy.Document,
          VersionId: input.VersionId,
          IsDefaultVersion: true,
          CreateDate: resolved.policy.Versions.find((v) => v.VersionId === input.VersionId)
            ?.CreateDate,
        },
      }
    }
    const version = ctx.store.managedPolicies.version(resolved.policy.PolicyId, input.VersionId)
    if (!version) throw missing(input.PolicyArn)
    return {
      PolicyVersion: {
        Document: version.Document,
        VersionId: version.VersionId,
        IsDefaultVersion: version.VersionId === resolved.policy.DefaultVersionId,
        CreateDate: version.CreateDate,
      },
    }
  },

  ListPolicyVersions(ctx, input) {
    const resolved = resolvePolicy(ctx, input.PolicyArn, policyErrors.notFound)
    const versions = versionsOf(ctx, resolved)
    const page = pageOf(
      versions,
      (v) => v.VersionId!,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return { Versions: page.items, ...pageMembers(page.marker) }
  },

  DeletePolicyVersion(ctx, input) {
    const missing = (arn: string) => policyErrors.noSuchVersion(arn, input.VersionId)
    const policy = ownPolicy(ctx, input.PolicyArn, missing, 'delete policy versions for policies')
    if (!ctx.store.managedPolicies.version(policy.PolicyId, input.VersionId)) {
      throw missing(input.PolicyArn)
    }
    ctx.store.managedPolicies.deleteVersion(policy, input.VersionId)
  },

  SetDefaultPolicyVersion(ctx, input) {
    const missing = (arn: string) => policyErrors.noSuchVersion(arn, input.VersionId)
    const policy = ownPolicy(ctx, input.PolicyArn, missing, 'update policies')
    if (!ctx.store.managedPolicies.version(policy.PolicyId, input.VersionId)) {
      throw missing(input.PolicyArn)
    }
    ctx.store.managedPolicies.setDefault(policy, input.VersionId)
  },
} satisfies IamActions

export const managedPolicyNotes: ActionNotes<typeof managedPolicyActions> = {
  CreatePolicy:
    'IAM’s policy grammar; 6,144 non-whitespace characters (`LimitExceeded`); `ANPA…` ids; names unique case-insensitively; tag keys case-sensitive, as AWS’s',
  GetPolicy:
    'the account’s policies and AWS’s (their real default version and dates; no description); `AttachmentCount` and `PermissionsBoundaryUsageCount` in this account',
  ListPolicies:
    '`Scope` (`All`, `AWS`, `Local`), `OnlyAttached`, `PathPrefix`, `PolicyUsageFilter`, paged; the account’s policies by name, then AWS’s in the order AWS lists them',
  DeletePolicy:
    '`DeleteConflict` while attached or while it has versions other than the default; AWS’s policies: `AccessDenied`',
  TagPolicy: 'up to 50 tags; keys case-sensitive',
  UntagPolicy: '',
  ListPolicyTags: 'shorter keys first, then by character code, as AWS lists them; paged',
  ListEntitiesForPolicy: '`EntityFilter`, `PathPrefix`, `PolicyUsageFilter`, paged',
  CreatePolicyVersion: 'at most 5 versions; ids `v1`, `v2`… never reused; `SetAsDefault`',
  GetPolicyVersion:
    'the document URL-encoded, as IAM returns it; of AWS’s policies, the default version only',
  ListPolicyVersions: 'newest first; AWS’s policies: every version id and date',
  DeletePolicyVersion: '`DeleteConflict` for the default version',
  SetDefaultPolicyVersion: '',
}

// Attachments ---------------------------------------------------------------------------------

/** The policy an Attach… call names. @throws ValidationError for a text that is no ARN */
export function attachable(ctx: ActionContext, arn: string): ResolvedPolicy {
  if (!isArn(arn)) throw new IamError('ValidationError', `ARN ${arn} is not valid.`, 400)
  return resolvePolicy(ctx, arn, policyErrors.notAttachable)
}

/**
 * The policy a permissions boundary names.
 *
 * @throws InvalidInput for a text that is no policy ARN, NoSuchEntity (`Scope ARN: …`) for a
 * policy that does not exist (both recorded).
 */
export function boundaryPolicy(ctx: ActionContext, arn: string): ResolvedPolicy {
  if (!isArn(arn) || !parsePolicyArn(arn)) {
    throw new IamError('InvalidInput', `ARN ${arn} is not valid.`, 400)
  }
  return resolvePolicy(
    ctx,
    arn,
    (a) =>
      new IamError('NoSuchEntity', `Scope ARN: ${a} does not exist or is not attachable.`, 404),
  )
}

/** The managed policies attached to a holder, in AWS's shape, paged. */
export function attachedPolicies(
  ctx: ActionContext,
  holder: Pick<PolicyHolder, 'type' | 'id'>,
  input: { PathPrefix?: string; Marker?: string; MaxItems?: number },
): { AttachedPolicies: AttachedPolicy[]; IsTruncated: boolean; Marker?: string } {
  const prefix = input.PathPrefix ?? '/'
  const policies = ctx.store.managedPolicies
    .attachedTo(holder)
    .map((a) => ({
      key: a.PolicyKey,
      arn: ctx.store.managedPolicies.arnOfKey(a.PolicyKey, ctx.partition),
      name: ctx.store.managedPolicies.nameOfKey(a.PolicyKey),
    }))
    .filter((p) => (parsePolicyArn(p.arn)?.path ?? '/').startsWith(prefix))
  const page = pageOf(policies, (p) => p.key, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
  return {
    AttachedPolicies: page.items.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })),
    ...pageMembers(page.marker),
  }
}

/** Detaches a policy. @throws NoSuchEntity `Policy … was not found.` when it was not attached */
export function detach(ctx: ActionContext, holder: PolicyHolder, arn: string): void {
  const resolved = resolvePolicy(ctx, arn, policyErrors.notFound)
  if (!ctx.store.managedPolicies.detach(holder, resolved.key)) throw policyErrors.notFound(arn)
}

export const attachmentActions = {
  AttachUserPolicy(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    const policy = attachable(ctx, input.PolicyArn)
    ctx.store.managedPolicies.attach({ type: 'user', id: user.UserId, name: 'User' }, policy.key)
  },

  DetachUserPolicy(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    detach(ctx, { type: 'user', id: user.UserId, name: 'User' }, input.PolicyArn)
  },

  ListAttachedUserPolicies(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    return attachedPolicies(ctx, { type: 'user', id: user.UserId }, input)
  },

  AttachGroupPolicy(ctx, input) {
    const group = ctx.store.groups.get(input.GroupName)
    const policy = attachable(ctx, input.PolicyArn)
    ctx.store.managedPolicies.attach(
      { type: 'group', id: group.GroupId, name: 'Group' },
      policy.key,
    )
  },

  DetachGroupPolicy(ctx, input) {
    const group = ctx.store.groups.get(input.GroupName)
    detach(ctx, { type: 'group', id: group.GroupId, name: 'Group' }, input.PolicyArn)
  },

  ListAttachedGroupPolicies(ctx, input) {
    const group = ctx.store.groups.get(input.GroupName)
    return attachedPolicies(ctx, { type: 'group', id: group.GroupId }, input)
  },

  PutUserPermissionsBoundary(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    const policy = boundaryPolicy(ctx, input.PermissionsBoundary)
    ctx.store.users.update(user, {
      PermissionsBoundary: ctx.store.managedPolicies.arnOfKey(policy.key),
    })
  },

  /** @note Inferred: deleting a boundary the user does not have succeeds, changing nothing. */
  DeleteUserPermissionsBoundary(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    ctx.store.users.update(user, { PermissionsBoundary: undefined })
  },
} satisfies IamActions

export const attachmentNotes: ActionNotes<typeof attachmentActions> = {
  AttachUserPolicy:
    'the account’s policies and AWS’s; attaching twice changes nothing; at most 10 per user (`LimitExceeded`)',
  DetachUserPolicy: '`NoSuchEntity` `Policy … was not found.` for one not attached',
  ListAttachedUserPolicies: '`PathPrefix`, paged',
  AttachGroupPolicy: 'as AttachUserPolicy, for groups',
  DetachGroupPolicy: '',
  ListAttachedGroupPolicies: '`PathPrefix`, paged',
  PutUserPermissionsBoundary:
    'a managed policy of the account or of AWS (`InvalidInput` for an ARN that names none, `NoSuchEntity` for one that does not exist)',
  DeleteUserPermissionsBoundary: '',
}
