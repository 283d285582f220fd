import type { Partition, AccessKeyRecord, IamStore, UserRecord } from '../store/store.js'
import type { SigningCredential } from './credential.js'

/**
 * Who sent a request, as IAM sees it: the owner of the signing access key. Requests signed
 * with a root key, or with a key the mock does not know, act as the account root.
 */
export type Caller =
  | { readonly kind: 'root'; readonly accessKey?: AccessKeyRecord }
  | { readonly kind: 'user'; readonly user: UserRecord; readonly accessKey: AccessKeyRecord }

export function resolveCaller(store: IamStore, credential: SigningCredential | undefined): Caller {
  const key = credential && store.findAccessKey(credential.accessKeyId)
  if (!key) return { kind: 'root' }
  return key.owner.kind === 'user'
    ? { kind: 'user', user: key.owner, accessKey: key }
    : { kind: 'root', accessKey: key }
}

export function callerArn(store: IamStore, caller: Caller, partition: Partition): string {
  return caller.kind === 'user' ? store.userArn(caller.user, partition) : store.rootArn(partition)
}
