import { IamError } from '../errors.js'
import { checkTrustPolicyDocument } from '../policy/trust-grammar.js'
import type { Entity } from './entity.js'
import {
  custom,
  date,
  document,
  fail,
  identifier,
  integer,
  plain,
  record,
  tags,
  text,
  type Tag,
} from './fields.js'
import type { IamStore, Partition, StoreContext } from './store.js'
import { Table } from './table.js'

/** An IAM role, under AWS's member names. */
export interface RoleRecord {
  readonly RoleId: string
  readonly RoleName: string
  readonly Path: string
  readonly CreateDate: Date
  /** The trust policy, as the caller wrote it. */
  readonly AssumeRolePolicyDocument: string
  readonly Description?: string
  readonly MaxSessionDuration: number
  readonly Tags: readonly Tag[]
  /** The managed-policy ARN set as the role's permissions boundary. */
  readonly PermissionsBoundary?: string
  /** The last request a session of the role signed that the mock accepted. */
  readonly RoleLastUsed?: { readonly LastUsedDate: Date; readonly Region: string }
  /** The role template (and its minor version) AcquireRole made the role from. */
  readonly SourceRoleTemplate?: {
    readonly TemplateArn: string
    readonly TemplateMinorVersion: number
  }
}

export interface NewRole {
  readonly RoleName: string
  readonly Path: string
  readonly CreateDate: Date
  readonly AssumeRolePolicyDocument: string
  readonly Description?: string
  readonly MaxSessionDuration?: number
  readonly Tags?: readonly Tag[]
  readonly PermissionsBoundary?: string
  readonly RoleLastUsed?: RoleRecord['RoleLastUsed']
  readonly RoleId?: string
  readonly SourceRoleTemplate?: RoleRecord['SourceRoleTemplate']
}

/** The path every service-linked role lives under: `/aws-service-role/<service>/`. */
export const SERVICE_ROLE_PATH = '/aws-service-role/'
export const DEFAULT_MAX_SESSION_DURATION = 3600

export const roleErrors = {
  noSuchRole: (name: string) =>
    new IamError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404),
  exists: (name: string) =>
    new IamError('EntityAlreadyExists', `Role with name ${name} already exists.`, 409),
  /**
   * DeleteRole, UpdateAssumeRolePolicy… on a service-linked role.
   *
   * @note IAM's sentence, as AWS CLI output quotes it for Identity Center's protected roles; the
   * recordings do not show it.
   */
  protected: (name: string) =>
    new IamError(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`,
      400,
    ),
}

/** Something that refuses a role's deletion while it holds anything of the role's. */
export interface RoleDependent {
  holds(roleId: string): boolean
  readonly conflict: () => IamError
}

/** The account's roles: names unique under the dialect's case rule, paged by name. */
export class Roles {
  readonly table: Table<RoleRecord>
  /** Checked in order by `delete`: the first that holds something names the conflict. */
  readonly dependents: RoleDependent[] = []

  /**
   * @param principalExists whether a user or role ARN of this account exists, for trust policies
   * (IAM refuses a principal it cannot resolve).
   */
  constructor(
    private readonly ctx: StoreContext,
    private readonly principalExists: (arn: string) => boolean,
  ) {
    this.table = new Table(ctx.log, {
      name: 'roles',
      id: (role) => role.RoleId,
      unique: (role) => ctx.nameKey(role.RoleName),
      order: { by: 'key', key: (role) => ctx.nameKey(role.RoleName) },
      indexes: { boundary: (role) => role.PermissionsBoundary },
    })
  }

  find(roleName: string): RoleRecord | undefined {
    return this.table.find(this.ctx.nameKey(roleName))
  }

  /** @throws NoSuchEntity */
  get(roleName: string): RoleRecord {
    const role = this.find(roleName)
    if (!role) throw roleErrors.noSuchRole(roleName)
    return role
  }

  byId(roleId: string): RoleRecord | undefined {
    return this.table.get(roleId)
  }

  /** The role an ARN names (its path and name exactly), if it exists. */
  byArn(arn: string): RoleRecord | undefined {
    const match = /^arn:[\w-]+:iam::(\d{12}):role(\/(?:.*\/)?)([^/]+)$/.exec(arn)
    if (!match || match[1] !== this.ctx.config.accountId) return undefined
    const role = this.find(match[3]!)
    return role && role.Path === match[2] && role.RoleName === match[3] ? role : undefined
  }

  /** The roles whose permissions boundary is the policy `arn`, oldest first. */
  withBoundary(arn: string): RoleRecord[] {
    return this.table.byIndex('boundary', arn)
  }

  /** Whether a role is service-linked (AWS creates and deletes it; IAM protects it). */
  isServiceLinked(role: RoleRecord): boolean {
    return role.Path.startsWith(SERVICE_ROLE_PATH)
  }

  /** @throws UnmodifiableEntity for a service-linked role */
  checkModifiable(role: RoleRecord): void {
    if (this.isServiceLinked(role)) throw roleErrors.protected(role.RoleName)
  }

  /** The trust-policy grammar, principals resolved against this account. */
  checkTrustPolicy(document: string): void {
    checkTrustPolicyDocument(document, (arn) => {
      const account = /^arn:[\w-]+:iam::(\d{12}):/.exec(arn)?.[1]
      return account === this.ctx.config.accountId ? this.principalExists(arn) : undefined
    })
  }

  /** @throws EntityAlreadyExists, MalformedPolicyDocument (the trust policy) */
  create(input: NewRole): RoleRecord {
    if (this.find(input.RoleName)) throw roleErrors.exists(input.RoleName)
    this.checkTrustPolicy(input.AssumeRolePolicyDocument)
    let roleId = input.RoleId
    if (roleId === undefined) {
      do roleId = this.ctx.config.newRoleId()
      while (this.table.has(roleId))
    } else if (this.table.has(roleId)) {
      throw new IamError('EntityAlreadyExists', `Role with id ${roleId} already exists.`, 409)
    }
    return this.table.insert({
      RoleId: roleId,
      RoleName: input.RoleName,
      Path: input.Path,
      CreateDate: input.CreateDate,
      AssumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      Description: input.Description,
      MaxSessionDuration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
      Tags: input.Tags ?? [],
      PermissionsBoundary: input.PermissionsBoundary,
      RoleLastUsed: input.RoleLastUsed,
      ...(input.SourceRoleTemplate && { SourceRoleTemplate: input.SourceRoleTemplate }),
    })
  }

  update(
    role: RoleRecord,
    change: Partial<
      Pick<
        RoleRecord,
        | 'Description'
        | 'MaxSessionDuration'
        | 'Tags'
        | 'PermissionsBoundary'
        | 'AssumeRolePolicyDocument'
        | 'RoleLastUsed'
      >
    >,
  ): RoleRecord {
    return this.table.update(role.RoleId, change)
  }

  /** Records a request a session of the role signed and the mock accepted. */
  used(roleId: string, lastUsed: NonNullable<RoleRecord['RoleLastUsed']>): void {
    if (this.table.has(roleId)) this.table.update(roleId, { RoleLastUsed: lastUsed })
  }

  /** @throws DeleteConflict while anything still belongs to the role */
  delete(role: RoleRecord): void {
    for (const dependent of this.dependents) {
      if (dependent.holds(role.RoleId)) throw dependent.conflict()
    }
    this.table.delete(role.RoleId)
  }

  /** One page of roles whose Path starts with `pathPrefix`, in name order, from a cursor. */
  list(pathPrefix: string, cursor: string | undefined, maxItems: number) {
    return this.table.page('', cursor, maxItems, (role) => role.Path.startsWith(pathPrefix))!
  }

  /** `arn:{partition}:iam::{account}:role{path}{name}` */
  arn(role: RoleRecord, partition: Partition = this.ctx.config.partition): string {
    return `arn:${partition}:iam::${this.ctx.config.accountId}:role${role.Path}${role.RoleName}`
  }
}

const maxSessionDuration = custom<number>(
  { fallback: () => DEFAULT_MAX_SESSION_DURATION },
  (raw, path) => {
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 3600 || raw > 43200) {
      fail(path, 'must be a whole number of seconds from 3600 to 43200')
    }
    return raw
  },
  { type: 'integer', minimum: 3600, maximum: 43200, default: DEFAULT_MAX_SESSION_DURATION },
)

/** Roles in fixtures: `Roles: [{ RoleName, AssumeRolePolicyDocument, Path, … }]`. */
export const roleEntity: Entity<RoleRecord, undefined, IamStore> = {
  fields: {
    RoleName: text('roleNameType', { required: true }),
    Path: text('pathType', { fallback: () => '/' }),
    RoleId: identifier({ description: 'Default: a fresh AROA… id.' }),
    CreateDate: date(),
    AssumeRolePolicyDocument: document({
      description:
        'The trust policy (JSON text or object). Default: the account may assume the role.',
      fallback: (ctx) =>
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${ctx.accountId}:root` },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
    }),
    Description: text('roleDescriptionType'),
    MaxSessionDuration: maxSessionDuration,
    Tags: tags(),
    PermissionsBoundary: text('arnType', {
      description: 'A managed-policy ARN set as the role’s permissions boundary.',
    }),
    RoleLastUsed: record(
      { LastUsedDate: date({ required: true }), Region: plain({ required: true }) },
      { description: 'The last request a session of the role signed; absent means never used.' },
    ),
    SourceRoleTemplate: record(
      {
        TemplateArn: plain({ required: true }),
        TemplateMinorVersion: integer(0, 2147483647, { required: true }),
      },
      { description: 'The role template AcquireRole made the role from.' },
    ),
  },
  errorsAt: 'RoleName',
  create: (values, _parent, store) => store.roles.create(values as unknown as NewRole),
  records: (store) => store.roles.table.ofGroup(),
  viewExtras: (role, store) => ({ Arn: store.roles.arn(role) }),
}
