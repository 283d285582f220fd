import type { IamError } from '../errors.js'
import { RESPONSE_ORDER, RESPONSE_QUIRKS, URL_ENCODED_SHAPES } from '../model/quirks.js'
import type { Member, Operation, Shape, StructureShape } from '../model/shapes.js'
import { encodeRfc3986 } from '../rfc3986.js'
import { isoSeconds } from '../store/clock.js'

/** How a dialect writes XML. */
export interface XmlStyle {
  /** Whether bodies start with `<?xml version="1.0" encoding="UTF-8"?>`. */
  readonly declaration: boolean
  /** Whether `ResponseMetadata` comes before the `{Action}Result` element. */
  readonly metadataFirst: boolean
  /** Whether policy documents come back URL-encoded, as AWS sends them. */
  readonly encodeDocuments: boolean
  /** The members of an output structure, in the order (and subset) this dialect writes. */
  members(shape: StructureShape): readonly Member[]
}

/** How one value of a response is written: the output shape, with AWS's quirks applied. */
type Plan =
  | { readonly kind: 'text'; readonly encode: boolean }
  | { readonly kind: 'timestamp' | 'plain' | 'blob' }
  | { readonly kind: 'list'; readonly member: Plan }
  | { readonly kind: 'map'; readonly key: Plan; readonly value: Plan }
  | { readonly kind: 'structure'; readonly members: ReadonlyArray<readonly [string, Plan]> }

const plans = new WeakMap<XmlStyle, WeakMap<Operation, Plan>>()

/** The plan of an operation's result under a style, built once. */
function resultPlan(style: XmlStyle, operation: Operation): Plan {
  let byOperation = plans.get(style)
  if (!byOperation) plans.set(style, (byOperation = new WeakMap()))
  let plan = byOperation.get(operation)
  if (!plan) {
    plan = planOf(style, operation.output!, operation.result!)
    byOperation.set(operation, plan)
  }
  return plan
}

function planOf(style: XmlStyle, shape: Shape, path: string): Plan {
  switch (shape.kind) {
    case 'structure': {
      const order = RESPONSE_ORDER[path]
      const members = order ? order.map((name) => shape.member(name)!) : style.members(shape)
      return {
        kind: 'structure',
        members: members
          .filter((member) => RESPONSE_QUIRKS[`${path}.${member.name}`] !== 'omit')
          .map((member) => [member.name, planOf(style, member.shape, `${path}.${member.name}`)]),
      }
    }
    case 'list':
      return { kind: 'list', member: planOf(style, shape.member, `${path}.member`) }
    case 'map':
      return {
        kind: 'map',
        key: planOf(style, shape.key, `${path}.entry.key`),
        value: planOf(style, shape.value, `${path}.entry.value`),
      }
    case 'string':
      return { kind: 'text', encode: style.encodeDocuments && URL_ENCODED_SHAPES.has(shape.name) }
    case 'timestamp':
      return { kind: 'timestamp' }
    case 'blob':
      return { kind: 'blob' }
    default:
      return { kind: 'plain' }
  }
}

/**
 * The body of a successful response: `{Action}Response` with its `{Action}Result` (for operations
 * that have one) and `ResponseMetadata`, in the service's namespace, written generically from the
 * operation's output shape.
 */
export function successBody(
  style: XmlStyle,
  operation: Operation,
  output: unknown,
  requestId: string,
  xmlns: string,
): string {
  const inner = '  '
  const metadata = `${inner}<ResponseMetadata>\n${inner}  <RequestId>${text(requestId)}</RequestId>\n${inner}</ResponseMetadata>\n`
  const result = operation.output
    ? element(operation.result!, resultPlan(style, operation), output ?? {}, inner)
    : ''
  const children = style.metadataFirst ? metadata + result : result + metadata
  return document(style, `${operation.name}Response`, xmlns, children)
}

/** The body of an error response: the Query `ErrorResponse` envelope, in the service's namespace. */
export function errorBody(
  style: Pick<XmlStyle, 'declaration'>,
  error: IamError,
  requestId: string,
  xmlns: string,
): string {
  const errorXml =
    `  <Error>\n    <Type>${error.type}</Type>\n` +
    `    <Code>${text(error.code)}</Code>\n` +
    (error.messageless
      ? ''
      : error.message === ''
        ? '    <Message/>\n'
        : `    <Message>${text(error.message)}</Message>\n`) +
    '  </Error>\n'
  return document(
    style,
    'ErrorResponse',
    xmlns,
    `${errorXml}  <RequestId>${text(requestId)}</RequestId>\n`,
  )
}

/**
 * A response document as IAM lays it out: one element per line, two-space indentation,
 * `<Name/>` for an empty one, a final newline.
 *
 * @note Written here rather than with an XML builder: every value is escaped by `text()` (a
 * builder does not know that XML 1.0 forbids most control characters even as references, nor
 * that a bare CR would be normalised away by every parser), names come from the model, and the
 * only attribute is the namespace.
 */
function document(
  style: Pick<XmlStyle, 'declaration'>,
  root: string,
  xmlns: string,
  children: string,
): string {
  const declaration = style.declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''
  return `${declaration}<${root} xmlns="${xmlns}">\n${children}</${root}>\n`
}

function element(name: string, plan: Plan, value: unknown, indent: string): string {
  const open = `${indent}<${name}`
  let content: string
  switch (plan.kind) {
    case 'text': {
      const raw = plan.encode ? encodeRfc3986(value as string) : (value as string)
      return raw === '' ? `${open}/>\n` : `${open}>${text(raw)}</${name}>\n`
    }
    case 'timestamp':
      return `${open}>${isoSeconds(value as Date)}</${name}>\n`
    case 'plain':
      return `${open}>${String(value)}</${name}>\n`
    case 'blob': {
      const encoded = base64(value as Uint8Array | string)
      return encoded === '' ? `${open}/>\n` : `${open}>${encoded}</${name}>\n`
    }
    case 'list': {
      const inner = `${indent}  `
      content = ''
      for (const item of value as readonly unknown[])
        content += element('member', plan.member, item, inner)
      break
    }
    case 'map': {
      const inner = `${indent}  `
      content = ''
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        content +=
          `${inner}<entry>\n` +
          element('key', plan.key, key, `${inner}  `) +
          element('value', plan.value, item, `${inner}  `) +
          `${inner}</entry>\n`
      }
      break
    }
    case 'structure': {
      const inner = `${indent}  `
      const record = value as Record<string, unknown>
      content = ''
      for (const [member, memberPlan] of plan.members) {
        const memberValue = record[member]
        if (memberValue !== undefined && memberValue !== null) {
          content += element(member, memberPlan, memberValue, inner)
        }
      }
      break
    }
  }
  return content === '' ? `${open}/>\n` : `${open}>\n${content}${indent}</${name}>\n`
}

function base64(value: Uint8Array | string): string {
  if (typeof value === 'string') return value
  let binary = ''
  for (const byte of value) binary += String.fromCharCode(byte)
  return btoa(binary)
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
}

/**
 * Escapes a value for XML text. Characters XML 1.0 cannot carry at all (C0 controls other than
 * tab and newline, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so every body stays
 * well-formed whatever a request echoed into it.
 */
export function text(raw: string): string {
  if (!NEEDS_ESCAPE.test(raw)) return raw
  return raw.replace(
    // eslint-disable-next-line no-control-regex
    /[&<>"'\r]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (ch) => ESCAPES[ch] ?? '\uFFFD',
  )
}
