import {
  matchStatements,
  statementsOf,
  type ContextValue,
  type RequestPrincipal,
} from './evaluate.js'
import { memo } from './memo.js'
import { statementSpans, type Position } from './positions.js'

/** Where each statement of a document sits (line, column), worked out once per document text. */
const spansOf = memo(statementSpans)

/**
 * IAM's decision across every kind of policy that applies to one request, as AWS's evaluation
 * logic documents it for a request within an account (and a resource policy's cross-account
 * case): an explicit Deny in any policy wins; otherwise the organization's service control
 * policies must allow (at every level), then a resource-based or an identity-based policy must
 * allow, and so must the permissions boundary and the session policy when there are any.
 *
 * Knows nothing of the store, the model or HTTP: the simulator, enforcement and the public
 * `msw-iam/policy` entry all decide here.
 */

/** The policy simulator's decision values. */
export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny'

/** What kind of policy a statement belongs to. */
export type PolicyKind = 'scp' | 'resource' | 'identity' | 'boundary' | 'session'

/** A policy document with the name its statements are reported under. */
export interface NamedPolicy {
  readonly id: string
  /** The document's JSON text (statement positions are reported in it). */
  readonly document: string
}

/** A statement that decided a request: which policy, which statement, and where it is. */
export interface DecidingStatement {
  readonly kind: PolicyKind
  /** The policy's id (its name, or the place it was given, e.g. `policies.1`). */
  readonly policyId: string
  /** The policy's place among those of its kind, from 0 (across levels for SCPs). */
  readonly policyIndex: number
  /** The statement's place in the policy's `Statement`, from 0. */
  readonly statementIndex: number
  readonly sid?: string
  readonly effect: 'Allow' | 'Deny'
  /**
   * The line and column of the statement's `{` and `}`, as the IAM policy simulator reports them
   * (`StartPosition`, `EndPosition`): lines from 1, and columns one more than the character's
   * 1-based place on its line, as AWS counts them.
   */
  readonly start?: Position
  readonly end?: Position
}

/** The decision, and the statements that made it. */
export interface Decision {
  readonly decision: EvalDecision
  /**
   * For `explicitDeny`, every Deny statement that applies; for `allowed`, every Allow statement
   * that applies, of every kind; none for `implicitDeny`.
   */
  readonly statements: readonly DecidingStatement[]
  /** The kind of policy that refused (with a Deny, or by allowing nothing), unless allowed. */
  readonly deniedBy?: PolicyKind
  /** Each kind of policy that was given, and its own decision. */
  readonly decisions: Readonly<Partial<Record<PolicyKind, EvalDecision>>>
  /**
   * Condition keys of the statements that target the action and resource whose values the
   * request context lacks (the simulator's `MissingContextValues`), in every kind of policy.
   *
   * @note Inferred: the keys of statements that target the request, whether or not they decide.
   */
  readonly missingContextKeys: readonly string[]
}

/** The policies that apply to one request, by kind. */
export interface PolicySet {
  readonly identity: readonly NamedPolicy[]
  readonly boundary?: readonly NamedPolicy[]
  readonly session?: readonly NamedPolicy[]
  /** Levels (root, OUs, account), each with its attached SCPs; every level must allow. */
  readonly scps?: readonly (readonly NamedPolicy[])[]
  readonly resource?: NamedPolicy
  /** The account that owns the resource (default: the principal's). */
  readonly resourceOwner?: string
  /**
   * The account's root user: no identity-based policy applies to it (it may do anything in its
   * account), but SCPs and resource policies do.
   */
  readonly root?: boolean
}

/** One request as the policies see it. */
export interface DecisionRequest {
  readonly action: string
  /** Without one, every statement's Resource matches (the simulator's `*`). */
  readonly resource?: string
  readonly principal?: RequestPrincipal
  readonly context: Readonly<Record<string, ContextValue | undefined>>
}

interface Judgement {
  readonly decision: EvalDecision
  readonly allows: DecidingStatement[]
  readonly denies: DecidingStatement[]
}

/** The decision of the policies of one kind, each statement as it applies to the request. */
function judge(
  kind: PolicyKind,
  policies: readonly NamedPolicy[],
  request: DecisionRequest,
  missing: Map<string, string>,
  firstIndex = 0,
): Judgement {
  const allows: DecidingStatement[] = []
  const denies: DecidingStatement[] = []
  const known = new Set(
    Object.entries(request.context)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key.toLowerCase()),
  )
  policies.forEach((policy, i) => {
    const matches = matchStatements(policy.document, request)
    if (matches.length === 0) return
    const spans = spansOf(policy.document)
    const statements = statementsOf(policy.document)
    for (const match of matches) {
      for (const key of match.conditionKeys) {
        if (!known.has(key.toLowerCase()) && !missing.has(key.toLowerCase())) {
          missing.set(key.toLowerCase(), key)
        }
      }
      if (!match.conditionsHold) continue
      const span = spans[match.index]
      const sid = statements[match.index]?.Sid
      const statement: DecidingStatement = {
        kind,
        policyId: policy.id,
        policyIndex: firstIndex + i,
        statementIndex: match.index,
        ...(typeof sid === 'string' && { sid }),
        effect: match.effect,
        ...(span && { start: span.StartPosition, end: span.EndPosition }),
      }
      ;(match.effect === 'Deny' ? denies : allows).push(statement)
    }
  })
  const decision = denies.length ? 'explicitDeny' : allows.length ? 'allowed' : 'implicitDeny'
  return { decision, allows, denies }
}

/** The decision of every level of SCPs: a Deny at any level, or an Allow at each. */
function judgeLevels(
  levels: readonly (readonly NamedPolicy[])[],
  request: DecisionRequest,
  missing: Map<string, string>,
): Judgement {
  let index = 0
  const judged = levels.map((level) => {
    const judgement = judge('scp', level, request, missing, index)
    index += level.length
    return judgement
  })
  const allows = judged.flatMap((j) => j.allows)
  const denies = judged.flatMap((j) => j.denies)
  const decision = denies.length
    ? 'explicitDeny'
    : judged.every((j) => j.decision === 'allowed')
      ? 'allowed'
      : 'implicitDeny'
  return { decision, allows, denies }
}

/** The order in which a denial is blamed when several kinds of policy deny. */
const BLAME: readonly PolicyKind[] = ['scp', 'resource', 'identity', 'boundary', 'session']

/** IAM's decision on a request under a set of policies. */
export function decide(set: PolicySet, request: DecisionRequest): Decision {
  const missing = new Map<string, string>()
  const judged: Partial<Record<PolicyKind, Judgement>> = {}
  if (set.scps) judged.scp = judgeLevels(set.scps, request, missing)
  if (set.resource) judged.resource = judge('resource', [set.resource], request, missing)
  if (!set.root) judged.identity = judge('identity', set.identity, request, missing)
  if (set.boundary) judged.boundary = judge('boundary', set.boundary, request, missing)
  if (set.session) judged.session = judge('session', set.session, request, missing)
  const decisions = Object.fromEntries(
    BLAME.filter((kind) => judged[kind]).map((kind) => [kind, judged[kind]!.decision]),
  )
  const missingContextKeys = [...missing.values()]
  const denied = (decision: EvalDecision, deniedBy: PolicyKind, statements: DecidingStatement[]) =>
    ({ decision, statements, deniedBy, decisions, missingContextKeys }) as Decision

  const denies = BLAME.flatMap((kind) => judged[kind]?.denies ?? [])
  if (denies.length) return denied('explicitDeny', denies[0]!.kind, denies)
  if (judged.scp && judged.scp.decision !== 'allowed') return denied('implicitDeny', 'scp', [])

  const required: PolicyKind[] = []
  const resource = judged.resource
  const crossAccount =
    set.resourceOwner !== undefined &&
    request.principal !== undefined &&
    set.resourceOwner !== request.principal.account
  if (crossAccount) {
    // Across accounts, the resource's account and the principal's must both allow: without a
    // resource policy, the resource's account grants nothing.
    if (!resource) return denied('implicitDeny', 'resource', [])
    required.push('resource', 'identity', 'boundary', 'session')
  } else if (resource?.decision === 'allowed') {
    // @note A resource policy that names the principal's own ARN (a user's, a role session's)
    // grants it alone; one that names its role or account still answers to its boundary and
    // session policy (AWS's evaluation logic within one account).
    const direct = resource.allows.some((s) => namesPrincipal(set.resource!, s, request))
    required.push('resource', ...(direct ? [] : (['boundary', 'session'] as const)))
  } else {
    required.push('identity', 'boundary', 'session')
  }
  for (const kind of required) {
    const judgement = judged[kind]
    if (judgement && judgement.decision !== 'allowed') return denied('implicitDeny', kind, [])
  }
  // Every Allow that applied: the resource policy's and the identity policies' when either would do.
  const statements = BLAME.flatMap((kind) => judged[kind]?.allows ?? [])
  return { decision: 'allowed', statements, decisions, missingContextKeys }
}

/** Whether a resource policy's Allow statement names the principal by its own (first) ARN. */
function namesPrincipal(
  policy: NamedPolicy,
  statement: DecidingStatement,
  request: DecisionRequest,
): boolean {
  const own = request.principal?.arns[0]
  if (!own) return false
  const principal = statementsOf(policy.document)[statement.statementIndex]?.Principal
  if (typeof principal !== 'object' || principal === null) return false
  const aws = (principal as Record<string, unknown>).AWS
  return (Array.isArray(aws) ? aws : [aws]).includes(own)
}
