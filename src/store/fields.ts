import type { Shape } from '../model/shapes.js'
import { javaPatternSource } from '../model/patterns.js'
import { stringViolation } from '../wire/validate.js'
import { isoSeconds, truncateToSeconds } from './clock.js'

/**
 * The fields of fixture records: how each is read from a fixture (validated, with a message
 * naming it), written back to one, shown in the store view and described in `schema.json`.
 * An entity (`entity.ts`) is a set of these; nothing about an entity is listed anywhere else.
 */

/** A fixture that cannot be loaded; the message names the offending field. */
export class FixtureError extends Error {
  override readonly name = 'FixtureError'
}

export function fail(path: string, problem: string): never {
  throw new FixtureError(`Invalid msw-iam fixture: ${path}: ${problem}`)
}

/** What reading a fixture value may need from the mock. */
export interface ReadContext {
  /** A model shape by name, with the dialect's constraints. */
  readonly shape: (name: string) => Shape
  /** When the fixture is loaded, to the second: the default of every date. */
  readonly now: Date
  readonly accountId: string
  /** Dates already parsed: large fixtures repeat a few, and records may share them. */
  readonly dates: Map<string, Date>
}

/** What describing a field in JSON Schema may need. */
export interface SchemaContext {
  readonly shape: (name: string) => Shape
}

export type JsonSchema = Record<string, unknown>

/** A field of any value type (entities hold fields of many). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyField = Field<any>

export interface Field<T> {
  /** Reads a present fixture value. @throws FixtureError naming `path` */
  read(raw: unknown, path: string, ctx: ReadContext): T
  /** The value's fixture form (what `snapshot()` writes). */
  write(value: T): unknown
  /** The value as the store view shows it (Dates as Dates, copies of arrays). */
  view(value: T): unknown
  schema(ctx: SchemaContext): JsonSchema
  /** The value a record gets when the fixture leaves the field out; absent: none. */
  readonly fallback?: (ctx: ReadContext) => T
  readonly required: boolean
  /** Secrets are left out of the store view (and never of snapshots, which restore them). */
  readonly secret: boolean
}

interface Options<T> {
  readonly required?: boolean
  readonly secret?: boolean
  readonly fallback?: (ctx: ReadContext) => T
  readonly description?: string
}

function field<T>(
  options: Options<T>,
  codec: Pick<Field<T>, 'read' | 'schema'> & Partial<Pick<Field<T>, 'write' | 'view'>>,
): Field<T> {
  const schema = options.description
    ? (ctx: SchemaContext) => ({ ...codec.schema(ctx), description: options.description })
    : codec.schema
  return {
    read: codec.read,
    write: codec.write ?? ((value) => value),
    view: codec.view ?? ((value) => value),
    schema,
    required: options.required ?? false,
    secret: options.secret ?? false,
    ...(options.fallback && { fallback: options.fallback }),
  }
}

function asString(raw: unknown, path: string): string {
  if (typeof raw !== 'string') fail(path, 'must be a string')
  return raw
}

/** A string the model constrains (`userNameType`, `statusType`…), checked as the API checks it. */
export function text(shapeName: string, options: Options<string> = {}): Field<string> {
  return field(options, {
    read(raw, path, ctx) {
      const value = asString(raw, path)
      const shape = ctx.shape(shapeName)
      const problem = shape.kind === 'string' ? stringViolation(shape, value) : undefined
      if (problem) {
        fail(path, `${problem.constraint.replace(/^Member /, '')} (got ${JSON.stringify(value)})`)
      }
      return value
    },
    schema: (ctx) => stringSchema(ctx.shape(shapeName), options.fallback),
  })
}

function stringSchema(shape: Shape, fallback: Options<string>['fallback']): JsonSchema {
  if (shape.kind !== 'string') return { type: 'string' }
  const schema: JsonSchema = shape.enum ? { enum: shape.enum } : { type: 'string' }
  if (shape.pattern !== undefined) schema.pattern = `^(?:${javaPatternSource(shape.pattern)})$`
  if (shape.min !== undefined && shape.min > 0) schema.minLength = shape.min
  if (shape.max !== undefined) schema.maxLength = shape.max
  if (fallback) {
    const value = fallback({
      shape: () => shape,
      now: new Date(0),
      accountId: '',
      dates: new Map(),
    })
    if (typeof value === 'string') schema.default = value
  }
  return schema
}

/** Any string (a region, a service name). */
export function plain(options: Options<string> = {}): Field<string> {
  return field(options, { read: asString, schema: () => ({ type: 'string' }) })
}

/** A string that must not be empty: secrets, session tokens. */
export function nonEmpty(options: Options<string> = {}): Field<string> {
  return field(options, {
    read(raw, path) {
      if (typeof raw !== 'string' || raw.length === 0) fail(path, 'must be a non-empty string')
      return raw
    },
    schema: () => ({ type: 'string', minLength: 1 }),
  })
}

/** A unique id AWS mints (`AIDA…`, `AROA…`): the mock mints one when the fixture has none. */
export function identifier(options: Options<string> = {}): Field<string> {
  return field(options, {
    read(raw, path) {
      if (typeof raw !== 'string' || !/^\w{16,128}$/.test(raw)) {
        fail(path, 'must be 16 to 128 letters, digits or underscores')
      }
      return raw
    },
    schema: () => ({ type: 'string', pattern: '^\\w{16,128}$' }),
  })
}

/** A string checked by a rule of its own (an ARN of the fixture's account…). */
export function custom<T>(
  options: Options<T>,
  read: (raw: unknown, path: string, ctx: ReadContext) => T,
  schema: JsonSchema,
): Field<T> {
  return field(options, { read, schema: () => schema })
}

/** An ISO-8601 date-time, stored to the second; default: when the fixture is loaded. */
export function date(options: Options<Date> = {}): Field<Date> {
  return field(
    { fallback: (ctx) => ctx.now, ...options },
    {
      read(raw, path, ctx) {
        const known = typeof raw === 'string' ? ctx.dates.get(raw) : undefined
        if (known) return known
        const parsed =
          typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN
        if (Number.isNaN(parsed)) {
          fail(path, 'must be an ISO-8601 date-time such as 2024-01-31T12:00:00Z')
        }
        const value = truncateToSeconds(new Date(parsed))
        ctx.dates.set(raw as string, value)
        return value
      },
      write: (value) => isoSeconds(value),
      view: (value) => new Date(value),
      schema: () => ({ $ref: '#/$defs/date' }),
    },
  )
}

export interface Tag {
  Key: string
  Value: string
}

const tagKey = text('tagKeyType', { required: true })
const tagValue = text('tagValueType', { required: true })

/** The JSON Schema of a tag list (`$defs.tags` of schema.json). */
export function tagListSchema(ctx: SchemaContext): JsonSchema {
  return { type: 'array', maxItems: 50, items: objectSchema({ Key: tagKey, Value: tagValue }, ctx) }
}

/** Up to 50 tags, keys unique case-insensitively (the API's rule). */
export function tags(options: Options<readonly Tag[]> = {}): Field<readonly Tag[]> {
  const key = tagKey
  const value = tagValue
  return field(
    { fallback: () => [], ...options },
    {
      read(raw, path, ctx) {
        if (!Array.isArray(raw)) fail(path, 'must be an array')
        const list = raw.map((item, i) => {
          const t = object(`${path}[${i}]`, item, ['Key', 'Value'])
          return {
            Key: key.read(t.Key, `${path}[${i}].Key`, ctx),
            Value: value.read(t.Value, `${path}[${i}].Value`, ctx),
          }
        })
        if (new Set(list.map((t) => t.Key.toLowerCase())).size !== list.length) {
          fail(path, 'has two tags with the same key (keys are case-insensitive)')
        }
        if (list.length > 50) fail(path, 'must have at most 50 tags')
        return list
      },
      write: copyTags,
      view: copyTags,
      schema: () => ({ $ref: '#/$defs/tags' }),
    },
  )
}

function copyTags(list: readonly Tag[]): Tag[] {
  return list.map((tag) => ({ Key: tag.Key, Value: tag.Value }))
}

/**
 * A policy document: a JSON string (kept as written, which is what the Get… actions return) or
 * an object (stored as `JSON.stringify` writes it), checked as the model checks documents.
 */
export function document(options: Options<string> = {}): Field<string> {
  const checked = text('policyDocumentType')
  return field(options, {
    read(raw, path, ctx) {
      if (
        typeof raw !== 'string' &&
        (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      ) {
        fail(path, 'must be a policy document (a JSON string or an object)')
      }
      return checked.read(typeof raw === 'string' ? raw : JSON.stringify(raw), path, ctx)
    },
    schema: () => ({
      oneOf: [{ type: 'string' }, { type: 'object' }],
      description: 'A policy document: JSON text, or the object itself.',
    }),
  })
}

/** A nested object of fields (an access key's LastUsed). */
export function record<T extends Record<string, unknown>>(
  fields: { readonly [K in keyof T]: Field<T[K]> },
  options: Options<T> = {},
): Field<T> {
  const names = Object.keys(fields) as (keyof T & string)[]
  return field(options, {
    read(raw, path, ctx) {
      const source = object(path, raw, names)
      const out: Partial<T> = {}
      for (const name of names) {
        const f = fields[name]
        const value = source[name]
        if (value === undefined && !f.required) continue
        out[name] = f.read(value, `${path}.${name}`, ctx)
      }
      return out as T
    },
    write: (value) => mapFields(fields, value, (f, v) => f.write(v)),
    view: (value) => mapFields(fields, value, (f, v) => f.view(v)),
    schema: (ctx) => objectSchema(fields, ctx),
  })
}

function mapFields<T extends Record<string, unknown>>(
  fields: { readonly [K in keyof T]: Field<T[K]> },
  value: T,
  each: (field: Field<unknown>, value: unknown) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name of Object.keys(fields)) {
    if (value[name] !== undefined) out[name] = each(fields[name] as Field<unknown>, value[name])
  }
  return out
}

/** The JSON Schema of an object made of `fields`. */
export function objectSchema(
  fields: Readonly<Record<string, AnyField>>,
  ctx: SchemaContext,
  extra: Record<string, JsonSchema> = {},
): JsonSchema {
  const required = Object.entries(fields)
    .filter(([, f]) => f.required)
    .map(([name]) => name)
  return {
    type: 'object',
    additionalProperties: false,
    ...(required.length > 0 && { required }),
    properties: {
      ...Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.schema(ctx)])),
      ...extra,
    },
  }
}

/** An object whose keys are all in `allowed` (any keys when `allowed` is null). */
export function object(
  path: string,
  raw: unknown,
  allowed: readonly string[] | ReadonlySet<string> | null,
): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(path, 'must be an object')
  if (allowed === null) return raw as Record<string, unknown>
  const known = allowed instanceof Set ? allowed : new Set(allowed)
  for (const key in raw) {
    if (!known.has(key)) {
      fail(
        path === 'fixture' ? key : `${path}.${key}`,
        `is not a known field (expected one of ${[...known].join(', ')})`,
      )
    }
  }
  return raw as Record<string, unknown>
}

/** A list of values of one field (a template's inline policies, its tags). */
export function list<T>(item: Field<T>, options: Options<readonly T[]> = {}): Field<readonly T[]> {
  return field(
    { fallback: () => [], ...options },
    {
      read(raw, path, ctx) {
        if (!Array.isArray(raw)) fail(path, 'must be an array')
        return raw.map((value, i) => item.read(value, `${path}[${i}]`, ctx))
      },
      write: (values) => values.map((value) => item.write(value)),
      view: (values) => values.map((value) => item.view(value)),
      schema: (ctx) => ({ type: 'array', items: item.schema(ctx) }),
    },
  )
}

/** A whole number in a range (a version number, a duration in seconds). */
export function integer(min: number, max: number, options: Options<number> = {}): Field<number> {
  return field(options, {
    read(raw, path) {
      if (!Number.isInteger(raw) || (raw as number) < min || (raw as number) > max) {
        fail(path, `must be a whole number from ${min} to ${max}`)
      }
      return raw as number
    },
    schema: () => ({ type: 'integer', minimum: min, maximum: max }),
  })
}

/** `true` or `false`. */
export function boolean(options: Options<boolean> = {}): Field<boolean> {
  return field(options, {
    read(raw, path) {
      if (typeof raw !== 'boolean') fail(path, 'must be true or false')
      return raw
    },
    schema: () => ({
      type: 'boolean',
      ...(options.fallback && { default: options.fallback(undefined as never) }),
    }),
  })
}
