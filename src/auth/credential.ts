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
  url: { readonly searchParams: URLSearchParams },
): SigningCredential | undefined {
  const authorization = headers.get('authorization')
  if (authorization !== null) {
    const scope = authorizationField(authorization, 'Credential')
    return scope === undefined ? undefined : parseScope(scope, 'header')
  }
  const scope = url.searchParams.get('X-Amz-Credential')
  return scope === null ? undefined : parseScope(scope, 'query')
}

/**
 * One field of `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`; undefined when the
 * header is not of that form (a part without `=`) or has no such field. Every request names its
 * caller through here, so it reads the header in place rather than into a map.
 */
export function authorizationField(authorization: string, name: string): string | undefined {
  const trimmed = authorization.trim()
  if (!trimmed.startsWith(`${ALGORITHM} `)) return undefined
  let found: string | undefined
  let start = ALGORITHM.length + 1
  while (start <= trimmed.length) {
    let end = trimmed.indexOf(',', start)
    if (end < 0) end = trimmed.length
    const at = trimmed.indexOf('=', start)
    if (at < 0 || at >= end) return undefined
    // The last of a repeated field wins, as in the map.
    if (trimmed.slice(start, at).trim() === name) found = trimmed.slice(at + 1, end).trim()
    start = end + 1
  }
  return found
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
