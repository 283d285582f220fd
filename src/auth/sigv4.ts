import { ALGORITHM, scopeElements } from './credential.js'
import type { HeaderReader, IncomingRequest } from '../wire/parse-request.js'
import { IamError } from '../errors.js'

/**
 * AWS Signature Version 4 checks, for the Authorization-header form and the presigned query
 * form. The canonical request, string to sign and signing key come from `@smithy/signature-v4`
 * (the SDK's own signer) with WebCrypto SHA-256, so this module runs unchanged in Node and in
 * the browser; it only decides what goes into them: exactly what the client says it signed,
 * read from the request as it arrived.
 */

/** The request whose signature is checked: the pipeline's view of it. */
export type SignedRequest = IncomingRequest

/** A SigV4 signature as read from a request, not yet checked. */
export interface Signature {
  readonly form: 'header' | 'query'
  readonly accessKeyId: string
  /** `yyyymmdd/region/service/aws4_request`, as the client wrote it. */
  readonly scope: string
  readonly date: string
  readonly region: string
  readonly service: string
  readonly terminator: string
  readonly algorithm: string
  /** Lowercase header names, in the client's order. */
  readonly signedHeaders: readonly string[]
  readonly signature: string
  /** The request time in ISO-8601 basic form (`20260301T120000Z`). */
  readonly amzDate: string
  readonly signingDate: Date
  /** `X-Amz-Security-Token`, header or query parameter. */
  readonly sessionToken: string | undefined
  /** The header the date came from (`x-amz-date` or `date`); undefined for the query form. */
  readonly dateHeader: 'x-amz-date' | 'date' | undefined
}

/** How far X-Amz-Date may be from the server's time, either way. */
export const MAX_SKEW_MS = 15 * 60 * 1000

const QUERY_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-Date',
  'X-Amz-SignedHeaders',
] as const

/**
 * Reads the signature of a request: the Authorization header if there is one, else the
 * presigned `X-Amz-*` query parameters.
 *
 * @throws MissingAuthenticationToken when the request carries neither.
 * @throws IncompleteSignature when what it carries cannot be read, with the front end's wording.
 */
export function readSignature(request: SignedRequest): Signature {
  const authorization = request.headers.get('authorization')
  const query = request.url.searchParams
  if (authorization !== null) {
    checkOneMechanism(query)
    return readHeaderSignature(authorization, request.headers)
  }
  if (QUERY_PARAMS.some((name) => query.has(name))) return readQuerySignature(query)
  throw IamError.missingAuthenticationToken()
}

/**
 * Refuses a header-signed request whose query also carries a presigned signature: two auth
 * mechanisms at once.
 *
 * @note inferred: the code and status. AWS's front end answers an `X-Amz-Algorithm` query
 * parameter beside an Authorization header with `Found both …` before looking at either (its JSON
 * services as InvalidSignatureException, recorded by dynalite); that the Query services answer
 * SignatureDoesNotMatch, 403, is inferred. An `X-Amz-Signature` parameter alone is, for AWS, one
 * more query parameter the header signature must cover; the SDK's canonical query always leaves it
 * out, so the mock refuses it with the plain mismatch AWS would report (inferred too).
 * @throws SignatureDoesNotMatch
 */
function checkOneMechanism(query: URLSearchParams): void {
  if (query.has('X-Amz-Algorithm')) {
    throw IamError.signatureDoesNotMatch(
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    )
  }
  if (query.has('X-Amz-Signature')) throw IamError.signatureDoesNotMatch()
}

function readHeaderSignature(authorization: string, headers: HeaderReader): Signature {
  const trimmed = authorization.trim()
  const gap = trimmed.search(/\s/)
  const algorithm = gap < 0 ? trimmed : trimmed.slice(0, gap)
  const fields = new Map<string, string>()
  // @note Coral splits the parameters on commas and whitespace, so `Credential= AKID/…` (a
  // stray space) is reported as a pair without an equal sign, as AWS reports it. Headers of
  // other schemes (`Bearer …`, SigV2's `AWS key:sig`) are answered with the list of missing
  // parameters instead, as AWS answers them; that a bare token there is not reported as a
  // pair is inferred.
  const sigV4 = algorithm === ALGORITHM
  for (const token of (gap < 0 ? '' : trimmed.slice(gap + 1)).split(/[\s,]+/)) {
    if (token === '') continue
    const at = token.indexOf('=')
    if (at < 0 && !sigV4) continue
    if (at < 0) {
      throw IamError.incompleteSignature(
        `'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`,
      )
    }
    fields.set(token.slice(0, at), token.slice(at + 1))
  }
  const amzDate = headers.get('x-amz-date')
  const dateText = amzDate ?? httpDate(headers.get('date'))
  const missing = [
    ...['Credential', 'Signature', 'SignedHeaders']
      .filter((name) => !fields.has(name))
      .map((name) => `Authorization header requires '${name}' parameter.`),
    ...(dateText === undefined
      ? ["Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."]
      : []),
  ]
  if (missing.length > 0) {
    throw IamError.incompleteSignature(`${missing.join(' ')} Authorization=${authorization}`)
  }
  return signature({
    form: 'header',
    algorithm,
    credential: fields.get('Credential')!,
    signedHeaders: fields.get('SignedHeaders')!,
    signature: fields.get('Signature')!,
    dateText: dateText!,
    sessionToken: headers.get('x-amz-security-token') ?? undefined,
    dateHeader: amzDate !== null ? 'x-amz-date' : 'date',
  })
}

function readQuerySignature(query: URLSearchParams): Signature {
  // @note Inferred wording (the Query front end's, not S3's AuthorizationQueryParametersError).
  const missing = QUERY_PARAMS.filter((name) => !query.has(name))
  if (missing.length > 0) {
    throw IamError.incompleteSignature(
      `${missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(' ')} Re-examine the query-string parameters.`,
    )
  }
  return signature({
    form: 'query',
    algorithm: query.get('X-Amz-Algorithm')!,
    credential: query.get('X-Amz-Credential')!,
    signedHeaders: query.get('X-Amz-SignedHeaders')!,
    signature: query.get('X-Amz-Signature')!,
    dateText: query.get('X-Amz-Date')!,
    sessionToken: query.get('X-Amz-Security-Token') ?? undefined,
    dateHeader: undefined,
  })
}

function signature(raw: {
  form: Signature['form']
  algorithm: string
  credential: string
  signedHeaders: string
  signature: string
  dateText: string
  sessionToken: string | undefined
  dateHeader: Signature['dateHeader']
}): Signature {
  const elements = scopeElements(raw.credential)
  if (!elements) {
    throw IamError.incompleteSignature(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${raw.credential}'`,
    )
  }
  const [accessKeyId, date, region, service, terminator] = elements
  const signingDate = basicDate(raw.dateText)
  if (!signingDate) {
    // @note Inferred wording for a malformed X-Amz-Date.
    throw IamError.incompleteSignature(
      `Date must be in ISO-8601 'basic format'. Got '${raw.dateText}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    )
  }
  return {
    form: raw.form,
    accessKeyId,
    scope: elements.slice(1).join('/'),
    date,
    region,
    service,
    terminator,
    algorithm: raw.algorithm,
    signedHeaders: raw.signedHeaders.split(';').map((name) => name.trim().toLowerCase()),
    signature: raw.signature,
    amzDate: raw.dateText,
    signingDate,
    sessionToken: raw.sessionToken,
    dateHeader: raw.dateHeader,
  }
}

/**
 * Checks the credential scope against the service the request came to.
 *
 * @note The region is deliberately not checked: IAM's custom endpoints are signed with whatever
 * region the client is configured with (spec §1).
 * @throws SignatureDoesNotMatch with the front end's reason (terminator, service, date).
 */
export function checkScope(sig: Signature, service: string): void {
  if (sig.terminator !== 'aws4_request') {
    throw IamError.signatureDoesNotMatch(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${sig.terminator}'.`,
    )
  }
  if (sig.service !== service) {
    // The trailing space is AWS's.
    throw IamError.signatureDoesNotMatch(
      `Credential should be scoped to correct service: '${service}'. `,
    )
  }
  if (sig.date !== sig.amzDate.slice(0, 8)) {
    throw IamError.signatureDoesNotMatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${sig.date}' != '${sig.amzDate.slice(0, 8)}', from '${sig.amzDate}'.`,
    )
  }
}

/**
 * Refuses a signature that does not cover the request's Host, or (header form) the header its
 * date came from: such a signature could be replayed against another endpoint, or at another
 * time.
 *
 * @note inferred: the code and status of the Host rule, and the whole answer of the date rule.
 * The Host rule and its wording are AWS's (its front end checks it right after the date, and its
 * JSON services report it as InvalidSignatureException: SignatureDoesNotMatch in the Query ones).
 * AWS documents that a date header must be signed too, but not what it answers: the same error,
 * worded as the Host one.
 * @throws SignatureDoesNotMatch
 */
export function checkSignedHeaders(sig: Signature): void {
  if (!sig.signedHeaders.includes('host') && !sig.signedHeaders.includes(':authority')) {
    throw IamError.signatureDoesNotMatch(
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    )
  }
  if (sig.dateHeader && !sig.signedHeaders.includes(sig.dateHeader)) {
    const name = sig.dateHeader === 'x-amz-date' ? 'X-Amz-Date' : 'Date'
    throw IamError.signatureDoesNotMatch(
      `'${name}' must be a 'SignedHeader' in the AWS Authorization.`,
    )
  }
}

/**
 * Refuses a request signed more than 15 minutes before or after `now` — unless it is within
 * 15 minutes of one of the `alsoAccepted` instants. Errors are phrased against `now`.
 *
 * @note IAM and STS (like every Query service) ignore X-Amz-Expires: a presigned URL lives 15
 * minutes from its X-Amz-Date, whatever it asks for (aws/aws-sdk-go#2167 and #2224, where the
 * SDK team documents that only S3 honours it). So one check covers both forms, with the
 * wording IAM/STS send (aws/aws-cli#6676, devsecops/bootcamp#101).
 * @throws SignatureDoesNotMatch `Signature expired: …` or `Signature not yet current: …`.
 */
export function checkTime(sig: Signature, now: Date, alsoAccepted: readonly Date[] = []): void {
  const at = sig.signingDate.getTime()
  const nowMs = now.getTime()
  if (alsoAccepted.some((instant) => Math.abs(at - instant.getTime()) <= MAX_SKEW_MS)) return
  if (at < nowMs - MAX_SKEW_MS) {
    throw IamError.signatureDoesNotMatch(
      `Signature expired: ${sig.amzDate} is now earlier than ${basic(nowMs - MAX_SKEW_MS)} (${basic(nowMs)} - 15 min.)`,
    )
  }
  if (at > nowMs + MAX_SKEW_MS) {
    throw IamError.signatureDoesNotMatch(
      `Signature not yet current: ${sig.amzDate} is still later than ${basic(nowMs + MAX_SKEW_MS)} (${basic(nowMs)} + 15 min.)`,
    )
  }
}

/** `20260301T120000Z` → Date, or undefined when the text is not in that form. */
function basicDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (!m) return undefined
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/** An HTTP `Date` header (the SigV4 alternative to X-Amz-Date) in basic form. */
function httpDate(value: string | null): string | undefined {
  if (value === null) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? value : basic(ms)
}

function basic(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`
}
