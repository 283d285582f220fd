import type { HeaderReader } from '../wire/parse-request.js'
/** The credential scope of a SigV4-signed request: `AKID/yyyymmdd/region/service/aws4_request`. */
export interface SigningCredential {
  readonly accessKeyId: string
  readonly date: string
  readonly region: string
  readonly service: string
  /** Where the signature travels: the Authorization header or the presigned query string. */
  readonly form: 'header' | 'query'
}

/** The only signing algorithm IAM and STS accept. */
export const ALGORITHM = 'AWS4-HMAC-SHA256'

/**
 * The signing credential of a request, read from `Authorization: AWS4-HMAC-SHA256 Credential=…`
 * or from the presigned `X-Amz-Credential` query parameter; undefined when the request carries
 * neither or the scope cannot be read.
 */
export function signingCredential(
  headers: HeaderReader,
  query: URLSearchParams,
): SigningCredential | undefined {
  const authorization = headers.get('authorization')
  if (authorization !== null) {
    const fields = authorizationFields(authorization)
    const scope = fields?.get('Credential')
    return scope === undefined ? undefined : parseScope(scope, 'header')
  }
  const scope = query.get('X-Amz-Credential')
  return scope === null ? undefined : parseScope(scope, 'query')
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` as a map, or undefined. */
export function authorizationFields(authorization: string): Map<string, string> | undefined {
  const trimmed = authorization.trim()
  if (!trimmed.startsWith(`${ALGORITHM} `)) return undefined
  const fields = new Map<string, string>()
  for (const part of trimmed.slice(ALGORITHM.length + 1).split(',')) {
    const at = part.indexOf('=')
    if (at < 0) return undefined
    fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim())
  }
  return fields
}

type ScopeElements = [
  accessKeyId: string,
  date: string,
  region: string,
  service: string,
  end: string,
]

/** `AKID/yyyymmdd/region/service/aws4_request` split in its five elements, or undefined. */
export function scopeElements(scope: string): ScopeElements | undefined {
  const parts = scope.split('/')
  return parts.length === 5 ? (parts as ScopeElements) : undefined
}

function parseScope(scope: string, form: SigningCredential['form']): SigningCredential | undefined {
  const elements = scopeElements(scope)
  if (!elements || elements[4] !== 'aws4_request' || !elements[0]) return undefined
  const [accessKeyId, date, region, service] = elements
  return { accessKeyId, date, region, service, form }
}
