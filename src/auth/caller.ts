import type { AccessKeyRecord } from '../store/access-keys.js'
import type { RoleSessionRecord } from '../store/role-sessions.js'
import type { IamStore, Partition } from '../store/store.js'
import { ROOT_ID, type UserRecord } from '../store/users.js'
import type { SigningCredential } from './credential.js'

/**
 * Who sent a request, as IAM sees it: the owner of the signing access key, or the assumed-role
 * session of a temporary key. Without signature verification, requests signed with a key the
 * mock does not know (or not signed at all) act as the account root.
 *
 * Callers name records by id, never by reference: what an action reads of them is the store's
 * current state.
 */
export type Caller =
  | { readonly kind: 'root'; readonly accessKeyId?: string }
  | { readonly kind: 'user'; readonly userId: string; readonly accessKeyId: string }
  | { readonly kind: 'role'; readonly accessKeyId: string }

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
  return store.sessions.has(accessKeyId) ? { kind: 'role', accessKeyId } : undefined
}

/** The caller's user record, when the caller is a user. */
export function callerUser(store: IamStore, caller: Caller): UserRecord | undefined {
  return caller.kind === 'user' ? store.users.byId(caller.userId) : undefined
}

/** The role session behind a temporary key. */
export function callerSession(store: IamStore, caller: Caller): RoleSessionRecord | undefined {
  return caller.kind === 'role' ? store.sessions.find(caller.accessKeyId) : undefined
}

/** The long-term key a caller signed with (a user's or the root's), if any. */
export function callerKey(store: IamStore, caller: Caller): AccessKeyRecord | undefined {
  return caller.kind !== 'role' && caller.accessKeyId !== undefined
    ? store.accessKeys.find(caller.accessKeyId)
    : undefined
}

/** The caller's ARN as IAM writes it in messages and STS in GetCallerIdentity. */
export function callerArn(store: IamStore, caller: Caller, partition: Partition): string {
  const user = callerUser(store, caller)
  if (user) return store.users.arn(user, partition)
  const session = callerSession(store, caller)
  if (session) return store.sessions.arn(session, partition)
  return store.rootArn(partition)
}
