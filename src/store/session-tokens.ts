import type { Tag } from './fields.js'
import type { Partition, StoreContext } from './store.js'
import { Table } from './table.js'

/**
 * Temporary credentials a user (or the root) got from STS for itself: GetSessionToken's (which
 * act as that user) and GetFederationToken's (which act as a federated user of the account).
 */
export interface SessionTokenRecord {
  readonly AccessKeyId: string
  readonly SecretAccessKey: string
  readonly SessionToken: string
  readonly Expiration: Date
  /** GetSessionToken's (the user itself) or GetFederationToken's (a federated user). */
  readonly Kind: 'session' | 'federated'
  /** The user (or root) whose long-term key asked for them. */
  readonly OwnerId: string
  /** The federated user's name (GetFederationToken's `Name`). */
  readonly FederatedName?: string
  /** Whether the request passed an MFA code (`aws:MultiFactorAuthPresent`). */
  readonly MfaAuthenticated: boolean
  readonly Tags: readonly Tag[]
  /** GetFederationToken's session policies (`Policy`, `PolicyArns`), as given. */
  readonly Policy?: string
  readonly PolicyArns?: readonly string[]
}

/** GetSessionToken's and GetFederationToken's credentials, by access key id. */
export class SessionTokens {
  readonly table: Table<SessionTokenRecord>

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'session tokens',
      id: (token) => token.AccessKeyId,
      order: { by: 'insertion' },
    })
  }

  find(accessKeyId: string): SessionTokenRecord | undefined {
    return this.table.get(accessKeyId)
  }

  add(record: SessionTokenRecord): SessionTokenRecord {
    return this.table.insert(record)
  }

  /** `arn:{partition}:sts::{account}:federated-user/{name}` */
  federatedArn(name: string, partition: Partition = this.ctx.config.partition): string {
    return `arn:${partition}:sts::${this.ctx.config.accountId}:federated-user/${name}`
  }
}
