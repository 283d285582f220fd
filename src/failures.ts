import { IamError } from './errors.js'

/** What `iam.fail(action, …)` makes the next call(s) of an action answer. */
export interface FailureSpec {
  /** The IAM error code; default `ServiceFailure`. */
  code?: string
  /** Default: IAM's documented description of that code. */
  message?: string
  /** Default: the status IAM uses for that code (500 for ServiceFailure, 400 if unknown). */
  status?: number
  /** How many calls fail; default 1. `Infinity` fails every call until `reset()`. */
  times?: number
}

/** IAM's status and documented description for the codes its model declares. */
const KNOWN: Record<string, readonly [status: number, message: string]> = {
  ServiceFailure: [
    500,
    'The request processing has failed because of an unknown error, exception or failure.',
  ],
  LimitExceeded: [
    409,
    'The request was rejected because it attempted to create resources beyond the current AWS account limits.',
  ],
  NoSuchEntity: [
    404,
    'The request was rejected because it referenced a resource entity that does not exist.',
  ],
  EntityAlreadyExists: [
    409,
    'The request was rejected because it attempted to create a resource that already exists.',
  ],
  DeleteConflict: [
    409,
    'The request was rejected because it attempted to delete a resource that has attached subordinate entities.',
  ],
  ConcurrentModification: [
    409,
    'The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again.',
  ],
  EntityTemporarilyUnmodifiable: [
    409,
    'The request was rejected because it referenced an entity that is temporarily unmodifiable.',
  ],
  InvalidInput: [
    400,
    'The request was rejected because an invalid or out-of-range value was supplied for an input parameter.',
  ],
  MalformedPolicyDocument: [
    400,
    'The request was rejected because the policy document was malformed. The error message describes the specific error.',
  ],
  UnmodifiableEntity: [
    400,
    'The request was rejected because service-linked roles are protected Amazon Web Services resources. Only the service that depends on the service-linked role can modify or delete the role on your behalf. The error message includes the name of the service that depends on this service-linked role. You must request the change through that service.',
  ],
  Throttling: [400, 'Rate exceeded'],
  AccessDenied: [403, 'User is not authorized to perform this action.'],
}

/** Injected failures, per action, consumed in order. */
export class Failures {
  private readonly pending = new Map<string, { error: IamError; remaining: number }[]>()

  add(action: string, spec: FailureSpec = {}): void {
    const code = spec.code ?? 'ServiceFailure'
    const [knownStatus, knownMessage] = KNOWN[code] ?? [400, `The request failed with ${code}.`]
    const error = new IamError(code, spec.message ?? knownMessage, spec.status ?? knownStatus)
    const queue = this.pending.get(action) ?? []
    queue.push({ error, remaining: spec.times ?? 1 })
    this.pending.set(action, queue)
  }

  /** The error the next call of `action` must answer with, if one is pending. */
  take(action: string): IamError | undefined {
    const queue = this.pending.get(action)
    const head = queue?.[0]
    if (!head) return undefined
    if (--head.remaining <= 0) queue.shift()
    return head.error
  }

  clear(): void {
    this.pending.clear()
  }
}
