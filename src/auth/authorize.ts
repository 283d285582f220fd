import type { ActionContext } from '../actions/context.js'
import {
  evaluateSimulated,
  principalPolicies,
  serviceControlPolicies,
  type SimulatedPolicy,
} from '../actions/simulation.js'
import { actions, arns } from '../data/authorization.js'
import { IamError } from '../errors.js'
import type { ContextValue } from '../policy/evaluate.js'
import { callerArn, callerSession, callerToken, callerUser } from './caller.js'

/**
 * Enforcement (`authorize: true`): IAM's decision for one request by a principal other than the
 * root, from its identity-based policies (a user's with its groups', a role session's role's), its
 * permissions boundary and its session policy, for the action and the resource ARN the Service
 * Authorization Reference gives it (`src/data/authorization.js`). Loaded on the first request of
 * a mock that enforces.
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
  const resourceType = actions[action]
  const resource = resourceType ? resourceArn(ctx, resourceType, input) : undefined
  const context = requestContext(ctx, input)
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
    caller.kind === 'root' ? { identity: undefined } : callerPolicies(ctx)
  const layers: [string, readonly SimulatedPolicy[] | undefined, string][] = [
    ['a service control policy', scps, 'no service control policy allows'],
    ['an identity-based policy', identity, 'no identity-based policy allows'],
    ['a permissions boundary', boundary, 'no permissions boundary allows'],
    ['a session policy', session, 'no session policy allows'],
  ]
  const decisions = layers.map(([, policies]) => (policies ? judge(policies) : undefined))
  // An explicit deny anywhere wins; then every layer there is must allow.
  const denied = decisions.findIndex((d) => d === 'explicitDeny')
  if (denied >= 0) throw refuse(`with an explicit deny in ${layers[denied]![0]}`)
  const short = decisions.findIndex((d) => d !== undefined && d !== 'allowed')
  if (short >= 0) throw refuse(`because ${layers[short]![2]} the ${action} action`)
}

/**
 * The caller's policies by layer: a user's (and its groups') and its boundary; a role session's
 * role's, its boundary and its session policy; GetSessionToken's credentials act as their user.
 *
 * @note Inferred: GetFederationToken's federated users are refused as having no session policy
 * that allows (the mock keeps no session policy for them).
 */
function callerPolicies(ctx: ActionContext): {
  identity: readonly SimulatedPolicy[]
  boundary?: readonly SimulatedPolicy[]
  session?: readonly SimulatedPolicy[]
} {
  const { store } = ctx
  const user = callerUser(store, ctx.caller)
  if (user) return withBoundary(ctx, principalPolicies(ctx, store.users.arn(user, ctx.partition)))
  const roleSession = callerSession(store, ctx.caller)
  if (roleSession) {
    const found = withBoundary(ctx, principalPolicies(ctx, roleSession.RoleArn))
    const sessionPolicies: SimulatedPolicy[] = []
    if (roleSession.Policy) sessionPolicies.push({ id: 'session', document: roleSession.Policy })
    for (const arn of roleSession.PolicyArns ?? []) {
      const resolved = store.managedPolicies.resolve(arn)
      if (resolved) {
        sessionPolicies.push({
          id: arn,
          document: store.managedPolicies.defaultDocumentOfKey(resolved.key),
        })
      }
    }
    return { ...found, ...(sessionPolicies.length > 0 && { session: sessionPolicies }) }
  }
  if (callerToken(store, ctx.caller)) return { identity: [], session: [] }
  return { identity: [] }
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
 * The global condition keys the mock knows of a request: who calls (`aws:username`,
 * `aws:userid`, `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`,
 * `aws:PrincipalTag/…`, `aws:MultiFactorAuthPresent`), when (`aws:CurrentTime`, `aws:EpochTime`),
 * how (`aws:SecureTransport`), the request's tags (`aws:RequestTag/…`, `aws:TagKeys`) and IAM's
 * own keys (`iam:PolicyARN`, `iam:PermissionsBoundary`, `iam:AWSServiceName`).
 */
function requestContext(
  ctx: ActionContext,
  input: Record<string, unknown>,
): Record<string, ContextValue> {
  const { store } = ctx
  const context: Record<string, ContextValue> = {
    'aws:CurrentTime': ctx.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(ctx.now.getTime() / 1000)),
    'aws:SecureTransport': 'true',
    'aws:PrincipalAccount': store.accountId,
    'aws:PrincipalArn': callerArn(store, ctx.caller, ctx.partition),
  }
  const tags = (list: readonly { Key: string; Value: string }[], prefix: string) => {
    for (const tag of list) context[`${prefix}${tag.Key}`] = tag.Value
  }
  const user = callerUser(store, ctx.caller)
  const roleSession = callerSession(store, ctx.caller)
  if (user) {
    Object.assign(context, {
      'aws:username': user.UserName,
      'aws:userid': user.UserId,
      'aws:PrincipalType': 'User',
    })
    tags(user.Tags, 'aws:PrincipalTag/')
  } else if (roleSession) {
    const role = store.roles.byId(roleSession.RoleId)
    Object.assign(context, {
      'aws:userid': `${roleSession.RoleId}:${roleSession.RoleSessionName}`,
      'aws:PrincipalArn': roleSession.RoleArn,
      'aws:PrincipalType': 'AssumedRole',
      'aws:MultiFactorAuthPresent': roleSession.MfaAuthenticated ? 'true' : 'false',
    })
    tags(role?.Tags ?? [], 'aws:PrincipalTag/')
    tags(roleSession.Tags ?? [], 'aws:PrincipalTag/')
  }
  const requestTags = input.Tags as { Key: string; Value: string }[] | undefined
  if (requestTags?.length) {
    tags(requestTags, 'aws:RequestTag/')
    context['aws:TagKeys'] = requestTags.map((tag) => tag.Key)
  }
  if (Array.isArray(input.TagKeys)) context['aws:TagKeys'] = input.TagKeys as string[]
  for (const [member, key] of [
    ['PolicyArn', 'iam:PolicyARN'],
    ['PermissionsBoundary', 'iam:PermissionsBoundary'],
    ['AWSServiceName', 'iam:AWSServiceName'],
  ] as const) {
    if (typeof input[member] === 'string') context[key] = input[member] as string
  }
  return context
}

/**
 * The ARN of what a request acts on, from its resource type's ARN format: the named entity (with
 * its path, when it exists; a new one's from `Path`), or an ARN the request gives itself. A user
 * action without `UserName` acts on the calling user.
 *
 * @note Inferred: a resource the request does not name is `*`.
 */
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
    'sts:role': text('RoleArn'),
  }
  if (given[type]) return given[type]!
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
    CertificateNameWithPath: withPath(undefined, text('ServerCertificateName')),
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
