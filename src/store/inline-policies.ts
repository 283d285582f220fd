import { IamError } from '../errors.js'
import { policySize } from '../policy/size.js'
import type { Entity } from './entity.js'
import { document, text } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'

/** An inline policy of a user, a group or a role. */
export interface InlinePolicyRecord {
  /** The owner's id (`AIDA…`, `AGPA…`, `AROA…`). */
  readonly OwnerId: string
  readonly PolicyName: string
  readonly PolicyDocument: string
}

/** Whose inline policies a table holds, and the words IAM uses for them. */
export interface InlinePolicyKind {
  /** `user`, `group`, `role`: in `The user policy with name … cannot be found.` */
  readonly kind: 'user' | 'group' | 'role'
  /** The most non-whitespace characters an owner's inline policies may hold together. */
  readonly quota: number
}

/** The owner an inline-policy operation acts on: its id and its name (for messages). */
export interface PolicyOwner {
  readonly id: string
  readonly name: string
}

const idOf = (ownerId: string, policyName: string) => `${ownerId}/${policyName}`

/**
 * One kind of owner's inline policies, in the order they were first put (the List… actions sort
 * them by name).
 *
 * @note Inferred: policy names are matched exactly (AWS documents their uniqueness per owner, not
 * their case rule).
 */
export class InlinePolicies {
  readonly table: Table<InlinePolicyRecord>

  constructor(
    private readonly ctx: StoreContext,
    private readonly of_: InlinePolicyKind,
  ) {
    this.table = new Table(ctx.log, {
      name: `${of_.kind} policies`,
      id: (policy) => idOf(policy.OwnerId, policy.PolicyName),
      group: (policy) => policy.OwnerId,
      order: { by: 'insertion' },
    })
  }

  of(ownerId: string): InlinePolicyRecord[] {
    return this.table.ofGroup(ownerId)
  }

  /** The owner's policy names, in name order (code points), as the List… actions give them. */
  names(ownerId: string): string[] {
    return this.of(ownerId)
      .map((policy) => policy.PolicyName)
      .sort()
  }

  holds(ownerId: string): boolean {
    return this.table.countOf(ownerId) > 0
  }

  /**
   * Adds or replaces an inline policy. Checks the dialect's grammar, then the aggregate size quota
   * (counting the replaced policy out).
   *
   * @throws MalformedPolicyDocument, LimitExceeded
   */
  put(owner: PolicyOwner, policyName: string, policyDocument: string): InlinePolicyRecord {
    this.ctx.config.checkPolicyDocument(policyDocument)
    const { quota, kind } = this.of_
    let total = policySize(policyDocument)
    for (const other of this.of(owner.id)) {
      if (other.PolicyName !== policyName) total += policySize(other.PolicyDocument)
    }
    if (total > quota) throw IamError.inlinePolicySizeQuota(quota, kind, owner.name)
    const id = idOf(owner.id, policyName)
    if (this.table.has(id)) return this.table.update(id, { PolicyDocument: policyDocument })
    return this.table.insert({
      OwnerId: owner.id,
      PolicyName: policyName,
      PolicyDocument: policyDocument,
    })
  }

  /** @throws NoSuchEntity when the owner has no inline policy of that name. */
  get(ownerId: string, policyName: string): InlinePolicyRecord {
    const policy = this.table.get(idOf(ownerId, policyName))
    if (!policy) throw IamError.noSuchInlinePolicy(this.of_.kind, policyName)
    return policy
  }

  /** @throws NoSuchEntity when the owner has no inline policy of that name. */
  delete(ownerId: string, policyName: string): void {
    const policy = this.get(ownerId, policyName)
    this.table.delete(idOf(policy.OwnerId, policy.PolicyName))
  }
}

/**
 * Inline policies in fixtures: `Policies: { name: document }` under their owner (the entity that
 * nests them says whose, through `owner`).
 */
export function inlinePolicyEntity<P>(
  policies: (store: IamStore) => InlinePolicies,
  owner: (parent: P, store: IamStore) => PolicyOwner,
): Entity<InlinePolicyRecord, P, IamStore> {
  return {
    fields: {
      PolicyName: text('policyNameType', { required: true }),
      PolicyDocument: document({ required: true }),
    },
    create: (values, parent, store) =>
      policies(store).put(
        owner(parent, store),
        values.PolicyName as string,
        values.PolicyDocument as string,
      ),
    records: (store, parent) => policies(store).of(owner(parent, store).id),
  }
}
