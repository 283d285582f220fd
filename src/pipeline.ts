import { actions } from './actions/index.js'
import type { ActionContext } from './actions/context.js'
import { resolveCaller } from './auth/caller.js'
import { signingCredential, type SigningCredential } from './auth/credential.js'
import type { Dialect } from './dialects/dialect.js'
import { IamError } from './errors.js'
import type { Failures } from './failures.js'
import { isActionName, operations } from './model/operations.js'
import type { ScalarType, ScalarTypeName } from './model/types.js'
import { truncateToSeconds, type Clock } from './store/clock.js'
import type { Rng } from './store/random.js'
import type { AccessKeyRecord, IamStore, Partition } from './store/store.js'
import { readParams } from './wire/parse-request.js'
import { readInput } from './wire/read-input.js'
import { errorBody, successBody } from './wire/serialize.js'

export const IAM_VERSION = '2010-05-08'

export interface Pipeline {
  readonly store: IamStore
  readonly dialect: Dialect
  readonly rng: Rng
  readonly clock: Clock
  readonly failures: Failures
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
  let status = 200
  let body: string
  let signer: { key: AccessKeyRecord; credential: SigningCredential } | undefined
  try {
    const url = new URL(request.url)
    const params = await readParams(request, url)
    const action = params.get('Action')
    if (!action) throw IamError.missingAction()
    const version = params.get('Version') ?? (dialect.versionRequired ? null : IAM_VERSION)
    if (!isActionName(action) || !dialect.actions.has(action) || version !== IAM_VERSION) {
      throw IamError.invalidAction(action, version ?? 'NO_VERSION_SPECIFIED')
    }
    const credential = signingCredential(request.headers, url.searchParams)
    const caller = resolveCaller(store, credential)
    if (caller.accessKey && credential) signer = { key: caller.accessKey, credential }
    const ctx: ActionContext = {
      store,
      dialect,
      caller,
      now: truncateToSeconds(instant.date),
      partition: partitionOf(url.hostname, store.partition),
    }
    const injected = pipeline.failures.take(action)
    if (injected) throw injected
    const operation = operations[action]
    const input = readInput(operation, params, pipeline.types)
    const output = actions[action](ctx, input)
    body = successBody(
      dialect.xml,
      action,
      'output' in operation ? operation.output : undefined,
      output,
      requestId,
    )
  } catch (caught) {
    const error = caught instanceof IamError ? caught : unexpected(caught)
    status = error.status
    body = errorBody(dialect.xml, error, requestId)
  }
  // @note Recorded after the action, so GetAccessKeyLastUsed reports the previous use of a key,
  // not the call asking about it. Real IAM records uses minutes later; the mock does at once.
  if (signer) {
    signer.key.lastUsed = {
      date: truncateToSeconds(instant.date),
      serviceName: signer.credential.service,
      region: signer.credential.region,
    }
  }
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
