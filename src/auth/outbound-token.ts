import type { IamStore } from '../store/store.js'

/** The algorithms GetWebIdentityToken signs with (the API reference's two). */
export const OUTBOUND_ALGORITHMS = ['RS256', 'ES384'] as const
export type OutboundAlgorithm = (typeof OUTBOUND_ALGORITHMS)[number]

interface SigningKey {
  readonly privateKey: CryptoKey
  readonly jwk: Record<string, unknown>
}

/**
 * The account's signing keys for outbound web identity federation, one per algorithm, made on
 * first use (WebCrypto, through `jose`) and kept for the store's life: a token signed before a
 * reset still verifies after it.
 */
const keys = new WeakMap<IamStore, Map<OutboundAlgorithm, Promise<SigningKey>>>()

function signingKey(store: IamStore, alg: OutboundAlgorithm): Promise<SigningKey> {
  let byAlg = keys.get(store)
  if (!byAlg) keys.set(store, (byAlg = new Map()))
  let key = byAlg.get(alg)
  if (!key) {
    key = (async () => {
      const { exportJWK, generateKeyPair } = await import('jose')
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
      // @note inferred: AWS's key ids are opaque; the mock's are random, one per algorithm.
      const kid = crypto.randomUUID()
      return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } }
    })()
    byAlg.set(alg, key)
  }
  return key
}

/** A JWT of `claims`, signed with the account's key for `alg`. */
export async function signOutboundToken(
  store: IamStore,
  alg: OutboundAlgorithm,
  claims: Record<string, unknown>,
): Promise<string> {
  const { SignJWT } = await import('jose')
  const { privateKey, jwk } = await signingKey(store, alg)
  return new SignJWT(claims)
    .setProtectedHeader({ alg, kid: jwk.kid as string, typ: 'JWT' })
    .sign(privateKey)
}

/**
 * What the account's issuer serves (`/.well-known/openid-configuration`, `/.well-known/jwks.json`)
 * for a request to `url`, or undefined when it is no issuer of the store's (or federation is off).
 */
export async function issuerDocument(
  store: IamStore,
  url: URL,
): Promise<Record<string, unknown> | undefined> {
  const outbound = store.stsSettings.outbound
  if (!outbound?.JwtVendingEnabled || url.origin !== new URL(outbound.IssuerIdentifier).origin) {
    return undefined
  }
  const issuer = outbound.IssuerIdentifier
  if (url.pathname === '/.well-known/openid-configuration') {
    return {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [...OUTBOUND_ALGORITHMS],
    }
  }
  if (url.pathname === '/.well-known/jwks.json') {
    const all = await Promise.all(OUTBOUND_ALGORITHMS.map((alg) => signingKey(store, alg)))
    return { keys: all.map((key) => key.jwk) }
  }
  return undefined
}
