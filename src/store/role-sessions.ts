import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { custom, date, fail, identifier, nonEmpty, plain, tags, text, type Tag } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'

/**
 * Temporary credentials of an assumed role (`ASIA…`), as a fixture seeds them: they sign requests
 * as the role session but own nothing IAM lists.
 */
export interface RoleSessionRecord {
  readonly AccessKeyId: string
  readonly SecretAccessKey: string
  readonly SessionToken: string
  /** `arn:aws:iam::123456789012:role/path/Name`. */
  readonly RoleArn: string
  /** The role's unique id, `AROA…`. */
  readonly RoleId: string
  readonly RoleSessionName: string
  /** When the credentials stop working (with signature verification); absent: never. */
  readonly Expiration?: Date
  /** The session tags the session was given (AssumeRole's `Tags`, and those passed on to it). */
  readonly Tags?: readonly Tag[]
  /** The keys of `Tags` that pass on to a role this session assumes (role chaining). */
  readonly TransitiveTagKeys?: readonly string[]
  readonly SourceIdentity?: string
  /** Whether the session was made with MFA (`aws:MultiFactorAuthPresent`). */
  readonly MfaAuthenticated?: boolean
  /** Whether a role session assumed it (role chaining: at most an hour). */
  readonly Chained?: boolean
  /** The session policy it was given (checked and counted, not yet applied). */
  readonly Policy?: string
  /** The managed policy ARNs it was given as session policies. */
  readonly PolicyArns?: readonly string[]
}

export class RoleSessions {
  readonly table: Table<RoleSessionRecord>

  constructor(
    private readonly ctx: StoreContext,
    private readonly takenElsewhere: (accessKeyId: string) => boolean,
    /** The id of the role an ARN names, when the store has that role. */
    private readonly roleIdOf: (roleArn: string) => string | undefined = () => undefined,
  ) {
    this.table = new Table(ctx.log, {
      name: 'role sessions',
      id: (session) => session.AccessKeyId,
      order: { by: 'insertion' },
    })
  }

  /** The role session whose temporary access key id this is. */
  find(accessKeyId: string): RoleSessionRecord | undefined {
    return this.table.get(accessKeyId)
  }

  has(accessKeyId: string): boolean {
    return this.table.has(accessKeyId)
  }

  /** @throws EntityAlreadyExists when the access key id is already taken by a key or a session. */
  add(session: Omit<RoleSessionRecord, 'RoleId'> & { RoleId?: string }): RoleSessionRecord {
    if (this.table.has(session.AccessKeyId) || this.takenElsewhere(session.AccessKeyId)) {
      throw new IamError(
        'EntityAlreadyExists',
        `Access key ${session.AccessKeyId} already exists.`,
        409,
      )
    }
    const known = this.roleIdOf(session.RoleArn)
    if (known !== undefined && session.RoleId !== undefined && session.RoleId !== known) {
      throw new IamError(
        'InvalidInput',
        `RoleId ${session.RoleId} is not the id of the role ${session.RoleArn} (${known}).`,
      )
    }
    const roleId = session.RoleId ?? known ?? this.ctx.config.newRoleId()
    return this.table.insert({ ...session, RoleId: roleId })
  }

  /** `arn:{partition}:sts::{account}:assumed-role/{role name}/{session name}` */
  arn(session: RoleSessionRecord, partition = this.ctx.config.partition): string {
    const roleName = session.RoleArn.slice(session.RoleArn.lastIndexOf('/') + 1)
    return `arn:${partition}:sts::${this.ctx.config.accountId}:assumed-role/${roleName}/${session.RoleSessionName}`
  }
}

const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\u0021-\u007E]+\/)?[\w+=,.@-]{1,64}$/

/** Role sessions in fixtures: `RoleSessions: [{ AccessKeyId, …, RoleArn, RoleSessionName }]`. */
export const roleSessionEntity: Entity<RoleSessionRecord, undefined, IamStore> = {
  fields: {
    AccessKeyId: text('accessKeyIdType', {
      required: true,
      description: 'The temporary access key id, conventionally ASIA….',
    }),
    SecretAccessKey: nonEmpty({ required: true, secret: true }),
    SessionToken: nonEmpty({
      required: true,
      secret: true,
      description:
        'Must accompany every request (X-Amz-Security-Token) when signatures are verified.',
    }),
    RoleArn: custom(
      { required: true },
      (raw, path, ctx) => {
        const match = typeof raw === 'string' ? ROLE_ARN.exec(raw) : null
        if (!match) fail(path, 'must be a role ARN such as arn:aws:iam::123456789012:role/Name')
        if (match[2] !== ctx.accountId) {
          fail(path, `is in account ${match[2]}, but this mock serves account ${ctx.accountId}`)
        }
        return raw as string
      },
      { type: 'string', pattern: ROLE_ARN.source.replace('(\\d{12})', '\\d{12}') },
    ),
    RoleSessionName: custom(
      { required: true },
      (raw, path) => {
        if (typeof raw !== 'string' || !/^[\w+=,.@-]{2,64}$/.test(raw)) {
          fail(path, 'must be 2 to 64 letters, digits or +=,.@_- characters')
        }
        return raw
      },
      { type: 'string', pattern: '^[\\w+=,.@-]{2,64}$' },
    ),
    RoleId: identifier({ description: "The role's unique id, AROA…; default: a fresh one." }),
    Expiration: date({
      fallback: undefined,
      description: 'When the credentials expire (refused after it with verifySignatures).',
    }),
    Tags: tags({ fallback: undefined, description: 'Session tags.' }),
    TransitiveTagKeys: stringList('tag keys'),
    SourceIdentity: plain(),
    Policy: plain({ description: 'The session policy (AssumeRole’s Policy), as given.' }),
    PolicyArns: stringList(
      'managed policy ARNs',
      'The session’s managed policy ARNs (PolicyArns).',
    ),
    MfaAuthenticated: custom<boolean>(
      {},
      (raw, path) => {
        if (typeof raw !== 'boolean') fail(path, 'must be true or false')
        return raw
      },
      { type: 'boolean' },
    ),
    Chained: custom<boolean>(
      {},
      (raw, path) => {
        if (typeof raw !== 'boolean') fail(path, 'must be true or false')
        return raw
      },
      { type: 'boolean', description: 'Whether a role session assumed it (role chaining).' },
    ),
  },
  errorsAt: 'AccessKeyId',
  create: (values, _parent, store) =>
    store.sessions.add(values as unknown as Omit<RoleSessionRecord, 'RoleId'>),
  records: (store) => store.sessions.table.ofGroup(),
}

/** A fixture field holding a list of strings. */
function stringList(what: string, description?: string) {
  return custom<readonly string[]>(
    {},
    (raw, path) => {
      if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) {
        fail(path, `must be an array of ${what}`)
      }
      return raw as string[]
    },
    { type: 'array', items: { type: 'string' }, ...(description && { description }) },
  )
}
