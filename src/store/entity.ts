import { IamError } from '../errors.js'
import {
  fail,
  object,
  objectSchema,
  type AnyField,
  type JsonSchema,
  type ReadContext,
  type SchemaContext,
} from './fields.js'

/**
 * An entity of the store as fixtures, snapshots, the store view and `schema.json` see it: its
 * fields, its nested entities, and how its family creates and lists its records. Loading,
 * exporting, viewing and describing are written once, here, for every entity.
 *
 * A record carries each field under the field's name (AWS's member names: `UserName`,
 * `AccessKeyId`…), so the fixture form, the store's record and the API's shape are one shape.
 */
export interface Entity<R, P = unknown, S = unknown> {
  readonly fields: Readonly<Record<string, AnyField>>
  /**
   * Where an error of `create` (a duplicate name, a quota) is reported: at one of the fields, or
   * (undefined) at the item itself.
   */
  readonly errorsAt?: string
  readonly children?: Readonly<Record<string, Child<R, S>>>
  /**
   * Creates a record from a fixture's values, enforcing the family's invariants as a request
   * would (a duplicate name or a quota throws its IamError).
   */
  create(values: Record<string, unknown>, parent: P, store: S): R
  /** The records under `parent` (or every top-level one), in the order the API lists them. */
  records(store: S, parent: P): readonly R[]
  /** View members derived from the store rather than stored (an ARN, the owner's name). */
  viewExtras?(record: R, store: S): Record<string, unknown>
  /**
   * Runs once the record's children are loaded: for invariants across them (a managed policy's
   * default version must be one of its versions).
   */
  complete?(record: R, store: S): void
}

/** A nested entity, and the form the fixture gives it. */
export type Child<P, S> = {
  readonly entity: Entity<unknown, P, S>
  /** What schema.json says of the member. */
  readonly description?: string
} & (
  | { readonly form: 'list'; readonly maxItems?: number }
  /** `{ name: value }`, e.g. inline policies `{ "ReadOnly": { …document… } }`. */
  | {
      readonly form: 'map'
      readonly key: string
      readonly value: string
      /** The view shows the names only, under this member (`PolicyNames`). */
      readonly viewKey: string
    }
  /** A single record (the account's root user). */
  | { readonly form: 'object' }
  /**
   * A list of plain values, each one record's `key` field: a group's member names, the ARNs of
   * the managed policies attached to a user (`["arn:aws:iam::aws:policy/ReadOnlyAccess"]`).
   */
  | { readonly form: 'values'; readonly key: string }
)

/** Reads one fixture record of `entity` (and its children) into the store. */
export function loadRecord<R, P, S>(
  entity: Entity<R, P, S>,
  raw: unknown,
  path: string,
  parent: P,
  store: S,
  ctx: ReadContext,
  /** Report every field's problem at `path` itself (a map entry has no field names). */
  flat = false,
): R {
  const { fields, children, allowed } = layoutOf(entity)
  const source = object(path || 'fixture', raw, allowed)
  const values: Record<string, unknown> = {}
  for (const [name, f] of fields) {
    const value = source[name]
    const at = flat ? path : join(path, name)
    // A required field left out is refused by the field's own check, in its own words.
    const read =
      value === undefined && !f.required ? f.fallback?.(ctx) : f.read(value as never, at, ctx)
    if (read !== undefined) values[name] = read
  }
  const created = attempt(entity.errorsAt ? join(path, entity.errorsAt) : path, () =>
    entity.create(values, parent, store),
  )
  for (const [name, child] of children) {
    const value = source[name]
    if (value === undefined) continue
    const at = join(path, name)
    if (child.form === 'list') {
      if (!Array.isArray(value)) fail(at, 'must be an array')
      value.forEach((item, i) => loadRecord(child.entity, item, `${at}[${i}]`, created, store, ctx))
    } else if (child.form === 'map') {
      const entries = object(at, value, null)
      for (const [key, item] of Object.entries(entries)) {
        const entry = { [child.key]: key, [child.value]: item }
        loadRecord(child.entity, entry, `${at}.${key}`, created, store, ctx, true)
      }
    } else if (child.form === 'values') {
      if (!Array.isArray(value)) fail(at, 'must be an array')
      value.forEach((item, i) =>
        loadRecord(child.entity, { [child.key]: item }, `${at}[${i}]`, created, store, ctx, true),
      )
    } else {
      loadRecord(child.entity, value, at, created, store, ctx)
    }
  }
  if (entity.complete) attempt(path, () => entity.complete!(created, store))
  return created
}

/** A record (and its children) in fixture form, every field the store knows made explicit. */
export function exportRecord<R, P, S>(
  entity: Entity<R, P, S>,
  record: R,
  store: S,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const values = record as Record<string, unknown>
  for (const [name, f] of Object.entries(entity.fields)) {
    if (values[name] !== undefined) out[name] = f.write(values[name] as never)
  }
  for (const [name, child] of Object.entries(entity.children ?? {})) {
    const records = child.entity.records(store, record)
    if (child.form === 'list') {
      out[name] = records.map((item) => exportRecord(child.entity, item, store))
    } else if (child.form === 'map') {
      out[name] = Object.fromEntries(
        records.map((item) => {
          const fields = exportRecord(child.entity, item, store)
          return [fields[child.key], fields[child.value]]
        }),
      )
    } else if (child.form === 'values') {
      out[name] = records.map((item) => exportRecord(child.entity, item, store)[child.key])
    } else if (records[0] !== undefined) {
      out[name] = exportRecord(child.entity, records[0], store)
    }
  }
  return out
}

/** A record as the store view shows it: fresh copies, no secret, derived members added. */
export function viewRecord<R, P, S>(
  entity: Entity<R, P, S>,
  record: R,
  store: S,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const values = record as Record<string, unknown>
  for (const [name, f] of Object.entries(entity.fields)) {
    if (!f.secret && values[name] !== undefined) out[name] = f.view(values[name] as never)
  }
  Object.assign(out, entity.viewExtras?.(record, store))
  for (const [name, child] of Object.entries(entity.children ?? {})) {
    const records = child.entity.records(store, record)
    if (child.form === 'map') {
      out[child.viewKey] = records.map((item) => (item as Record<string, unknown>)[child.key])
    } else if (child.form === 'values') {
      out[name] = records.map((item) => viewRecord(child.entity, item, store)[child.key])
    } else if (child.form === 'list') {
      out[name] = records.map((item) => viewRecord(child.entity, item, store))
    } else if (records[0] !== undefined) {
      out[name] = viewRecord(child.entity, records[0], store)
    }
  }
  return out
}

/** The JSON Schema of an entity's fixture records. */
export function entitySchema<R, P, S>(entity: Entity<R, P, S>, ctx: SchemaContext): JsonSchema {
  const children: Record<string, JsonSchema> = {}
  for (const [name, child] of Object.entries(entity.children ?? {})) {
    const item = entitySchema(child.entity, ctx)
    if (child.form === 'list') {
      children[name] = {
        type: 'array',
        ...(child.maxItems !== undefined && { maxItems: child.maxItems }),
        items: item,
      }
    } else if (child.form === 'map') {
      const fields = child.entity.fields
      const key = fields[child.key]!.schema(ctx)
      children[name] = {
        type: 'object',
        ...(typeof key.pattern === 'string' && { propertyNames: { pattern: key.pattern } }),
        additionalProperties: fields[child.value]!.schema(ctx),
      }
    } else if (child.form === 'values') {
      children[name] = { type: 'array', items: child.entity.fields[child.key]!.schema(ctx) }
    } else {
      children[name] = item
    }
    if (child.description) children[name] = { description: child.description, ...children[name] }
  }
  return objectSchema(entity.fields, ctx, children)
}

/** An entity's fields and children as lists, and the fixture members it allows, once per entity. */
interface Layout {
  readonly fields: ReadonlyArray<readonly [string, AnyField]>
  readonly children: ReadonlyArray<readonly [string, Child<never, never>]>
  readonly allowed: ReadonlySet<string>
}

const layouts = new WeakMap<object, Layout>()

/** @note Seeding 100,000 users reads it 300,000 times: it is worth computing once. */
function layoutOf(entity: Entity<unknown, never, never>): Layout {
  let layout = layouts.get(entity)
  if (!layout) {
    const fields = Object.entries(entity.fields)
    const children = Object.entries(entity.children ?? {}) as Layout['children']
    const allowed = new Set([...fields.map(([name]) => name), ...children.map(([name]) => name)])
    layout = { fields, children, allowed }
    layouts.set(entity, layout)
  }
  return layout
}

/** `Users[0]` + `UserName`; the fixture itself is the empty path. */
function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`
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
