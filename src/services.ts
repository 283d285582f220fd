import { actions } from './actions/index.js'
import type { Action } from './actions/context.js'
import { stsActions } from './actions/sts.js'
import type { Dialect } from './dialects/dialect.js'
import { isActionName, operations, type Operation } from './model/operations.js'
import { STS_VERSION, STS_XMLNS, stsOperations } from './model/sts-operations.js'
import { IAM_XMLNS } from './wire/serialize.js'

export const IAM_VERSION = '2010-05-08'

/**
 * One AWS Query service the mock answers: its operation table and actions, the version and XML
 * namespace of its wire format, and the name requests to it are signed for.
 */
export interface QueryService {
  /** The SigV4 signing name, which is also the ServiceName a key's last use records. */
  readonly signingName: 'iam' | 'sts'
  readonly version: string
  readonly xmlns: string
  /** Whether `action` is one this service answers under `dialect`. */
  offers(action: string, dialect: Dialect): boolean
  operation(action: string): Operation
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  action(action: string): Action<any, unknown>
}

export const iamService: QueryService = {
  signingName: 'iam',
  version: IAM_VERSION,
  xmlns: IAM_XMLNS,
  offers: (action, dialect) => isActionName(action) && dialect.actions.has(action),
  operation: (action) => operations[action as keyof typeof operations],
  action: (action) => actions[action as keyof typeof actions],
}

export const stsService: QueryService = {
  signingName: 'sts',
  version: STS_VERSION,
  xmlns: STS_XMLNS,
  offers: (action) => Object.hasOwn(stsOperations, action),
  operation: (action) => stsOperations[action as keyof typeof stsOperations],
  action: (action) => stsActions[action as keyof typeof stsActions],
}

const STS_HOST = /^sts(?:-fips)?(?:\.[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/
const AWS_HOST = /\.(?:amazonaws\.com(?:\.cn)?|api\.aws)$/

/**
 * The service a request is for. AWS's own hosts say it (`sts.…` is STS, every other is IAM);
 * on a custom endpoint the Query `Version` does.
 *
 * @note A custom endpoint (a local server the AWS CLI or a browser talks to) answers both
 * services, as LocalStack's single port does: STS requests are told apart by their
 * `Version=2011-06-15`, which no IAM request carries.
 */
export function serviceFor(hostname: string, params: URLSearchParams): QueryService {
  if (STS_HOST.test(hostname)) return stsService
  if (AWS_HOST.test(hostname)) return iamService
  return params.get('Version') === STS_VERSION ? stsService : iamService
}
