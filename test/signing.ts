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

/**
 * A form POST signed in the Authorization header by the SDK's own signer, ready for fetch (so a
 * test can change it after signing).
 */
export async function signedPost(
  endpoint: string,
  body: string,
  credentials: Credentials,
  options: SignOptions = {},
): Promise<{ url: string; headers: Record<string, string>; body: string }> {
  const url = new URL(endpoint)
  const signed = await signer(credentials, options).sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port && { port: Number(url.port) }),
      path: url.pathname,
      query: {},
      headers: {
        host: url.host,
        'content-type': 'application/x-www-form-urlencoded',
        ...options.headers,
      },
      body,
    },
    { ...(options.signingDate && { signingDate: options.signingDate }) },
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
      ...(options.signingDate && { signingDate: options.signingDate }),
      ...(options.expiresIn !== undefined && { expiresIn: options.expiresIn }),
    },
  )
  const out = new URL(url.href)
  for (const [name, value] of Object.entries(presigned.query ?? {})) {
    out.searchParams.set(name, value as string)
  }
  return out.href
}
