import { IamError } from '../errors.js'
import type { IamStore } from '../store/store.js'
import { callerKey, callerOfKey, callerSession, resolveCaller, type Caller } from './caller.js'
import { signingCredential, type SigningCredential } from './credential.js'
import {
  checkScope,
  checkTime,
  readSignature,
  type Signature,
  type SignedRequest,
} from './sigv4.js'

export type { SignedRequest } from './sigv4.js'

export interface Authenticated {
  readonly caller: Caller
  /** The credential scope the request was signed with, if it was signed. */
  readonly credential: SigningCredential | undefined
}

export interface AuthenticationOptions {
  /** Check every signature against the signing key's secret (`verifySignatures`). */
  readonly verify: boolean
  /** The signing name the endpoint answers for: `iam` or `sts`. */
  readonly service: string
  /** The mock's clock: X-Amz-Date must be within 15 minutes of it (or of `wallClock`). */
  readonly now: Date
  /** The real time, also accepted (see the @note in pipeline.ts). */
  readonly wallClock: Date
}

/**
 * Decides who sent a request.
 *
 * Without verification the signing key id alone names the caller, and an unknown key (or no
 * signature) acts as the account root. With it, the request must be signed (header or presigned
 * query) within 15 minutes of `now`, for this service, by a key the store holds and that is
 * Active (a role session's key with its session token), with that key's secret.
 *
 * @throws IamError MissingAuthenticationToken, IncompleteSignature, SignatureDoesNotMatch or
 * InvalidClientTokenId, as IAM's front end answers them (spec §4).
 */
export async function authenticate(
  store: IamStore,
  request: SignedRequest,
  options: AuthenticationOptions,
): Promise<Authenticated> {
  if (!options.verify) {
    const credential = signingCredential(request.headers, request.url.searchParams)
    return { caller: resolveCaller(store, credential), credential }
  }
  const sig = readSignature(request)
  checkScope(sig, options.service)
  checkTime(sig, options.now, [options.wallClock])
  const caller = callerOfKey(store, sig.accessKeyId)
  const secret = caller && secretIfUsable(store, caller, sig)
  if (!caller || secret === undefined) throw IamError.invalidClientTokenId()
  // @note Loaded on first use: the crypto half costs tens of milliseconds of start-up that a mock
  // without verifySignatures should not pay.
  const { signatureMatches } = await import('./sigv4-verify.js')
  if (!(await signatureMatches(sig, request, secret))) throw IamError.signatureDoesNotMatch()
  return {
    caller,
    credential: {
      accessKeyId: sig.accessKeyId,
      date: sig.date,
      region: sig.region,
      service: sig.service,
      form: sig.form,
    },
  }
}

/**
 * The secret to check the signature with, or undefined when the key may not sign at all.
 *
 * @note An Inactive (or Expired) key is refused as if unknown, before its signature is looked at,
 * so a key cannot be used to reactivate itself (spec §5). A session token must match the role
 * session's, and a long-term key must not carry one: AWS answers both with the same
 * InvalidClientTokenId.
 */
function secretIfUsable(store: IamStore, caller: Caller, sig: Signature): string | undefined {
  const session = callerSession(store, caller)
  if (session) {
    return sig.sessionToken === session.SessionToken ? session.SecretAccessKey : undefined
  }
  const key = callerKey(store, caller)
  if (!key || key.Status !== 'Active' || sig.sessionToken !== undefined) return undefined
  return key.SecretAccessKey
}
