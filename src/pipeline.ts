import { actions } from './actions/index.js'
import type { ActionContext } from './actions/context.js'
import { authenticate, type Authenticated } from './auth/authenticate.js'
import { callerArn } from './auth/caller.js'
import type { Dialect } from './dialects/dialect.js'
import { IamError } from './errors.js'
import type { Failures } from './failures.js'
import { journalParams, type CallJournal } from './journal.js'
import { isActionName, operations } from './model/operations.js'
import type { ScalarType, ScalarTypeName } from './model/types.js'
import { truncateToSeconds, type Clock } from './store/clock.js'
import type { Rng } from './store/random.js'
import type { IamStore, Partition } from './store/store.js'
import { readQueryRequest } from './wire/parse-request.js'
import { readInput } from './wire/read-input.js'
import { errorBody, successBody } from './wire/serialize.js'

export const IAM_VERSION = '2010-05-08'

export interface Pipeline {
  readonly store: IamStore
  readonly dialect: Dialect
  readonly rng: Rng
  readonly clock: Clock
  readonly failures: Failures
  readonly journal: CallJournal
  readonly types: (name: ScalarTypeName) => ScalarType
}

/**
 * Answers one IAM Query request: handler → wire → auth → action → store → wire. Never throws
 * and never answers 5xx unless a failure was injected: anything unexpected is a bug, reported
 * as IAM's ServiceFailure and on the console.
 */
export async function handleIamRequest(pipeline: Pipeline, request: Request): Promise<Response> {
  const { dialect, store } = pipeline
  const instant = pipeline.clock()
  const requestId = dialect.requestId(instant, pipeline.rng)
  const url = new URL(request.url)
  const partition = partitionOf(url.hostname, store.partition)
  let params = new URLSearchParams()
  let authenticated: Authenticated | undefined
  let error: IamError | undefined
  let body: string
  try {
    ;({ params } = await readQueryRequest(request, url))
    authenticated = authenticate(store, request, url)
    const action = params.get('Action')
    if (!action) throw IamError.missingAction()
    const version = params.get('Version') ?? (dialect.versionRequired ? null : IAM_VERSION)
    if (!isActionName(action) || !dialect.actions.has(action) || version !== IAM_VERSION) {
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
    const operation = operations[action]
    const input = readInput(operation, params, pipeline.types)
    const output = actions[action](ctx, input)
    const resultShape = 'output' in operation ? operation.output : undefined
    body = successBody(dialect.xml, action, resultShape, output, requestId)
  } catch (caught) {
    error = caught instanceof IamError ? caught : unexpected(caught)
    body = errorBody(dialect.xml, error, requestId)
  }
  const status = error?.status ?? 200
  const signer = authenticated?.caller.accessKey
  const credential = authenticated?.credential
  // @note Recorded after the action, so GetAccessKeyLastUsed reports the previous use of a key,
  // not the call asking about it. Real IAM records uses minutes later; the mock does at once.
  if (signer && credential) {
    signer.lastUsed = {
      date: truncateToSeconds(instant.date),
      serviceName: credential.service,
      region: credential.region,
    }
  }
  pipeline.journal.record({
    action: params.get('Action') ?? undefined,
    params: journalParams(params),
    caller: authenticated
      ? callerArn(store, authenticated.caller, partition)
      : store.rootArn(partition),
    accessKeyId: credential?.accessKeyId,
    status,
    errorCode: error?.code,
    requestId,
    time: instant.date,
  })
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/xml',
      'x-amzn-RequestId': requestId,
      // @note The wall clock, not the mock's: the SDK re-derives its clock offset from every
      // Date header and, once that offset exceeds 4 minutes, retries every error response as
      // "clock skew corrected". A fixed mock clock in 2022 would triple every failing call.
      Date: new Date().toUTCString(),
    },
  })
}

function unexpected(error: unknown): IamError {
  console.error('msw-iam: internal error while answering a request (please report it):', error)
  return IamError.serviceFailure()
}

/** IAM's China and GovCloud endpoints write ARNs of their own partition. */
function partitionOf(hostname: string, fallback: Partition): Partition {
  if (hostname.endsWith('.amazonaws.com.cn')) return 'aws-cn'
  if (hostname.endsWith('.us-gov.amazonaws.com')) return 'aws-us-gov'
  return fallback
}
