import { IamError } from '../errors.js'
import type { Shape } from '../model/shapes.js'
import { stringViolation } from '../wire/validate.js'
import { truncateToSeconds } from './clock.js'
import type { AccessKeyStatus, IamStore, KeyOwner, LastUsed, Partition, Tag } from './store.js'

/** An access key in a fixture. Secrets are stored as given. */
export interface FixtureAccessKey {
  AccessKeyId: string
  SecretAccessKey: string
  /** Default `Active`. */
  Status?: AccessKeyStatus
  /** ISO-8601; default: when the fixture is loaded. */
  CreateDate?: string
  /** The last request the key signed; absent means never used (`N/A`). */
  LastUsed?: { Date: string; ServiceName: string; Region: string }
}

export interface FixtureUser {
  UserName: string
  /** Default `/`. */
  Path?: string
  /** Default: a fresh `AIDA…` id. */
  UserId?: string
  CreateDate?: string
  Tags?: Tag[]
  /** A managed-policy ARN set as the user's permissions boundary. */
  PermissionsBoundary?: string
  AccessKeys?: FixtureAccessKey[]
  /**
   * Inline policies: policy name → document, as a JSON string (kept as written, which is what
   * GetUserPolicy returns) or as an object (stored as `JSON.stringify` writes it).
   */
  Policies?: Record<string, string | object>
}

/**
 * Temporary credentials of an assumed role (what STS AssumeRole returns), so tests can call as a
 * non-user principal: GetCallerIdentity answers with the assumed-role ARN, and IAM actions that
 * default to the caller's user refuse them.
 */
export interface FixtureRoleSession {
  /** The temporary access key id, conventionally `ASIA…`. */
  AccessKeyId: string
  SecretAccessKey: string
  /** Must accompany every request (`X-Amz-Security-Token`) when signatures are verified. */
  SessionToken: string
  /** `arn:aws:iam::123456789012:role/Name` (or with a path), in the fixture's account. */
  RoleArn: string
  RoleSessionName: string
  /** The role's unique id, `AROA…`; default: a fresh one. */
  RoleId?: string
}

/**
 * The state a mock starts from (and returns to on `reset()`), as JSON. Member names follow the
 * AWS API (`UserName`, `AccessKeyId`…) so SDK output can be pasted in.
 *
 * @example
 * {
 *   "AccountId": "123456789012",
 *   "Root": { "AccessKeys": [{ "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "…" }] },
 *   "Users": [{ "UserName": "Alice", "AccessKeys": [{ "AccessKeyId": "AKIA…", "SecretAccessKey": "…" }] }]
 * }
 */
export interface IamFixture {
  /** Editors use it to validate the file against `fixtures/schema.json`; ignored here. */
  $schema?: string
  /** 12 digits; default `123456789012`. */
  AccountId?: string
  /** The partition of ARNs on custom endpoints; default `aws`. */
  Partition?: Partition
  /** The account root user: its creation date and access keys (at most two). */
  Root?: { CreateDate?: string; AccessKeys?: FixtureAccessKey[] }
  Users?: FixtureUser[]
  /** Assumed-role sessions whose temporary keys may sign requests. */
  RoleSessions?: FixtureRoleSession[]
}

/** A fixture that cannot be loaded; the message names the offending field. */
export class FixtureError extends Error {
  override readonly name = 'FixtureError'
}

export const DEFAULT_ACCOUNT_ID = '123456789012'

interface LoadContext {
  readonly store: IamStore
  /** A model shape by name, with the dialect's constraints. */
  readonly shape: (name: string) => Shape
  readonly now: Date
  /**
   * Dates already parsed in this load: large fixtures repeat a few CreateDates, and Dates are
   * never mutated, so records may share them.
   */
  readonly dates: Map<string, Date>
}

const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov']

/** Reads the account settings of a fixture, validating them. */
export function fixtureAccount(fixture: unknown): { accountId: string; partition: Partition } {
  const root = object('fixture', fixture, [
    '$schema',
    'AccountId',
    'Partition',
    'Root',
    'Users',
    'RoleSessions',
  ])
  const accountId = optional(root.AccountId, (v) => {
    if (typeof v !== 'string' || !/^\d{12}$/.test(v)) fail('AccountId', 'must be 12 digits')
    return v
  })
  const partition = optional(root.Partition, (v) => {
    if (!PARTITIONS.includes(v as Partition))
      fail('Partition', `must be one of ${PARTITIONS.join(', ')}`)
    return v as Partition
  })
  return { accountId: accountId ?? DEFAULT_ACCOUNT_ID, partition: partition ?? 'aws' }
}

/**
 * Validates a fixture and loads it into an empty store. Every problem is reported as a
 * FixtureError naming the field (`Users[2].AccessKeys[0].Status: …`), before any request runs.
 */
export function loadFixture(
  store: IamStore,
  fixture: unknown,
  shape: LoadContext['shape'],
  now: Date,
): void {
  const ctx: LoadContext = { store, shape, now: truncateToSeconds(now), dates: new Map() }
  const account = fixtureAccount(fixture)
  const data = fixture as Record<string, unknown>
  if (data.AccountId !== undefined && account.accountId !== store.accountId) {
    fail('AccountId', `is ${account.accountId}, but this mock serves account ${store.accountId}`)
  }
  if (data.Partition !== undefined && account.partition !== store.partition) {
    fail('Partition', `is ${account.partition}, but this mock serves partition ${store.partition}`)
  }
  const rootData = optional(data.Root, (v) => object('Root', v, ['CreateDate', 'AccessKeys']))
  store.clear(date('Root.CreateDate', rootData?.CreateDate, ctx.now))
  store.bulk(() => {
    keys(ctx, 'Root.AccessKeys', rootData?.AccessKeys, store.root)
    const users = optional(data.Users, (v) => array('Users', v)) ?? []
    users.forEach((raw, i) => user(ctx, `Users[${i}]`, raw))
    const sessions = optional(data.RoleSessions, (v) => array('RoleSessions', v)) ?? []
    sessions.forEach((raw, i) => roleSession(ctx, `RoleSessions[${i}]`, raw))
  })
}

const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\u0021-\u007E]+\/)?[\w+=,.@-]{1,64}$/

function roleSession(ctx: LoadContext, path: string, raw: unknown): void {
  const r = object(path, raw, [
    'AccessKeyId',
    'SecretAccessKey',
    'SessionToken',
    'RoleArn',
    'RoleSessionName',
    'RoleId',
  ])
  const accessKeyId = scalar(ctx, `${path}.AccessKeyId`, r.AccessKeyId, 'accessKeyIdType')
  for (const field of ['SecretAccessKey', 'SessionToken'] as const) {
    if (typeof r[field] !== 'string' || r[field].length === 0) {
      fail(`${path}.${field}`, 'must be a non-empty string')
    }
  }
  const roleArn = r.RoleArn
  const match = typeof roleArn === 'string' ? ROLE_ARN.exec(roleArn) : null
  if (!match) {
    fail(`${path}.RoleArn`, 'must be a role ARN such as arn:aws:iam::123456789012:role/Name')
  }
  if (match[2] !== ctx.store.accountId) {
    fail(
      `${path}.RoleArn`,
      `is in account ${match[2]}, but this mock serves account ${ctx.store.accountId}`,
    )
  }
  const sessionName = r.RoleSessionName
  if (typeof sessionName !== 'string' || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    fail(`${path}.RoleSessionName`, 'must be 2 to 64 letters, digits or +=,.@_- characters')
  }
  const roleId =
    r.RoleId === undefined ? ctx.store.config.newRoleId() : identifier(`${path}.RoleId`, r.RoleId)
  attempt(`${path}.AccessKeyId`, () =>
    ctx.store.addRoleSession({
      accessKeyId,
      secretAccessKey: r.SecretAccessKey as string,
      sessionToken: r.SessionToken as string,
      roleArn: roleArn as string,
      roleId,
      roleSessionName: sessionName,
    }),
  )
}

function user(ctx: LoadContext, path: string, raw: unknown): void {
  const u = object(path, raw, [
    'UserName',
    'Path',
    'UserId',
    'CreateDate',
    'Tags',
    'PermissionsBoundary',
    'AccessKeys',
    'Policies',
  ])
  const userName = scalar(ctx, `${path}.UserName`, u.UserName, 'userNameType')
  const tags = optional(u.Tags, (v) => tagList(ctx, `${path}.Tags`, v))
  const record = attempt(`${path}.UserName`, () =>
    ctx.store.createUser({
      userName,
      path: optional(u.Path, (v) => scalar(ctx, `${path}.Path`, v, 'pathType')) ?? '/',
      createDate: date(`${path}.CreateDate`, u.CreateDate, ctx.now, ctx.dates),
      ...(tags && { tags }),
      ...(u.UserId !== undefined && { userId: identifier(`${path}.UserId`, u.UserId) }),
      ...(u.PermissionsBoundary !== undefined && {
        permissionsBoundary: scalar(
          ctx,
          `${path}.PermissionsBoundary`,
          u.PermissionsBoundary,
          'arnType',
        ),
      }),
    }),
  )
  keys(ctx, `${path}.AccessKeys`, u.AccessKeys, record)
  const policies = optional(u.Policies, (v) => object(`${path}.Policies`, v, null))
  for (const [name, raw] of Object.entries(policies ?? {})) {
    const at = `${path}.Policies.${name}`
    scalar(ctx, at, name, 'policyNameType')
    if (
      typeof raw !== 'string' &&
      (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    ) {
      fail(at, 'must be a policy document (a JSON string or an object)')
    }
    const document = scalar(
      ctx,
      at,
      typeof raw === 'string' ? raw : JSON.stringify(raw),
      'policyDocumentType',
    )
    attempt(at, () => ctx.store.putUserPolicy(record, name, document))
  }
}

function keys(ctx: LoadContext, path: string, raw: unknown, owner: KeyOwner): void {
  const list = optional(raw, (v) => array(path, v)) ?? []
  list.forEach((item, i) => {
    const at = `${path}[${i}]`
    const k = object(at, item, [
      'AccessKeyId',
      'SecretAccessKey',
      'Status',
      'CreateDate',
      'LastUsed',
    ])
    const accessKeyId = scalar(ctx, `${at}.AccessKeyId`, k.AccessKeyId, 'accessKeyIdType')
    if (typeof k.SecretAccessKey !== 'string' || k.SecretAccessKey.length === 0) {
      fail(`${at}.SecretAccessKey`, 'must be a non-empty string')
    }
    const status = optional(k.Status, (v) => scalar(ctx, `${at}.Status`, v, 'statusType'))
    const lastUsed = optional(k.LastUsed, (v) => lastUsedOf(`${at}.LastUsed`, v))
    attempt(at, () =>
      ctx.store.createAccessKey(owner, {
        accessKeyId,
        secretAccessKey: k.SecretAccessKey as string,
        createDate: date(`${at}.CreateDate`, k.CreateDate, ctx.now, ctx.dates),
        ...(status && { status: status as AccessKeyStatus }),
        ...(lastUsed && { lastUsed }),
      }),
    )
  })
}

function lastUsedOf(path: string, raw: unknown): LastUsed {
  const l = object(path, raw, ['Date', 'ServiceName', 'Region'])
  for (const field of ['Date', 'ServiceName', 'Region'] as const) {
    if (typeof l[field] !== 'string') fail(`${path}.${field}`, 'must be a string')
  }
  return {
    date: date(`${path}.Date`, l.Date, new Date(0)),
    serviceName: l.ServiceName as string,
    region: l.Region as string,
  }
}

function tagList(ctx: LoadContext, path: string, raw: unknown): Tag[] {
  const tags = array(path, raw).map((item, i) => {
    const t = object(`${path}[${i}]`, item, ['Key', 'Value'])
    return {
      Key: scalar(ctx, `${path}[${i}].Key`, t.Key, 'tagKeyType'),
      Value: scalar(ctx, `${path}[${i}].Value`, t.Value, 'tagValueType'),
    }
  })
  if (new Set(tags.map((t) => t.Key.toLowerCase())).size !== tags.length) {
    fail(path, 'has two tags with the same key (keys are case-insensitive)')
  }
  if (tags.length > 50) fail(path, 'must have at most 50 tags')
  return tags
}

function scalar(ctx: LoadContext, path: string, raw: unknown, shapeName: string): string {
  if (typeof raw !== 'string') fail(path, 'must be a string')
  const shape = ctx.shape(shapeName)
  const problem = shape.kind === 'string' ? stringViolation(shape, raw) : undefined
  if (problem) fail(path, `${problem.constraint.replace(/^Member /, '')} (got ${JSON.stringify(raw)})`)
  return raw
}

function identifier(path: string, raw: unknown): string {
  if (typeof raw !== 'string' || !/^\w{16,128}$/.test(raw)) {
    fail(path, 'must be 16 to 128 letters, digits or underscores')
  }
  return raw
}

function date(path: string, raw: unknown, fallback: Date, seen?: Map<string, Date>): Date {
  if (raw === undefined) return fallback
  const known = typeof raw === 'string' ? seen?.get(raw) : undefined
  if (known) return known
  const parsed =
    typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN
  if (Number.isNaN(parsed)) fail(path, 'must be an ISO-8601 date-time such as 2024-01-31T12:00:00Z')
  const value = truncateToSeconds(new Date(parsed))
  seen?.set(raw as string, value)
  return value
}

/** An object whose keys are all in `allowed` (any keys when `allowed` is null). */
function object(
  path: string,
  raw: unknown,
  allowed: readonly string[] | null,
): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(path, 'must be an object')
  if (allowed === null) return raw as Record<string, unknown>
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) {
      fail(
        path === 'fixture' ? key : `${path}.${key}`,
        `is not a known field (expected one of ${allowed.join(', ')})`,
      )
    }
  }
  return raw as Record<string, unknown>
}

function array(path: string, raw: unknown): unknown[] {
  if (!Array.isArray(raw)) fail(path, 'must be an array')
  return raw
}

function optional<T>(raw: unknown, read: (value: unknown) => T): T | undefined {
  return raw === undefined ? undefined : read(raw)
}

/** Runs a store mutation, turning the store's IamError into a FixtureError at `path`. */
function attempt<T>(path: string, mutate: () => T): T {
  try {
    return mutate()
  } catch (error) {
    if (error instanceof IamError) fail(path, error.message)
    throw error
  }
}

function fail(path: string, problem: string): never {
  throw new FixtureError(`Invalid msw-iam fixture: ${path}: ${problem}`)
}
