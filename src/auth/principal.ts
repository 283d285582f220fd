import type { ContextValue, RequestPrincipal } from '../policy/evaluate.js'
import type { Tag } from '../store/fields.js'
import type { IamStore, Partition } from '../store/store.js'
import { callerArn, callerSession, callerToken, callerUser, type Caller } from './caller.js'

/** What a policy sees of the caller: the principal it names and the `aws:` keys it brings. */
export interface CallerFacts {
  readonly principal: RequestPrincipal
  /** The caller's own condition keys (`aws:PrincipalArn`, `aws:PrincipalTag/…`…). */
  readonly context: Record<string, ContextValue | undefined>
  /** The session tags a role it assumes inherits (role chaining), with their keys. */
  readonly transitiveTags: readonly Tag[]
  /** The source identity a session carries on to the sessions it makes. */
  readonly sourceIdentity: string | undefined
  /** Whether the caller is a role session (its AssumeRole is role chaining). */
  readonly roleSession: boolean
  /** Whether the caller signed with temporary credentials. */
  readonly temporary: boolean
  readonly mfa: boolean
}

/**
 * The caller as policies see it, with the global condition keys AWS puts in every request's
 * context for such a principal.
 *
 * @note `aws:MultiFactorAuthPresent` is absent for long-term keys and `true`/`false` for
 * temporary credentials, as AWS documents it; `aws:PrincipalArn` of a role session is its role's
 * ARN, of the root `…:root`.
 */
export function callerFacts(
  store: IamStore,
  caller: Caller,
  partition: Partition,
  now: Date,
): CallerFacts {
  const account = store.accountId
  const arn = callerArn(store, caller, partition)
  const user = callerUser(store, caller)
  const session = callerSession(store, caller)
  const token = callerToken(store, caller)
  const temporary = session !== undefined || token !== undefined
  const mfa = session?.MfaAuthenticated ?? token?.MfaAuthenticated ?? false
  let principalArn = arn
  let type = 'Account'
  let userId = account
  let tags: readonly Tag[] = []
  const arns = [arn]
  if (user) {
    type = 'User'
    userId = user.UserId
    tags = user.Tags
  } else if (session) {
    type = 'AssumedRole'
    principalArn = session.RoleArn.replace(/^arn:[\w-]+:/, `arn:${partition}:`)
    arns.push(principalArn)
    userId = `${session.RoleId}:${session.RoleSessionName}`
    // The role's tags, then the session's (a session tag wins over the role's of the same key).
    tags = [...(store.roles.byId(session.RoleId)?.Tags ?? []), ...(session.Tags ?? [])]
  } else if (token?.Kind === 'federated') {
    type = 'FederatedUser'
    userId = `${account}:${token.FederatedName}`
    tags = token.Tags
  }
  const context: Record<string, ContextValue | undefined> = {
    'aws:PrincipalArn': principalArn,
    'aws:PrincipalAccount': account,
    'aws:PrincipalType': type,
    'aws:userid': userId,
    'aws:username': user?.UserName,
    'aws:PrincipalIsAWSService': 'false',
    // The organization a fixture puts the account in, when it names its id.
    'aws:PrincipalOrgID': store.organization.record?.Id,
    'aws:SecureTransport': 'true',
    ...requestTimeKeys(now),
    'aws:SourceIdentity': session?.SourceIdentity,
    'aws:MultiFactorAuthPresent': temporary ? String(mfa) : undefined,
  }
  for (const tag of tags) context[`aws:PrincipalTag/${tag.Key}`] = tag.Value
  const transitive = new Set((session?.TransitiveTagKeys ?? []).map((key) => key.toLowerCase()))
  return {
    principal: { arns, account },
    context,
    transitiveTags: (session?.Tags ?? []).filter((tag) => transitive.has(tag.Key.toLowerCase())),
    sourceIdentity: session?.SourceIdentity,
    roleSession: session !== undefined,
    temporary,
    mfa,
  }
}

/** `aws:CurrentTime` and `aws:EpochTime` of a request made at `now`. */
export function requestTimeKeys(now: Date): Record<string, string> {
  return {
    'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
  }
}
