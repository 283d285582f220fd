/**
 * What the mock's clock can be set to: a fixed instant (a Date, or an ISO-8601 string that may
 * carry nanoseconds such as `2022-03-28T01:43:46.555152698Z`), or a function returning the
 * current instant as a Date or as Unix epoch nanoseconds (bigint).
 */
export type ClockOption = Date | string | (() => Date | bigint)

/** One reading of the clock, taken once per request. */
export interface Instant {
  /** Millisecond precision, for dates in the store. */
  readonly date: Date
  /** Unix epoch nanoseconds (MSDP RequestIds are these). */
  readonly nanos: bigint
}

export type Clock = () => Instant

const NANOS_PER_MS = 1_000_000n

export function createClock(option: ClockOption | undefined): Clock {
  if (option === undefined) return systemClock()
  if (typeof option === 'function') {
    return () => toInstant(option())
  }
  const fixed = toInstant(typeof option === 'string' ? parseIsoNanos(option) : option)
  return () => fixed
}

function toInstant(value: Date | bigint): Instant {
  if (typeof value === 'bigint') {
    return { date: new Date(Number(value / NANOS_PER_MS)), nanos: value }
  }
  const ms = value.getTime()
  if (Number.isNaN(ms)) throw new TypeError('msw-iam: the clock returned an invalid Date')
  return { date: value, nanos: BigInt(ms) * NANOS_PER_MS }
}

function systemClock(): Clock {
  let last = 0n
  return () => {
    // @note performance.now() adds sub-millisecond digits so that nanosecond RequestIds of
    // back-to-back requests differ, as they do on a real server; `last` keeps them increasing.
    const ms = Date.now()
    const fraction = BigInt(Math.floor((performance.now() % 1) * 1e6))
    let nanos = BigInt(ms) * NANOS_PER_MS + fraction
    if (nanos <= last) nanos = last + 1n
    last = nanos
    return { date: new Date(ms), nanos }
  }
}

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/

/**
 * Parses an ISO-8601 timestamp keeping up to nanosecond precision.
 *
 * @example parseIsoNanos('2022-03-28T01:43:46.555152698Z') // 1648431826555152698n
 */
export function parseIsoNanos(text: string): bigint {
  const match = ISO.exec(text)
  const seconds = match ? Date.parse(`${match[1]}${match[3]}`) : NaN
  if (!match || Number.isNaN(seconds)) {
    throw new TypeError(`msw-iam: "${text}" is not an ISO-8601 timestamp`)
  }
  const fraction = BigInt((match[2] ?? '').padEnd(9, '0'))
  return BigInt(seconds) * NANOS_PER_MS + fraction
}

/** The wire form of IAM timestamps: UTC, whole seconds, `Z`. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`
}

/** The same instant with the sub-second part dropped, as IAM stores dates. */
export function truncateToSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000)
}
