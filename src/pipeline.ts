import { loadQrCode, needsQrCode } from './actions/qr-code.js'
import { loadServiceData, needsServiceData } from './actions/service-data.js'
import type { ActionContext } from './actions/context.js'
import {
  authenticate,
  checkSignature,
  type Authenticated,
  type CheckedSignature,
} from './auth/authenticate.js'
import { callerArn, callerKey, callerToken } from './auth/caller.js'
import { signingCredential } from './auth/credential.js'
import type { Dialect } from './dialects/dialect.js'
import { IamError } from './errors.js'
import type { Failures } from './failures.js'
import { journalParams, type CallJournal } from './journal.js'
import type { Operation } from './model/shapes.js'
import { iamService, serviceFor, type QueryService } from './services.js'
import { truncateToSeconds, type Clock, type Instant } from './store/clock.js'
import {
  AwsPoliciesNotLoaded,
  loadAwsManagedPolicies,
  needsAwsManagedPolicies,
} from './store/aws-managed-policies.js'
import type { Rng } from './store/random.js'
import type { IamStore, Partition } from './store/store.js'
import {
  incomingOf,
  queryParams,
  type IncomingRequest,
  type OutgoingResponse,
} from './wire/parse-request.js'
import { readInput } from './wire/read.js'
import { errorBody, successBody } from './wire/write.js'

export interface Pipeline {
  readonly store: IamStore
  readonly dialect: Dialect
  readonly rng: Rng
  readonly clock: Clock
  readonly failures: Failures
  readonly journal: CallJournal
  /** Check every request's SigV4 signature against the signing key's secret. */
  readonly verifySignatures: boolean
  /** Evaluate every IAM request against its caller's policies (the root's against SCPs only). */
  readonly authorize?: boolean
}

/** The enforcement module (`auth/authorize.ts`), loaded by the first request of a mock that enforces. */
let authorizer: typeof import('./auth/authorize.js') | undefined

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

/** What an observer of every answer learns (see `OBSERVER`). */
export interface ObservedAnswer {
  readonly service: 'iam' | 'sts'
  readonly dialect: Dialect['name']
  /** The operation the request reached, when it reached one. */
  readonly operation: Operation | undefined
  readonly status: number
  readonly body: string
}

/**
 * Where a test suite may put a function that sees every answer of every mock in the process:
 * msw-iam's own suite checks each one against the model's output shape (test/conformance.ts).
 *
 * @note A global, read once per answer, so that the check covers every mock a test creates
 * without an option each one would have to pass; absent, it costs one property read.
 */
export const OBSERVER = Symbol.for('msw-iam.observe-answers')

/** Answers a fetch `Request` (what the msw handlers pass on). */
export async function handleQueryRequest(pipeline: Pipeline, request: Request): Promise<Response> {
  const { status, headers, body } = await answerQuery(pipeline, await incomingOf(request))
  return new Response(body, { status, headers })
}

/** One request on its way through the pipeline: what each step found out so far. */
interface Exchange {
  readonly instant: Instant
  /** The wall clock when the request arrived (see the note on the Date header). */
  readonly serverTime: Date
  readonly requestId: string
  readonly partition: Partition
  params: URLSearchParams
  service: QueryService
  authenticated?: Authenticated
  operation?: Operation
}

/**
 * Answers one Query request (IAM, or STS on its endpoints), in named steps: read the Query
 * parameters, authenticate, route to the operation, read and validate its input, act, write.
 * Never throws and never answers 5xx unless a failure was injected or the operation is not
 * implemented yet: anything unexpected is a bug, reported as the service's ServiceFailure and
 * on the console.
 *
 * @note AWS authenticates before it looks at the operation or its input: an unsigned request
 * with a bad parameter is refused for its signature, not its parameter.
 */
export async function answerQuery(
  pipeline: Pipeline,
  request: IncomingRequest,
): Promise<QueryAnswer> {
  const exchange = begin(pipeline, request)
  let error: IamError | undefined
  let body = ''
  // @note An enforcing mock loads AWS's managed policies only once a caller's policies name one:
  // authorization then meets a document it cannot read yet (before any change), and the request
  // is answered again once they are loaded.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      exchange.params = queryParams(request)
      exchange.service = serviceFor(request.url.hostname, exchange.params.get('Version'))
      if (needsAwsManagedPolicies(exchange.params)) await loadAwsManagedPolicies()
      if (needsQrCode(exchange.params)) await loadQrCode()
      if (needsServiceData(exchange.params)) await loadServiceData()
      if (pipeline.authorize && !authorizer) authorizer = await import('./auth/authorize.js')
      const checked = await checkSignatureOf(pipeline, request, exchange)
      const prepared = await prepare(pipeline, exchange)
      // @note From here to the action nothing awaits: the caller and its key are read from the
      // store as the action finds it, so a key deleted (or a reset()) while the signature was being
      // checked is seen, and a reset is a clean cut for requests in flight.
      exchange.authenticated = authenticate(pipeline.store, request, checked)
      const operation = route(pipeline, exchange)
      exchange.operation = operation
      const injected = pipeline.failures.take(operation.name)
      if (injected) throw injected
      const input = readInput(operation, exchange.params, exchange.service.style)
      const acted = act(pipeline, request, exchange, operation, input, prepared)
      // The action's asynchronous end (a JWT's signature), once its changes are made.
      const complete = exchange.service.complete(operation.name)
      const output = complete ? await complete(pipeline.store, acted) : acted
      body = write(pipeline, exchange, operation, output)
      break
    } catch (caught) {
      if (caught instanceof AwsPoliciesNotLoaded && attempt === 0) {
        await loadAwsManagedPolicies()
        continue
      }
      error = caught instanceof IamError ? caught : unexpected(caught)
      body = errorBody(pipeline.dialect.xml, error, exchange.requestId, xmlnsOf(pipeline, exchange))
      break
    }
  }
  const answer = finish(pipeline, request, exchange, body, error)
  const observe = (globalThis as { [OBSERVER]?: (answer: ObservedAnswer) => void })[OBSERVER]
  observe?.({
    service: exchange.service.signingName,
    dialect: pipeline.dialect.name,
    operation: exchange.operation,
    status: answer.status,
    body,
  })
  return answer
}

function begin(pipeline: Pipeline, request: IncomingRequest): Exchange {
  const instant = pipeline.clock()
  return {
    instant,
    // @note A signature must be within 15 minutes of the mock's clock — or of the wall clock,
    // which the Date header tells clients (see the note on the header below). A mock clock fixed
    // in 2022 (for stable CreateDates) thus accepts both requests signed at that time and the
    // real SDK, which signs with real time; a client skewed from both is refused with the time
    // phrased against the mock's clock, corrects its offset from the Date header and retries, as
    // against AWS. Judging by the mock clock alone would refuse every real-time request of a
    // fixed-clock mock and, through the SDK's skew correction, get every later error retried.
    serverTime: new Date(),
    requestId: pipeline.dialect.requestId(instant, pipeline.rng),
    partition: partitionOf(request.url.hostname, pipeline.store.partition),
    params: new URLSearchParams(),
    service: iamService,
  }
}

/** The request's signature, checked when the mock verifies signatures (see `checkSignature`). */
async function checkSignatureOf(
  pipeline: Pipeline,
  request: IncomingRequest,
  exchange: Exchange,
): Promise<CheckedSignature | undefined> {
  if (!pipeline.verifySignatures) return undefined
  // @note Inferred: an operation that needs no credentials (AssumeRoleWithWebIdentity,
  // AssumeRoleWithSAML) is not checked even when it comes signed.
  if (exchange.service.anonymous(exchange.params.get('Action') ?? '')) return undefined
  return checkSignature(pipeline.store, request, {
    service: exchange.service.signingName,
    now: exchange.instant.date,
    wallClock: exchange.serverTime,
  })
}

/**
 * The asynchronous half of the operation's action, if it has one (a web identity token's
 * signature), run on its validated input before the caller is decided.
 */
async function prepare(pipeline: Pipeline, exchange: Exchange): Promise<unknown> {
  const preparation = exchange.service.prepare(exchange.params.get('Action') ?? '')
  if (!preparation) return undefined
  const operation = route(pipeline, exchange)
  const input = readInput(operation, exchange.params, exchange.service.style)
  return preparation(pipeline.store, input, exchange.instant.date)
}

/**
 * The operation a request names: its `Action`, in the service's `Version`.
 *
 * @throws MissingAction, or InvalidAction for a name the model (or the dialect) does not know.
 */
function route(pipeline: Pipeline, exchange: Exchange): Operation {
  const { dialect } = pipeline
  const { params, service } = exchange
  const action = params.get('Action')
  if (!action) throw IamError.missingAction()
  const model = service.model(dialect)
  const version = params.get('Version') ?? (dialect.versionRequired ? null : model.version)
  if (!service.offers(action, dialect) || version !== model.version) {
    throw IamError.invalidAction(action, version ?? 'NO_VERSION_SPECIFIED')
  }
  return model.operation(action)
}

/**
 * Runs the operation's action on the validated input.
 *
 * @throws NotImplemented for an operation msw-iam has no action for yet (its input was read and
 * validated all the same).
 */
function act(
  pipeline: Pipeline,
  request: IncomingRequest,
  exchange: Exchange,
  operation: Operation,
  input: Record<string, unknown>,
  prepared: unknown,
): unknown {
  const action = exchange.service.action(operation.name)
  if (!action) throw IamError.notImplemented(exchange.service.title, operation.name)
  const ctx: ActionContext = {
    store: pipeline.store,
    dialect: pipeline.dialect,
    caller: exchange.authenticated!.caller,
    now: truncateToSeconds(exchange.instant.date),
    partition: exchange.partition,
    region: exchange.authenticated!.credential?.region,
    transport: {
      // @note Inferred: in-process (msw, direct mode) the client is the test process itself,
      // on loopback; the server knows its socket's address (IPv4-mapped addresses unwrapped).
      sourceIp: request.remoteAddress?.replace(/^::ffff:(?=\d+\.)/, '') ?? '127.0.0.1',
      ...(request.headers.get('user-agent') !== null && {
        userAgent: request.headers.get('user-agent')!,
      }),
      // The server listens on plain HTTP; msw and direct mode see the SDK's https:// URL.
      secure: request.url.protocol === 'https:',
    },
    prepared,
  }
  // IAM takes no GetSessionToken credentials without MFA, and no GetFederationToken ones.
  // @note inferred: refused once the input is valid, as enforcement refuses.
  if (exchange.service.signingName === 'iam' && pipeline.dialect.name === 'aws') {
    const token = callerToken(pipeline.store, ctx.caller)
    if (token && (token.Kind === 'federated' || !token.MfaAuthenticated)) {
      throw IamError.temporaryCredentialsRefused()
    }
  }
  // @note Inferred: the request is authorized once its input is valid (a malformed request is
  // refused for what it is first).
  if (pipeline.authorize) {
    if (pipeline.dialect.name === 'aws') {
      authorizer!.authorize(ctx, exchange.service.signingName, operation.name, input)
    } else if (exchange.service.signingName === 'iam') {
      authorizer!.authorizeMsdp(ctx)
    }
  }
  // An action that throws after changing something leaves nothing of it behind.
  return pipeline.store.transaction(() => action(ctx, input))
}

function write(pipeline: Pipeline, exchange: Exchange, operation: Operation, output: unknown) {
  return successBody(
    pipeline.dialect.xml,
    operation,
    output,
    exchange.requestId,
    xmlnsOf(pipeline, exchange),
  )
}

function xmlnsOf(pipeline: Pipeline, exchange: Exchange): string {
  return exchange.service.model(pipeline.dialect).xmlns
}

/** Records what the request did (the signing key's last use, the journal) and frames the answer. */
function finish(
  pipeline: Pipeline,
  request: IncomingRequest,
  exchange: Exchange,
  body: string,
  error: IamError | undefined,
): QueryAnswer {
  const { store } = pipeline
  const { authenticated, params, instant } = exchange
  const status = error?.status ?? 200
  // One reading for every last-use record the request leaves (the key's, the role's, advisor's).
  const when = truncateToSeconds(instant.date)
  const action = params.get('Action') ?? undefined
  // An operation that takes no credentials has no caller to name (not the root it resolves to),
  // and uses no key.
  const anonymous = exchange.service.anonymous(action ?? '')
  const caller = anonymous ? undefined : authenticated?.caller
  const signer = caller && callerKey(store, caller)?.AccessKeyId
  const credential = authenticated?.credential
  const arn =
    authenticated && !anonymous
      ? callerArn(store, authenticated.caller, exchange.partition)
      : undefined
  // @note Recorded after the action, so GetAccessKeyLastUsed reports the previous use of a key,
  // not the call asking about it. Real IAM records uses minutes later; the mock does at once.
  // Only authenticated requests get here with a signer: a refused signature records nothing.
  // The service is the one that answered (`sts` for GetCallerIdentity), the region the one
  // the client signed for.
  if (signer && credential) {
    store.accessKeys.used(signer, {
      Date: when,
      ServiceName: exchange.service.signingName,
      Region: credential.region,
    })
  }
  // A role session's request is the role's last use (GetRole's RoleLastUsed), as IAM records it.
  let principalId = caller?.kind === 'user' ? caller.userId : undefined
  if (caller?.kind === 'role' && credential) {
    const session = store.sessions.find(caller.accessKeyId)
    if (session) {
      principalId = session.RoleId
      store.roles.used(session.RoleId, {
        LastUsedDate: when,
        Region: credential.region,
      })
    }
  }
  // Access advisor's last access: every authenticated attempt of a user or role on an operation,
  // refused or not, as AWS counts them.
  if (principalId !== undefined && credential && exchange.operation) {
    store.accessAdvisor.accessed(
      principalId,
      exchange.service.signingName,
      exchange.operation.name,
      when,
      credential.region,
    )
  }
  if (pipeline.journal.enabled) {
    pipeline.journal.record({
      action,
      ...journalParams(params, sensitiveMembers(pipeline, exchange, action)),
      caller: arn,
      // A refused request still names the key it was signed with, so a test can see it refused.
      accessKeyId:
        credential?.accessKeyId ?? signingCredential(request.headers, request.url)?.accessKeyId,
      status,
      errorCode: error?.code,
      requestId: exchange.requestId,
      time: instant.date,
    })
  }
  return {
    status,
    body,
    headers: {
      'Content-Type': 'text/xml',
      'x-amzn-RequestId': exchange.requestId,
      // @note The wall clock, not the mock's: the SDK re-derives its clock offset from every
      // Date header and, once that offset exceeds 4 minutes, retries every error response as
      // "clock skew corrected". A fixed mock clock in 2022 would triple every failing call.
      // It is the instant signatures were checked against, so a skewed client corrects itself.
      Date: exchange.serverTime.toUTCString(),
    },
    action,
    caller: arn,
    errorCode: error?.code,
  }
}

/** Whether a top-level parameter of the operation holds a secret, as the model marks it. */
function sensitiveMembers(
  pipeline: Pipeline,
  exchange: Exchange,
  action: string | undefined,
): (name: string) => boolean {
  const model = exchange.service.model(pipeline.dialect)
  if (action === undefined || !model.has(action)) return () => false
  const input = model.operation(action).input
  return (name) => {
    const shape = input.member(name)?.shape
    return shape?.kind === 'string' && shape.sensitive
  }
}

function unexpected(error: unknown): IamError {
  console.error('msw-iam: internal error while answering a request (please report it):', error)
  return IamError.serviceFailure()
}

/** The China and GovCloud endpoints (IAM's and STS's) write ARNs of their own partition. */
function partitionOf(hostname: string, fallback: Partition): Partition {
  if (hostname.endsWith('.amazonaws.com.cn')) return 'aws-cn'
  if (hostname.includes('.us-gov') && US_GOV.test(hostname)) return 'aws-us-gov'
  return fallback
}

const US_GOV = /\.us-gov(?:-[a-z]+-\d+)?\.amazonaws\.com$/
