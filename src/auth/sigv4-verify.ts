import { Sha256WebCrypto } from '@smithy/core/checksum'
import { getCanonicalHeaders, getPayloadHash, SignatureV4 } from '@smithy/signature-v4'
import { ALGORITHM } from './credential.js'
import type { Signature, SignedRequest } from './sigv4.js'

/**
 * The cryptographic half of signature checks, apart so that its dependencies (`@smithy/signature-v4`
 * and a WebCrypto SHA-256) load only when a mock verifies signatures.
 */

type HttpRequestLike = Parameters<SignatureV4['presign']>[0]

/** SignatureV4 with its canonical-request steps opened up, to recompute a received signature. */
class SignatureCheck extends SignatureV4 {
  async expected(sig: Signature, request: HttpRequestLike, payloadHash: string): Promise<string> {
    const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(sig.signedHeaders))
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash)
    const stringToSign = await this.createStringToSign(
      sig.amzDate,
      sig.scope,
      canonicalRequest,
      ALGORITHM,
    )
    return this.sign(stringToSign, {
      signingDate: sig.signingDate,
      signingRegion: sig.region,
      signingService: sig.service,
    })
  }
}

/**
 * Whether `sig` is the signature of `request` under `secretAccessKey`. The canonical request is
 * rebuilt from exactly the headers the client lists as signed, the URL's path and query (less
 * X-Amz-Signature) and the SHA-256 of the body's bytes as received, so a body changed after signing
 * fails even when its `x-amz-content-sha256` header was left as it was.
 */
export async function signatureMatches(
  sig: Signature,
  request: SignedRequest,
  secretAccessKey: string,
): Promise<boolean> {
  if (sig.algorithm !== ALGORITHM) return false
  const headers: Record<string, string> = {}
  for (const name of sig.signedHeaders) {
    const value = request.headers.get(name) ?? fallbackHeader(name, request)
    if (value !== undefined) headers[name] = value
  }
  const query: Record<string, string | string[]> = {}
  for (const [name, value] of request.url.searchParams) {
    const seen = query[name]
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value]
  }
  const httpRequest: HttpRequestLike = {
    method: request.method.toUpperCase(),
    protocol: request.url.protocol,
    hostname: request.url.hostname,
    path: request.url.pathname,
    query,
    headers,
  }
  const payloadHash = await getPayloadHash(
    { ...httpRequest, headers: {}, body: request.bodyBytes },
    Sha256WebCrypto,
  )
  const signer = new SignatureCheck({
    credentials: { accessKeyId: sig.accessKeyId, secretAccessKey },
    region: sig.region,
    service: sig.service,
    sha256: Sha256WebCrypto,
  })
  return constantTimeEqual(await signer.expected(sig, httpRequest, payloadHash), sig.signature)
}

/**
 * Signed headers a request can lose on its way to the handler: Node's fetch and the browser
 * compute `host` and `content-length` when sending, so a Request object may not carry them.
 *
 * @note `host` comes from the URL only when the request has no Host header: a server in front
 * of the mock passes the client's Host through, and the client signed that one.
 */
function fallbackHeader(name: string, request: SignedRequest): string | undefined {
  if (name === 'host') return request.url.host
  if (name === 'content-length') return String(request.bodyBytes.length)
  return undefined
}

function constantTimeEqual(expected: string, actual: string): boolean {
  let difference = expected.length ^ actual.length
  for (let i = 0; i < expected.length; i++) {
    difference |= expected.charCodeAt(i) ^ (actual.charCodeAt(i) || 0)
  }
  return difference === 0
}
