import { IamError } from '../errors.js'
import type { Operation } from '../model/operations.js'
import {
  violations,
  type ListType,
  type Member,
  type ScalarType,
  type ScalarTypeName,
  type StructureType,
} from '../model/types.js'

/** Resolves a named model type, after the dialect's overrides. */
export type TypeResolver = (name: ScalarTypeName) => ScalarType

/**
 * Reads an operation's input from Query parameters and validates it the way IAM's front end
 * does: every generic constraint violation (null, length, range, enum, pattern) is collected
 * into one Coral-style `N validation errors detected: …` message with lowerCamel member paths
 * and no echoed values (AWS's current format). Only when those pass are IAM's own sentences for
 * bad names and paths used.
 *
 * @note That ordering — generic constraints first, then IAM's name/path sentences — is inferred:
 * AWS documents neither, and a request that breaks both kinds is rare.
 */
export function readInput(
  operation: Operation,
  params: URLSearchParams,
  resolve: TypeResolver,
): Record<string, unknown> {
  const reader = new InputReader(params, resolve)
  const input = reader.structure(operation.input, '', '')
  if (reader.problems.length > 0) throw IamError.validation(reader.problems)
  if (reader.specific) throw reader.specific
  return input
}

class InputReader {
  readonly problems: string[] = []
  specific: IamError | undefined

  constructor(
    private readonly params: URLSearchParams,
    private readonly resolve: TypeResolver,
  ) {}

  structure(
    members: Readonly<Record<string, Member>>,
    prefix: string,
    pathPrefix: string,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const [name, member] of Object.entries(members)) {
      const value = this.member(member, prefix + name, pathPrefix + lowerCamel(name))
      if (value !== undefined) out[name] = value
    }
    return out
  }

  private member(member: Member, key: string, path: string): unknown {
    const type = member.type
    let value: unknown
    if (typeof type === 'string') value = this.scalar(this.resolve(type), key, path)
    else if (type.kind === 'list') value = this.list(type, key, path)
    else value = this.structure(type.members, `${key}.`, `${path}.`)
    if (value === undefined && member.required) {
      this.problems.push(failed(path, 'Member must not be null'))
    }
    return value
  }

  private scalar(type: ScalarType, key: string, path: string): string | number | undefined {
    const raw = this.params.get(key)
    if (raw === null) return undefined
    for (const violation of violations(type, raw)) {
      if (violation.sentence === 'name') this.specific ??= IamError.invalidName(path)
      else if (violation.sentence === 'path') this.specific ??= IamError.invalidPath(path)
      else this.problems.push(failed(path, violation.constraint))
    }
    return type.kind === 'integer' ? Number(raw) : raw
  }

  /**
   * Flattened Query lists: `Tags.member.1.Key=…`, `TagKeys.member.1=…`; `Tags=` is the empty list.
   * Members are taken in index order and gaps are closed (`.member.3` alone is the first item).
   */
  private list(type: ListType, key: string, path: string): unknown[] | undefined {
    const indices = new Set<number>()
    const memberPrefix = `${key}.member.`
    for (const name of this.params.keys()) {
      if (!name.startsWith(memberPrefix)) continue
      const match = /^(\d+)(?:\.|$)/.exec(name.slice(memberPrefix.length))
      const index = match ? Number(match[1]) : 0
      if (index >= 1 && Number.isSafeInteger(index)) indices.add(index)
    }
    if (indices.size === 0) return this.params.has(key) ? [] : undefined
    const ordered = [...indices].sort((a, b) => a - b)
    if (type.max !== undefined && ordered.length > type.max) {
      this.problems.push(failed(path, `Member must have length less than or equal to ${type.max}`))
    }
    const member = type.member
    if (typeof member !== 'string') {
      return ordered.map((index, i) =>
        this.listStructure(member, `${memberPrefix}${index}`, path, i),
      )
    }
    const memberType = this.resolve(member)
    const items = ordered.map((index) => this.params.get(`${memberPrefix}${index}`) ?? '')
    if (items.some((item) => violations(memberType, item).length > 0)) {
      this.problems.push(failed(path, `Member must satisfy constraint: [${describe(memberType)}]`))
    }
    return items
  }

  private listStructure(type: StructureType, key: string, path: string, i: number): unknown {
    return this.structure(type.members, `${key}.`, `${path}.${i + 1}.member.`)
  }
}

function failed(path: string, constraint: string): string {
  return `Value at '${path}' failed to satisfy constraint: ${constraint}`
}

/** Every constraint of a list's member type, as Coral lists them for a bad list element. */
function describe(type: ScalarType): string {
  const parts: string[] = []
  if (type.kind === 'string') {
    if (type.max !== undefined)
      parts.push(`Member must have length less than or equal to ${type.max}`)
    if (type.min !== undefined) {
      parts.push(`Member must have length greater than or equal to ${type.min}`)
    }
    if (type.pattern !== undefined) {
      parts.push(`Member must satisfy regular expression pattern: ${type.pattern}`)
    }
  }
  parts.push('Member must not be null')
  return parts.join(', ')
}

function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1)
}
