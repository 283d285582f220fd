import { IamError } from '../errors.js'

/** The four actions MSDP's S3 interface knows (`s3:*` also grants every IAM action). */
export const MSDP_POLICY_ACTIONS = ['s3:*', 's3:Put*', 's3:Get*', 's3:List*'] as const

/**
 * `arn:aws:s3:::*` (everything) or `arn:aws:s3:::<bucket>/*` (a bucket and its objects).
 *
 * @note The bucket part follows S3's naming rules (3–63 lowercase letters, digits, dots and
 * hyphens, starting and ending with a letter or digit); MSDP documents only the two forms.
 */
const RESOURCE = /^arn:aws:s3:::(?:\*|[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/\*)$/

const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Action', 'Resource'])

/**
 * Checks a policy document against the grammar NetBackup documents for its S3 interface for
 * MSDP: JSON with `Version` `2012-10-17` and `Statement`; `Effect` `Allow` only; the four
 * actions of `MSDP_POLICY_ACTIONS`; the two resource forms of `RESOURCE`.
 *
 * @note MSDP documents the supported forms but neither the error for anything else nor its
 * wording. The mock answers MalformedPolicyDocument (400), as IAM does for a policy it cannot
 * accept, reusing IAM's sentences where the problem is IAM's too (bad JSON, no actions…) and
 * naming the unsupported value otherwise.
 * @throws MalformedPolicyDocument
 */
export function checkMsdpPolicyDocument(document: string): void {
  let policy: unknown
  try {
    policy = JSON.parse(document)
  } catch {
    throw IamError.malformedPolicy('Syntax errors in policy.')
  }
  if (!isObject(policy)) throw IamError.malformedPolicy('Syntax errors in policy.')
  for (const key of Object.keys(policy)) {
    if (key !== 'Version' && key !== 'Statement') {
      throw IamError.malformedPolicy(`Policy element ${key} is not supported.`)
    }
  }
  if (policy.Version !== '2012-10-17') {
    throw IamError.malformedPolicy('Policy document must be version 2012-10-17.')
  }
  const raw = policy.Statement
  const statements: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  if (statements.length === 0) throw IamError.malformedPolicy('Syntax errors in policy.')
  for (const statement of statements) checkStatement(statement)
}

function checkStatement(statement: unknown): void {
  if (!isObject(statement)) throw IamError.malformedPolicy('Syntax errors in policy.')
  for (const key of Object.keys(statement)) {
    if (!STATEMENT_ELEMENTS.has(key)) {
      throw IamError.malformedPolicy(`Statement element ${key} is not supported.`)
    }
  }
  if ('Sid' in statement && typeof statement.Sid !== 'string') {
    throw IamError.malformedPolicy('Syntax errors in policy.')
  }
  if (typeof statement.Effect !== 'string') {
    throw IamError.malformedPolicy('Syntax errors in policy.')
  }
  if (statement.Effect !== 'Allow') {
    throw IamError.malformedPolicy(
      `Effect ${statement.Effect} is not supported; the only effect is Allow.`,
    )
  }
  const actions = strings(statement.Action)
  if (actions.length === 0) throw IamError.malformedPolicy('Policy statement must contain actions.')
  for (const action of actions) {
    if (!(MSDP_POLICY_ACTIONS as readonly string[]).includes(action)) {
      throw IamError.malformedPolicy(
        `Action ${action} is not supported; use ${MSDP_POLICY_ACTIONS.join(', ')}.`,
      )
    }
  }
  const resources = strings(statement.Resource)
  if (resources.length === 0) {
    throw IamError.malformedPolicy('Policy statement must contain resources.')
  }
  for (const resource of resources) {
    if (!RESOURCE.test(resource)) {
      throw IamError.malformedPolicy(
        `Resource ${resource} is not supported; use arn:aws:s3:::* or arn:aws:s3:::<bucket>/*.`,
      )
    }
  }
}

/** A string or a list of strings as a list; absent is empty. */
function strings(value: unknown): string[] {
  if (value === undefined) return []
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value
  throw IamError.malformedPolicy('Syntax errors in policy.')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
