import type {
  Partition,
  AccessKeyRecord,
  IamStore,
  RoleSessionRecord,
  UserRecord,
} from '../store/store.js'
import type { SigningCredential } from './credential.js'

/**
 * Who sent a request, as IAM sees it: the owner of the signing access key, or the assumed-role
 * session of a temporary key. Without signature verification, requests signed with a key the
 * mock does not know (or not signed at all) act as the account root.
 */
export type Caller =
  | { readonly kind: 'root'; readonly accessKey?: AccessKeyRecord }
  | { readonly kind: 'user'; readonly user: UserRecord; readonly accessKey: AccessKeyRecord }
  | { readonly kind: 'role'; readonly session: RoleSessionRecord }

/** The caller a signing key names; unknown keys (and unsigned requests) act as root. */
export function resolveCaller(store: IamStore, credential: SigningCredential | undefined): Caller {
  if (!credential) return { kind: 'root' }
  return callerOfKey(store, credential.accessKeyId) ?? { kind: 'root' }
}

/** The caller an access key id belongs to, or undefined when the store does not know it. */
export function callerOfKey(store: IamStore, accessKeyId: string): Caller | undefined {
  const key = store.findAccessKey(accessKeyId)
  if (key) {
    return key.owner.kind === 'user'
      ? { kind: 'user', user: key.owner, accessKey: key }
      : { kind: 'root', accessKey: key }
  }
  const session = store.findRoleSession(accessKeyId)
  return session && { kind: 'role', session }
}

/** The caller's ARN as IAM writes it in messages and STS in GetCallerIdentity. */
export function callerArn(store: IamStore, caller: Caller, partition: Partition): string {
  switch (caller.kind) {
    case 'user':
      return store.userArn(caller.user, partition)
    case 'role':
      return store.assumedRoleArn(caller.session, partition)
    default:
      return store.rootArn(partition)
  }
}
