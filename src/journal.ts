/** One request the mock answered, as the journal keeps it. Never carries a secret. */
export interface IamCall {
  /** The Query `Action`, or undefined when the request had none. */
  readonly action: string | undefined
  /** The request's Query parameters (first value of each), signatures and tokens redacted. */
  readonly params: Readonly<Record<string, string>>
  /**
   * The caller's ARN (`arn:aws:iam::123456789012:user/Bob`, or `…:root`); undefined when
   * signature verification refused the request before its caller was known.
   */
  readonly caller: string | undefined
  /** The signing access key id, when the request was signed. */
  readonly accessKeyId: string | undefined
  readonly status: number
  /** The IAM error code of a failed call (`NoSuchEntity`…), undefined on success. */
  readonly errorCode: string | undefined
  readonly requestId: string
  /** The mock's clock when the request arrived. */
  readonly time: Date
}

/** Query parameters whose values are credentials: kept out of the journal. */
const REDACTED = new Set(['X-Amz-Signature', 'X-Amz-Security-Token', 'X-Amz-Credential'])

/** Longer values are cut in the journal, so a flood of huge requests cannot exhaust memory. */
const MAX_VALUE_LENGTH = 4096

/** The journal's view of a request's parameters. */
export function journalParams(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of params) {
    if (name in out) continue
    out[name] = REDACTED.has(name)
      ? '[redacted]'
      : value.length > MAX_VALUE_LENGTH
        ? `${value.slice(0, MAX_VALUE_LENGTH)}…(${value.length - MAX_VALUE_LENGTH} more characters)`
        : value
  }
  return out
}

/**
 * Every request a mock answered, in order, for assertions. Bounded: the oldest entries are
 * dropped past `limit` (default 1,000, about 1 KiB each) so that long suites, benchmarks and
 * load runs keep a flat memory profile.
 *
 * @example
 * expect(iam.calls.ofAction('CreateAccessKey')).toHaveLength(1)
 * expect(iam.calls.last()?.errorCode).toBe('LimitExceeded')
 */
export class CallJournal implements Iterable<IamCall> {
  // A ring: once full, each call overwrites the oldest in place, so recording stays O(1) however
  // large `limit` is (dropping the oldest of an array by `splice` costs O(limit) per call).
  private ring: IamCall[] = []
  /** Where the oldest call is, once the ring is full (until then, 0). */
  private oldest = 0

  constructor(private readonly limit = 1_000) {}

  /** False when the journal keeps nothing (`journalLimit: 0`), so callers can skip building entries. */
  get enabled(): boolean {
    return this.limit > 0
  }

  /** Appends a call (used by the mock). */
  record(call: IamCall): void {
    if (!this.enabled) return
    if (this.ring.length < this.limit) {
      this.ring.push(call)
      return
    }
    this.ring[this.oldest] = call
    this.oldest = (this.oldest + 1) % this.limit
  }

  /** Every recorded call, oldest first. */
  get all(): IamCall[] {
    return [...this.ring.slice(this.oldest), ...this.ring.slice(0, this.oldest)]
  }

  get length(): number {
    return this.ring.length
  }

  /** The calls of one action, oldest first. */
  ofAction(action: string): IamCall[] {
    return this.all.filter((call) => call.action === action)
  }

  /** The most recent call (of `action`, when given). */
  last(action?: string): IamCall | undefined {
    const { ring, oldest } = this
    for (let back = 1; back <= ring.length; back++) {
      const call = ring[(oldest - back + ring.length) % ring.length]!
      if (action === undefined || call.action === action) return call
    }
    return undefined
  }

  clear(): void {
    this.ring = []
    this.oldest = 0
  }

  [Symbol.iterator](): Iterator<IamCall> {
    return this.all[Symbol.iterator]()
  }
}
