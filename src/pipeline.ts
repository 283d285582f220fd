import type { ActionContext } from './actions/context.js'
import { authenticate, checkSignature, type Authenticated } from './auth/authenticate.js'
import { callerArn } from './auth/caller.js'
import { signingCredential } from './auth/credential.js'
import type { Dialect } from './dialects/dialect.js'
import { IamError } from './errors.js'
import type { Failures } from './failures.js'
import { journalParams, type CallJournal } from './journal.js'
import type { ScalarType, ScalarTypeName } from './model/types.js'
import { iamService, serviceFor, type QueryService } from './services.js'
import { truncateToSeconds, type Clock } from './store/clock.js'
import type { Rng } from './store/random.js'
import type { IamStore, Partition } from './store/store.js'
import {
  incomingOf,
  queryParams,
  type IncomingRequest,
  type OutgoingResponse,
} from './wire/parse-request.js'
import { readInput } from './wire/read-input.js'
import { errorBody, successBody } from './wire/serialize.js'

export interface Pipeline {
  readonly store: IamStore
  readonly dialect: Dialect
  readonly rng: Rng
  readonly clock: Clock
  readonly failures: Failures
  readonly journal: CallJournal
  readonly types: (name: ScalarTypeName) => ScalarType
  /** Check every request's SigV4 signature against the signing key's secret. */
  readonly verifySignatures: boolean
}

/**
 * Requests whose transport has already read them: the standalone server reads each request's
 * headers and body from node:http and hands msw's `getResponse` a `Request` with only what the
 * handlers match on (method and URL), registering here what it read.
 */
const alreadyRead = new WeakMap<Request, IncomingRequest>()

/**
 * An answer, and what it answered: the action asked for, the caller's ARN (when the request was
 * authenticated) and the error code (when it failed), for a transport's request log — which
 * must not depend on the journal, which may be off (`journalLimit: 0`) or already trimmed.
 */
export interface QueryAnswer extends OutgoingResponse {
  readonly action: string | undefined
  readonly caller: string | undefined
  readonly errorCode: string | undefined
}

/** Each answer to a registered request, beside its bodiless `Response`, for the server to write. */
const answers = new WeakMap<Response, QueryAnswer>()

/** Tells the handlers to answer `request` as `incoming` (see `alreadyRead`). */
export function registerIncoming(request: Request, incoming: IncomingRequest): void {
  alreadyRead.set(request, incoming)
}

/** What a `Response` from `handleQueryRequest` carries, without reading its body stream. */
export function outgoingOf(response: Response): QueryAnswer | undefined {
  return answers.get(response)
}

/** Answers a fetch `Request` (what the msw handlers and the server pass on). */
export async function handleQueryRequest(pipeline: Pipeline, request: Request): Promise<Response> {
  const read = alreadyRead.get(request)
  const answer = await answerQuery(pipeline, read ?? (await incomingOf(request)))
  const { status, headers } = answer
  if (!read) return new Response(answer.body, { status, headers })
  // The body, a fetch stream to build, travels beside the Response to the server that writes it.
  const response = new Response(null, { status, headers })
  answers.set(response, answer)
  return response
}

/**
 * Answers one Query request (IAM, or STS on its endpoints): handler → wire → auth → action →
 * store → wire. Never throws and never answers 5xx unless a failure was injected: anything
 * unexpected is a bug, reported as the service's ServiceFailure and on the console.
 */
export async function answerQuery(
  pipeline: Pipeline,
  request: IncomingRequest,
): Promise<QueryAnswer> {
  const { dialect, store } = pipeline
  const instant = pipeline.clock()
  // @note A signature must be within 15 minutes of the mock's clock — or of the wall clock,
  // which the Date header tells clients (see the note on the header below). A mock clock fixed
  // in 2022 (for stable CreateDates) thus accepts both requests signed at that time and the real
  // SDK, which signs with real time; a client skewed from both is refused with the time phrased
  // against the mock's clock, corrects its offset from the Date header and retries, as against
  // AWS. Judging by the mock clock alone would refuse every real-time request of a fixed-clock
  // mock and, through the SDK's skew correction, get every later error retried.
  const serverTime = new Date()
  const requestId = dialect.requestId(instant, pipeline.rng)
  const url = request.url
  const partition = partitionOf(url.hostname, store.partition)
  let params = new URLSearchParams()
  let service: QueryService = iamService
  let authenticated: Authenticated | undefined
  let error: IamError | undefined
  let body: string
  try {
    params = queryParams(request)
    service = serviceFor(url.hostname, params)
    const checked = pipeline.verifySignatures
      ? await checkSignature(store, request, {
          service: service.signingName,
          now: instant.date,
          wallClock: serverTime,
        })
      : undefined
    // @note From here to the action nothing awaits: the caller and its key are read from the
    // store as the action finds it, so a key deleted (or a reset()) while the signature was being
    // checked is seen, and a reset is a clean cut for requests in flight.
    authenticated = authenticate(store, request, checked)
    const action = params.get('Action')
    if (!action) throw IamError.missingAction()
    const version = params.get('Version') ?? (dialect.versionRequired ? null : service.version)
    if (!service.offers(action, dialect) || version !== service.version) {
      throw IamError.invalidAction(action, version ?? 'NO_VERSION_SPECIFIED')
    }
    const ctx: ActionContext = {
      store,
      dialect,
      caller: authenticated.caller,
      now: truncateToSeconds(instant.date),
      partition,
    }
    const injected = pipeline.failures.take(action)
    if (injected) throw injected
    const operation = service.operation(action)
    const input = readInput(operation, params, pipeline.types)
    const output = service.action(action)(ctx, input)
    body = successBody(dialect.xml, action, operation.output, output, requestId, service.xmlns)
  } catch (caught) {
    error = caught instanceof IamError ? caught : unexpected(caught)
    body = errorBody(dialect.xml, error, requestId, service.xmlns)
  }
  const status = error?.status ?? 200
  const caller = authenticated?.caller
  const signer = caller && caller.kind !== 'role' ? caller.accessKey : undefined
  const credential = authenticated?.credential
  const action = params.get('Action') ?? undefined
  const arn = authenticated && callerArn(store, authenticated.caller, partition)
  // @note Recorded after the action, so GetAccessKeyLastUsed reports the previous use of a key,
  // not the call asking about it. Real IAM records uses minutes later; the mock does at once.
  // Only authenticated requests get here with a signer: a refused signature records nothing.
  // The service is the one that answered (`sts` for GetCallerIdentity), the region the one
  // the client signed for.
  if (signer && credential) {
    signer.lastUsed = {
      date: truncateToSeconds(instant.date),
      serviceName: service.signingName,
      region: credential.region,
    }
  }
  if (pipeline.journal.enabled) {
    pipeline.journal.record({
      action,
      ...journalParams(params),
      caller: arn,
      // A refused request still names the key it was signed with, so a test can see it refused.
      accessKeyId:
        credential?.accessKeyId ??
        signingCredential(request.headers, url.searchParams)?.accessKeyId,
      status,
      errorCode: error?.code,
      requestId,
      time: instant.date,
    })
  }
  return {
    status,
    body,
    headers: {
      'Content-Type': 'text/xml',
      'x-amzn-RequestId': requestId,
      // @note The wall clock, not the mock's: the SDK re-derives its clock offset from every
      // Date header and, once that offset exceeds 4 minutes, retries every error response as
      // "clock skew corrected". A fixed mock clock in 2022 would triple every failing call.
      // It is the instant signatures were checked against, so a skewed client corrects itself.
      Date: serverTime.toUTCString(),
    },
    action,
    caller: arn,
    errorCode: error?.code,
  }
}

function unexpected(error: unknown): IamError {
  console.error('msw-iam: internal error while answering a request (please report it):', error)
  return IamError.serviceFailure()
}

/** The China and GovCloud endpoints (IAM's and STS's) write ARNs of their own partition. */
function partitionOf(hostname: string, fallback: Partition): Partition {
  if (hostname.endsWith('.amazonaws.com.cn')) return 'aws-cn'
  if (/\.us-gov(?:-[a-z]+-\d+)?\.amazonaws\.com$/.test(hostname)) return 'aws-us-gov'
  return fallback
}
