import { IamError } from '../errors.js'
import type { IamStore } from '../store/store.js'
import {
  callerKey,
  callerOfKey,
  callerSession,
  callerToken,
  resolveCaller,
  type Caller,
} from './caller.js'
import { signingCredential, type SigningCredential } from './credential.js'
import {
  checkScope,
  checkSignedHeaders,
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

export interface SignatureCheckOptions {
  /** The signing name the endpoint answers for: `iam` or `sts`. */
  readonly service: string
  /** The mock's clock: X-Amz-Date must be within 15 minutes of it (or of `wallClock`). */
  readonly now: Date
  /** The real time, also accepted (see the @note in pipeline.ts). */
  readonly wallClock: Date
}

/** A signature found to match, and the secret it matched (see `authenticate`). */
export interface CheckedSignature {
  readonly sig: Signature
  readonly secret: string
}

/**
 * Checks a request's signature (`verifySignatures`): it must be signed (header or presigned
 * query) within 15 minutes of `now`, for this service, by a key the store holds and that is
 * Active (a role session's key with its session token), with that key's secret.
 *
 * Asynchronous (the HMACs are WebCrypto's), so the store may change before it resolves: who the
 * caller is gets decided afterwards, by `authenticate`.
 *
 * @throws IamError MissingAuthenticationToken, IncompleteSignature, SignatureDoesNotMatch or
 * InvalidClientTokenId, as IAM's front end answers them (spec §4).
 */
export async function checkSignature(
  store: IamStore,
  request: SignedRequest,
  options: SignatureCheckOptions,
): Promise<CheckedSignature> {
  const sig = readSignature(request)
  checkScope(sig, options.service)
  checkTime(sig, options.now, [options.wallClock])
  checkSignedHeaders(sig)
  const { secret, caller } = usable(store, sig)
  checkExpiry(store, caller, options.now)
  // @note Loaded on first use: the crypto half costs tens of milliseconds of start-up that a mock
  // without verifySignatures should not pay.
  const { signatureMatches } = await import('./sigv4-verify.js')
  if (!(await signatureMatches(sig, request, secret))) throw IamError.signatureDoesNotMatch()
  return { sig, secret }
}

/**
 * Decides who sent a request, from the store as it is now. Call it synchronously with the action
 * (no `await` in between), so that the action runs as the caller the store holds at that moment.
 *
 * Without a checked signature the signing key id alone names the caller, and an unknown key (or
 * no signature) acts as the account root. With one, the key must still be usable, with the very
 * secret the signature matched.
 *
 * @note A key deleted or deactivated while its request's signature was being checked, or gone
 * with a `reset()` in the meantime, is refused as if it had been so from the start
 * (InvalidClientTokenId); a key whose secret changed (a reset that brought back another key of
 * the same id) fails as a signature made with another secret would. Looking the caller up before
 * the check let such a request through, acting on records the store no longer held.
 */
export function authenticate(
  store: IamStore,
  request: SignedRequest,
  checked: CheckedSignature | undefined,
): Authenticated {
  if (!checked) {
    const credential = signingCredential(request.headers, request.url)
    return { caller: resolveCaller(store, credential), credential }
  }
  const { sig } = checked
  const { caller, secret } = usable(store, sig)
  if (secret !== checked.secret) throw IamError.signatureDoesNotMatch()
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
 * The caller the signing key names, and the secret to check the signature with.
 *
 * @note An Inactive (or Expired) key is refused as if unknown, before its signature is looked at,
 * so a key cannot be used to reactivate itself (spec §5). A session token must match the role
 * session's, and a long-term key must not carry one: AWS answers both with the same
 * InvalidClientTokenId.
 * @throws InvalidClientTokenId when the key may not sign at all.
 */
function usable(store: IamStore, sig: Signature): { caller: Caller; secret: string } {
  const caller = callerOfKey(store, sig.accessKeyId)
  const secret = caller && secretOf(store, caller, sig)
  if (!caller || secret === undefined) throw IamError.invalidClientTokenId()
  return { caller, secret }
}

/**
 * Temporary credentials past their `Expiration` (by the mock's clock) are refused.
 * @throws ExpiredToken
 */
function checkExpiry(store: IamStore, caller: Caller, now: Date): void {
  const expiration = (callerSession(store, caller) ?? callerToken(store, caller))?.Expiration
  if (expiration !== undefined && now.getTime() >= expiration.getTime()) {
    throw IamError.expiredToken()
  }
}

function secretOf(store: IamStore, caller: Caller, sig: Signature): string | undefined {
  const session = callerSession(store, caller) ?? callerToken(store, caller)
  if (session) {
    return sig.sessionToken === session.SessionToken ? session.SecretAccessKey : undefined
  }
  const key = callerKey(store, caller)
  if (!key || key.Status !== 'Active' || sig.sessionToken !== undefined) return undefined
  return key.SecretAccessKey
}
