import type {
  ContextEntry,
  EvaluationResult,
  PolicyGrantingServiceAccess,
  Statement as MatchedStatement,
  PolicyEvaluationDecisionType,
  ResourceSpecificResult,
} from '@aws-sdk/client-iam'
import { IamError } from '../errors.js'
import {
  decide,
  type DecidingStatement,
  type EvalDecision,
  type PolicyKind,
  type PolicySet,
} from '../policy/decide.js'
import { coversResource, type ContextValue, type RequestPrincipal } from '../policy/evaluate.js'
import type { PolicyHolder } from '../store/managed-policies.js'
import type { ActionContext } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import type { ActionNotes, IamActions } from './types.js'

/** A policy the simulator evaluates, and how its matched statements name it. */
export interface SimulatedPolicy {
  readonly id: string
  readonly document: string
  /** Where a principal's policy comes from, as ListPoliciesGrantingServiceAccess names it. */
  readonly source?: PolicyGrantingServiceAccess
}

/** What the simulation of one action on one resource against a set of policies decided. */
interface Outcome {
  readonly decision: PolicyEvaluationDecisionType
  readonly matched: MatchedStatement[]
  readonly missing: string[]
}

/**
 * AWS's evaluation of identity-based policies alone: an explicit Deny wins, then an Allow; nothing
 * that applies is an implicit deny. The matched statements are those that decided.
 */
export function evaluateSimulated(
  policies: readonly SimulatedPolicy[],
  action: string,
  resource: string | undefined,
  context: Readonly<Record<string, ContextValue>>,
): Outcome {
  const found = decide({ identity: policies }, { action, resource, context })
  return {
    decision: found.decision,
    matched: found.statements.map(matchedStatement),
    missing: [...found.missingContextKeys],
  }
}

/**
 * A deciding statement as the simulator names it.
 *
 * @note Inferred: a resource policy's statements are `Resource Policy`, as identity policies'
 * are `IAM Policy` (recorded), whatever the model's PolicySourceType values say.
 */
function matchedStatement(statement: DecidingStatement): MatchedStatement {
  return {
    SourcePolicyId: statement.policyId,
    SourcePolicyType: (statement.kind === 'resource'
      ? 'Resource Policy'
      : 'IAM Policy') as MatchedStatement['SourcePolicyType'],
    ...(statement.start && { StartPosition: statement.start, EndPosition: statement.end }),
  }
}

/** The request context the ContextEntries describe; list types keep every value, others the first. */
function contextOf(entries: readonly ContextEntry[] | undefined): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {}
  for (const entry of entries ?? []) {
    if (!entry.ContextKeyName) continue
    const values = entry.ContextKeyValues ?? []
    const many = entry.ContextKeyType?.endsWith('List') ?? false
    if (many) context[entry.ContextKeyName] = values
    else if (values[0] !== undefined) context[entry.ContextKeyName] = values[0]
  }
  return context
}

/**
 * Documents given inline (PolicyInputList, PermissionsBoundaryPolicyInputList), each checked with
 * the identity-policy grammar.
 *
 * @note Inferred: a document that breaks the grammar is `InvalidInput` with the grammar's sentence
 * (the operation's only modeled client error).
 */
function given(
  ctx: ActionContext,
  documents: readonly string[] | undefined,
  list: string,
): SimulatedPolicy[] {
  return (documents ?? []).map((document, i) => {
    try {
      ctx.store.config.checkPolicyDocument(document)
    } catch (error) {
      if (error instanceof IamError) throw new IamError('InvalidInput', error.message, 400)
      throw error
    }
    return { id: `${list}.${i + 1}`, document }
  })
}

interface SimulationInput {
  ActionNames: string[]
  ResourceArns?: string[]
  ResourcePolicy?: string
  ResourceOwner?: string
  CallerArn?: string
  ResourceHandlingOption?: string
  ContextEntries?: ContextEntry[]
  MaxItems?: number
  Marker?: string
}

/**
 * The resources each documented ResourceHandlingOption scenario needs among the ResourceArns, by
 * their EC2 resource type.
 */
const SCENARIOS: Readonly<Record<string, readonly string[]>> = {
  'EC2-VPC-InstanceStore': ['instance', 'image', 'security-group', 'network-interface'],
  'EC2-VPC-InstanceStore-Subnet': [
    'instance',
    'image',
    'security-group',
    'network-interface',
    'subnet',
  ],
  'EC2-VPC-EBS': ['instance', 'image', 'security-group', 'network-interface', 'volume'],
  'EC2-VPC-EBS-Subnet': [
    'instance',
    'image',
    'security-group',
    'network-interface',
    'subnet',
    'volume',
  ],
}

/**
 * The members both simulations share, checked: ResourceArns are ARNs (AWS's words, as reported
 * in aws-containers/amazon-ecs-exec-checker#35), a ResourceOwner is an account's root ARN (AWS's
 * words, boto/botocore#1346), a ResourcePolicy is a policy and comes with a caller, and a
 * ResourceHandlingOption is one of the documented scenarios with the resources it needs.
 *
 * @note Inferred: the sentences for a ResourcePolicy without a caller, a CallerArn that is not a
 * user's, a ResourcePolicy that does not apply to one of the ResourceArns (AWS documents the
 * error, not its words), an unknown ResourceHandlingOption and a scenario's missing resource; a
 * ResourcePolicy must be JSON with statements (IAM's identity grammar would refuse its
 * Principal).
 */
function resourceMembers(
  input: SimulationInput,
  caller: string | undefined,
): Pick<PolicySet, 'resource' | 'resourceOwner'> & { principal?: RequestPrincipal } {
  const invalid = (message: string) => new IamError('InvalidInput', message, 400)
  for (const arn of input.ResourceArns ?? []) {
    if (arn !== '*' && !/^arn:[^:]*:[^:]*:[^:]*:[^:]*:./.test(arn)) {
      throw invalid(`ResourceNames are not in a valid ARN format: ${arn}.`)
    }
  }
  let owner: string | undefined
  if (input.ResourceOwner !== undefined) {
    owner = /^arn:[\w-]+:iam::(\d{12}):root$/.exec(input.ResourceOwner)?.[1]
    if (!owner) throw invalid(`'${input.ResourceOwner}' is not a valid as a Resource Owner.`)
  }
  if (input.ResourceHandlingOption !== undefined) {
    const needed = SCENARIOS[input.ResourceHandlingOption]
    if (!needed) {
      throw invalid(
        `Invalid ResourceHandlingOption: ${input.ResourceHandlingOption}. Valid values are ${Object.keys(SCENARIOS).join(', ')}.`,
      )
    }
    const types = new Set(
      (input.ResourceArns ?? []).map(
        (arn) => /^arn:[^:]*:ec2:[^:]*:[^:]*:([^/]+)\//.exec(arn)?.[1],
      ),
    )
    const lacking = needed.find((type) => !types.has(type))
    if (lacking) {
      throw invalid(
        `ResourceHandlingOption ${input.ResourceHandlingOption} requires a ${lacking} among the ResourceArns.`,
      )
    }
  }
  let principal: RequestPrincipal | undefined
  if (caller !== undefined) {
    const user = /^arn:[\w-]+:iam::(\d{12}):user\/(?:.*\/)?[^/]+$/.exec(caller)
    if (!user) throw invalid(`CallerArn must be the ARN of an IAM user: ${caller}`)
    principal = { arns: [caller], account: user[1]! }
  }
  if (input.ResourcePolicy === undefined) return { ...(principal && { principal }) }
  if (!principal) throw invalid('A CallerArn is required to simulate a ResourcePolicy.')
  let statements: unknown
  try {
    statements = (JSON.parse(input.ResourcePolicy) as { Statement?: unknown }).Statement
  } catch {
    statements = undefined
  }
  if (typeof statements !== 'object' || statements === null) {
    throw invalid('The ResourcePolicy is not a valid policy document.')
  }
  for (const arn of input.ResourceArns ?? []) {
    if (arn !== '*' && !coversResource(input.ResourcePolicy, arn)) {
      throw invalid(`The ResourcePolicy does not apply to the resource ${arn}.`)
    }
  }
  // @note The account that owns a resource: its ARN's (S3's names none), else ResourceOwner,
  // else the caller's, as AWS documents ResourceOwner.
  return {
    principal,
    resource: { id: 'ResourcePolicy', document: input.ResourcePolicy },
    resourceOwner: owner ?? principal.account,
  }
}

/** What a simulation evaluates, besides the request. */
interface Simulated {
  readonly identity: readonly SimulatedPolicy[]
  readonly boundary?: readonly SimulatedPolicy[]
  readonly scps?: readonly (readonly SimulatedPolicy[])[]
}

/** One action simulated on one resource, in the simulator's terms. */
interface ResourceOutcome {
  readonly result: ResourceSpecificResult
  readonly scp?: EvalDecision
  readonly boundary?: EvalDecision
}

/**
 * One result per action and resource, in the order given (resources within actions). With
 * ResourceArns, each result carries the resource's own result as well (recorded); without, the
 * resource is `*` and every statement's Resource matches it. A ResourceHandlingOption scenario
 * simulates each action once on all its resources together, one ResourceSpecificResult each.
 *
 * @note Inferred: a decision that SCPs made (a Deny in one, or no Allow) lists no
 * MatchedStatements, the organization's policies being the management account's, and reads
 * `OrganizationsDecisionDetail.AllowedByOrganizations` false; a cross-account resource policy's
 * `EvalDecisionDetails` name each side's decision as `IAM Policy` and `Resource Policy`; a
 * scenario's result is named `*`, denied explicitly when one of its resources is, allowed when all
 * are, with the matched statements of them all.
 */
function simulate(input: SimulationInput, policies: Simulated, caller?: string) {
  const context = contextOf(input.ContextEntries)
  const members = resourceMembers(input, caller)
  const resources = input.ResourceArns?.length ? input.ResourceArns : undefined
  const one = (action: string, resource: string): ResourceOutcome => {
    const target = resources && resource !== '*' ? resource : undefined
    const arnOwner = target && /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(target)?.[1]
    const set: PolicySet = {
      identity: policies.identity,
      ...(policies.boundary && { boundary: policies.boundary }),
      ...(policies.scps && { scps: policies.scps }),
      ...(members.resource && {
        resource: members.resource,
        resourceOwner: arnOwner || members.resourceOwner,
      }),
    }
    const found = decide(set, {
      action,
      ...(target !== undefined && { resource: target }),
      ...(members.principal && { principal: members.principal }),
      context,
    })
    // Recorded: an SCP's Allow is not among the statements matched. @note Inferred: nor is a
    // boundary's or a session policy's, which only limit; their Deny statements are.
    const shown: readonly PolicyKind[] =
      found.decision === 'allowed'
        ? ['identity', 'resource']
        : ['identity', 'resource', 'boundary', 'session']
    const crossAccount =
      set.resourceOwner !== undefined && set.resourceOwner !== members.principal?.account
    return {
      result: {
        EvalResourceName: resource,
        EvalResourceDecision: found.decision,
        MatchedStatements: found.statements
          .filter((st) => shown.includes(st.kind))
          .map(matchedStatement),
        MissingContextValues: [...found.missingContextKeys],
        ...(crossAccount && {
          EvalDecisionDetails: {
            'IAM Policy': found.decisions.identity ?? 'implicitDeny',
            'Resource Policy': found.decisions.resource ?? 'implicitDeny',
          },
        }),
        ...(found.decisions.boundary !== undefined && boundaryDetail(found.decisions.boundary)),
      },
      ...(found.decisions.scp !== undefined && { scp: found.decisions.scp }),
      ...(found.decisions.boundary !== undefined && { boundary: found.decisions.boundary }),
    }
  }
  const results: EvaluationResult[] = []
  for (const action of input.ActionNames) {
    const outcomes = (resources ?? ['*']).map((resource) => one(action, resource))
    const groups = input.ResourceHandlingOption ? [outcomes] : outcomes.map((o) => [o])
    for (const group of groups) {
      const decisions = group.map((o) => o.result.EvalResourceDecision)
      const decision: EvalDecision = decisions.includes('explicitDeny')
        ? 'explicitDeny'
        : decisions.every((d) => d === 'allowed')
          ? 'allowed'
          : 'implicitDeny'
      const allAllow = (of: (o: ResourceOutcome) => EvalDecision | undefined) => {
        const found = group.map(of).filter((d) => d !== undefined)
        return found.length ? found.every((d) => d === 'allowed') : undefined
      }
      const [first] = group
      const scp = allAllow((o) => o.scp)
      const boundary = allAllow((o) => o.boundary)
      results.push({
        EvalActionName: action,
        EvalResourceName: group.length === 1 ? first!.result.EvalResourceName : '*',
        EvalDecision: decision,
        MatchedStatements:
          decision === 'implicitDeny'
            ? []
            : group
                .filter((o) => o.result.EvalResourceDecision === decision)
                .flatMap((o) => o.result.MatchedStatements ?? []),
        // With ResourceArns, the missing keys are the resource's (AWS's documentation).
        MissingContextValues: resources ? [] : (first!.result.MissingContextValues ?? []),
        ...(scp !== undefined && { OrganizationsDecisionDetail: { AllowedByOrganizations: scp } }),
        ...(boundary !== undefined && boundaryDetail(boundary ? 'allowed' : 'implicitDeny')),
        // AWS's documentation: empty within one account, left out there for the resource `*`.
        ...((resources || first!.result.EvalDecisionDetails) && {
          EvalDecisionDetails: group.length === 1 ? (first!.result.EvalDecisionDetails ?? {}) : {},
        }),
        ...(resources && { ResourceSpecificResults: group.map((o) => o.result) }),
      })
    }
  }
  const page = pageOf(
    results.map((result, i) => ({ result, id: String(i) })),
    (item) => item.id,
    input.Marker,
    input.MaxItems ?? DEFAULT_MAX_ITEMS,
  )
  return { EvaluationResults: page.items.map((item) => item.result), ...pageMembers(page.marker) }
}

function boundaryDetail(decision: EvalDecision) {
  return {
    PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: decision === 'allowed' },
  }
}

/**
 * The identity-based policies of the user, group or role an ARN names: its inline policies (name
 * order), its managed policies (default versions), and for a user those of its groups.
 *
 * @note Inferred: matched statements name a policy by its name; an ARN that names no user, group
 * or role of the account is `InvalidInput`, one whose entity does not exist the entity's
 * `NoSuchEntity`.
 */
export function principalPolicies(
  ctx: ActionContext,
  arn: string,
  excluded: ReadonlySet<string> = new Set(),
): { policies: SimulatedPolicy[]; boundary?: string } {
  const parts = /^arn:[\w-]+:iam::(\d{12}):(user|group|role)(\/(?:.*\/)?)([^/]+)$/.exec(arn)
  if (!parts || parts[1] !== ctx.store.accountId) {
    throw new IamError('InvalidInput', `Invalid ARN: ${arn}`, 400)
  }
  const [, , kind, , name] = parts as unknown as [
    string,
    string,
    PolicyHolder['type'],
    string,
    string,
  ]
  const policies: SimulatedPolicy[] = []
  const inline = (
    list: 'userPolicies' | 'groupPolicies' | 'rolePolicies',
    ownerId: string,
    owner: string,
  ) => {
    const table = ctx.store[list]
    const type = list.slice(0, -'Policies'.length)
    for (const policyName of table.names(ownerId)) {
      if (excluded.has(`${type}/${owner}/${policyName}`)) continue
      policies.push({
        id: policyName,
        document: table.get(ownerId, policyName).PolicyDocument,
        source: {
          PolicyName: policyName,
          PolicyType: 'INLINE',
          EntityType: type.toUpperCase() as PolicyGrantingServiceAccess['EntityType'],
          EntityName: owner,
        },
      })
    }
  }
  const managed = (holder: Pick<PolicyHolder, 'type' | 'id'>) => {
    for (const { PolicyKey } of ctx.store.managedPolicies.attachedTo(holder)) {
      if (excluded.has(ctx.store.managedPolicies.arnOfKey(PolicyKey, ctx.partition))) continue
      const name = ctx.store.managedPolicies.nameOfKey(PolicyKey)
      policies.push({
        id: name,
        document: ctx.store.managedPolicies.defaultDocumentOfKey(PolicyKey),
        source: {
          PolicyName: name,
          PolicyType: 'MANAGED',
          PolicyArn: ctx.store.managedPolicies.arnOfKey(PolicyKey, ctx.partition),
        },
      })
    }
  }
  if (kind === 'user') {
    const user = ctx.store.users.get(name)
    inline('userPolicies', user.UserId, user.UserName)
    managed({ type: 'user', id: user.UserId })
    for (const group of ctx.store.groups.groupsOf(user.UserId)) {
      inline('groupPolicies', group.GroupId, group.GroupName)
      managed({ type: 'group', id: group.GroupId })
    }
    return { policies, boundary: user.PermissionsBoundary }
  }
  if (kind === 'group') {
    const group = ctx.store.groups.get(name)
    inline('groupPolicies', group.GroupId, group.GroupName)
    managed({ type: 'group', id: group.GroupId })
    return { policies }
  }
  const role = ctx.store.roles.get(name)
  inline('rolePolicies', role.RoleId, role.RoleName)
  managed({ type: 'role', id: role.RoleId })
  return { policies, boundary: role.PermissionsBoundary }
}

/**
 * The service control policies that limit a principal of the account (its ARN, or the root's):
 * none outside an organization, in its management account, or for a service-linked role, which
 * AWS exempts.
 */
export function serviceControlPolicies(
  ctx: ActionContext,
  arn: string,
): SimulatedPolicy[] | undefined {
  const policies = ctx.store.organization.serviceControlPolicies
  if (!policies || /:role\/aws-service-role\/|:assumed-role\/AWSServiceRoleFor/.test(arn)) {
    return undefined
  }
  return policies.map((policy) => ({ id: policy.PolicyName, document: policy.Document }))
}

/**
 * The context keys a document names, in the order they appear: the keys of its conditions and
 * the policy variables of its resources and condition values (`${aws:username}`; not `${*}`,
 * `${?}`, `${$}`), each once.
 *
 * @note Inferred: keys that differ only in case are one key (the first spelling is kept), as IAM
 * compares keys without regard to case; the documented example lists a Resource's variable before
 * the Condition's key, in document order.
 */
function contextKeysOf(documents: readonly string[]): string[] {
  const keys = new Map<string, string>()
  const add = (key: string) => {
    if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key)
  }
  const variables = (value: unknown) => {
    const texts = Array.isArray(value) ? value : [value]
    for (const text of texts) {
      if (typeof text !== 'string') continue
      for (const [, inside] of text.matchAll(/\$\{([^}]+)\}/g)) {
        const key = inside!.split(',')[0]!.trim()
        if (key !== '*' && key !== '?' && key !== '$') add(key)
      }
    }
  }
  for (const document of documents) {
    const raw = (JSON.parse(document) as { Statement?: unknown }).Statement
    for (const statement of Array.isArray(raw) ? raw : [raw]) {
      if (typeof statement !== 'object' || statement === null) continue
      for (const [element, value] of Object.entries(statement)) {
        if (element === 'Resource' || element === 'NotResource') variables(value)
        if (element !== 'Condition' || typeof value !== 'object' || value === null) continue
        for (const block of Object.values(value)) {
          if (typeof block !== 'object' || block === null) continue
          for (const [key, values] of Object.entries(block)) {
            add(key)
            variables(values)
          }
        }
      }
    }
  }
  return [...keys.values()]
}

/**
 * Whether a document has an Allow statement for some action of a service: an `Action` pattern
 * whose service part matches the namespace (`s3:Get*`, `s3*:*`, `*`), or a `NotAction` that does
 * not leave out the whole service.
 */
function grantsService(document: string, namespace: string): boolean {
  const raw = (JSON.parse(document) as { Statement?: unknown }).Statement
  const ns = namespace.toLowerCase()
  const service = (pattern: string) =>
    pattern === '*' ? '*' : pattern.split(':')[0]!.toLowerCase()
  const matches = (pattern: string) => {
    const source = service(pattern)
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')
    return new RegExp(`^${source}$`).test(ns)
  }
  const patterns = (value: unknown) =>
    (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
  for (const statement of Array.isArray(raw) ? raw : [raw]) {
    if (typeof statement !== 'object' || statement === null || statement.Effect !== 'Allow')
      continue
    if ('Action' in statement && patterns(statement.Action).some(matches)) return true
    if ('NotAction' in statement) {
      const all = patterns(statement.NotAction).some(
        (p) => p === '*' || p.toLowerCase() === `${ns}:*`,
      )
      if (!all) return true
    }
  }
  return false
}

export const simulationActions = {
  GetContextKeysForCustomPolicy(ctx, input) {
    const documents = given(ctx, input.PolicyInputList, 'PolicyInputList')
    return { ContextKeyNames: contextKeysOf(documents.map((p) => p.document)) }
  },

  /** The identity-based policies only (no boundary, no trust policy), as AWS documents. */
  GetContextKeysForPrincipalPolicy(ctx, input) {
    const found = principalPolicies(ctx, input.PolicySourceArn, new Set())
    const documents = [...found.policies, ...given(ctx, input.PolicyInputList, 'PolicyInputList')]
    return { ContextKeyNames: contextKeysOf(documents.map((p) => p.document)) }
  },

  /**
   * @note Inferred: a policy is listed for a service when one of its Allow statements names an
   * action of it; inline policies (the entity's, then its groups') before managed ones, in the
   * order the principal's policies are gathered; every namespace on one page.
   */
  ListPoliciesGrantingServiceAccess(ctx, input) {
    const { policies } = principalPolicies(ctx, input.Arn, new Set())
    const order = (p: SimulatedPolicy) => (p.source?.PolicyType === 'INLINE' ? 0 : 1)
    const sorted = [...policies].sort((a, b) => order(a) - order(b))
    return {
      PoliciesGrantingServiceAccess: input.ServiceNamespaces.map((namespace) => ({
        ServiceNamespace: namespace,
        Policies: sorted.filter((p) => grantsService(p.document, namespace)).map((p) => p.source!),
      })),
      IsTruncated: false,
    }
  },

  /**
   * @note Inferred: only the SCPs given (OrderedOrganizationPolicyInputList, one level each, the
   * root's first) apply, not the account's organization.
   */
  SimulateCustomPolicy(ctx, input) {
    const identity = given(ctx, input.PolicyInputList, 'PolicyInputList')
    const boundary = input.PermissionsBoundaryPolicyInputList?.length
      ? given(ctx, input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList')
      : undefined
    const levels = input.OrderedOrganizationPolicyInputList?.map((level, i) =>
      given(
        ctx,
        level.ServiceControlPolicyInputList,
        `OrderedOrganizationPolicyInputList.${i + 1}.ServiceControlPolicyInputList`,
      ),
    )
    return simulate(
      input,
      { identity, ...(boundary && { boundary }), ...(levels?.length && { scps: levels }) },
      input.CallerArn,
    )
  },

  /**
   * @note Inferred: a PermissionsBoundaryPolicyInputList stands in for the entity's own boundary,
   * as AWS documents for simulating a new boundary.
   */
  SimulatePrincipalPolicy(ctx, input) {
    const excluded = new Set(
      (input.PolicyExclusionList ?? []).map((p) =>
        p.PolicyArn !== undefined
          ? p.PolicyArn
          : `${p.InlinePolicyIdentifier?.AttachmentType?.toLowerCase()}/${p.InlinePolicyIdentifier?.AttachmentName}/${p.InlinePolicyIdentifier?.PolicyName}`,
      ),
    )
    const found = principalPolicies(ctx, input.PolicySourceArn, excluded)
    const identity = [...found.policies, ...given(ctx, input.PolicyInputList, 'PolicyInputList')]
    let boundary: SimulatedPolicy[] | undefined
    if (input.PermissionsBoundaryPolicyInputList?.length) {
      boundary = given(
        ctx,
        input.PermissionsBoundaryPolicyInputList,
        'PermissionsBoundaryPolicyInputList',
      )
    } else if (found.boundary) {
      const resolved = ctx.store.managedPolicies.resolve(found.boundary)
      if (resolved) {
        boundary = [
          {
            id: ctx.store.managedPolicies.nameOfKey(resolved.key),
            document: ctx.store.managedPolicies.defaultDocumentOfKey(resolved.key),
          },
        ]
      }
    }
    const scps = serviceControlPolicies(ctx, input.PolicySourceArn)
    // A user simulates as itself unless CallerArn names another; a group or role has no caller.
    const caller =
      input.CallerArn ?? (/:user\//.test(input.PolicySourceArn) ? input.PolicySourceArn : undefined)
    return simulate(
      input,
      { identity, ...(boundary && { boundary }), ...(scps && { scps: [scps] }) },
      caller,
    )
  },
} satisfies IamActions

export const simulationNotes: ActionNotes<typeof simulationActions> = {
  ListPoliciesGrantingServiceAccess:
    'the inline and managed policies of the user (and its groups), group or role that allow some action of each service',
  GetContextKeysForCustomPolicy:
    'the condition keys and policy variables of the documents, each once, in document order',
  GetContextKeysForPrincipalPolicy:
    'those of the user’s (and its groups’), group’s or role’s identity policies, and any given',
  SimulateCustomPolicy:
    'identity policies, permissions boundaries, SCPs by level (`OrderedOrganizationPolicyInputList`) and a resource policy (`ResourcePolicy`, `ResourceOwner`, `CallerArn`, cross-account `EvalDecisionDetails`) evaluated with IAM’s logic; `MatchedStatements` with their positions, `MissingContextValues`, `ContextEntries`, `ResourceSpecificResults`, `ResourceHandlingOption`’s resources, paged',
  SimulatePrincipalPolicy:
    'the user’s (and its groups’), group’s or role’s inline and managed policies and its boundary, the organization’s SCPs (`OrganizationsDecisionDetail`), plus any given; a user is its own caller; otherwise as SimulateCustomPolicy',
}
