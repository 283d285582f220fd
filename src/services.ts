import {
  iamActions,
  stsActions,
  stsCompletions,
  stsPreparations,
  STS_ANONYMOUS,
} from './actions/index.js'
import type { AnyAction, Completion, Preparation } from './actions/types.js'
import type { Dialect } from './dialects/dialect.js'
import { iamModel, stsModel } from './model/load.js'
import type { Model } from './model/shapes.js'
import type { ValidationStyle } from './wire/read.js'

export const STS_VERSION = '2011-06-15'

/**
 * One AWS Query service the mock answers: its model and actions, how its validation messages
 * read, and the name requests to it are signed for.
 */
export interface QueryService {
  /** The SigV4 signing name, which is also the ServiceName a key's last use records. */
  readonly signingName: 'iam' | 'sts'
  /** How `NotImplemented` names the service. */
  readonly title: 'IAM' | 'STS'
  readonly style: ValidationStyle
  /** The service's model, with the dialect's constraints. */
  model(dialect: Dialect): Model
  /** Whether `operation` is one this service has under `dialect`. */
  offers(operation: string, dialect: Dialect): boolean
  /** The implementation of `operation`, if msw-iam has one yet. */
  action(operation: string): AnyAction | undefined
  /** The asynchronous half of `operation`'s action, if it has one. */
  prepare(operation: string): Preparation | undefined
  /** The asynchronous end of `operation`'s action, if it has one. */
  complete(operation: string): Completion | undefined
  /** Whether `operation` takes unsigned requests (STS's web identity and SAML federation). */
  anonymous(operation: string): boolean
}

function actionOf(table: object, operation: string): AnyAction | undefined {
  return Object.hasOwn(table, operation)
    ? (table[operation as keyof typeof table] as AnyAction)
    : undefined
}

/** Each dialect's IAM model, looked up once per dialect rather than once per request. */
const iamModels = new WeakMap<Dialect, Model>()

export const iamService: QueryService = {
  signingName: 'iam',
  title: 'IAM',
  style: { quoteValues: false, iamSentences: true },
  model(dialect) {
    let model = iamModels.get(dialect)
    if (!model) iamModels.set(dialect, (model = iamModel(dialect.shapes)))
    return model
  },
  offers: (operation, dialect) =>
    iamModel().has(operation) &&
    (dialect.operations === 'all' || dialect.operations.has(operation as never)),
  action: (operation) => actionOf(iamActions, operation),
  prepare: () => undefined,
  complete: () => undefined,
  anonymous: () => false,
}

/** @note STS's validation messages still quote the value (recordings: AssumeRole, GetFederationToken). */
export const stsService: QueryService = {
  signingName: 'sts',
  title: 'STS',
  style: { quoteValues: true, iamSentences: false },
  model: () => stsModel(),
  offers: (operation) => stsModel().has(operation),
  action: (operation) => actionOf(stsActions, operation),
  prepare: (operation) =>
    Object.hasOwn(stsPreparations, operation)
      ? (stsPreparations[operation as keyof typeof stsPreparations] as Preparation)
      : undefined,
  complete: (operation) =>
    Object.hasOwn(stsCompletions, operation)
      ? (stsCompletions[operation as keyof typeof stsCompletions] as Completion)
      : undefined,
  anonymous: (operation) => STS_ANONYMOUS.has(operation),
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
export function serviceFor(hostname: string, version: string | null): QueryService {
  if (STS_HOST.test(hostname)) return stsService
  if (AWS_HOST.test(hostname)) return iamService
  return version === STS_VERSION ? stsService : iamService
}
