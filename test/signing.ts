import { Sha256WebCrypto } from '@smithy/core/checksum'
import { SignatureV4 } from '@smithy/signature-v4'

/** Credentials as the SDK takes them. */
export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

interface SignOptions {
  service?: string
  region?: string
  signingDate?: Date
  /** Extra headers to sign (and send). */
  headers?: Record<string, string>
  /** Add x-amz-content-sha256 as the SDK does (true) or sign as botocore does (false). */
  applyChecksum?: boolean
  /** Headers sent but left out of the signature (`host`, `x-amz-date`…). */
  unsignedHeaders?: string[]
}

function signer(credentials: Credentials, options: SignOptions) {
  return new SignatureV4({
    credentials,
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'iam',
    sha256: Sha256WebCrypto,
    applyChecksum: options.applyChecksum ?? true,
  })
}

/** What `sign()` and `presign()` take beside the request. */
function signingArgs(options: SignOptions) {
  return {
    ...(options.signingDate && { signingDate: options.signingDate }),
    ...(options.unsignedHeaders && { unsignableHeaders: new Set(options.unsignedHeaders) }),
  }
}

/**
 * A form POST signed in the Authorization header by the SDK's own signer, ready for fetch (so a
 * test can change it after signing). The endpoint's query string, if any, is signed too.
 */
export async function signedPost<Body extends string | Uint8Array>(
  endpoint: string,
  body: Body,
  credentials: Credentials,
  options: SignOptions = {},
): Promise<{ url: string; headers: Record<string, string>; body: Body }> {
  const url = new URL(endpoint)
  const signed = await signer(credentials, options).sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port && { port: Number(url.port) }),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: {
        host: url.host,
        'content-type': 'application/x-www-form-urlencoded',
        ...options.headers,
      },
      body,
    },
    signingArgs(options),
  )
  return { url: url.href, headers: signed.headers, body }
}

/** A presigned GET URL for a Query request, signed as `SignatureV4.presign` signs it. */
export async function presignedUrl(
  endpoint: string,
  params: Record<string, string>,
  credentials: Credentials,
  options: SignOptions & { expiresIn?: number } = {},
): Promise<string> {
  const url = new URL(endpoint)
  const presigned = await signer(credentials, options).presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query: params,
      headers: { host: url.host },
    },
    {
      ...signingArgs(options),
      ...(options.expiresIn !== undefined && { expiresIn: options.expiresIn }),
    },
  )
  const out = new URL(url.href)
  for (const [name, value] of Object.entries(presigned.query ?? {})) {
    out.searchParams.set(name, value as string)
  }
  return out.href
}
