/**
 * The constraints of the IAM service model (`iam/2010-05-08/service-2.json`) for the members
 * msw-iam reads. Names match the model's shape names so they can be checked against it.
 */

export interface StringType {
  readonly kind: 'string'
  readonly min?: number
  readonly max?: number
  /** The model's pattern, exactly as AWS prints it in validation messages. */
  readonly pattern?: string
  readonly enum?: readonly string[]
  /**
   * IAM answers some pattern violations with its own sentence instead of the generic
   * "must satisfy regular expression pattern" one (spec §4).
   */
  readonly patternMessage?: 'name' | 'path'
}

export interface IntegerType {
  readonly kind: 'integer'
  readonly min: number
  readonly max: number
}

export interface ListType {
  readonly kind: 'list'
  readonly member: ScalarTypeName | StructureType
  readonly max?: number
}

export interface StructureType {
  readonly kind: 'structure'
  readonly members: Readonly<Record<string, Member>>
}

export interface Member {
  readonly type: TypeName | StructureType | ListType
  readonly required?: boolean
}

export type ScalarType = StringType | IntegerType

const NAME = '[\\w+=,.@-]+'

/** Named scalar types. A dialect may override any of them (MSDP caps every UserName at 64). */
export const scalarTypes = {
  userNameType: { kind: 'string', min: 1, max: 64, pattern: NAME, patternMessage: 'name' },
  existingUserNameType: { kind: 'string', min: 1, max: 128, pattern: NAME, patternMessage: 'name' },
  pathType: {
    kind: 'string',
    min: 1,
    max: 512,
    pattern: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
    patternMessage: 'path',
  },
  pathPrefixType: { kind: 'string', min: 1, max: 512, pattern: '\\u002F[\\u0021-\\u007F]*' },
  accessKeyIdType: { kind: 'string', min: 16, max: 128, pattern: '[\\w]+' },
  statusType: { kind: 'string', enum: ['Active', 'Inactive', 'Expired'] },
  markerType: { kind: 'string', min: 1, max: 320, pattern: '[\\u0020-\\u00FF]+' },
  maxItemsType: { kind: 'integer', min: 1, max: 1000 },
  arnType: { kind: 'string', min: 20, max: 2048 },
  tagKeyType: { kind: 'string', min: 1, max: 128, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' },
  tagValueType: { kind: 'string', min: 0, max: 256, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' },
  policyNameType: { kind: 'string', min: 1, max: 128, pattern: NAME, patternMessage: 'name' },
  policyDocumentType: {
    kind: 'string',
    min: 1,
    max: 131072,
    pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  },
} as const satisfies Record<string, ScalarType>

export type ScalarTypeName = keyof typeof scalarTypes
export type TypeName = ScalarTypeName

export const tagType: StructureType = {
  kind: 'structure',
  members: {
    Key: { type: 'tagKeyType', required: true },
    Value: { type: 'tagValueType', required: true },
  },
}

export const tagListType: ListType = { kind: 'list', member: tagType, max: 50 }
export const tagKeyListType: ListType = { kind: 'list', member: 'tagKeyType', max: 50 }

const compiled = new Map<string, RegExp>()

/**
 * The model's pattern as a whole-string RegExp. Model patterns use Java syntax; `\w` is ASCII in
 * both, and `\p{…}` needs the `u` flag.
 */
export function patternRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern)
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u')
    compiled.set(pattern, re)
  }
  return re
}

/** One constraint a value breaks, phrased as Coral phrases it (`Member must …`). */
export interface Violation {
  readonly constraint: string
  /** Set when IAM answers this violation with its own sentence (names, paths). */
  readonly sentence?: 'name' | 'path'
}

/** The constraints `raw` breaks, in the order Coral lists them. */
export function violations(type: ScalarType, raw: string): Violation[] {
  const out: Violation[] = []
  if (type.kind === 'integer') {
    if (!/^-?\d+$/.test(raw)) return [{ constraint: 'Member must be an integer' }]
    const n = Number(raw)
    if (n < type.min)
      out.push({ constraint: `Member must have value greater than or equal to ${type.min}` })
    if (n > type.max)
      out.push({ constraint: `Member must have value less than or equal to ${type.max}` })
    return out
  }
  if (type.pattern !== undefined && !patternRegExp(type.pattern).test(raw)) {
    out.push({
      constraint: `Member must satisfy regular expression pattern: ${type.pattern}`,
      ...(type.patternMessage && { sentence: type.patternMessage }),
    })
  }
  if (type.min !== undefined && raw.length < type.min) {
    out.push({ constraint: `Member must have length greater than or equal to ${type.min}` })
  }
  if (type.max !== undefined && raw.length > type.max) {
    out.push({ constraint: `Member must have length less than or equal to ${type.max}` })
  }
  if (type.enum !== undefined && !type.enum.includes(raw)) {
    out.push({ constraint: 'Member must satisfy enum value set' })
  }
  return out
}
