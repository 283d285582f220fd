import type { IamStore } from '../store/store.js'
import { resolveCaller, type Caller } from './caller.js'
import { signingCredential, type SigningCredential } from './credential.js'

export interface Authenticated {
  readonly caller: Caller
  /** The credential scope the request was signed with, if it was signed. */
  readonly credential: SigningCredential | undefined
}

/**
 * Decides who sent a request. Signatures are not verified: the signing key id alone names the
 * caller, and an unknown key acts as the account root.
 */
export function authenticate(store: IamStore, request: Request, url: URL): Authenticated {
  const credential = signingCredential(request.headers, url.searchParams)
  return { caller: resolveCaller(store, credential), credential }
}
