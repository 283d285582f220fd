import { decide, type Decision, type NamedPolicy } from './decide.js'
import type { ContextValue, RequestPrincipal } from './evaluate.js'

export type { Decision, DecidingStatement, EvalDecision, PolicyKind } from './decide.js'
export type { Position } from './positions.js'
export type { ContextValue } from './evaluate.js'

/**
 * A policy document: its JSON text (positions are reported in it as written), the document as
 * an object (reported in `JSON.stringify`'s text of it), or either with the id its statements are
 * reported under.
 */
export type PolicyInput =
  | string
  | Readonly<Record<string, unknown>>
  | { readonly id: string; readonly document: string | Readonly<Record<string, unknown>> }

/** What is asked, by whom, of what. */
export interface EvaluationRequest {
  /**
   * The ARN of who asks: a user (`arn:aws:iam::123456789012:user/alice`), a role session
   * (`arn:aws:sts::123456789012:assumed-role/Admin/session`, which a policy may also name by its
   * role's ARN, `arn:aws:iam::123456789012:role/Admin`: a session's ARN carries no role path), the
   * account's root user (`arn:aws:iam::123456789012:root`), or a service (`lambda.amazonaws.com`,
   * matched by a `Principal`'s `Service`). Matched against the resource policy's `Principal`, and
   * the default of `aws:PrincipalArn` (a role session's is its role's, as in AWS) and
   * `aws:PrincipalAccount` (`aws:PrincipalServiceName` for a service).
   */
  readonly principal?: string
  /** `iam:AttachUserPolicy`, `s3:GetObject`…; matched without regard to case. */
  readonly action: string
  /** The ARN acted on; left out, every statement's `Resource` matches (the simulator's `*`). */
  readonly resource?: string
  /** Condition keys and their values (a list for a multivalued key); names ignore case. */
  readonly context?: Readonly<Record<string, ContextValue | undefined>>
}

/** The policies of a request, by kind, and the request. */
export interface EvaluationInput {
  /** Identity-based policies: a user's (and its groups'), a role's. */
  readonly policies?: readonly PolicyInput[]
  /** The permissions boundary: when given, it must allow as well. */
  readonly boundary?: PolicyInput
  /** A role session's session policies (AssumeRole's `Policy` and `PolicyArns`): each limits. */
  readonly sessionPolicies?: readonly PolicyInput[]
  /**
   * The organization's service control policies: a list of SCPs attached at one level, or a list
   * of levels (root, OUs, the account), each a list; every level must allow. They limit the root
   * user too.
   */
  readonly scps?: readonly PolicyInput[] | readonly (readonly PolicyInput[])[]
  /** The resource-based policy of what is acted on (its `Principal` names who it grants). */
  readonly resourcePolicy?: PolicyInput
  /**
   * The account that owns the resource; default: the principal's. A resource policy of another
   * account must allow, and so must the principal's own policies.
   */
  readonly resourceOwner?: string
  readonly request: EvaluationRequest
}

/**
 * IAM's decision on one request, without HTTP or a mock: AWS's evaluation logic over the
 * identity-based policies, the permissions boundary, session policies, service control policies
 * and a resource-based policy. An explicit Deny in any of them wins (`explicitDeny`); otherwise
 * every SCP level, and then a resource-based or an identity-based policy, and the boundary and
 * session policies when given, must allow (`allowed`); anything short of that is `implicitDeny`.
 *
 * The answer names the statements that decided (`statements`: the policy's id and index, the
 * statement's Sid and index, and its position as the policy simulator reports it), the kind of
 * policy that refused (`deniedBy`), each kind's own decision and the condition keys the context
 * lacked. Documents are assumed well-formed policies; one that is not JSON throws a `SyntaxError`.
 *
 * @example
 * import { evaluate } from 'msw-iam/policy'
 *
 * const result = evaluate({
 *   policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }],
 *   boundary: {
 *     Version: '2012-10-17',
 *     Statement: [{ Sid: 'NoAdmin', Effect: 'Deny', Action: 'iam:AttachUserPolicy', Resource: '*',
 *       Condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' } } }],
 *   },
 *   request: {
 *     principal: 'arn:aws:iam::123456789012:user/alice',
 *     action: 'iam:AttachUserPolicy',
 *     resource: 'arn:aws:iam::123456789012:user/alice',
 *     context: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' },
 *   },
 * })
 * result.decision // 'explicitDeny'
 * result.deniedBy // 'boundary'
 * result.statements[0] // { kind: 'boundary', policyId: 'boundary', sid: 'NoAdmin', statementIndex: 0, … }
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function evaluate(input: EvaluationInput): Decision {
  const { request } = input
  const principal = request.principal ? principalOf(request.principal) : undefined
  const context: Record<string, ContextValue | undefined> = {
    ...(principal?.service
      ? { 'aws:PrincipalServiceName': principal.service }
      : principal && {
          'aws:PrincipalArn': principal.arns.at(-1),
          'aws:PrincipalAccount': principal.account,
        }),
    ...request.context,
  }
  const scps = input.scps
  const levels =
    scps === undefined
      ? undefined
      : scps.some((item) => Array.isArray(item))
        ? (scps as readonly (readonly PolicyInput[])[]).map((level, i) =>
            level.map((p, j) => named(p, `scps.${i + 1}.${j + 1}`)),
          )
        : [(scps as readonly PolicyInput[]).map((p, i) => named(p, `scps.${i + 1}`))]
  return decide(
    {
      identity: (input.policies ?? []).map((p, i) => named(p, `policies.${i + 1}`)),
      ...(input.boundary !== undefined && { boundary: [named(input.boundary, 'boundary')] }),
      ...(input.sessionPolicies && {
        session: input.sessionPolicies.map((p, i) => named(p, `sessionPolicies.${i + 1}`)),
      }),
      ...(levels && { scps: levels }),
      ...(input.resourcePolicy !== undefined && {
        resource: named(input.resourcePolicy, 'resourcePolicy'),
      }),
      ...(input.resourceOwner !== undefined && { resourceOwner: input.resourceOwner }),
      root: principal?.root ?? false,
    },
    {
      action: request.action,
      ...(request.resource !== undefined && { resource: request.resource }),
      ...(principal && { principal }),
      context,
    },
  )
}

function named(input: PolicyInput, id: string): NamedPolicy {
  const text = (document: unknown) => {
    const json = typeof document === 'string' ? document : JSON.stringify(document)
    // Fail here, with the policy's name, rather than deep in the engine.
    JSON.parse(json)
    return json
  }
  if (typeof input === 'object' && 'document' in input && 'id' in input) {
    return { id: String(input.id), document: text(input.document) }
  }
  return { id, document: text(input) }
}

/** The ARNs a principal answers to, its account, and whether it is the root user. */
function principalOf(arn: string): RequestPrincipal & { root: boolean } {
  if (!arn.startsWith('arn:')) return { arns: [], account: '', service: arn, root: false }
  const account = /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1] ?? ''
  const session = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn)
  const arns = session ? [arn, `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`] : [arn]
  return { arns, account, root: /^arn:[\w-]+:iam::\d{12}:root$/.test(arn) }
}
