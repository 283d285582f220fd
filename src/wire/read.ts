import { IamError } from '../errors.js'
import { iamSentenceFor, NON_NULL_LIST_MEMBERS } from '../model/quirks.js'
import type {
  ListShape,
  MapShape,
  NumberShape,
  Operation,
  Shape,
  StructureShape,
} from '../model/shapes.js'
import {
  booleanValue,
  itemViolation,
  javaHashMapOrder,
  memberConstraints,
  MUST_NOT_BE_NULL,
  numberValue,
  sizeViolation,
  stringViolation,
  type Violation,
} from './validate.js'

/** How a service words its validation errors. */
export interface ValidationStyle {
  /**
   * Whether messages quote the value (`Value 'x' at 'roleSessionName' failed…`), as STS's do;
   * IAM's current messages leave it out (`Value at 'userName' failed…`).
   */
  readonly quoteValues: boolean
  /** Whether IAM's own sentences answer bad names and paths (IAM, not STS). */
  readonly iamSentences: boolean
}

/**
 * Reads an operation's input from Query parameters, generically from its model shape, and
 * validates it as AWS's front end does: every violated constraint of every member (null, length,
 * range, enum, pattern) in one `N validation errors detected: …` message. Only when there is
 * none do IAM's own sentences for bad names and paths apply.
 *
 * Linear in the number of parameters: each is placed once in a tree that follows the shape, and
 * a list stops taking items once it holds one more than its model maximum (enough to report it).
 *
 * Query forms: `Name=value`; lists `Tags.member.1.Key=…`, `TagKeys.member.1=…`, and `Tags=` for
 * the empty list; maps `Map.entry.1.key=…&Map.entry.1.value=…`. Parameters the shape does not
 * know are ignored, as AWS ignores them; a repeated parameter keeps its first value.
 *
 * @note Inferred: list and map items are taken in ascending index order with gaps closed
 * (`.member.3` alone is the first item); an index that is not a positive decimal integer is
 * ignored. AWS documents neither.
 */
export function readInput(
  operation: Operation,
  params: Iterable<readonly [string, string]>,
  style: ValidationStyle,
): Record<string, unknown> {
  const root: RawStructure = { t: 's', values: new Map() }
  let size = 0
  for (const [name, value] of params) {
    size += name.length + value.length
    place(root, operation.input, name, value)
  }
  const reader = new Reader(style, size > DETACH_ABOVE)
  const input = reader.structure(operation.input, root, '')
  if (reader.problems.length > 0) throw IamError.validation(reader.messages())
  if (reader.sentence) throw reader.sentence
  return input
}

/**
 * Past this much parameter text, the strings an action receives are copied out of the request.
 *
 * @note V8 keeps a substring of 13 characters or more as a view of the string it was cut from: a
 * user name parsed from a 1 MiB body would keep the whole body alive in the store.
 */
const DETACH_ABOVE = 16 * 1024

/** A copy of `text` that holds nothing of the string it was cut from. */
function detached(text: string): string {
  return text.length > 12 ? `${text} `.slice(0, -1) : text
}

interface RawStructure {
  readonly t: 's'
  readonly values: Map<string, Raw>
}
interface RawList {
  readonly t: 'l'
  readonly items: Map<number, Raw>
}
interface RawMap {
  readonly t: 'm'
  readonly entries: Map<number, RawStructure>
}
type Raw = string | RawStructure | RawList | RawMap

/** The two members of a map entry, as a structure the walk below can descend into. */
const ENTRY_MEMBERS = new Set(['key', 'value'])

function container(shape: Shape): RawStructure | RawList | RawMap | undefined {
  switch (shape.kind) {
    case 'structure':
      return { t: 's', values: new Map() }
    case 'list':
      return { t: 'l', items: new Map() }
    case 'map':
      return { t: 'm', entries: new Map() }
    default:
      return undefined
  }
}

/** How many items a list or map keeps: one past its maximum is enough to report it. */
function capacity(shape: ListShape | MapShape): number {
  return shape.max === undefined ? Infinity : shape.max + 1
}

function index(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text)) return undefined
  const value = Number(text)
  return value >= 1 ? value : undefined
}

/** Places one parameter in the tree, following the shape; unknown names change nothing. */
function place(root: RawStructure, input: StructureShape, name: string, value: string): void {
  const segments = name.split('.')
  let node: Raw = root
  let shape: Shape = input
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!
    const last = i === segments.length - 1
    if (shape.kind === 'structure' && typeof node === 'object' && node.t === 's') {
      const member = shape.member(segment)
      if (!member) return
      const child = node.values.get(member.name)
      if (last) {
        // A scalar's first value wins; a bare list or map name (`Tags=`) is the empty one.
        if (child !== undefined || member.shape.kind === 'structure') return
        node.values.set(member.name, container(member.shape) ?? value)
        return
      }
      if (child === undefined) {
        const created = container(member.shape)
        if (!created) return
        node.values.set(member.name, created)
        node = created
      } else {
        node = child
      }
      shape = member.shape
    } else if (shape.kind === 'list' && typeof node === 'object' && node.t === 'l') {
      if (segment !== 'member' || last) return
      i++
      const at = index(segments[i]!)
      if (at === undefined) return
      const itemLast = i === segments.length - 1
      let item: Raw | undefined = node.items.get(at)
      if (item === undefined) {
        if (node.items.size >= capacity(shape)) return
        if (itemLast) {
          if (!container(shape.member)) node.items.set(at, value)
          return
        }
        item = container(shape.member)
        if (!item) return
        node.items.set(at, item)
      } else if (itemLast) {
        return
      }
      node = item
      shape = shape.member
    } else if (shape.kind === 'map' && typeof node === 'object' && node.t === 'm') {
      const at =
        segment === 'entry' && i + 2 < segments.length ? index(segments[i + 1]!) : undefined
      const part = segments[i + 2]
      if (at === undefined || part === undefined || !ENTRY_MEMBERS.has(part)) return
      i += 2
      let entry: RawStructure | undefined = node.entries.get(at)
      if (entry === undefined) {
        if (node.entries.size >= capacity(shape)) return
        entry = { t: 's', values: new Map() }
        node.entries.set(at, entry)
      }
      const target: Shape = part === 'key' ? shape.key : shape.value
      const child: Raw | undefined = entry.values.get(part)
      if (i === segments.length - 1) {
        if (child === undefined && !container(target)) entry.values.set(part, value)
        return
      }
      if (child === undefined) {
        const created = container(target)
        if (!created) return
        entry.values.set(part, created)
        node = created
      } else {
        node = child
      }
      shape = target
    } else {
      return
    }
  }
}

interface Problem {
  readonly path: string
  readonly constraint: string
  /** The value, for styles that quote it; null for a missing member. */
  readonly value: unknown
}

/** Converts the tree to typed values, collecting what breaks the model's constraints. */
class Reader {
  readonly problems: Problem[] = []
  /** IAM's own sentence for the first bad name or path, used when nothing else is wrong. */
  sentence: IamError | undefined

  constructor(
    private readonly style: ValidationStyle,
    /** Whether strings are copied out of the request (a large one: see DETACH_ABOVE). */
    private readonly detach: boolean,
  ) {}

  messages(): string[] {
    return javaHashMapOrder(this.problems).map((problem) => {
      const value = this.style.quoteValues ? `${quote(problem.value)} ` : ''
      return `Value ${value}at '${problem.path}' failed to satisfy constraint: ${problem.constraint}`
    })
  }

  structure(shape: StructureShape, raw: RawStructure, prefix: string): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const member of shape.members) {
      const path = prefix + member.path
      const value = raw.values.get(member.name)
      if (value === undefined) {
        if (member.required) this.problems.push({ path, constraint: MUST_NOT_BE_NULL, value: null })
        continue
      }
      const converted = this.value(member.shape, value, path)
      if (converted !== undefined) out[member.name] = converted
    }
    return out
  }

  private fail(path: string, violation: Violation, value: unknown): void {
    this.problems.push({ path, constraint: violation.constraint, value })
  }

  private value(shape: Shape, raw: Raw, path: string): unknown {
    switch (shape.kind) {
      case 'structure':
        return typeof raw === 'object' && raw.t === 's'
          ? this.structure(shape, raw, `${path}.`)
          : undefined
      case 'list':
        return typeof raw === 'object' && raw.t === 'l' ? this.list(shape, raw, path) : undefined
      case 'map':
        return typeof raw === 'object' && raw.t === 'm' ? this.map(shape, raw, path) : undefined
    }
    if (typeof raw !== 'string') return undefined
    switch (shape.kind) {
      case 'string': {
        const violation = stringViolation(shape, raw)
        if (!violation) return this.detach ? detached(raw) : raw
        const sentence =
          this.style.iamSentences && violation.kind === 'pattern' && iamSentenceFor(shape)
        if (sentence) {
          this.sentence ??=
            sentence === 'name' ? IamError.invalidName(path) : IamError.invalidPath(path)
        } else {
          this.fail(path, violation, raw)
        }
        return raw
      }
      case 'boolean':
      case 'integer':
      case 'long':
      case 'float':
      case 'double': {
        const value =
          shape.kind === 'boolean' ? booleanValue(raw) : numberValue(shape as NumberShape, raw)
        if (typeof value === 'object') {
          this.fail(path, value, raw)
          return undefined
        }
        return value
      }
      case 'timestamp': {
        // @note Inferred: no IAM or STS input is a timestamp; ISO-8601 or epoch seconds.
        const ms = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw)
        if (Number.isNaN(ms)) {
          this.fail(path, { constraint: 'Member must be a timestamp', kind: 'type' }, raw)
          return undefined
        }
        return new Date(ms)
      }
      case 'blob':
        return base64Bytes(raw)
    }
  }

  /**
   * @note Inferred: a list over its maximum is reported alone, its items left unchecked (AWS's
   * answer to a list that breaks both is not recorded), so the message stays one line however
   * many items a request carries.
   */
  private list(shape: ListShape, raw: RawList, path: string): unknown[] {
    const ordered = [...raw.items.keys()].sort((a, b) => a - b).map((at) => raw.items.get(at)!)
    const size = sizeViolation(shape, ordered.length)
    if (size) {
      this.fail(path, size, ordered)
      return []
    }
    const member = shape.member
    if (member.kind === 'structure' || member.kind === 'list' || member.kind === 'map') {
      return ordered.map((item, i) => this.value(member, item, `${path}.${i + 1}.member`))
    }
    const items = ordered.map((item) => (typeof item === 'string' ? item : ''))
    if (items.some((item) => itemViolation(member, item))) {
      this.problems.push({
        path,
        constraint: memberConstraints(shape, NON_NULL_LIST_MEMBERS.has(shape.name)),
        value: items,
      })
      return items
    }
    return items.map((item) => this.value(member, item, path))
  }

  /** @note Inferred: a map entry's path is `{map}.{n}.entry.key` (AWS's form is not recorded). */
  private map(shape: MapShape, raw: RawMap, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    const ordered = [...raw.entries.keys()].sort((a, b) => a - b)
    const size = sizeViolation(shape, ordered.length)
    if (size) this.fail(path, size, ordered)
    ordered.forEach((at, i) => {
      const entry = raw.entries.get(at)!
      const prefix = `${path}.${i + 1}.entry.`
      const key = entry.values.get('key')
      const value = entry.values.get('value')
      if (key === undefined)
        this.problems.push({ path: `${prefix}key`, constraint: MUST_NOT_BE_NULL, value: null })
      if (value === undefined)
        this.problems.push({ path: `${prefix}value`, constraint: MUST_NOT_BE_NULL, value: null })
      if (key === undefined || value === undefined) return
      const k = this.value(shape.key, key, `${prefix}key`)
      const v = this.value(shape.value, value, `${prefix}value`)
      if (typeof k === 'string' && !Object.hasOwn(out, k)) out[k] = v
    })
    return out
  }
}

/** A value as Java's `toString` prints it in AWS's older message format. */
function quote(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value))
    return `'[${value.map((item) => (typeof item === 'string' ? item : '…')).join(', ')}]'`
  return `'${String(value)}'`
}

function base64Bytes(text: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0))
  } catch {
    return new TextEncoder().encode(text)
  }
}
