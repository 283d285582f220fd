/** One request the mock answered, as the journal keeps it. Never carries a secret. */
export interface IamCall {
  /** The Query `Action`, or undefined when the request had none. */
  readonly action: string | undefined
  /**
   * The request's Query parameters (first value of each), signatures and tokens redacted, cut to
   * the journal's bounds (`JOURNAL_BOUNDS`): a cut name or value ends in `…(N more characters)`.
   */
  readonly params: Readonly<Record<string, string>>
  /**
   * How many of the request's parameters `params` leaves out because the entry was full (see
   * `JOURNAL_BOUNDS.paramBytes`); absent when every parameter was kept.
   */
  readonly omittedParams?: number
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

/**
 * How much the journal keeps, in UTF-8 bytes, so that a flood of huge requests (a 1 MiB name, or
 * 100,000 small parameters) cannot exhaust memory: each name, value, action and key id is cut,
 * each entry holds at most `paramBytes` of parameters, and the whole journal at most
 * `totalBytes` (the oldest calls go first), whatever `journalLimit` says.
 */
export const JOURNAL_BOUNDS = {
  nameBytes: 256,
  valueBytes: 4096,
  paramBytes: 16 * 1024,
  totalBytes: 8 * 1024 * 1024,
} as const

/** Query parameters whose values are credentials: kept out of the journal. */
const REDACTED = new Set([
  'X-Amz-Signature',
  'X-Amz-Security-Token',
  'X-Amz-Credential',
  // STS's bearer credentials: a web identity token, a SAML assertion, an MFA code.
  'WebIdentityToken',
  'SAMLAssertion',
  'TokenCode',
])

/** What a parameter costs beyond its text (the property that holds it), counted in its size. */
const PARAM_OVERHEAD = 32
/** What an entry costs beyond its text (the call object, its date, its fields). */
const ENTRY_OVERHEAD = 256

/** The journal's view of a request's parameters: the first value of each, within the bounds. */
export function journalParams(
  params: URLSearchParams,
  /** Members the model marks sensitive (passwords, private keys): redacted like signatures. */
  sensitive: (name: string) => boolean = () => false,
): Pick<IamCall, 'params' | 'omittedParams'> {
  // A null prototype, so that names such as `constructor` or `__proto__` are kept as names.
  const out: Record<string, string> = Object.create(null)
  let room = JOURNAL_BOUNDS.paramBytes
  let omitted = 0
  for (const [name, value] of params) {
    const key = cut(name, JOURNAL_BOUNDS.nameBytes)
    if (Object.hasOwn(out, key)) continue
    const kept =
      REDACTED.has(name) || sensitive(name) ? '[redacted]' : cut(value, JOURNAL_BOUNDS.valueBytes)
    const size = utf8Bytes(key) + utf8Bytes(kept) + PARAM_OVERHEAD
    // Later, smaller parameters (the Action after a huge value) still get in while there is room.
    if (size > room) {
      omitted++
      continue
    }
    room -= size
    out[key] = kept
  }
  return omitted > 0 ? { params: out, omittedParams: omitted } : { params: out }
}

/** `text`, or its longest start of at most `maxBytes` UTF-8 bytes followed by what was cut. */
function cut(text: string, maxBytes: number): string {
  // No UTF-16 unit takes more than 3 bytes (a surrogate pair takes 4 for two units).
  if (text.length * 3 <= maxBytes) return text
  let bytes = 0
  let end = 0
  while (end < text.length) {
    const unit = unitBytes(text.charCodeAt(end))
    if (bytes + unit > maxBytes) break
    bytes += unit
    end++
  }
  if (end === text.length) return text
  // Never half a surrogate pair.
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--
  return `${text.slice(0, end)}…(${text.length - end} more characters)`
}

/**
 * The UTF-8 size of `text`. A surrogate counts 2, so a pair counts its 4 bytes; a lone one (which
 * URLSearchParams never produces: it decodes bad UTF-8 to U+FFFD) would count one byte short.
 */
function utf8Bytes(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) bytes += unitBytes(text.charCodeAt(i))
  return bytes
}

function unitBytes(unit: number): number {
  if (unit < 0x80) return 1
  if (unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff)) return 2
  return 3
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff
}

/** A call as the journal keeps it, and what it counts against `JOURNAL_BOUNDS.totalBytes`. */
interface Entry {
  readonly call: IamCall
  readonly bytes: number
}

/**
 * The entry as kept: its strings cut and copied into strings of their own.
 *
 * @note The copy matters as much as the cut: V8 makes a slice of a string longer than 12
 * characters (`value.slice(0, 4096)`, or a value URLSearchParams cut out of a body) a view of the
 * whole, so an entry keeping a 20-character parameter of a 1 MiB body kept the 1 MiB body alive.
 * JSON.parse builds every string afresh, and the text it parses is the entry's size.
 */
function compact(call: IamCall): Entry {
  const text = JSON.stringify({
    action: call.action === undefined ? undefined : cut(call.action, JOURNAL_BOUNDS.nameBytes),
    params: call.params,
    caller: call.caller,
    accessKeyId:
      call.accessKeyId === undefined ? undefined : cut(call.accessKeyId, JOURNAL_BOUNDS.nameBytes),
    errorCode:
      call.errorCode === undefined ? undefined : cut(call.errorCode, JOURNAL_BOUNDS.nameBytes),
  })
  const copy = JSON.parse(text) as Pick<
    IamCall,
    'action' | 'params' | 'caller' | 'accessKeyId' | 'errorCode'
  >
  const params = Object.keys(call.params).length
  return {
    call: {
      action: copy.action,
      params: copy.params,
      ...(call.omittedParams !== undefined && { omittedParams: call.omittedParams }),
      caller: copy.caller,
      accessKeyId: copy.accessKeyId,
      status: call.status,
      errorCode: copy.errorCode,
      requestId: call.requestId,
      time: call.time,
    },
    bytes: utf8Bytes(text) + params * PARAM_OVERHEAD + ENTRY_OVERHEAD,
  }
}

/**
 * Every request a mock answered, in order, for assertions. Bounded: the oldest entries are
 * dropped past `limit` calls (default 1,000, about 1 KiB each) or past `JOURNAL_BOUNDS.totalBytes`,
 * so that long suites, benchmarks, load runs and floods of huge requests keep a flat memory
 * profile.
 *
 * @example
 * expect(iam.calls.ofAction('CreateAccessKey')).toHaveLength(1)
 * expect(iam.calls.last()?.errorCode).toBe('LimitExceeded')
 */
export class CallJournal implements Iterable<IamCall> {
  // A queue: `entries[head…]` are the calls kept, oldest first. Dropping the oldest moves `head`,
  // and the dropped slots are cut away once they are half the array, so recording stays O(1)
  // (amortized) however large `limit` is.
  private entries: (Entry | undefined)[] = []
  private head = 0
  private bytes = 0

  constructor(
    private readonly limit = 1_000,
    private readonly maxBytes: number = JOURNAL_BOUNDS.totalBytes,
  ) {}

  /** False when the journal keeps nothing (`journalLimit: 0`), so callers can skip building entries. */
  get enabled(): boolean {
    return this.limit > 0
  }

  /** Appends a call (used by the mock), cut to the journal's bounds. */
  record(call: IamCall): void {
    if (!this.enabled) return
    const entry = compact(call)
    this.entries.push(entry)
    this.bytes += entry.bytes
    while (this.length > this.limit || (this.bytes > this.maxBytes && this.length > 1)) {
      this.bytes -= this.entries[this.head]!.bytes
      this.entries[this.head++] = undefined
    }
    if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head)
      this.head = 0
    }
  }

  /** Every recorded call, oldest first. */
  get all(): IamCall[] {
    const calls: IamCall[] = []
    for (let i = this.head; i < this.entries.length; i++) calls.push(this.entries[i]!.call)
    return calls
  }

  get length(): number {
    return this.entries.length - this.head
  }

  /** The calls of one action, oldest first. */
  ofAction(action: string): IamCall[] {
    return this.all.filter((call) => call.action === action)
  }

  /** The most recent call (of `action`, when given). */
  last(action?: string): IamCall | undefined {
    for (let i = this.entries.length - 1; i >= this.head; i--) {
      const { call } = this.entries[i]!
      if (action === undefined || call.action === action) return call
    }
    return undefined
  }

  clear(): void {
    this.entries = []
    this.head = 0
    this.bytes = 0
  }

  [Symbol.iterator](): Iterator<IamCall> {
    return this.all[Symbol.iterator]()
  }
}
