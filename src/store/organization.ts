import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { document, plain, text } from './fields.js'
import { bool } from './passwords.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'

/** The organization the account belongs to (a fixture's `Organization`). */
export interface OrganizationRecord {
  readonly id: 'organization'
  /** `o-…`, as Organizations names it. */
  readonly Id?: string
  /** Whether the account is the organization's management account, which SCPs never limit. */
  readonly ManagementAccount: boolean
}

/** A service control policy attached to the account. */
export interface ServiceControlPolicyRecord {
  readonly PolicyName: string
  /** `p-…`, as Organizations names it. */
  readonly PolicyId?: string
  readonly Document: string
}

/**
 * AWS's `FullAWSAccess`, the SCP Organizations attaches to every root, OU and account: an
 * organization whose fixture names no SCP has it alone.
 */
export const FULL_AWS_ACCESS: ServiceControlPolicyRecord = {
  PolicyName: 'FullAWSAccess',
  PolicyId: 'p-FullAWSAccess',
  Document: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  }),
}

/** Whether the account is in an organization, and the SCPs that apply to it. */
export class Organization {
  readonly table: Table<OrganizationRecord>
  readonly policies: Table<ServiceControlPolicyRecord>

  constructor(ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'organization',
      id: (organization) => organization.id,
      order: { by: 'insertion' },
    })
    this.policies = new Table(ctx.log, {
      name: 'service control policies',
      id: (policy) => policy.PolicyName,
      order: { by: 'insertion' },
    })
  }

  get record(): OrganizationRecord | undefined {
    return this.table.get('organization')
  }

  /**
   * The SCPs that limit the account's principals: none outside an organization or in its
   * management account; `FullAWSAccess` when the fixture attached none.
   */
  get serviceControlPolicies(): readonly ServiceControlPolicyRecord[] | undefined {
    const organization = this.record
    if (!organization || organization.ManagementAccount) return undefined
    const attached = this.policies.ofGroup()
    return attached.length > 0 ? attached : [FULL_AWS_ACCESS]
  }
}

/** An SCP in fixtures: `{ "PolicyName": "DenyLeaving", "Document": { … } }`. */
export const serviceControlPolicyEntity: Entity<ServiceControlPolicyRecord, unknown, IamStore> = {
  fields: {
    PolicyName: text('policyNameType', { required: true }),
    PolicyId: plain({ description: 'The SCP’s id, `p-…` (reported nowhere yet).' }),
    Document: document({ required: true }),
  },
  create: (values, _parent, store) => {
    const policy = values as unknown as ServiceControlPolicyRecord
    if (store.organization.policies.has(policy.PolicyName)) {
      // Organizations' own answer to a second policy of a name.
      throw new IamError(
        'DuplicatePolicyException',
        'A policy with the same name already exists.',
        400,
      )
    }
    return store.organization.policies.insert(policy)
  },
  records: (store) => store.organization.policies.ofGroup(),
}

/** The organization in fixtures: `Organization: { ServiceControlPolicies: [ … ] }`. */
export const organizationEntity: Entity<OrganizationRecord, undefined, IamStore> = {
  fields: {
    Id: plain({ description: 'The organization’s id, `o-…`.' }),
    ManagementAccount: bool({
      fallback: () => false,
      description: 'Whether the account is the management account (SCPs do not limit it).',
    }),
  },
  children: {
    ServiceControlPolicies: {
      form: 'list',
      entity: serviceControlPolicyEntity,
      description:
        'The SCPs that apply to the account, as one level (one must allow; a Deny in any refuses); default: FullAWSAccess alone.',
    },
  } as Entity<OrganizationRecord, undefined, IamStore>['children'],
  create: (values, _parent, store) =>
    store.organization.table.insert({ id: 'organization', ...values } as OrganizationRecord),
  records: (store) => {
    const organization = store.organization.record
    if (!organization) return []
    const { id: _id, ...fields } = organization
    return [fields as OrganizationRecord]
  },
}
