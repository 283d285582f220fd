import { IamError } from '../errors.js'
import { policySize } from '../policy/size.js'
import { awsManagedPolicy, type AwsManagedPolicy } from './aws-managed-policies.js'
import type { Entity } from './entity.js'
import { date, document, identifier, tags, text, type Tag } from './fields.js'
import type { IamStore, Partition, StoreContext } from './store.js'
import { Table } from './table.js'

/** A customer managed policy (the account's own). */
export interface ManagedPolicyRecord {
  readonly PolicyId: string
  readonly PolicyName: string
  readonly Path: string
  readonly Description?: string
  readonly CreateDate: Date
  /** When the newest version was created (the creation date while there is one version). */
  readonly UpdateDate: Date
  readonly DefaultVersionId: string
  readonly Tags: readonly Tag[]
  /** The number of the next version: version ids are never reused. */
  readonly NextVersion: number
}

/** One version of a customer managed policy. */
export interface PolicyVersionRecord {
  readonly PolicyId: string
  readonly VersionId: string
  readonly Document: string
  readonly CreateDate: Date
}

/** What may hold a managed policy: a user, a group or a role, by id. */
export interface PolicyHolder {
  readonly type: 'user' | 'group' | 'role'
  readonly id: string
  /** For messages: `PoliciesPerUser`… */
  readonly name: string
}

/** One attachment of a managed policy to a user, a group or a role. */
export interface AttachmentRecord {
  readonly HolderType: PolicyHolder['type']
  readonly HolderId: string
  /** The policy: a customer policy's id, or `aws:` and an AWS managed policy's path and name. */
  readonly PolicyKey: string
}

/** A managed policy an ARN names: the account's own, or one of AWS's. */
export type ResolvedPolicy =
  | { readonly kind: 'local'; readonly key: string; readonly policy: ManagedPolicyRecord }
  | { readonly kind: 'aws'; readonly key: string; readonly policy: AwsManagedPolicy }

/** The parts of a managed-policy ARN: `arn:{partition}:iam::{account|aws}:policy{path}{name}`. */
export interface PolicyArn {
  readonly account: string
  readonly path: string
  readonly name: string
}

const POLICY_ARN = /^arn:[\w-]+:iam::(\d{12}|aws):policy(\/(?:[^/]+\/)*)([^/]+)$/
const ANY_ARN = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:.+$/

/** @returns undefined when `arn` does not name a managed policy. */
export function parsePolicyArn(arn: string): PolicyArn | undefined {
  const match = POLICY_ARN.exec(arn)
  return match ? { account: match[1]!, path: match[2]!, name: match[3]! } : undefined
}

/** Whether `text` has the form of an ARN at all (six colon-separated parts). */
export function isArn(text: string): boolean {
  return ANY_ARN.test(text)
}

/** The quotas of managed policies (AWS's defaults). */
export const MANAGED_POLICY_SIZE = 6144
export const VERSIONS_PER_POLICY = 5
export const POLICIES_PER_HOLDER = 10

export const policyErrors = {
  /** DeletePolicy, TagPolicy, the Detach… actions and GetPolicy: `Policy <arn> was not found.` */
  notFound: (arn: string) => new IamError('NoSuchEntity', `Policy ${arn} was not found.`, 404),
  notAttachable: (arn: string) =>
    new IamError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404),
  noSuchVersion: (arn: string, versionId: string) =>
    new IamError(
      'NoSuchEntity',
      `Policy ${arn} version ${versionId} does not exist or is not attachable.`,
      404,
    ),
  exists: (name: string) =>
    new IamError(
      'EntityAlreadyExists',
      `A policy called ${name} already exists. Duplicate names are not allowed.`,
      409,
    ),
  versionLimit: () =>
    new IamError(
      'LimitExceeded',
      `A managed policy can have up to ${VERSIONS_PER_POLICY} versions. Before you create a new version, you must delete an existing version.`,
      409,
    ),
  deleteDefaultVersion: () =>
    new IamError('DeleteConflict', 'Cannot delete the default version of a policy.', 409),
  deleteAttached: () =>
    new IamError('DeleteConflict', 'Cannot delete a policy attached to entities.', 409),
  /** @note AWS's sentence (moto and LocalStack carry the same); no recording shows it. */
  deleteVersions: () =>
    new IamError(
      'DeleteConflict',
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      409,
    ),
  size: () =>
    new IamError(
      'LimitExceeded',
      `Cannot exceed quota for PolicySize: ${MANAGED_POLICY_SIZE}`,
      409,
    ),
  /** AWS managed policies cannot be changed: `Cannot delete policies outside your own account.` */
  awsPolicy: (
    what: 'delete policies' | 'delete policy versions for policies' | 'update policies',
  ) => new IamError('AccessDenied', `Cannot ${what} outside your own account.`, 403),
  quota: (holder: PolicyHolder) =>
    new IamError(
      'LimitExceeded',
      `Cannot exceed quota for PoliciesPer${holder.name}: ${POLICIES_PER_HOLDER}`,
      409,
    ),
}

/**
 * Managed policies: the account's own (with their versions and tags), AWS's (read-only, from the
 * data), and what each is attached to. Names are unique under the dialect's case rule.
 */
export class ManagedPolicies {
  readonly table: Table<ManagedPolicyRecord>
  readonly versions: Table<PolicyVersionRecord>
  readonly attachments: Table<AttachmentRecord>

  /**
   * @param boundaryUses How many users and roles have the policy (by key) as their permissions
   * boundary: such a policy is attached too, for DeletePolicy.
   */
  constructor(
    private readonly ctx: StoreContext,
    private readonly boundaryUses: (key: string) => number,
  ) {
    this.table = new Table(ctx.log, {
      name: 'managed policies',
      id: (policy) => policy.PolicyId,
      unique: (policy) => ctx.nameKey(policy.PolicyName),
      order: { by: 'key', key: (policy) => ctx.nameKey(policy.PolicyName) },
    })
    this.versions = new Table(ctx.log, {
      name: 'policy versions',
      id: (version) => `${version.PolicyId}/${version.VersionId}`,
      group: (version) => version.PolicyId,
      order: { by: 'insertion' },
    })
    this.attachments = new Table(ctx.log, {
      name: 'attachments',
      id: (a) => `${a.HolderType}/${a.HolderId}/${a.PolicyKey}`,
      order: { by: 'insertion' },
      indexes: { holder: (a) => `${a.HolderType}/${a.HolderId}`, policy: (a) => a.PolicyKey },
    })
  }

  /** `arn:{partition}:iam::{account}:policy{path}{name}` */
  arn(policy: ManagedPolicyRecord, partition: Partition = this.ctx.config.partition): string {
    return `arn:${partition}:iam::${this.ctx.config.accountId}:policy${policy.Path}${policy.PolicyName}`
  }

  /** The ARN of a policy by its key (a customer policy's id, or an AWS policy's `aws:` key). */
  arnOfKey(key: string, partition: Partition = this.ctx.config.partition): string {
    if (key.startsWith('aws:')) return `arn:${partition}:iam::aws:policy${key.slice(4)}`
    return this.arn(this.table.get(key)!, partition)
  }

  /** The policy name behind a key. */
  nameOfKey(key: string): string {
    if (key.startsWith('aws:')) return key.slice(key.lastIndexOf('/') + 1)
    return this.table.get(key)!.PolicyName
  }

  /** The document of the default version of a policy, by its key. */
  defaultDocumentOfKey(key: string): string {
    if (key.startsWith('aws:')) return awsManagedPolicy(key.slice(4))!.Document
    const policy = this.table.get(key)!
    return this.version(policy.PolicyId, policy.DefaultVersionId)!.Document
  }

  /** The managed policy an ARN names, if it exists (in this account, or AWS's). */
  resolve(arn: string): ResolvedPolicy | undefined {
    const parts = parsePolicyArn(arn)
    if (!parts) return undefined
    if (parts.account === 'aws') {
      const key = `${parts.path}${parts.name}`
      const policy = awsManagedPolicy(key)
      return policy && { kind: 'aws', key: `aws:${key}`, policy }
    }
    if (parts.account !== this.ctx.config.accountId) return undefined
    const policy = this.table.find(this.ctx.nameKey(parts.name))
    // The path is part of the ARN: the same name under another path is another ARN.
    if (!policy || policy.Path !== parts.path || policy.PolicyName !== parts.name) return undefined
    return { kind: 'local', key: policy.PolicyId, policy }
  }

  /** The key of a policy a fixture attaches (see `attachmentEntity`). @throws NoSuchEntity */
  fixtureKey(arn: string): string {
    const parts = parsePolicyArn(arn)
    if (parts?.account === 'aws') return `aws:${parts.path}${parts.name}`
    return this.local(arn, policyErrors.notAttachable).PolicyId
  }

  /** The account's policy an ARN names. @throws the error `missing(arn)` makes when none does */
  local(arn: string, missing: (arn: string) => IamError): ManagedPolicyRecord {
    const found = this.resolve(arn)
    if (found?.kind === 'aws') throw missing(arn)
    if (!found) throw missing(arn)
    return found.policy
  }

  /** A fixture's policy: its record, then (`Document`) its one version; `Versions` come after. */
  createFromFixture(input: {
    PolicyName: string
    Path: string
    PolicyId?: string
    Description?: string
    CreateDate: Date
    Tags: Tag[]
    Document?: string
    DefaultVersionId?: string
  }): ManagedPolicyRecord {
    if (input.Document !== undefined) {
      const policy = this.create({ ...input, Document: input.Document })
      if (input.DefaultVersionId !== undefined && input.DefaultVersionId !== 'v1') {
        throw new IamError('InvalidInput', 'DefaultVersionId must be v1 with one Document.', 400)
      }
      return policy
    }
    const policy = this.insertPolicy(input)
    this.table.update(policy.PolicyId, {
      DefaultVersionId: input.DefaultVersionId ?? '',
      NextVersion: 1,
    })
    return this.table.get(policy.PolicyId)!
  }

  /** One of a fixture policy's `Versions`. */
  putFixtureVersion(
    policy: ManagedPolicyRecord,
    version: PolicyVersionRecord,
  ): PolicyVersionRecord {
    if (this.versions.has(`${policy.PolicyId}/${version.VersionId}`)) {
      throw new IamError('EntityAlreadyExists', `Version ${version.VersionId} appears twice.`, 409)
    }
    if (this.versions.countOf(policy.PolicyId) >= VERSIONS_PER_POLICY) {
      throw policyErrors.versionLimit()
    }
    this.checkDocument(version.Document)
    return this.versions.insert({ ...version, PolicyId: policy.PolicyId })
  }

  /** A fixture policy, once its versions are in: its default, next version and update date. */
  completeFixture(policy: ManagedPolicyRecord): void {
    const versions = this.versionsOf(policy.PolicyId)
    if (versions.length === 0) {
      throw new IamError('InvalidInput', 'A policy needs a Document or Versions.', 400)
    }
    const numbers = versions.map((v) => Number(v.VersionId.slice(1)))
    const newest = versions[numbers.indexOf(Math.max(...numbers))]!
    const current = this.table.get(policy.PolicyId)!
    const defaultVersionId = current.DefaultVersionId || newest.VersionId
    if (!versions.some((v) => v.VersionId === defaultVersionId)) {
      throw new IamError(
        'InvalidInput',
        `DefaultVersionId ${defaultVersionId} is not one of Versions.`,
        400,
      )
    }
    const updated = versions.reduce(
      (a, b) => (b.CreateDate > a ? b.CreateDate : a),
      current.CreateDate,
    )
    this.table.update(policy.PolicyId, {
      DefaultVersionId: defaultVersionId,
      NextVersion: Math.max(current.NextVersion, Math.max(...numbers) + 1),
      UpdateDate: updated,
    })
  }

  /** @throws EntityAlreadyExists, MalformedPolicyDocument, LimitExceeded (size) */
  create(input: {
    PolicyName: string
    Path: string
    Document: string
    Description?: string
    Tags?: readonly Tag[]
    CreateDate: Date
    PolicyId?: string
  }): ManagedPolicyRecord {
    this.checkDocument(input.Document)
    const policy = this.insertPolicy(input)
    this.versions.insert({
      PolicyId: policy.PolicyId,
      VersionId: 'v1',
      Document: input.Document,
      CreateDate: input.CreateDate,
    })
    return policy
  }

  private insertPolicy(input: {
    PolicyName: string
    Path: string
    Description?: string
    Tags?: readonly Tag[]
    CreateDate: Date
    PolicyId?: string
  }): ManagedPolicyRecord {
    if (this.table.find(this.ctx.nameKey(input.PolicyName)))
      throw policyErrors.exists(input.PolicyName)
    let policyId = input.PolicyId
    if (policyId === undefined) {
      do policyId = this.ctx.config.newPolicyId()
      while (this.table.has(policyId))
    } else if (this.table.has(policyId)) {
      throw new IamError('EntityAlreadyExists', `Policy with id ${policyId} already exists.`, 409)
    }
    return this.table.insert({
      PolicyId: policyId,
      PolicyName: input.PolicyName,
      Path: input.Path,
      Description: input.Description,
      CreateDate: input.CreateDate,
      UpdateDate: input.CreateDate,
      DefaultVersionId: 'v1',
      Tags: input.Tags ?? [],
      NextVersion: 2,
    })
  }

  /** The dialect's grammar and the managed-policy size quota. */
  checkDocument(document: string): void {
    this.ctx.config.checkPolicyDocument(document)
    if (policySize(document) > MANAGED_POLICY_SIZE) throw policyErrors.size()
  }

  /** Oldest first: by number, which is creation order (a fixture may list them in any order). */
  versionsOf(policyId: string): PolicyVersionRecord[] {
    const number = (v: PolicyVersionRecord) => Number(v.VersionId.slice(1))
    return [...this.versions.ofGroup(policyId)].sort((a, b) => number(a) - number(b))
  }

  version(policyId: string, versionId: string): PolicyVersionRecord | undefined {
    return this.versions.get(`${policyId}/${versionId}`)
  }

  /** @throws LimitExceeded at five versions, MalformedPolicyDocument, LimitExceeded (size) */
  addVersion(
    policy: ManagedPolicyRecord,
    document: string,
    setAsDefault: boolean,
    now: Date,
    versionId = `v${policy.NextVersion}`,
  ): PolicyVersionRecord {
    if (this.versions.countOf(policy.PolicyId) >= VERSIONS_PER_POLICY)
      throw policyErrors.versionLimit()
    this.checkDocument(document)
    const version = this.versions.insert({
      PolicyId: policy.PolicyId,
      VersionId: versionId,
      Document: document,
      CreateDate: now,
    })
    const number = Number(versionId.slice(1))
    this.table.update(policy.PolicyId, {
      UpdateDate: now,
      NextVersion: Math.max(policy.NextVersion, number + 1),
      ...(setAsDefault && { DefaultVersionId: versionId }),
    })
    return version
  }

  setDefault(policy: ManagedPolicyRecord, versionId: string): void {
    this.table.update(policy.PolicyId, { DefaultVersionId: versionId })
  }

  /** @throws DeleteConflict for the default version */
  deleteVersion(policy: ManagedPolicyRecord, versionId: string): void {
    if (policy.DefaultVersionId === versionId) throw policyErrors.deleteDefaultVersion()
    this.versions.delete(`${policy.PolicyId}/${versionId}`)
  }

  /**
   * @throws DeleteConflict while attached or set as a permissions boundary (AWS refuses both with
   * one sentence), or while it has versions other than the default
   */
  delete(policy: ManagedPolicyRecord): void {
    const key = policy.PolicyId
    if (this.attachments.countByIndex('policy', key) > 0 || this.boundaryUses(key) > 0) {
      throw policyErrors.deleteAttached()
    }
    if (this.versions.countOf(policy.PolicyId) > 1) throw policyErrors.deleteVersions()
    for (const version of this.versionsOf(policy.PolicyId)) {
      this.versions.delete(`${version.PolicyId}/${version.VersionId}`)
    }
    this.table.delete(policy.PolicyId)
  }

  setTags(policy: ManagedPolicyRecord, list: readonly Tag[]): void {
    this.table.update(policy.PolicyId, { Tags: list })
  }

  /** How many users, groups and roles a policy is attached to. */
  attachmentCount(key: string): number {
    return this.attachments.countByIndex('policy', key)
  }

  /** The attachments of a user, a group or a role, in the order they were made. */
  attachedTo(holder: Pick<PolicyHolder, 'type' | 'id'>): AttachmentRecord[] {
    return this.attachments.byIndex('holder', `${holder.type}/${holder.id}`)
  }

  /** What a policy is attached to, in the order the attachments were made. */
  holdersOf(key: string): AttachmentRecord[] {
    return this.attachments.byIndex('policy', key)
  }

  /** Attaching twice changes nothing, as in AWS. @throws LimitExceeded past the holder's quota */
  attach(holder: PolicyHolder, policyKey: string): void {
    const id = `${holder.type}/${holder.id}/${policyKey}`
    if (this.attachments.has(id)) return
    if (
      this.attachments.countByIndex('holder', `${holder.type}/${holder.id}`) >= POLICIES_PER_HOLDER
    ) {
      throw policyErrors.quota(holder)
    }
    this.attachments.insert({ HolderType: holder.type, HolderId: holder.id, PolicyKey: policyKey })
  }

  /** @returns false when the policy was not attached to the holder */
  detach(holder: Pick<PolicyHolder, 'type' | 'id'>, policyKey: string): boolean {
    const id = `${holder.type}/${holder.id}/${policyKey}`
    if (!this.attachments.has(id)) return false
    this.attachments.delete(id)
    return true
  }

  /** Whether a user, a group or a role has managed policies attached. */
  holds(holder: Pick<PolicyHolder, 'type' | 'id'>): boolean {
    return this.attachments.countByIndex('holder', `${holder.type}/${holder.id}`) > 0
  }
}

/** A policy's versions in fixtures: `Versions: [{ VersionId, Document, CreateDate }]`. */
const policyVersionEntity: Entity<PolicyVersionRecord, ManagedPolicyRecord, IamStore> = {
  fields: {
    VersionId: text('policyVersionIdType', { required: true }),
    Document: document({ required: true }),
    CreateDate: date(),
  },
  create: (values, policy, store) =>
    store.managedPolicies.putFixtureVersion(policy, values as unknown as PolicyVersionRecord),
  records: (store, policy) => [...store.managedPolicies.versionsOf(policy.PolicyId)].reverse(),
}

/**
 * Customer managed policies in fixtures: `Policies: [{ PolicyName, Document, … }]`, or with
 * `Versions` (and a `DefaultVersionId`, by default the newest) instead of one `Document`.
 */
export const managedPolicyEntity: Entity<ManagedPolicyRecord, undefined, IamStore> = {
  fields: {
    PolicyName: text('policyNameType', { required: true }),
    Path: text('policyPathType', { fallback: () => '/' }),
    PolicyId: identifier({ description: 'Default: a fresh ANPA… id.' }),
    Description: text('policyDescriptionType'),
    CreateDate: date(),
    Tags: tags(),
    Document: document({
      description: 'The policy document, as its one version (v1); or give Versions.',
    }),
    DefaultVersionId: text('policyVersionIdType', {
      description: 'Default: the newest of Versions.',
    }),
  },
  children: {
    Versions: { form: 'list', maxItems: VERSIONS_PER_POLICY, entity: policyVersionEntity as never },
  },
  errorsAt: 'PolicyName',
  create: (values, _parent, store) => store.managedPolicies.createFromFixture(values as never),
  complete: (policy, store) => store.managedPolicies.completeFixture(policy),
  records: (store) => store.managedPolicies.table.ofGroup(),
  viewExtras: (policy, store) => ({
    Arn: store.managedPolicies.arn(policy),
    AttachmentCount: store.managedPolicies.attachmentCount(policy.PolicyId),
  }),
}

/**
 * Managed policies attached to a user, a group or a role in fixtures: `AttachedPolicies: [arn, …]`.
 * The account's own policies must be among the fixture's `Policies`.
 *
 * @note An AWS managed policy is taken by its ARN: its data is loaded on the first request that
 * needs it, not when a fixture is loaded, so a name AWS does not have is not refused here.
 */
export function attachmentEntity<P>(
  holder: (parent: P) => PolicyHolder,
): Entity<{ PolicyArn: string }, P, IamStore> {
  return {
    fields: { PolicyArn: text('arnType', { required: true }) },
    create(values, parent, store) {
      const arn = values.PolicyArn as string
      store.managedPolicies.attach(holder(parent), store.managedPolicies.fixtureKey(arn))
      return { PolicyArn: arn }
    },
    records: (store, parent) =>
      store.managedPolicies
        .attachedTo(holder(parent))
        .map((a) => ({ PolicyArn: store.managedPolicies.arnOfKey(a.PolicyKey) })),
  }
}
