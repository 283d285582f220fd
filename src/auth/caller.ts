import type { AccessKeyRecord } from '../store/access-keys.js'
import type { RoleSessionRecord } from '../store/role-sessions.js'
import type { SessionTokenRecord } from '../store/session-tokens.js'
import type { IamStore, Partition } from '../store/store.js'
import { ROOT_ID, type UserRecord } from '../store/users.js'
import type { SigningCredential } from './credential.js'

/**
 * Who sent a request, as IAM sees it: the owner of the signing access key, the assumed-role
 * session of a temporary key, or the federated user of GetFederationToken's. GetSessionToken's
 * temporary keys act as their user (or the root), marked `temporary`. Without signature
 * verification, requests signed with a key the mock does not know (or not signed at all) act as
 * the account root.
 *
 * Callers name records by id, never by reference: what an action reads of them is the store's
 * current state.
 */
export type Caller =
  | { readonly kind: 'root'; readonly accessKeyId?: string; readonly temporary?: true }
  | {
      readonly kind: 'user'
      readonly userId: string
      readonly accessKeyId: string
      readonly temporary?: true
    }
  | { readonly kind: 'role'; readonly accessKeyId: string }
  | { readonly kind: 'federated'; readonly accessKeyId: string }

/** The caller a signing key names; unknown keys (and unsigned requests) act as root. */
export function resolveCaller(store: IamStore, credential: SigningCredential | undefined): Caller {
  if (!credential) return { kind: 'root' }
  return callerOfKey(store, credential.accessKeyId) ?? { kind: 'root' }
}

/** The caller an access key id belongs to, or undefined when the store does not know it. */
export function callerOfKey(store: IamStore, accessKeyId: string): Caller | undefined {
  const key = store.accessKeys.find(accessKeyId)
  if (key) {
    return key.OwnerId === ROOT_ID
      ? { kind: 'root', accessKeyId }
      : { kind: 'user', userId: key.OwnerId, accessKeyId }
  }
  if (store.sessions.has(accessKeyId)) return { kind: 'role', accessKeyId }
  const token = store.sessionTokens.find(accessKeyId)
  if (!token) return undefined
  if (token.Kind === 'federated') return { kind: 'federated', accessKeyId }
  if (token.OwnerId === ROOT_ID) return { kind: 'root', accessKeyId, temporary: true }
  // @note Inferred: the credentials of a user deleted since are refused as an unknown key's
  // (InvalidClientTokenId with verifySignatures), rather than acting as nobody.
  if (!store.users.byId(token.OwnerId)) return undefined
  return { kind: 'user', userId: token.OwnerId, accessKeyId, temporary: true }
}

/** The caller's user record, when the caller is a user. */
export function callerUser(store: IamStore, caller: Caller): UserRecord | undefined {
  return caller.kind === 'user' ? store.users.byId(caller.userId) : undefined
}

/** The role session behind a temporary key. */
export function callerSession(store: IamStore, caller: Caller): RoleSessionRecord | undefined {
  return caller.kind === 'role' ? store.sessions.find(caller.accessKeyId) : undefined
}

/** GetSessionToken's or GetFederationToken's credentials behind a temporary key. */
export function callerToken(store: IamStore, caller: Caller): SessionTokenRecord | undefined {
  if (
    caller.kind === 'federated' ||
    ((caller.kind === 'user' || caller.kind === 'root') && caller.temporary)
  ) {
    return caller.accessKeyId === undefined
      ? undefined
      : store.sessionTokens.find(caller.accessKeyId)
  }
  return undefined
}

/** The long-term key a caller signed with (a user's or the root's), if any. */
export function callerKey(store: IamStore, caller: Caller): AccessKeyRecord | undefined {
  return (caller.kind === 'root' || caller.kind === 'user') &&
    !caller.temporary &&
    caller.accessKeyId !== undefined
    ? store.accessKeys.find(caller.accessKeyId)
    : undefined
}

/** The caller's ARN as IAM writes it in messages and STS in GetCallerIdentity. */
export function callerArn(store: IamStore, caller: Caller, partition: Partition): string {
  const user = callerUser(store, caller)
  if (user) return store.users.arn(user, partition)
  const session = callerSession(store, caller)
  if (session) return store.sessions.arn(session, partition)
  if (caller.kind === 'federated') {
    const token = callerToken(store, caller)
    if (token?.FederatedName)
      return store.sessionTokens.federatedArn(token.FederatedName, partition)
  }
  return store.rootArn(partition)
}
