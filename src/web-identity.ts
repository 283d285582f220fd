import type { FixtureOidcProvider } from './store/fixture.js'

/** Options of `createWebIdentityIssuer`. */
export interface WebIdentityIssuerOptions {
  /** The issuer URL (`iss`, and the OIDC provider's `Url`); default `https://oidc.example.test`. */
  readonly url?: string
  /** The signing algorithm; default `RS256`, what GitHub, GitLab and EKS sign with. */
  readonly alg?: 'RS256' | 'RS384' | 'RS512' | 'ES256' | 'ES384' | 'PS256'
  /** The key id tokens name in their header (`kid`); default `msw-iam-test-key`. */
  readonly kid?: string
}

/** Options of one token. */
export interface WebIdentityTokenOptions {
  /** When the token is issued (`iat`); default: now. Use the mock's clock if it is fixed. */
  readonly now?: Date
  /** Seconds until `exp`; default 3600. Negative: an expired token. */
  readonly expiresIn?: number
}

/** A test OIDC identity provider: its signing key, its fixture entry and its tokens. */
export interface WebIdentityIssuer {
  /** The issuer URL, `https://…`. */
  readonly url: string
  /** The public signing keys (JWKs), for the OIDC provider's `Keys` in a fixture. */
  readonly keys: readonly Record<string, unknown>[]
  /** An `OpenIDConnectProviders` entry of a fixture for this issuer. */
  provider(clientIds?: readonly string[]): FixtureOidcProvider
  /**
   * A signed token (a JWT) of this issuer: `iss`, `iat` and `exp` set, `sub` and `aud` defaulting to
   * `test-subject` and `sts.amazonaws.com`; `claims` add to or override them.
   */
  token(claims?: Record<string, unknown>, options?: WebIdentityTokenOptions): Promise<string>
}

/**
 * Creates an OIDC identity provider for tests: a fresh key pair whose public half goes into the
 * mock's fixture (the mock cannot fetch a provider's JWKS), and signed tokens that
 * `AssumeRoleWithWebIdentity` (and `fromWebToken`, `fromTokenFile`) accept. Runs in Node and in
 * browsers (WebCrypto, through `jose`).
 *
 * @example
 * const issuer = await createWebIdentityIssuer({ url: 'https://token.actions.githubusercontent.com' })
 * const iam = createIamMock({ fixtures: { OpenIDConnectProviders: [issuer.provider()], Roles: [...] } })
 * const webIdentityToken = await issuer.token({ sub: 'repo:acme/app:ref:refs/heads/main' })
 */
export async function createWebIdentityIssuer(
  options: WebIdentityIssuerOptions = {},
): Promise<WebIdentityIssuer> {
  const { exportJWK, generateKeyPair, SignJWT } = await import('jose')
  const url = options.url ?? 'https://oidc.example.test'
  const alg = options.alg ?? 'RS256'
  const kid = options.kid ?? 'msw-iam-test-key'
  const { privateKey, publicKey } = await generateKeyPair(alg)
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }
  return {
    url,
    keys: [jwk],
    provider: (clientIds = ['sts.amazonaws.com']) => ({
      Url: url,
      ClientIDList: [...clientIds],
      Keys: [{ ...jwk }],
    }),
    async token(claims = {}, tokenOptions = {}) {
      const issuedAt = Math.floor((tokenOptions.now ?? new Date()).getTime() / 1000)
      return new SignJWT({
        sub: 'test-subject',
        aud: 'sts.amazonaws.com',
        iss: url,
        iat: issuedAt,
        exp: issuedAt + (tokenOptions.expiresIn ?? 3600),
        ...claims,
      })
        .setProtectedHeader({ alg, kid, typ: 'JWT' })
        .sign(privateKey)
    },
  }
}
