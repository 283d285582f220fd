import { IamError } from '../errors.js'

/**
 * IAM's identity-policy grammar, as real IAM checks a PutUserPolicy document: which problems it
 * reports and with which sentence, in the order it looks for them. The rules and messages are
 * those AWS answers (LocalStack's and moto's validators, whose test cases were recorded against
 * AWS); the code is ours.
 */

type Statement = Record<string, unknown>

const TOP_ELEMENTS = new Set(['Version', 'Id', 'Statement', 'Conditions'])
const VERSIONS = new Set(['2008-10-17', '2012-10-17'])
const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Condition',
])
const EFFECTS = ['Allow', 'Deny']
const OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
])
const PARTITIONS = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
])
const IAM_RESOURCE_TYPES = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
]

class Rejected extends Error {}

/** Throws inside the syntax and legacy passes; each pass maps it to its one IAM sentence. */
function reject(): never {
  throw new Rejected()
}

/**
 * Checks a policy document against IAM's grammar.
 *
 * @throws MalformedPolicyDocument with IAM's sentence for the first problem found.
 */
export function checkAwsPolicyDocument(document: string): void {
  const statements = pass('Syntax errors in policy.', () => syntax(document))
  const policy = JSON.parse(document) as Record<string, unknown>
  if (policy.Version !== '2012-10-17') {
    throw IamError.malformedPolicy('Policy document must be version 2012-10-17 or greater.')
  }
  // @note Where IAM looks for a principal among its other checks is not recorded; the sentence is.
  if (statements.some((s) => 'Principal' in s || 'NotPrincipal' in s)) {
    throw IamError.malformedPolicy('Policy document should not specify a principal.')
  }
  // IAM reports a badly formed resource only after the SID and action checks.
  let resourceError: string | undefined
  pass('The policy failed legacy parsing', () => {
    for (const statement of statements) legacyStatement(statement)
    for (const key of ['Resource', 'NotResource']) {
      for (const statement of statements) {
        if (!(key in statement)) continue
        const resources = strings(statement[key])
        // @note Like the AWS-validated reference, a later bad resource replaces an earlier one.
        for (const resource of [...resources].sort().reverse()) {
          resourceError = resourceFormatError(resource) ?? resourceError
        }
        if (resourceError === undefined) resources.forEach(legacyResource)
      }
    }
  })
  const sids = statements.map((s) => s.Sid).filter((sid) => typeof sid === 'string' && sid !== '')
  if (new Set(sids).size !== sids.length) {
    throw IamError.malformedPolicy('Statement IDs (SID) in a single policy must be unique.')
  }
  if (!statements.every((s) => present(s, 'Action') || present(s, 'NotAction'))) {
    throw IamError.malformedPolicy('Policy statement must contain actions.')
  }
  if (resourceError !== undefined) throw IamError.malformedPolicy(resourceError)
  // A missing resource is reported before an action without a vendor (recorded: invalid-29).
  if (!statements.every((s) => present(s, 'Resource') || present(s, 'NotResource'))) {
    throw IamError.malformedPolicy('Policy statement must contain resources.')
  }
  for (const key of ['Action', 'NotAction']) {
    for (const statement of statements) {
      if (key in statement) strings(statement[key]).forEach(checkActionPrefix)
    }
  }
}

function pass<T>(message: string, check: () => T): T {
  try {
    return check()
  } catch (error) {
    if (error instanceof Rejected || error instanceof SyntaxError) {
      throw IamError.malformedPolicy(message)
    }
    throw error
  }
}

/** The statements of a syntactically valid policy (JSON, known elements, right value types). */
function syntax(document: string): Statement[] {
  const policy: unknown = JSON.parse(document)
  if (!isObject(policy)) reject()
  if (!Object.keys(policy).every((key) => TOP_ELEMENTS.has(key))) reject()
  if ('Version' in policy && !VERSIONS.has(policy.Version as string)) reject()
  if ('Id' in policy && typeof policy.Id !== 'string') reject()
  const raw = policy.Statement
  const statements = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : reject()
  if (statements.length === 0) reject()
  for (const statement of statements) statementSyntax(statement)
  return statements as Statement[]
}

function statementSyntax(statement: unknown): void {
  if (!isObject(statement)) reject()
  if (!Object.keys(statement).every((key) => STATEMENT_ELEMENTS.has(key))) reject()
  if ('Resource' in statement && 'NotResource' in statement) reject()
  if ('Action' in statement && 'NotAction' in statement) reject()
  const effect = statement.Effect
  if (typeof effect !== 'string') reject()
  if (!EFFECTS.some((e) => e.toLowerCase() === effect.toLowerCase())) reject()
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    if (key in statement) strings(statement[key])
  }
  if ('Sid' in statement && typeof statement.Sid !== 'string') reject()
  if ('Condition' in statement) {
    const condition = statement.Condition
    if (!isObject(condition)) reject()
    for (const [operator, block] of Object.entries(condition)) {
      if (!isObject(block)) reject()
      // @note IAM's grammar allows strings, numbers and Booleans as condition values, alone or
      // in a list (the reference validators accept strings only).
      for (const value of Object.values(block)) {
        if (!(Array.isArray(value) ? value : [value]).every(isConditionValue)) reject()
      }
      // An operator IAM does not know is tolerated only with nothing under it.
      if (!OPERATORS.has(bareOperator(operator)) && Object.keys(block).length > 0) reject()
    }
  }
}

function legacyStatement(statement: Statement): void {
  // Case matters here, unlike in the syntax pass: `allow` is syntax but not a legacy effect.
  if (!EFFECTS.includes(statement.Effect as string)) reject()
  const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined
  for (const [operator, block] of Object.entries(condition ?? {})) {
    if (!bareOperator(operator).startsWith('Date')) continue
    for (const value of Object.values(block)) {
      for (const item of Array.isArray(value) ? value : [value]) dateValue(String(item))
    }
  }
}

/** `ForAnyValue:StringLikeIfExists` → `StringLike`. */
function bareOperator(operator: string): string {
  return operator.replace(/^(?:ForAnyValue:|ForAllValues:)/, '').replace(/IfExists$/, '')
}

const ISO_DATE =
  /^-?(\d+)(?:-(\d+)(?:-(\d+))?)?(?:t(?:(\d+)(?::(\d+)(?::(\d+)(?:\.(\d{1,9}))?)?)?)?(?:z|\+\d{2}(?::\d{2})?)?)?$/

/**
 * A Date condition value: an ISO-8601 date-time (fractions of a second to nanoseconds: nine
 * digits at most, recorded) or epoch seconds, as IAM's parser reads them.
 */
function dateValue(value: string): void {
  const lower = value.toLowerCase()
  if (!lower.includes('t') && !lower.includes('-')) {
    if (!/^\d+$/.test(lower) || BigInt(lower) > 9223372036854775807n) reject()
    return
  }
  const match = ISO_DATE.exec(lower)
  if (!match) reject()
  const [, , month, day, hours, minutes, seconds] = match
  const within = (part: string | undefined, min: number, max: number) =>
    part === undefined || (Number(part) >= min && Number(part) <= max)
  if (!within(month, 1, 12) || !within(day, 1, 31) || !within(hours, 0, 23)) reject()
  if (!within(minutes, 0, 59) || !within(seconds, 0, 59)) reject()
}

/** IAM's sentence for a resource that is not a well-formed ARN, or undefined. */
function resourceFormatError(resource: string): string | undefined {
  if (resource === '*') return undefined
  const parts = resource.split(':')
  if (parts.length < 2) return `Resource ${resource} must be in ARN format or "*".`
  const partition = parts[1]!
  if (partition !== '*' && !PARTITIONS.has(partition)) {
    const rest = parts.slice(2)
    const service = rest[0] !== undefined && (rest[0] !== '' || rest.length > 1) ? rest[0] : '*'
    const region = rest.length > 1 ? rest[1] : '*'
    const account = rest.length > 2 ? rest[2] : '*'
    const id = rest.length > 3 ? rest.slice(3).join(':') : '*'
    return `Partition "${partition}" is not valid for resource "arn:${partition}:${service}:${region}:${account}:${id}".`
  }
  if (parts.length < 3) return 'Resource vendor must be fully qualified and cannot contain regexes.'
  const service = parts[2]!
  const hasRegion = parts.length < 4 || parts[3] !== ''
  const resourceId = parts.slice(5).join(':')
  if (service === 'iam' && hasRegion) {
    return `IAM resource ${resource} cannot contain region information.`
  }
  if (service === 's3' && hasRegion && !resourceId.startsWith('accesspoint/')) {
    return `Resource ${resource} can not contain region information.`
  }
  if (
    service === 'iam' &&
    resourceId !== '*' &&
    resourceId !== 'root' &&
    !IAM_RESOURCE_TYPES.some((type) => resourceId.startsWith(type))
  ) {
    return `IAM resource path must either be "*", root, or start with ${IAM_RESOURCE_TYPES.join(', ')}.`
  }
  return undefined
}

/** The older ARN parser IAM still runs: an ARN with `::` needs all six fields and a service. */
function legacyResource(resource: string): void {
  if (resource === '*') return
  const colons = resource.split(':').length - 1
  if (colons < 5 && resource.includes('::')) reject()
  if (!resource.split(':')[2]) reject()
}

function checkActionPrefix(action: string): void {
  const parts = action.split(':')
  if (parts.length === 1 && parts[0] !== '*') {
    throw IamError.malformedPolicy(
      'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    )
  }
  if (parts.length > 2) {
    throw IamError.malformedPolicy('Actions/Condition can contain only one colon.')
  }
  const vendor = parts[0]!
  if (vendor !== '*' && /[^a-zA-Z0-9\-.]/.test(vendor)) {
    throw IamError.malformedPolicy(`Vendor ${vendor} is not valid`)
  }
}

function isConditionValue(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

/** A string or a list of strings, as a list. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value
  reject()
}

/** The element is there and not an empty list. */
function present(statement: Statement, key: string): boolean {
  const value = statement[key]
  return value !== undefined && !(Array.isArray(value) && value.length === 0)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
