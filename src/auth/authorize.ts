import type { ActionContext } from '../actions/context.js'
import {
  evaluateSimulated,
  principalPolicies,
  serviceControlPolicies,
  type SimulatedPolicy,
} from '../actions/simulation.js'
import { actions, arns } from '../data/authorization.js'
import { IamError } from '../errors.js'
import { evaluatePolicy, type ContextValue } from '../policy/evaluate.js'
import { callerArn, callerSession, callerToken, callerUser } from './caller.js'
import { callerFacts } from './principal.js'

/**
 * STS operations no policy controls (AWS: "no permissions are required"): who the caller is,
 * MFA session credentials, and the unsigned federations (their trust policy decides alone).
 */
const UNCONTROLLED = new Set([
  'sts:GetCallerIdentity',
  'sts:GetSessionToken',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
])

/**
 * Enforcement (`authorize: true`): IAM's decision for one request by a principal other than the
 * root, from its identity-based policies (a user's with its groups', a role session's role's), its
 * permissions boundary and its session policy, for the action and the resource ARN the Service
 * Authorization Reference gives it (`src/data/authorization.js`). Loaded on the first request of
 * a mock that enforces.
 *
 * AssumeRole is also asked for `sts:TagSession` with `Tags` and `sts:SetSourceIdentity` with a
 * `SourceIdentity`; a trust policy that names the caller itself (its user or its role session
 * ARN) is a resource-based grant: then only an explicit deny refuses, as AWS evaluates a
 * resource-based policy within one account. The trust policy itself is the action's to judge.
 *
 * @throws AccessDenied, 403, in AWS's words for what refused it
 */
export function authorize(
  ctx: ActionContext,
  service: 'iam' | 'sts',
  operation: string,
  input: Record<string, unknown>,
): void {
  const caller = ctx.caller
  // SCPs limit the root user too; nothing else does.
  const scps = serviceControlPolicies(ctx, callerArn(ctx.store, caller, ctx.partition))
  if (caller.kind === 'root' && !scps) return
  const action = `${service}:${operation}`
  if (UNCONTROLLED.has(action)) return
  const context = requestContext(ctx, input)
  authorizeAction(ctx, action, input, context, scps)
  if (action === 'sts:AssumeRole') {
    if (Array.isArray(input.Tags) && input.Tags.length > 0) {
      authorizeAction(ctx, 'sts:TagSession', input, context, scps)
    }
    if (input.SourceIdentity !== undefined) {
      authorizeAction(ctx, 'sts:SetSourceIdentity', input, context, scps)
    }
  }
}

/**
 * MSDP's rule (`authorize: true` in that dialect): `s3:*` is the one action that grants its IAM
 * API ("any S3 and IAM operations … administrator permission"), so a user may call IAM only when
 * one of its inline policies allows `s3:*` on `arn:aws:s3:::*`; the root user may do everything.
 *
 * @note Inferred: `s3:*` on one bucket (`arn:aws:s3:::bkt/*`) grants no IAM call, not even on
 * the user's own keys (MSDP does not say); the refusal is S3's `AccessDenied` `Access Denied`
 * (403), as MSDP's S3 server answers what it refuses.
 * @throws AccessDenied, 403
 */
export function authorizeMsdp(ctx: ActionContext): void {
  const { store } = ctx
  if (ctx.caller.kind === 'root') return
  const user = callerUser(store, ctx.caller)
  const request = { action: 's3:*', resource: 'arn:aws:s3:::*', context: {} }
  const admin =
    user !== undefined &&
    store.userPolicies
      .names(user.UserId)
      .some(
        (name) =>
          evaluatePolicy(store.userPolicies.get(user.UserId, name).PolicyDocument, request) ===
          'Allow',
      )
  if (!admin) throw new IamError('AccessDenied', 'Access Denied', 403)
}

function authorizeAction(
  ctx: ActionContext,
  action: string,
  input: Record<string, unknown>,
  context: Record<string, ContextValue>,
  scps: readonly SimulatedPolicy[] | undefined,
): void {
  const caller = ctx.caller
  const resourceType = actions[action]
  const resource = resourceType ? resourceArn(ctx, resourceType, input) : undefined
  const refuse = (why: string) => {
    const on = resource ? ` on resource: ${resource}` : ''
    return new IamError(
      'AccessDenied',
      `User: ${callerArn(ctx.store, caller, ctx.partition)} is not authorized to perform: ${action}${on} ${why}`,
      403,
    )
  }
  const judge = (policies: readonly SimulatedPolicy[]) =>
    evaluateSimulated(policies, action, resource, context).decision

  const { identity, boundary, session } =
    caller.kind === 'root' ? { identity: undefined } : cachedCallerPolicies(ctx)
  const layers: [string, readonly SimulatedPolicy[] | undefined, string][] = [
    ['a service control policy', scps, 'no service control policy allows'],
    ['an identity-based policy', identity, 'no identity-based policy allows'],
    ['a permissions boundary', boundary, 'no permissions boundary allows'],
    ['a session policy', session, 'no session policy allows'],
  ]
  const decisions = layers.map(([, policies]) => (policies ? judge(policies) : undefined))
  // An explicit deny anywhere wins; then every layer there is must allow, unless the role's
  // trust policy grants the caller itself (which SCPs still limit).
  const denied = decisions.findIndex((d) => d === 'explicitDeny')
  if (denied >= 0) throw refuse(`with an explicit deny in ${layers[denied]![0]}`)
  const short = decisions.findIndex((d) => d !== undefined && d !== 'allowed')
  if (
    short === 0 ||
    (short > 0 &&
      !trustNamesCaller(ctx, action, input, context) &&
      !ownsDelegationRequest(ctx, action, input))
  ) {
    throw refuse(`because ${layers[short]![2]} the ${action} action`)
  }
}

/** What a delegation request's owner may do to it without a policy (AWS's default permission). */
const OWNER_DEFAULTS = new Set([
  'iam:GetDelegationRequest',
  'iam:UpdateDelegationRequest',
  'iam:GetHumanReadableSummary',
])

/**
 * Whether the caller owns the delegation request it acts on, for an action the owner has by
 * default: as with a resource-based grant, only an explicit deny refuses it then.
 */
function ownsDelegationRequest(
  ctx: ActionContext,
  action: string,
  input: Record<string, unknown>,
): boolean {
  if (!OWNER_DEFAULTS.has(action)) return false
  const id =
    typeof input.DelegationRequestId === 'string'
      ? input.DelegationRequestId
      : typeof input.EntityArn === 'string'
        ? /:delegation-request\/([\w-]+)$/.exec(input.EntityArn)?.[1]
        : undefined
  const request = id === undefined ? undefined : ctx.store.delegationRequests.table.get(id)
  return (
    request !== undefined && request.OwnerId === callerArn(ctx.store, ctx.caller, ctx.partition)
  )
}

/**
 * Whether the role a request assumes trusts the caller by its own ARN (its user's, its role
 * session's) for `action`, rather than by its account.
 *
 * @note Inferred: a trust policy naming the calling session's role ARN (role chaining) still
 * needs the role's identity policy to allow, as for a grant to the account.
 */
function trustNamesCaller(
  ctx: ActionContext,
  action: string,
  input: Record<string, unknown>,
  context: Record<string, ContextValue>,
): boolean {
  if (!action.startsWith('sts:') || typeof input.RoleArn !== 'string') return false
  const role = ctx.store.roles.byArn(input.RoleArn)
  if (!role) return false
  const { principal } = callerFacts(ctx.store, ctx.caller, ctx.partition, ctx.now)
  const own = { arns: principal.arns.filter((arn) => !/:role\//.test(arn)), account: '' }
  return (
    evaluatePolicy(role.AssumeRolePolicyDocument, { action, principal: own, context }) === 'Allow'
  )
}

interface CallerPolicies {
  identity: readonly SimulatedPolicy[]
  boundary?: readonly SimulatedPolicy[]
  session?: readonly SimulatedPolicy[]
}

/**
 * The tables that change with most requests and decide no caller's policies: access keys (each
 * signed request records its key's last use; the benchmark's loop creates and deletes them) and
 * access advisor's last accesses. Any other change, of any table, is taken to change them (a table
 * added later errs on the safe side).
 */
const UNRELATED_TABLES = new Set(['access keys', 'last access'])

/** Each store's callers' policies, as they were at the version of its policy tables. */
const policyCache = new WeakMap<
  ActionContext['store'],
  { version: number; byCaller: Map<string, CallerPolicies> }
>()

/**
 * `callerPolicies`, kept per caller until one of the tables they come from changes: enforcement
 * asks for the same caller's policies on every request, and collecting them (inline, groups',
 * attached, the boundary, the session's) is most of what it costs.
 */
function cachedCallerPolicies(ctx: ActionContext): CallerPolicies {
  const { store } = ctx
  let version = 0
  for (const table of store.tables) if (!UNRELATED_TABLES.has(table.name)) version += table.version
  let cache = policyCache.get(store)
  if (!cache || cache.version !== version) {
    policyCache.set(store, (cache = { version, byCaller: new Map() }))
  }
  const key = `${ctx.partition} ${ctx.caller.kind} ${ctx.caller.accessKeyId ?? ''}`
  let found = cache.byCaller.get(key)
  if (!found) cache.byCaller.set(key, (found = callerPolicies(ctx)))
  return found
}

/**
 * The caller's policies by layer: a user's (and its groups') and its boundary; a role session's
 * role's, its boundary and its session policy; GetSessionToken's credentials act as their user;
 * GetFederationToken's federated user has its user's policies and boundary, limited by the session
 * policies it was given (none given: no permissions, as AWS documents).
 */
function callerPolicies(ctx: ActionContext): CallerPolicies {
  const { store } = ctx
  const user = callerUser(store, ctx.caller)
  if (user) return withBoundary(ctx, principalPolicies(ctx, store.users.arn(user, ctx.partition)))
  const roleSession = callerSession(store, ctx.caller)
  if (roleSession) {
    const found = withBoundary(ctx, principalPolicies(ctx, roleSession.RoleArn))
    return { ...found, ...sessionPolicies(ctx, roleSession.Policy, roleSession.PolicyArns) }
  }
  const token = callerToken(store, ctx.caller)
  if (token) {
    const owner = store.users.byId(token.OwnerId)
    // @note inferred: the root's federated users are limited by their session policies alone.
    const found = owner
      ? withBoundary(ctx, principalPolicies(ctx, store.users.arn(owner, ctx.partition)))
      : { identity: [{ id: 'root', document: ALLOW_ALL }] }
    return { ...found, session: sessionPolicies(ctx, token.Policy, token.PolicyArns).session ?? [] }
  }
  return { identity: [] }
}

/** Everything allowed: the root's own permissions, which only session policies narrow. */
const ALLOW_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
})

/** A session's inline and managed session policies, as a layer (none: no layer). */
function sessionPolicies(
  ctx: ActionContext,
  policy: string | undefined,
  policyArns: readonly string[] | undefined,
): { session?: readonly SimulatedPolicy[] } {
  const session: SimulatedPolicy[] = []
  if (policy) session.push({ id: 'session', document: policy })
  for (const arn of policyArns ?? []) {
    const resolved = ctx.store.managedPolicies.resolve(arn)
    if (resolved) {
      session.push({
        id: arn,
        document: ctx.store.managedPolicies.defaultDocumentOfKey(resolved.key),
      })
    }
  }
  return session.length > 0 ? { session } : {}
}

function withBoundary(
  ctx: ActionContext,
  found: { policies: SimulatedPolicy[]; boundary?: string },
): { identity: readonly SimulatedPolicy[]; boundary?: readonly SimulatedPolicy[] } {
  const resolved = found.boundary ? ctx.store.managedPolicies.resolve(found.boundary) : undefined
  if (!resolved) return { identity: found.policies }
  const document = ctx.store.managedPolicies.defaultDocumentOfKey(resolved.key)
  return { identity: found.policies, boundary: [{ id: found.boundary!, document }] }
}

/**
 * The condition keys the mock knows of a request: the caller's global keys (who, when, how:
 * `callerFacts`), the request's tags (`aws:RequestTag/…`, `aws:TagKeys`), IAM's own keys
 * (`iam:PolicyARN`, `iam:PermissionsBoundary`, `iam:AWSServiceName`) and STS's
 * (`sts:ExternalId`, `sts:RoleSessionName`, `sts:SourceIdentity`, and GetWebIdentityToken's
 * `sts:IdentityTokenAudience`, `sts:DurationSeconds`, `sts:SigningAlgorithm`).
 */
function requestContext(
  ctx: ActionContext,
  input: Record<string, unknown>,
): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {}
  const facts = callerFacts(ctx.store, ctx.caller, ctx.partition, ctx.now).context
  for (const [key, value] of Object.entries(facts)) if (value !== undefined) context[key] = value
  // How the request came: from where, with what client, over what, to which region.
  context['aws:RequestedRegion'] = ctx.region ?? 'us-east-1'
  context['aws:ViaAWSService'] = 'false'
  if (ctx.transport) {
    context['aws:SourceIp'] = ctx.transport.sourceIp
    context['aws:SecureTransport'] = String(ctx.transport.secure)
    if (ctx.transport.userAgent !== undefined) context['aws:UserAgent'] = ctx.transport.userAgent
  }
  // The tags of the IAM resource the request acts on (`aws:ResourceTag/…`, `iam:ResourceTag/…`).
  for (const tag of resourceTags(ctx, input) ?? []) {
    context[`aws:ResourceTag/${tag.Key}`] = tag.Value
    context[`iam:ResourceTag/${tag.Key}`] = tag.Value
  }
  const requestTags = input.Tags as { Key: string; Value: string }[] | undefined
  if (requestTags?.length) {
    for (const tag of requestTags) context[`aws:RequestTag/${tag.Key}`] = tag.Value
    context['aws:TagKeys'] = requestTags.map((tag) => tag.Key)
  }
  if (Array.isArray(input.TagKeys)) context['aws:TagKeys'] = input.TagKeys as string[]
  // GetWebIdentityToken's: the audiences, the lifetime and the algorithm asked for.
  if (Array.isArray(input.Audience)) {
    context['sts:IdentityTokenAudience'] = input.Audience as string[]
  }
  if (typeof input.DurationSeconds === 'number') {
    context['sts:DurationSeconds'] = String(input.DurationSeconds)
  }
  for (const [member, key] of [
    ['PolicyArn', 'iam:PolicyARN'],
    ['PermissionsBoundary', 'iam:PermissionsBoundary'],
    ['AWSServiceName', 'iam:AWSServiceName'],
    ['ExternalId', 'sts:ExternalId'],
    ['RoleSessionName', 'sts:RoleSessionName'],
    ['SourceIdentity', 'sts:SourceIdentity'],
    ['SigningAlgorithm', 'sts:SigningAlgorithm'],
  ] as const) {
    if (typeof input[member] === 'string') context[key] = input[member] as string
  }
  return context
}

/**
 * The tags of the existing IAM resource a request names, by the member that names what it acts
 * on: a group (which has no tags) or role before the user or policy it adds or attaches.
 */
function resourceTags(
  ctx: ActionContext,
  input: Record<string, unknown>,
): readonly { Key: string; Value: string }[] | undefined {
  const { store } = ctx
  const text = (member: string) =>
    typeof input[member] === 'string' ? (input[member] as string) : undefined
  if (text('GroupName') !== undefined) return undefined
  const named: [
    string,
    (value: string) => { Tags?: readonly { Key: string; Value: string }[] } | undefined,
  ][] = [
    ['RoleName', (name) => store.roles.find(name)],
    ['InstanceProfileName', (name) => store.instanceProfiles.find(name)],
    ['UserName', (name) => store.users.find(name)],
    [
      'PolicyArn',
      (arn) => {
        const resolved = store.managedPolicies.resolve(arn)
        return resolved?.kind === 'local' ? resolved.policy : undefined
      },
    ],
    ['OpenIDConnectProviderArn', (arn) => store.oidcProviders.find(arn)],
    ['SAMLProviderArn', (arn) => store.samlProviders.find(arn)],
    ['ServerCertificateName', (name) => store.serverCertificates.find(name)],
  ]
  for (const [member, find] of named) {
    const value = text(member)
    if (value !== undefined) return find(value)?.Tags
  }
  return undefined
}

/**
 * The ARN of what a request acts on, from its resource type's ARN format: the named entity (with
 * its path, when it exists; a new one's from `Path`), or an ARN the request gives itself (`Arn`
 * for access advisor's operations). A user action without `UserName` acts on the calling user.
 *
 * @note Inferred: a resource the request does not name is `*`.
 */
/** The ARN of the delegation request an id names, if the store has it. */
function delegationRequestArn(ctx: ActionContext, id: string | undefined): string | undefined {
  const request = id === undefined ? undefined : ctx.store.delegationRequests.table.get(id)
  return request && ctx.store.delegationRequests.arn(request, ctx.partition)
}

function resourceArn(ctx: ActionContext, type: string, input: Record<string, unknown>): string {
  const text = (member: string) =>
    typeof input[member] === 'string' ? (input[member] as string) : undefined
  const newPath = text('Path') ?? '/'
  const withPath = (path: string | undefined, name: string | undefined) =>
    name === undefined ? undefined : `${(path ?? newPath).slice(1)}${name}`
  const { store } = ctx
  const given: Record<string, string | undefined> = {
    'iam:policy': text('PolicyArn'),
    'iam:oidc-provider': text('OpenIDConnectProviderArn'),
    'iam:saml-provider': text('SAMLProviderArn'),
    'iam:mfa': text('SerialNumber'),
    'iam:role-template': text('TemplateArn'),
    // GetHumanReadableSummary names its delegation request by ARN, the others by id (a partner's
    // request is under the partner's account).
    'iam:delegation-request':
      text('EntityArn') ?? delegationRequestArn(ctx, text('DelegationRequestId')),
    'sts:role': text('RoleArn'),
  }
  if (given[type]) return given[type]!
  // Access advisor's operations name the user, group, role or policy they act on by its ARN.
  if (text('Arn') !== undefined) return text('Arn')!
  const userName = text('UserName') ?? callerUser(store, ctx.caller)?.UserName
  const values: Record<string, string | undefined> = {
    UserNameWithPath: withPath(userName && store.users.find(userName)?.Path, userName),
    GroupNameWithPath: withPath(
      text('GroupName') && store.groups.find(text('GroupName')!)?.Path,
      text('GroupName'),
    ),
    RoleNameWithPath: withPath(
      text('RoleName') && store.roles.find(text('RoleName')!)?.Path,
      text('RoleName'),
    ),
    InstanceProfileNameWithPath: withPath(
      text('InstanceProfileName') &&
        store.instanceProfiles.find(text('InstanceProfileName')!)?.Path,
      text('InstanceProfileName'),
    ),
    PolicyNameWithPath: withPath(undefined, text('PolicyName')),
    OidcProviderName: text('Url')?.replace(/^https:\/\//, ''),
    SamlProviderName: text('Name'),
    MfaTokenIdWithPath: withPath(undefined, text('VirtualMFADeviceName')),
    CertificateNameWithPath: withPath(
      text('ServerCertificateName') &&
        store.serverCertificates.find(text('ServerCertificateName')!)?.Path,
      text('ServerCertificateName'),
    ),
    FederatedUserName: text('Name'),
    DelegationRequestId: text('DelegationRequestId'),
  }
  let missing = false
  const arn = (arns[type] ?? '').replace(/\$\{(\w+)\}/g, (_, name: string) => {
    if (name === 'Partition') return ctx.partition
    if (name === 'Account') return store.accountId
    const value = values[name]
    if (value === undefined) missing = true
    return value ?? ''
  })
  return missing || !arn ? '*' : arn
}
