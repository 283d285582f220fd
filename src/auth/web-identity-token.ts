import { IamError } from '../errors.js'
import type { IamStore } from '../store/store.js'

/** AssumeRoleWithWebIdentity's errors about the token, with AWS's wording where it is known. */
export const webIdentityErrors = {
  /** Quoted in many users' reports. */
  noProvider(issuer: string): IamError {
    return new IamError(
      'InvalidIdentityToken',
      `No OpenIDConnect provider found in your account for ${issuer}`,
      400,
    )
  },
  /** Quoted in users' reports (AWS could not read the provider's JWKS; the double space is AWS's). */
  noKeys(): IamError {
    return new IamError(
      'InvalidIdentityToken',
      "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
      400,
    )
  },
  /** @note Inferred: the sentence for a token that is no JWT (AWS's for an access token sent). */
  notJwt(): IamError {
    return new IamError(
      'InvalidIdentityToken',
      'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
      400,
    )
  },
  /** @note Inferred: AWS's sentence for a signature that does not verify is not quoted anywhere. */
  badSignature(): IamError {
    return new IamError('InvalidIdentityToken', 'The web identity token signature is invalid.', 400)
  },
  /** Quoted in users' reports (`aud`); the same form is inferred for `iss`, `sub` and `exp`. */
  missingClaim(claim: string): IamError {
    return new IamError('InvalidIdentityToken', `Missing a required claim: ${claim}`, 400)
  },
  /** Quoted in users' reports. */
  audience(): IamError {
    return new IamError('InvalidIdentityToken', 'Incorrect token audience', 400)
  },
  /** Quoted in users' reports (epoch seconds). */
  expired(now: number, exp: number): IamError {
    return new IamError(
      'ExpiredTokenException',
      `Token expired: current date/time ${now} must be before the expiration date/time ${exp}`,
      400,
    )
  },
  /** @note Inferred: AWS's sentence for a token used before its `nbf`. */
  notYetValid(now: number, nbf: number): IamError {
    return new IamError(
      'InvalidIdentityToken',
      `Token not yet valid: current date/time ${now} must be after the not-before date/time ${nbf}`,
      400,
    )
  },
  /** Quoted in users' reports (403). */
  notAuthorized(): IamError {
    return new IamError(
      'AccessDenied',
      'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      403,
    )
  },
}

/** A web identity token whose signature verified against a key of a registered OIDC provider. */
export interface VerifiedToken {
  /** The token's `iss`, as it gave it. */
  readonly issuer: string
  /** The provider's URL, as the store keeps it (`host/path`). */
  readonly providerUrl: string
  /** The JWK that verified the signature (its JSON), which the provider must still hold. */
  readonly key: string
  readonly claims: Readonly<Record<string, unknown>>
}

/**
 * Verifies a web identity token's signature against the keys of the OIDC provider its `iss`
 * names: the key its `kid` names, or (without a `kid`) any of them. The claims' other checks
 * (audience, times, the role's trust) are the action's, against the store as it runs.
 *
 * @throws InvalidIdentityToken
 */
export async function verifyWebIdentityToken(
  store: IamStore,
  token: string,
): Promise<VerifiedToken> {
  // @note Loaded on first use, as the SigV4 check is: only web identity federation needs it.
  const jose = await import('jose')
  let header: ReturnType<typeof jose.decodeProtectedHeader>
  let claims: Record<string, unknown>
  try {
    header = jose.decodeProtectedHeader(token)
    claims = jose.decodeJwt(token)
  } catch {
    throw webIdentityErrors.notJwt()
  }
  const issuer = claims.iss
  if (typeof issuer !== 'string' || issuer === '') throw webIdentityErrors.missingClaim('iss')
  const provider = store.oidcProviders.byIssuer(issuer)
  if (!provider) throw webIdentityErrors.noProvider(issuer)
  const keys = (provider.Keys ?? []).filter(
    (key) => header.kid === undefined || key.kid === header.kid,
  )
  if (keys.length === 0) throw webIdentityErrors.noKeys()
  const alg = header.alg
  if (typeof alg !== 'string' || alg === 'none') throw webIdentityErrors.badSignature()
  for (const jwk of keys) {
    try {
      const key = await jose.importJWK(jwk as Parameters<typeof jose.importJWK>[0], alg)
      await jose.compactVerify(token, key, { algorithms: [alg] })
      return { issuer, providerUrl: provider.Url, key: JSON.stringify(jwk), claims }
    } catch {
      // Another of the provider's keys may verify it.
    }
  }
  throw webIdentityErrors.badSignature()
}
