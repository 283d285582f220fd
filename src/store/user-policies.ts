import { IamError } from '../errors.js'
import { policySize } from '../policy/size.js'
import type { Entity } from './entity.js'
import { document, text } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'
import { ownerOf, type Owner, type UserRecord } from './users.js'

/** A user's inline policy. */
export interface UserPolicyRecord {
  /** The user's id. */
  readonly OwnerId: string
  readonly PolicyName: string
  readonly PolicyDocument: string
}

const idOf = (ownerId: string, policyName: string) => `${ownerId}/${policyName}`

/**
 * Users' inline policies, in the order they were first put (ListUserPolicies sorts them).
 *
 * @note Inferred: policy names are matched exactly (AWS documents their uniqueness per user, not
 * their case rule).
 */
export class UserPolicies {
  readonly table: Table<UserPolicyRecord>

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'user policies',
      id: (policy) => idOf(policy.OwnerId, policy.PolicyName),
      group: (policy) => policy.OwnerId,
      order: { by: 'insertion' },
    })
  }

  of(ownerId: string): UserPolicyRecord[] {
    return this.table.ofGroup(ownerId)
  }

  holds(ownerId: string): boolean {
    return this.table.countOf(ownerId) > 0
  }

  /**
   * Adds or replaces an inline policy. Checks, in order: root cannot have policies, the
   * dialect's grammar, the aggregate size quota (counting the replaced policy out).
   *
   * @throws UnmodifiableEntity, MalformedPolicyDocument, LimitExceeded
   */
  put(owner: Owner, policyName: string, policyDocument: string): UserPolicyRecord {
    if (owner.kind === 'root') throw IamError.rootPolicy(this.ctx.config.rootUserName ?? 'root')
    this.ctx.config.checkPolicyDocument(policyDocument)
    const quota = this.ctx.config.userPolicySizeQuota
    let total = policySize(policyDocument)
    for (const other of this.of(owner.id)) {
      if (other.PolicyName !== policyName) total += policySize(other.PolicyDocument)
    }
    if (total > quota) throw IamError.userPolicySizeQuota(quota, owner.user.UserName)
    const id = idOf(owner.id, policyName)
    if (this.table.has(id)) return this.table.update(id, { PolicyDocument: policyDocument })
    return this.table.insert({
      OwnerId: owner.id,
      PolicyName: policyName,
      PolicyDocument: policyDocument,
    })
  }

  /** @throws NoSuchEntity when the owner has no inline policy of that name. */
  get(owner: Owner, policyName: string): UserPolicyRecord {
    const policy = this.table.get(idOf(owner.id, policyName))
    if (!policy) throw IamError.noSuchUserPolicy(policyName)
    return policy
  }

  /** @throws NoSuchEntity when the owner has no inline policy of that name. */
  delete(owner: Owner, policyName: string): void {
    const policy = this.get(owner, policyName)
    this.table.delete(idOf(policy.OwnerId, policy.PolicyName))
  }
}

/** Inline policies in fixtures: `Users[].Policies: { name: document }`. */
export const userPolicyEntity: Entity<UserPolicyRecord, UserRecord | Owner, IamStore> = {
  fields: {
    PolicyName: text('policyNameType', { required: true }),
    PolicyDocument: document({ required: true }),
  },
  create: (values, parent, store) =>
    store.userPolicies.put(
      ownerOf(parent),
      values.PolicyName as string,
      values.PolicyDocument as string,
    ),
  records: (store, parent) => store.userPolicies.of(ownerOf(parent).id),
}
