import type { ListShape, NumberShape, Shape, StringShape } from '../model/shapes.js'
import { patternRegExp } from '../model/patterns.js'

/**
 * The model's constraints, phrased as AWS's front end (Coral) phrases them: `Member must have
 * length less than or equal to 64`, `Member must satisfy regular expression pattern: [\w]+`…
 */

/** One constraint a value breaks. */
export interface Violation {
  readonly constraint: string
  /** Which constraint: IAM answers some pattern violations with a sentence of its own. */
  readonly kind: 'length' | 'pattern' | 'enum' | 'range' | 'type' | 'null'
}

const lengthAtMost = (max: number) => `Member must have length less than or equal to ${max}`
const lengthAtLeast = (min: number) => `Member must have length greater than or equal to ${min}`
const matchesPattern = (pattern: string) =>
  `Member must satisfy regular expression pattern: ${pattern}`
export const MUST_NOT_BE_NULL = 'Member must not be null'

/**
 * The first constraint a string breaks, in the order Coral describes a member's constraints
 * (longest length, shortest length, pattern), then the enum.
 *
 * @note Inferred: one violation per member. AWS's recordings never show a value breaking two
 * constraints; their messages report each member once, in the order of a map keyed by member.
 */
export function stringViolation(shape: StringShape, value: string): Violation | undefined {
  if (shape.max !== undefined && value.length > shape.max) {
    return { constraint: lengthAtMost(shape.max), kind: 'length' }
  }
  if (shape.min !== undefined && value.length < shape.min) {
    return { constraint: lengthAtLeast(shape.min), kind: 'length' }
  }
  if (shape.pattern !== undefined && !patternRegExp(shape.pattern).test(value)) {
    return { constraint: matchesPattern(shape.pattern), kind: 'pattern' }
  }
  if (shape.enum !== undefined && !shape.enum.includes(value)) {
    return { constraint: 'Member must satisfy enum value set', kind: 'enum' }
  }
  return undefined
}

const INTEGER = /^[-+]?\d+$/
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/

/**
 * A number member's value, or the constraint its text breaks.
 *
 * @note Inferred: a value that is not a number reads `Member must be an integer` (or `a number`
 * for float and double members); AWS's wording for it is not recorded.
 */
export function numberValue(shape: NumberShape, raw: string): number | Violation {
  const integral = shape.kind === 'integer' || shape.kind === 'long'
  if (!(integral ? INTEGER : DECIMAL).test(raw.trim())) {
    return { constraint: `Member must be ${integral ? 'an integer' : 'a number'}`, kind: 'type' }
  }
  const value = Number(raw)
  if (shape.min !== undefined && value < shape.min) {
    return {
      constraint: `Member must have value greater than or equal to ${shape.min}`,
      kind: 'range',
    }
  }
  if (shape.max !== undefined && value > shape.max) {
    return {
      constraint: `Member must have value less than or equal to ${shape.max}`,
      kind: 'range',
    }
  }
  return value
}

/**
 * A boolean member's value.
 *
 * @note Inferred: `true` and `false` in any case, as Java reads them; anything else is refused
 * with `Member must be a boolean` (AWS's answer is not recorded).
 */
export function booleanValue(raw: string): boolean | Violation {
  const lower = raw.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  return { constraint: 'Member must be a boolean', kind: 'type' }
}

/** The length constraint a list or map of `size` items breaks. */
export function sizeViolation(
  shape: { readonly min?: number; readonly max?: number },
  size: number,
): Violation | undefined {
  if (shape.max !== undefined && size > shape.max) {
    return { constraint: lengthAtMost(shape.max), kind: 'length' }
  }
  if (shape.min !== undefined && size < shape.min) {
    return { constraint: lengthAtLeast(shape.min), kind: 'length' }
  }
  return undefined
}

/**
 * Whether an item of a list of scalars breaks its member's constraints: AWS then reports the
 * whole list once, with every constraint of the member (`Member must satisfy constraint: […]`).
 */
export function itemViolation(member: Shape, value: string): boolean {
  switch (member.kind) {
    case 'string':
      return stringViolation(member, value) !== undefined
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return typeof numberValue(member, value) !== 'number'
    case 'boolean':
      return typeof booleanValue(value) !== 'boolean'
    default:
      return false
  }
}

/**
 * Every constraint of a list's member, as AWS lists them for a bad item:
 * `Member must satisfy constraint: [Member must have length less than or equal to 128, …]`.
 * `nonNull` adds `Member must not be null`, which AWS lists for some lists' members only.
 */
export function memberConstraints(list: ListShape, nonNull: boolean): string {
  const member = list.member
  const parts: string[] = []
  if (member.kind === 'string') {
    if (member.max !== undefined) parts.push(lengthAtMost(member.max))
    if (member.min !== undefined) parts.push(lengthAtLeast(member.min))
    if (member.pattern !== undefined) parts.push(matchesPattern(member.pattern))
    if (member.enum !== undefined) parts.push('Member must satisfy enum value set')
  } else if (member.kind !== 'structure' && 'max' in member) {
    if (member.min !== undefined) {
      parts.push(`Member must have value greater than or equal to ${member.min}`)
    }
    if (member.max !== undefined)
      parts.push(`Member must have value less than or equal to ${member.max}`)
  }
  if (nonNull) parts.push(MUST_NOT_BE_NULL)
  return `Member must satisfy constraint: [${parts.join(', ')}]`
}

/**
 * The order AWS lists several violations in: that of a Java `HashMap` keyed by member path
 * (the path's `String.hashCode`, spread and masked by the table size, 16 doubling past a load of
 * 0.75), entries of one bucket in the order they were found.
 *
 * @note Inferred from the recordings: `clientIDList; thumbprintList; url` for
 * CreateOpenIDConnectProvider and `minimumPasswordLength; passwordReusePrevention;
 * maxPasswordAge` for UpdateAccountPasswordPolicy are in neither model nor alphabetical order,
 * and both are exactly this order.
 */
export function javaHashMapOrder<T extends { readonly path: string }>(entries: readonly T[]): T[] {
  let capacity = 16
  while (entries.length > capacity * 0.75) capacity *= 2
  const buckets = entries.map((entry, i) => ({
    entry,
    i,
    bucket: spreadHash(entry.path) & (capacity - 1),
  }))
  buckets.sort((a, b) => a.bucket - b.bucket || a.i - b.i)
  return buckets.map((b) => b.entry)
}

function spreadHash(text: string): number {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0
  return (h ^ (h >>> 16)) >>> 0
}
