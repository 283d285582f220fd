import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { plain } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { keyedTable, type Table } from './table.js'

/** One account property: `Namespace/PropertyName` and its value. */
export interface AccountPropertyRecord {
  readonly Key: string
  readonly Value: string
}

/** The API reference's key pattern and lengths (the SDK's schema carries no constraints). */
const KEY = /^[A-Za-z][A-Za-z0-9/_-]*$/
const KEY_MAX = 50
const VALUE_MAX = 1024

/**
 * What is wrong with a property key or value, if anything.
 *
 * @note Inferred wording; the rules are the API reference's (the key's pattern and length,
 * exactly one `/`, not at either end; a value of 1 to 1,024 characters).
 */
export function propertyProblem(key: string, value: string): string | undefined {
  if (key.length < 1 || key.length > KEY_MAX || !KEY.test(key)) {
    return `Invalid property key ${key}: it must be 1 to ${KEY_MAX} letters, digits, '/', '_' or '-', starting with a letter.`
  }
  const slash = key.indexOf('/')
  if (slash < 0 || slash !== key.lastIndexOf('/') || key.endsWith('/')) {
    return `Invalid property key ${key}: it must have the form Namespace/PropertyName.`
  }
  if (value.length < 1 || value.length > VALUE_MAX) {
    return `Invalid value for property ${key}: it must be 1 to ${VALUE_MAX} characters.`
  }
  return undefined
}

/** The namespace of a well-formed key. */
export function namespaceOf(key: string): string {
  return key.slice(0, key.indexOf('/'))
}

/** The account's IAM feature settings (Role Manager…), by key. */
export class AccountProperties {
  readonly table: Table<AccountPropertyRecord>

  constructor(ctx: StoreContext) {
    this.table = keyedTable(ctx.log, 'account properties', (property) => property.Key)
  }

  /** Every property, in key order. */
  all(): Record<string, string> {
    return Object.fromEntries(this.table.ofGroup().map((p) => [p.Key, p.Value]))
  }

  /**
   * Sets properties of one namespace, keeping the others.
   *
   * @throws InvalidInput for no property, a malformed key or value, or keys of several namespaces
   * @note Inferred: any well-formed key is accepted and its value kept as given (AWS checks each
   * value against its property's type; the mock knows no property's type).
   */
  put(properties: Readonly<Record<string, string>>): void {
    const entries = Object.entries(properties)
    if (entries.length === 0) {
      throw new IamError('InvalidInput', 'Properties must hold at least one property.', 400)
    }
    for (const [key, value] of entries) {
      const problem = propertyProblem(key, value)
      if (problem) throw new IamError('InvalidInput', problem, 400)
    }
    const namespaces = new Set(entries.map(([key]) => namespaceOf(key)))
    if (namespaces.size > 1) {
      throw new IamError(
        'InvalidInput',
        `All properties must belong to the same namespace (got ${[...namespaces].join(', ')}).`,
        400,
      )
    }
    for (const [Key, Value] of entries) {
      if (this.table.has(Key)) this.table.update(Key, { Value })
      else this.table.insert({ Key, Value })
    }
  }
}

/** Account properties in fixtures: `AccountProperties: { "Namespace/Name": "value" }`. */
export const accountPropertyEntity: Entity<AccountPropertyRecord, undefined, IamStore> = {
  fields: {
    Key: plain({ required: true, description: 'Namespace/PropertyName' }),
    Value: plain({ required: true, description: `1 to ${VALUE_MAX} characters.` }),
  },
  create(values, _parent, store) {
    const { Key, Value } = values as unknown as AccountPropertyRecord
    const problem = propertyProblem(Key, Value)
    if (problem) throw new IamError('InvalidInput', problem, 400)
    return store.accountProperties.table.insert({ Key, Value })
  },
  records: (store) => store.accountProperties.table.ofGroup(),
}
