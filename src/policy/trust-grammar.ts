import { IamError } from '../errors.js'

/**
 * IAM's grammar for a role's trust policy (`AssumeRolePolicyDocument`, UpdateAssumeRolePolicy),
 * with the sentences IAM answers: JSON first, then per statement its principal, its resources and
 * its actions. A principal that names an IAM user or role of this account that does not exist is
 * refused as IAM refuses it (IAM resolves principals to unique ids when it stores the policy).
 */

type Statement = Record<string, unknown>

/** The actions a trust policy may grant (the STS actions a principal takes on the role). */
const TRUST_ACTIONS = new Set(
  [
    '*',
    'sts:*',
    'sts:AssumeRole',
    'sts:AssumeRoleWithSAML',
    'sts:AssumeRoleWithWebIdentity',
    'sts:TagSession',
    'sts:SetSourceIdentity',
    'sts:SetContext',
  ].map((action) => action.toLowerCase()),
)

const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
])
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser'])
const IAM_PRINCIPAL_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):(root|user\/.+|role\/.+)$/
const OTHER_PRINCIPAL_ARN = /^arn:(aws|aws-cn|aws-us-gov):(iam|sts)::(\d{12}|aws|cloudfront):.+$/

/** Whether an IAM user or role of this account exists, by the ARN a principal names. */
export type PrincipalExists = (arn: string) => boolean | undefined

const malformed = IamError.malformedPolicy

/**
 * Checks a trust policy.
 *
 * @param exists says whether a principal ARN of this account names a user or role that exists
 * (undefined: not this account's, so not checked).
 * @throws MalformedPolicyDocument with IAM's sentence for the first problem found.
 */
export function checkTrustPolicyDocument(document: string, exists: PrincipalExists): void {
  let policy: unknown
  try {
    policy = JSON.parse(document)
  } catch {
    // Recorded: a trailing comma, and a text that is no JSON at all.
    throw malformed('This policy contains invalid Json')
  }
  // @note Inferred: a document that is JSON but not a policy's shape gets the identity grammar's
  // sentence for a syntax error.
  const syntax = () => malformed('Syntax errors in policy.')
  if (!isObject(policy)) throw syntax()
  const raw = policy.Statement
  const statements = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : undefined
  if (!statements || statements.length === 0) throw syntax()
  for (const statement of statements) {
    if (!isObject(statement)) throw syntax()
    if (!Object.keys(statement).every((key) => STATEMENT_ELEMENTS.has(key))) throw syntax()
    if (!['Allow', 'Deny'].includes(statement.Effect as string)) throw syntax()
  }
  for (const statement of statements as Statement[]) {
    checkPrincipal(statement, exists)
    // Recorded: `Has prohibited field Resource`, checked before the actions.
    if ('Resource' in statement) throw malformed('Has prohibited field Resource')
    // @note The NotResource sentence is IAM's as other emulators quote it; no recording shows it.
    if ('NotResource' in statement) throw malformed('AssumeRole policy must not contain resources.')
    const actions = statement.Action ?? statement.NotAction
    const list = typeof actions === 'string' ? [actions] : actions
    if (!Array.isArray(list) || list.length === 0 || !list.every((a) => typeof a === 'string')) {
      throw syntax()
    }
    // Recorded: `sts:InvalidAction`.
    if (!list.every((action) => TRUST_ACTIONS.has(action.toLowerCase()))) {
      throw malformed('AssumeRole policy may only specify STS AssumeRole actions.')
    }
  }
}

function checkPrincipal(statement: Statement, exists: PrincipalExists): void {
  // @note Inferred: `Missing required field Principal` is AWS's sentence for a resource policy
  // without one (S3 answers it, as issues quote); no recording shows IAM's for a trust policy.
  if (!('Principal' in statement) && !('NotPrincipal' in statement)) {
    throw malformed('Missing required field Principal')
  }
  const principal = statement.Principal ?? statement.NotPrincipal
  if (principal === '*') return
  if (!isObject(principal)) throw malformed('Syntax errors in policy.')
  if (Object.keys(principal).length === 0) {
    throw malformed('Missing required field Principal cannot be empty!')
  }
  for (const [type, value] of Object.entries(principal)) {
    if (!PRINCIPAL_TYPES.has(type)) throw malformed('Syntax errors in policy.')
    const values = typeof value === 'string' ? [value] : value
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) {
      throw malformed('Syntax errors in policy.')
    }
    if (type !== 'AWS') continue
    for (const arn of values as string[]) {
      if (!validAwsPrincipal(arn, exists)) {
        // IAM's sentence: `Invalid principal in policy: "AWS":"arn:aws:iam::…:role/Name"`.
        throw malformed(`Invalid principal in policy: "AWS":"${arn}"`)
      }
    }
  }
}

function validAwsPrincipal(value: string, exists: PrincipalExists): boolean {
  if (value === '*' || /^\d{12}$/.test(value)) return true
  const iam = IAM_PRINCIPAL_ARN.exec(value)
  if (iam) return iam[3] === 'root' || exists(value) !== false
  // A group is no principal (IAM cannot resolve it to one caller).
  if (/^arn:[\w-]+:iam::\d{12}:group\//.test(value)) return false
  // Assumed-role sessions, federated users, CloudFront identities: their form only.
  return OTHER_PRINCIPAL_ARN.test(value)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
