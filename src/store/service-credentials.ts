import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { custom, date, fail, nonEmpty, text } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'
import type { UserRecord } from './users.js'

export type ServiceCredentialStatus = 'Active' | 'Inactive' | 'Expired'

/** A user's password for one AWS service (CodeCommit's Git over HTTPS, Keyspaces). */
export interface ServiceCredentialRecord {
  readonly ServiceSpecificCredentialId: string
  readonly UserId: string
  readonly ServiceName: string
  /** `<user name at creation>-at-<account>`: it keeps the old name when the user is renamed. */
  readonly ServiceUserName: string
  readonly ServicePassword: string
  readonly Status: ServiceCredentialStatus
  readonly CreateDate: Date
}

/**
 * The services IAM issues service-specific credentials for (recorded: these two answer, and a
 * real service without such credentials, lambda, is refused).
 *
 * @note Bedrock's API keys (`bedrock.amazonaws.com`, with `CredentialAgeDays`) are not
 * modelled yet: they answer as an unsupported service.
 */
export const CREDENTIAL_SERVICES: readonly string[] = [
  'codecommit.amazonaws.com',
  'cassandra.amazonaws.com',
]

/** How many credentials a user may have for one service (AWS's quota). */
export const CREDENTIALS_PER_SERVICE = 2

const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

export const serviceCredentialErrors = {
  /** Recorded (Create and List). */
  noSuchService: (service: string) =>
    new IamError(
      'NoSuchEntity',
      `No such service ${service} is supported for Service Specific Credentials`,
      404,
    ),
  /** Recorded (Update, Reset and Delete); another user's credential is as unknown. */
  notFound: (id: string) => new IamError('NoSuchEntity', `No such credential ${id} exists`, 404),
  /** @note Inferred wording, as AWS words its other per-user quotas. */
  quota: () =>
    new IamError(
      'LimitExceeded',
      `Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${CREDENTIALS_PER_SERVICE}`,
      409,
    ),
}

/** @throws NoSuchEntity for a service IAM issues no credentials for */
export function checkCredentialService(service: string): void {
  if (!CREDENTIAL_SERVICES.includes(service)) throw serviceCredentialErrors.noSuchService(service)
}

/** Users' service-specific credentials, oldest first per user. */
export class ServiceCredentials {
  readonly table: Table<ServiceCredentialRecord>

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'service-specific credentials',
      id: (credential) => credential.ServiceSpecificCredentialId,
      group: (credential) => credential.UserId,
      order: { by: 'insertion' },
    })
  }

  of(userId: string): ServiceCredentialRecord[] {
    return this.table.ofGroup(userId)
  }

  /** Every user's, oldest first. */
  all(): ServiceCredentialRecord[] {
    return this.table.all()
  }

  /** The user's credential with that id: another user's is as missing as an unknown one. */
  owned(user: UserRecord | undefined, id: string): ServiceCredentialRecord {
    const credential = this.table.get(id)
    if (!credential || credential.UserId !== user?.UserId)
      throw serviceCredentialErrors.notFound(id)
    return credential
  }

  /** @throws NoSuchEntity (service), LimitExceeded */
  create(
    user: UserRecord,
    input: {
      ServiceName: string
      CreateDate: Date
      ServiceSpecificCredentialId?: string
      ServiceUserName?: string
      ServicePassword?: string
      Status?: ServiceCredentialStatus
    },
  ): ServiceCredentialRecord {
    checkCredentialService(input.ServiceName)
    const same = this.of(user.UserId).filter((c) => c.ServiceName === input.ServiceName)
    if (same.length >= CREDENTIALS_PER_SERVICE) throw serviceCredentialErrors.quota()
    let id = input.ServiceSpecificCredentialId
    if (id === undefined) {
      do id = this.ctx.config.newUniqueId('ACCA', 21)
      while (this.table.has(id))
    } else if (this.table.has(id)) {
      throw new IamError('EntityAlreadyExists', `Credential ${id} already exists.`, 409)
    }
    return this.table.insert({
      ServiceSpecificCredentialId: id,
      UserId: user.UserId,
      ServiceName: input.ServiceName,
      ServiceUserName: input.ServiceUserName ?? `${user.UserName}-at-${this.ctx.config.accountId}`,
      ServicePassword: input.ServicePassword ?? this.newPassword(),
      Status: input.Status ?? 'Active',
      CreateDate: input.CreateDate,
    })
  }

  /** A new password; the status stays as it was (recorded). */
  reset(credential: ServiceCredentialRecord): ServiceCredentialRecord {
    return this.table.update(credential.ServiceSpecificCredentialId, {
      ServicePassword: this.newPassword(),
    })
  }

  setStatus(credential: ServiceCredentialRecord, status: ServiceCredentialStatus): void {
    this.table.update(credential.ServiceSpecificCredentialId, { Status: status })
  }

  delete(credential: ServiceCredentialRecord): void {
    this.table.delete(credential.ServiceSpecificCredentialId)
  }

  /**
   * @note Inferred: 44 base64 characters ending in `=`, as CodeCommit's generated passwords
   * look; the recordings blank them.
   */
  private newPassword(): string {
    return `${this.ctx.config.newSecret(PASSWORD_ALPHABET, 43)}=`
  }
}

/** Service-specific credentials in fixtures: under `Users[].ServiceSpecificCredentials`. */
export const serviceCredentialEntity: Entity<ServiceCredentialRecord, UserRecord, IamStore> = {
  fields: {
    ServiceName: custom(
      { required: true },
      (raw, path) => {
        if (typeof raw !== 'string' || !CREDENTIAL_SERVICES.includes(raw)) {
          fail(path, `must be one of ${CREDENTIAL_SERVICES.join(', ')}`)
        }
        return raw
      },
      { enum: CREDENTIAL_SERVICES, description: 'The service the credential is for.' },
    ),
    ServiceSpecificCredentialId: text('serviceSpecificCredentialId', {
      description: 'Default: a fresh ACCA… id.',
    }),
    ServiceUserName: text('serviceUserName', {
      description: 'Default: `<UserName>-at-<AccountId>`.',
    }),
    ServicePassword: nonEmpty({ secret: true, description: 'Default: a fresh one.' }),
    Status: text('statusType', { fallback: () => 'Active' }),
    CreateDate: date(),
  },
  create: (values, user, store) =>
    store.serviceCredentials.create(
      user,
      values as unknown as Parameters<ServiceCredentials['create']>[1],
    ),
  records: (store, user) => store.serviceCredentials.of(user.UserId),
}
