/**
 * Policy evaluation, as AWS's engine decides one request against one policy: the statements
 * whose principal, action and conditions all match the request; an explicit Deny wins over an
 * Allow, and no matching statement is an implicit deny.
 *
 * Written for trust policies (AssumeRole, role chaining), and generic enough (resources,
 * condition operators, policy variables) for the identity policies of a later authorization
 * step. The document is assumed to have passed its grammar (`trust-grammar.ts`,
 * `aws-grammar.ts`) when it was stored.
 */

import { memo } from './memo.js'

/** A value of the request context: condition keys are single- or multi-valued. */
export type ContextValue = string | readonly string[]

/** Who makes the request, as a policy's `Principal` element is matched against it. */
export interface RequestPrincipal {
  /**
   * Every ARN the principal answers to in a `Principal` element: a user's ARN; a role session's
   * assumed-role ARN and its role's ARN; a federated user's ARN; the root's `…:root`.
   */
  readonly arns: readonly string[]
  /** The principal's account id (a bare id or `…:root` in a `Principal` names every principal of it). */
  readonly account: string
  /** Federated identity providers (`"Federated": …`) and services (`"Service": …`) it acts for. */
  readonly federated?: string
  readonly service?: string
}

/** One request as a policy sees it. */
export interface PolicyRequest {
  /** `sts:AssumeRole`, `iam:ListUsers`… */
  readonly action: string
  /** The resource acted on (checked only by statements with a Resource element). */
  readonly resource?: string
  readonly principal?: RequestPrincipal
  /** Condition keys and their values; looked up without regard to case. */
  readonly context: Readonly<Record<string, ContextValue | undefined>>
}

export type Decision = 'Allow' | 'Deny' | 'ImplicitDeny'

type Statement = Record<string, unknown>

/**
 * A document's statements (a `Statement` that is one object is a list of one), parsed once per
 * document text (documents are immutable: a policy version never changes). Read only: nothing
 * may change what it returns.
 */
export const statementsOf = memo((document: string): Statement[] => {
  const raw = (JSON.parse(document) as { Statement?: unknown }).Statement
  return (Array.isArray(raw) ? raw : [raw]) as Statement[]
})

/** The decision of one policy document on a request. */
export function evaluatePolicy(document: string, request: PolicyRequest): Decision {
  const statements = statementsOf(document)
  const context = lowerKeys(request.context)
  let allowed = false
  for (const statement of statements) {
    if (!applies(statement, request, context)) continue
    if (statement.Effect === 'Deny') return 'Deny'
    allowed = true
  }
  return allowed ? 'Allow' : 'ImplicitDeny'
}

/** One statement whose principal, action and resource match a request, conditions aside. */
export interface StatementMatch {
  /** Its place in the document's statements, from 0. */
  readonly index: number
  readonly effect: 'Allow' | 'Deny'
  /** Whether its conditions hold too (so that it applies). */
  readonly conditionsHold: boolean
  /** The condition keys it names, as written. */
  readonly conditionKeys: readonly string[]
}

/** Every statement of a document that targets a request, conditions aside (the simulator's view). */
export function matchStatements(document: string, request: PolicyRequest): StatementMatch[] {
  const statements = statementsOf(document)
  const context = lowerKeys(request.context)
  const matches: StatementMatch[] = []
  for (const index of actionCandidates(statements, request.action)) {
    const statement = statements[index]!
    if (!targets(statement, request, context)) continue
    const condition = statement.Condition
    const keys =
      typeof condition === 'object' && condition !== null
        ? Object.values(condition).flatMap((block) =>
            typeof block === 'object' && block !== null ? Object.keys(block) : [],
          )
        : []
    matches.push({
      index,
      effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
      conditionsHold: conditionsHold(condition, context),
      conditionKeys: keys,
    })
  }
  return matches
}

/** Per document (its parsed statements), per action: the statements whose action part names it. */
const candidatesByAction = new WeakMap<readonly Statement[], Map<string, readonly number[]>>()

/**
 * The indexes of the statements of a document whose `Action`/`NotAction` (or its absence) admits
 * `action`, worked out once per document and action: enforcement asks the same few documents about
 * the same few actions on every request.
 */
function actionCandidates(statements: readonly Statement[], action: string): readonly number[] {
  let byAction = candidatesByAction.get(statements)
  if (!byAction) candidatesByAction.set(statements, (byAction = new Map()))
  let found = byAction.get(action)
  if (!found) {
    found = []
    statements.forEach((statement, index) => {
      if (typeof statement !== 'object' || statement === null) return
      if ('Action' in statement || 'NotAction' in statement) {
        const named = list(statement.Action ?? statement.NotAction).some((pattern) =>
          actionMatches(pattern, action),
        )
        if (named !== 'Action' in statement) return
      }
      ;(found as number[]).push(index)
    })
    // A document asked about many actions (a simulation of every action) keeps the latest 256.
    if (byAction.size >= 256) byAction.delete(byAction.keys().next().value!)
    byAction.set(action, found)
  }
  return found
}

/**
 * Whether some statement of a document acts on a resource: its `Resource` names it (policy
 * variables aside), its `NotResource` does not, or it has neither.
 */
export function coversResource(document: string, resource: string): boolean {
  const statements = statementsOf(document)
  return statements.some((statement) => {
    if (typeof statement !== 'object' || statement === null) return false
    if (!('Resource' in statement) && !('NotResource' in statement)) return true
    const named = list(statement.Resource ?? statement.NotResource).some((pattern) =>
      wildcard(pattern.replace(/\$\{[^}]*\}/g, '*'), resource, false),
    )
    return named === 'Resource' in statement
  })
}

function applies(statement: Statement, request: PolicyRequest, context: Context): boolean {
  return targets(statement, request, context) && conditionsHold(statement.Condition, context)
}

function targets(statement: Statement, request: PolicyRequest, context: Context): boolean {
  if ('Principal' in statement || 'NotPrincipal' in statement) {
    const named = principalMatches(statement.Principal ?? statement.NotPrincipal, request.principal)
    if (named !== 'Principal' in statement) return false
  }
  if ('Action' in statement || 'NotAction' in statement) {
    const named = list(statement.Action ?? statement.NotAction).some((pattern) =>
      actionMatches(pattern, request.action),
    )
    if (named !== 'Action' in statement) return false
  }
  if (request.resource !== undefined && ('Resource' in statement || 'NotResource' in statement)) {
    const resource = request.resource
    const named = list(statement.Resource ?? statement.NotResource).some((pattern) =>
      wildcard(substitute(pattern, context), resource, false),
    )
    if (named !== 'Resource' in statement) return false
  }
  return true
}

function principalMatches(element: unknown, principal: RequestPrincipal | undefined): boolean {
  if (element === '*') return true
  if (!principal || typeof element !== 'object' || element === null) return false
  for (const [type, value] of Object.entries(element as Record<string, unknown>)) {
    for (const named of list(value)) {
      if (type === 'AWS' && awsPrincipalMatches(named, principal)) return true
      if (type === 'Federated' && named === principal.federated) return true
      if (type === 'Service' && named.toLowerCase() === principal.service?.toLowerCase()) {
        return true
      }
    }
  }
  return false
}

/**
 * `*`, an account (`123456789012` or `arn:aws:iam::123456789012:root`: every principal of that
 * account), or one principal's ARN.
 */
function awsPrincipalMatches(named: string, principal: RequestPrincipal): boolean {
  if (named === '*') return true
  if (/^\d{12}$/.test(named)) return named === principal.account
  const root = /^arn:[\w-]+:iam::(\d{12}):root$/.exec(named)
  if (root) return root[1] === principal.account
  return principal.arns.includes(named)
}

type Context = ReadonlyMap<string, ContextValue>

/** Each request context's keys in lower case, worked out once per context object. */
const lowered = new WeakMap<PolicyRequest['context'], Context>()

function lowerKeys(context: PolicyRequest['context']): Context {
  let map = lowered.get(context) as Map<string, ContextValue> | undefined
  if (map) return map
  map = new Map<string, ContextValue>()
  for (const [key, value] of Object.entries(context)) {
    if (value !== undefined) map.set(key.toLowerCase(), value)
  }
  lowered.set(context, map)
  return map
}

/** Every operator must hold; under one, every key; for one key, any of the policy's values. */
function conditionsHold(condition: unknown, context: Context): boolean {
  if (typeof condition !== 'object' || condition === null) return true
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof block !== 'object' || block === null) return false
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      // Condition values may be JSON booleans and numbers (`"Bool": {"aws:SecureTransport": true}`).
      const policyValues = (Array.isArray(values) ? values : [values])
        .filter((v) => ['string', 'boolean', 'number'].includes(typeof v))
        .map((value) => substitute(String(value), context))
      if (!operatorHolds(operator, context.get(key.toLowerCase()), policyValues)) return false
    }
  }
  return true
}

function operatorHolds(
  operator: string,
  actual: ContextValue | undefined,
  expected: readonly string[],
): boolean {
  const set = /^(ForAnyValue|ForAllValues):(.+)$/.exec(operator)
  const name = set ? set[2]! : operator
  if (name === 'Null') {
    const absent = actual === undefined || (Array.isArray(actual) && actual.length === 0)
    return expected.some((value) => (value.toLowerCase() === 'true') === absent)
  }
  const ifExists = name.endsWith('IfExists')
  const base = ifExists ? name.slice(0, -'IfExists'.length) : name
  const test = COMPARISONS[base]
  // @note An operator the engine does not know matches nothing (its statement does not apply),
  // as AWS treats an unknown operator; the grammar refuses such documents when they are stored.
  if (!test) return false
  const negated = NEGATED.has(base)
  if (actual === undefined) {
    // No value: ForAllValues holds over the empty set and ForAnyValue does not, negated or not.
    if (ifExists || set?.[1] === 'ForAllValues') return true
    return set?.[1] === 'ForAnyValue' ? false : negated
  }
  const values = typeof actual === 'string' ? [actual] : actual
  const matchesOne = (value: string) => {
    const hit = expected.some((policyValue) => test(value, policyValue))
    return negated ? !hit : hit
  }
  if (set?.[1] === 'ForAllValues') return values.every(matchesOne)
  if (set?.[1] === 'ForAnyValue') return values.some(matchesOne)
  // A multi-valued key under a plain operator: AWS compares each value (any match counts).
  return negated ? values.every(matchesOne) : values.some(matchesOne)
}

/** Each operator as a positive test; the `Not` ones are negated by `operatorHolds`. */
const COMPARISONS: Record<string, (actual: string, expected: string) => boolean> = {
  StringEquals: (a, e) => a === e,
  StringNotEquals: (a, e) => a === e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringNotEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringLike: (a, e) => wildcard(e, a, false),
  StringNotLike: (a, e) => wildcard(e, a, false),
  NumericEquals: numeric((a, e) => a === e),
  NumericNotEquals: numeric((a, e) => a === e),
  NumericLessThan: numeric((a, e) => a < e),
  NumericLessThanEquals: numeric((a, e) => a <= e),
  NumericGreaterThan: numeric((a, e) => a > e),
  NumericGreaterThanEquals: numeric((a, e) => a >= e),
  DateEquals: date((a, e) => a === e),
  DateNotEquals: date((a, e) => a === e),
  DateLessThan: date((a, e) => a < e),
  DateLessThanEquals: date((a, e) => a <= e),
  DateGreaterThan: date((a, e) => a > e),
  DateGreaterThanEquals: date((a, e) => a >= e),
  Bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
  BinaryEquals: (a, e) => a === e,
  ArnEquals: (a, e) => wildcard(e, a, false),
  ArnLike: (a, e) => wildcard(e, a, false),
  ArnNotEquals: (a, e) => wildcard(e, a, false),
  ArnNotLike: (a, e) => wildcard(e, a, false),
  IpAddress: inCidr,
  NotIpAddress: inCidr,
}

/** Whether an address (IPv4 or IPv6) lies in a CIDR block, or equals an address without a prefix. */
function inCidr(address: string, block: string): boolean {
  const [network, bits] = block.split('/')
  const a = ipBytes(address)
  const n = ipBytes(network ?? '')
  if (!a || !n || a.length !== n.length) return false
  const prefix = bits === undefined ? a.length * 8 : Number(bits)
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > a.length * 8) return false
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8)
    if ((a[bit >> 3]! & mask) !== (n[bit >> 3]! & mask)) return false
  }
  return true
}

/** The bytes of an IPv4 (4) or IPv6 (16) address, or undefined for neither. */
function ipBytes(text: string): number[] | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (v4) {
    const bytes = v4.slice(1).map(Number)
    return bytes.every((b) => b <= 255) ? bytes : undefined
  }
  if (!text.includes(':')) return undefined
  const [head, tail, more] = text.split('::')
  if (more !== undefined) return undefined
  const groups = (part: string | undefined) => (part ? part.split(':') : [])
  const left = groups(head)
  const right = groups(tail)
  const missing = 8 - left.length - right.length
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined
  const all = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right]
  const bytes: number[] = []
  for (const group of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined
    const value = parseInt(group, 16)
    bytes.push(value >> 8, value & 0xff)
  }
  return bytes
}

const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'ArnNotEquals',
  'ArnNotLike',
  'NotIpAddress',
])

function numeric(test: (a: number, e: number) => boolean) {
  return (a: string, e: string) => {
    const [x, y] = [Number(a), Number(e)]
    return !Number.isNaN(x) && !Number.isNaN(y) && test(x, y)
  }
}

/** Dates as ISO 8601 or epoch seconds, as AWS reads both. */
function date(test: (a: number, e: number) => boolean) {
  const time = (value: string) => (/^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value))
  return (a: string, e: string) => {
    const [x, y] = [time(a), time(e)]
    return !Number.isNaN(x) && !Number.isNaN(y) && test(x, y)
  }
}

/**
 * Whether an action pattern (`s3:Get*`) names an action (`iam:GetUser`): a pattern whose service
 * has no wildcard names no action of another service, which settles most statements without a
 * regular expression.
 */
function actionMatches(pattern: string, action: string): boolean {
  const colon = pattern.indexOf(':')
  if (colon > 0) {
    const service = pattern.slice(0, colon)
    const other =
      action[colon] !== ':' || action.slice(0, colon).toLowerCase() !== service.toLowerCase()
    if (other && !/[*?]/.test(service)) return false
  }
  return wildcard(pattern, action, true)
}

/** `*` any run of characters, `?` any one; actions are matched without regard to case. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  return wildcardPattern(pattern, ignoreCase).test(value)
}

const wildcardSource = (pattern: string) =>
  pattern
    .split(/([*?])/)
    .map((part) =>
      part === '*' ? '.*' : part === '?' ? '.' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('')
const caseless = memo((pattern) => new RegExp(`^${wildcardSource(pattern)}$`, 'is'))
const exact = memo((pattern) => new RegExp(`^${wildcardSource(pattern)}$`, 's'))

/** A wildcard's regular expression, compiled once per pattern. */
function wildcardPattern(pattern: string, ignoreCase: boolean): RegExp {
  return (ignoreCase ? caseless : exact)(pattern)
}

/**
 * The Allow statements of a document as tests of an action (`s3:GetObject`), conditions and
 * resources aside: whether the statement's `Action` names it, or its `NotAction` leaves it out.
 * Access advisor's reading of a policy (the services it could reach); each pattern is compiled
 * once, since a report tests every action of every service.
 */
export function allowedActionTests(document: string): ((action: string) => boolean)[] {
  const tests: ((action: string) => boolean)[] = []
  for (const statement of statementsOf(document)) {
    if (typeof statement !== 'object' || statement === null || statement.Effect !== 'Allow')
      continue
    if (!('Action' in statement) && !('NotAction' in statement)) continue
    const named = 'Action' in statement
    const patterns = list(statement.Action ?? statement.NotAction).map((p) =>
      wildcardPattern(p, true),
    )
    tests.push((action) => patterns.some((pattern) => pattern.test(action)) === named)
  }
  return tests
}

/**
 * Policy variables: `${aws:username}` becomes the request's value (a key the request lacks
 * leaves the text as is, which then matches nothing real), `${*}`, `${?}` and `${$}` the
 * characters themselves.
 */
function substitute(text: string, context: Context): string {
  if (!text.includes('${')) return text
  return text.replace(/\$\{([^}]+)\}/g, (whole, inside: string) => {
    if (inside === '*' || inside === '?' || inside === '$') return inside
    // `${aws:username, 'nobody'}`: the default when the request has no value.
    const withDefault = /^\s*([^,\s]+)\s*,\s*'([^']*)'\s*$/.exec(inside)
    const key = withDefault ? withDefault[1]! : inside
    const value = context.get(key.toLowerCase())
    if (typeof value === 'string') return value
    return withDefault ? withDefault[2]! : whole
  })
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}
