import { issuerDocument } from './auth/outbound-token.js'
import type { HttpHandler, RequestHandler } from 'msw'
import { createDirectHandler, type DirectRequestHandler } from './direct.js'
import { awsDialect } from './dialects/aws.js'
import type { Dialect, DialectName } from './dialects/dialect.js'
import { msdpDialect } from './dialects/msdp.js'
import { Failures, type FailureSpec } from './failures.js'
import { CallJournal } from './journal.js'
import { createHandlers, createIssuerHandler, IAM_ENDPOINTS, STS_ENDPOINTS } from './handlers.js'
import {
  IAM_OPERATIONS,
  STS_OPERATIONS,
  type IamOperationName,
  type StsOperationName,
} from './model/generated/names.js'
import { iamModel } from './model/load.js'
import { answerQuery, handleQueryRequest, type Pipeline, type QueryAnswer } from './pipeline.js'
import { createClock, type ClockOption } from './store/clock.js'
import { exportFixture, fixtureAccount, loadFixture, type IamFixture } from './store/fixture.js'
import { awsIdentifier, awsSecret } from './store/ids.js'
import {
  createRng,
  randomString,
  randomUuid,
  type RandomOptions,
  type Rng,
} from './store/random.js'
import type { IncomingRequest } from './wire/parse-request.js'
import { IamStore } from './store/store.js'
import { storeView, type IamStoreView } from './store/view.js'

export interface IamMockOptions extends RandomOptions {
  /**
   * The state to start from and to return to on `reset()`; default `fixtures/default.json`
   * (`fixtures/msdp.json` for the msdp dialect).
   */
  fixtures?: IamFixture
  /** `aws` (default) or `msdp` (NetBackup's S3 interface for MSDP). */
  dialect?: DialectName
  /** More base URLs to answer on, e.g. `https://iam.example.test:8443/`. */
  endpoints?: readonly string[]
  /** A fixed instant or a clock function; default: the system clock. */
  clock?: ClockOption
  /** How many calls `iam.calls` keeps (oldest dropped first); default 1,000, 0 to keep none. */
  journalLimit?: number
  /**
   * Check every request's SigV4 signature (Authorization header or presigned URL) against the
   * signing key's secret, as IAM does: only keys in the store that are Active sign, unsigned
   * requests are refused. Default false: the signing key id alone names the caller, and an
   * unknown key acts as the account root.
   */
  verifySignatures?: boolean
  /**
   * Enforce IAM's policies: every IAM request by a principal other than the root is evaluated
   * against its identity-based policies, permissions boundary and session policy for the action
   * and the resource it acts on, and refused with AWS's `AccessDenied` when they do not allow it.
   * In an organization (a fixture's `Organization`), its SCPs limit every request, the root's too.
   * Default false: every caller may do everything. (STS requests and the MSDP dialect are not
   * enforced yet.)
   */
  authorize?: boolean
}

export interface IamMock {
  /** MSW handlers: `setupServer(...iam.handlers)` or `setupWorker(...iam.handlers)`. */
  readonly handlers: HttpHandler[]
  /** Read-only access to users and keys (no secrets unless asked for). */
  readonly store: IamStoreView
  readonly dialect: DialectName
  /** Every request answered since the last `reset()`, in order, without secrets. */
  readonly calls: CallJournal
  /** Answers one IAM (or STS) request without MSW: what every handler calls. */
  handle(request: Request): Promise<Response>
  /**
   * Direct mode: an SDK `requestHandler` answering in-process with no network interception,
   * several times faster than msw. `new IAMClient({ requestHandler: iam.requestHandler })`.
   */
  readonly requestHandler: DirectRequestHandler
  /** Back to exactly the fixture state; also rewinds a seeded generator and clears `fail()`s. */
  reset(): void
  /**
   * Makes the next call(s) of `action` fail with an IAM error, in IAM's XML.
   *
   * @example iam.fail('CreateAccessKey', { code: 'ServiceFailure', times: 2 })
   */
  fail(action: ActionName, failure?: FailureSpec): void
  /**
   * The whole state as a fixture (secrets included): a deep copy, for suites that build an
   * expensive state once and `restore()` it before each test.
   */
  snapshot(): IamFixture
  /** Replaces the state with a snapshot (or any fixture); the journal and `fail()`s are kept. */
  restore(snapshot: IamFixture): void
}

/** An IAM or STS operation name, as the model has it. */
export type ActionName = IamOperationName | StsOperationName

const OPERATION_NAMES: ReadonlySet<string> = new Set([...IAM_OPERATIONS, ...STS_OPERATIONS])

const dialects: Record<DialectName, Dialect | undefined> = { aws: awsDialect, msdp: msdpDialect }

/**
 * Creates a stateful IAM mock: MSW handlers for IAM's endpoints, backed by a store seeded from a
 * fixture. Two mocks never share state.
 *
 * @example
 * const iam = createIamMock()
 * const server = setupServer(...iam.handlers)
 * server.listen()
 * await new IAMClient({ region: 'us-east-1', credentials }).send(new CreateUserCommand({ UserName: 'Bob' }))
 */
export function createIamMock(options: IamMockOptions = {}): IamMock {
  return buildIamMock(options).mock
}

/**
 * A mock and its pipeline's entry point, for the transports inside msw-iam that hand it requests
 * they read themselves (the standalone server).
 */
export function buildIamMock(options: IamMockOptions = {}): {
  mock: IamMock
  answer: (request: IncomingRequest) => Promise<QueryAnswer>
} {
  const dialectName = options.dialect ?? 'aws'
  const dialect = dialects[dialectName]
  if (!dialect) throw new TypeError(`msw-iam: unknown dialect "${String(options.dialect)}"`)
  const fixture = options.fixtures ?? dialect.defaultFixture
  const { accountId, partition } = fixtureAccount(fixture)
  const shape = (name: string) => iamModel(dialect.shapes).shape(name)
  const clock = createClock(options.clock)

  const pipeline: { -readonly [K in keyof Pipeline]: Pipeline[K] } = {
    dialect,
    clock,
    rng: createRng(options),
    failures: new Failures(),
    journal: new CallJournal(options.journalLimit),
    verifySignatures: options.verifySignatures ?? false,
    authorize: options.authorize ?? false,
    store: new IamStore({
      accountId,
      partition,
      caseSensitiveNames: dialect.caseSensitiveNames,
      accessKeysPerUser: 2,
      newUserId: () => dialect.newUserId(pipeline.rng, accountId),
      newGroupId: () => awsIdentifier(pipeline.rng, 'AGPA', accountId, 21),
      newPolicyId: () => awsIdentifier(pipeline.rng, 'ANPA', accountId, 21),
      newAccessKey: () => dialect.newAccessKey(pipeline.rng, accountId),
      ...(dialect.rootUserName !== undefined && { rootUserName: dialect.rootUserName }),
      protectLastActiveRootKey: dialect.protectLastActiveRootKey,
      // @note MSDP documents no LimitExceeded for PutUserPolicy, but nothing suggests its
      // policies are unbounded; the issue asks for IAM's 2,048 quota in both dialects.
      userPolicySizeQuota: 2048,
      checkPolicyDocument: (document) => dialect.checkPolicyDocument(document),
      newRoleId: () => newRoleId(pipeline.rng, accountId),
      newInstanceProfileId: () => awsIdentifier(pipeline.rng, 'AIPA', accountId, 21),
      newUuid: () => randomUuid(pipeline.rng),
      // @note inferred: AWS's seeds are 64 Base32 characters (320 bits); the mock's are as long.
      newMfaSeed: () => randomString(pipeline.rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 64),
      newTemporaryCredentials: () => ({
        accessKeyId: awsIdentifier(pipeline.rng, 'ASIA', accountId, 20),
        secretAccessKey: awsSecret(pipeline.rng),
        sessionToken: sessionToken(pipeline.rng),
      }),
      newUniqueId: (prefix, length) => awsIdentifier(pipeline.rng, prefix, accountId, length),
      newSecret: (alphabet, length) => randomString(pipeline.rng, alphabet, length),
    }),
  }
  pipeline.store.seed(() => loadFixture(pipeline.store, fixture, shape, clock().date))
  // @note reset() undoes every change since the fixture was loaded (the ids and dates it left
  // open stay as they were filled in), and rewinds a seeded generator to where it stood then: a
  // reset mock is indistinguishable from a fresh one, at a cost of what the test changed.
  const initialRng = pipeline.rng.clone()

  const handle = (request: Request) => handleQueryRequest(pipeline, request)
  const answer = (request: IncomingRequest) => answerQuery(pipeline, request)
  const mock: IamMock = {
    handlers: [
      ...createHandlers([...IAM_ENDPOINTS, ...STS_ENDPOINTS, ...(options.endpoints ?? [])], handle),
      createIssuerHandler((url) => issuerDocument(pipeline.store, url)),
    ],
    store: storeView(pipeline.store),
    dialect: dialectName,
    calls: pipeline.journal,
    handle,
    requestHandler: createDirectHandler(answer),
    reset() {
      pipeline.rng = initialRng.clone()
      pipeline.failures.clear()
      pipeline.journal.clear()
      pipeline.store.reset()
    },
    snapshot: () => exportFixture(pipeline.store),
    restore(snapshot) {
      // @note A bad snapshot leaves the state untouched: the load is rolled back, and the
      // generator that minted what it left open is put back too.
      const rng = pipeline.rng.clone()
      try {
        pipeline.store.bulk(() => loadFixture(pipeline.store, snapshot, shape, clock().date))
      } catch (error) {
        pipeline.rng = rng
        throw error
      }
    },
    fail(action, failure) {
      if (!OPERATION_NAMES.has(action)) {
        throw new TypeError(`msw-iam: fail(): unknown action "${action}"`)
      }
      pipeline.failures.add(action, failure)
    },
  }
  return { mock, answer }
}

/**
 * A session token: opaque base64 as STS's are (`IQoJb3JpZ2luX2Vj…`), long enough to look real.
 * The mock compares it whole; nothing is encoded in it.
 */
function sessionToken(rng: Rng): string {
  return `IQoJb3JpZ2luX2Vj${randomString(rng, TOKEN_ALPHABET, 340)}`
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** An `AROA…` role id for a fixture's role session that names none. */
function newRoleId(rng: Rng, accountId: string): string {
  return awsIdentifier(rng, 'AROA', accountId, 21)
}

/** Options of the runtime helpers (`setupIamServer`, `setupIamWorker`): the mock's, plus yours. */
export interface IamMockWithHandlersOptions extends IamMockOptions {
  /** Your own handlers, served alongside (and before) IAM's. */
  handlers?: RequestHandler[]
}

/** A mock and the handler list a runtime helper serves: the user's first, then IAM's. */
export function mockWithHandlers(options: IamMockWithHandlersOptions): {
  iam: IamMock
  handlers: RequestHandler[]
} {
  const { handlers = [], ...mockOptions } = options
  const iam = createIamMock(mockOptions)
  return { iam, handlers: [...handlers, ...iam.handlers] }
}
