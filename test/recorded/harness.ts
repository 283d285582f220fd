import { readFileSync } from 'node:fs'
import * as IAM from '@aws-sdk/client-iam'
import { IAMClient } from '@aws-sdk/client-iam'
import * as STS from '@aws-sdk/client-sts'
import { STSClient } from '@aws-sdk/client-sts'
import { iamModel, stsModel } from '../../src/model/load.js'
import type { Model, Shape } from '../../src/model/shapes.js'
import { expect, it } from 'vitest'

/**
 * Replays of AWS's recorded answers (`test/recorded/aws/`, LocalStack's AWS-validated
 * recordings, whose calls `../shared/aws-recorded/INDEX.md` describes): a test makes those calls for one recorded test id, through the
 * real SDK against the mock, and each answer, put in the form boto3 gave the recording, must match
 * the recording — placeholders (`<user-name:1>`, `<datetime>`…) standing for whatever value the
 * replay produced, the same placeholder for the same value throughout the test id.
 */

const RECORDED = new URL('./aws/', import.meta.url)

/** The account the recordings show as `111111111111`: replays run a mock of that account. */
export const RECORDED_ACCOUNT = '111111111111'
// Not AKIAIOSFODNN7EXAMPLE: the recordings use that one as a key that does not exist.
export const RECORDED_ROOT_KEY = {
  accessKeyId: 'AKIAREPLAYROOTREPLAY',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}

/** A fixture of the recorded account with a root key to call with. */
export const recordedFixture = {
  AccountId: RECORDED_ACCOUNT,
  Root: {
    AccessKeys: [
      {
        AccessKeyId: RECORDED_ROOT_KEY.accessKeyId,
        SecretAccessKey: RECORDED_ROOT_KEY.secretAccessKey,
      },
    ],
  },
}

/** `TRUST-EC2` in INDEX.md: the recordings' trust policy, as Python's json.dumps wrote it. */
export const TRUST_EC2 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
})

/**
 * A test per recorded test id of `file`: `steps` make its calls through a Replay, and every
 * answer must match the recording.
 */
export function replayer(file: string) {
  return (testId: string, steps: (r: Replay) => Promise<void>) =>
    it(testId, async () => {
      const r = new Replay(file, testId)
      await steps(r)
      expect(r.problems()).toEqual([])
    })
}

const files = new Map<string, Record<string, { 'recorded-content': Record<string, unknown> }>>()

/** What AWS answered in one recorded test, key by key. */
export function recordedContent(file: string, testId: string): Record<string, unknown> {
  let recordings = files.get(file)
  if (!recordings) {
    recordings = JSON.parse(readFileSync(new URL(`${file}.snapshot.json`, RECORDED), 'utf8'))
    files.set(file, recordings!)
  }
  // test_sts is recorded under LocalStack's sts service, the others under iam.
  const service = file === 'test_sts' ? 'sts' : 'iam'
  const id = `tests/aws/services/${service}/${file}.py::${testId}`
  const entry = recordings![id]
  if (!entry) throw new Error(`no recording ${id}`)
  return entry['recorded-content']
}

interface SdkError {
  name: string
  message: string
  Code?: string
  Type?: string
  $metadata?: { httpStatusCode?: number }
}

/** One recorded test id being replayed: its calls, their answers in boto3's form, the check. */
export class Replay {
  readonly answers: Record<string, unknown> = {}
  private readonly ignored: RegExp[] = []
  readonly iam: IAMClient
  readonly sts: STSClient

  constructor(
    readonly file: string,
    readonly testId: string,
    credentials = RECORDED_ROOT_KEY,
  ) {
    this.iam = new IAMClient({ region: 'us-east-1', maxAttempts: 1, credentials })
    this.sts = new STSClient({ region: 'us-east-1', maxAttempts: 1, credentials })
  }

  /**
   * Makes one call and keeps its answer under `key` (when given), as boto3 returns it: the output
   * with `ResponseMetadata`, policy documents decoded and parsed; for a failure, `Error` with
   * `Code`, `Message` and `Type`.
   */
  async call<T>(
    key: string | undefined,
    operation: string,
    send: Promise<T>,
    sts = false,
  ): Promise<T> {
    try {
      const output = await send
      if (key !== undefined)
        this.answers[key] = asBoto3(output, operation, sts ? stsModel() : iamModel())
      return output
    } catch (caught) {
      const error = caught as SdkError
      if (key === undefined) throw error
      this.answers[key] = {
        Error: {
          Code: error.Code ?? error.name,
          // The SDK's stand-in for an answer without a Message element (boto3 leaves it out).
          Message: error.message === 'Unknown' ? undefined : error.message,
          Type: error.Type,
        },
        ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: error.$metadata?.httpStatusCode },
      }
      return undefined as T
    }
  }

  /**
   * `call` by the operation's name: the SDK's own command for `operation` (IAM's), sent with
   * `input`. Resolves to the output, or `undefined` when the call failed and `key` keeps the error.
   */
  send(key: string | undefined, operation: string, input: object = {}): Promise<any> {
    type Command = Parameters<IAMClient['send']>[0]
    const Command = (IAM as unknown as Record<string, new (input: object) => Command>)[
      `${operation}Command`
    ]
    if (!Command) throw new Error(`the SDK has no ${operation}Command`)
    return this.call(key, operation, this.iam.send(new Command(input)))
  }

  /** An output of this replay's IAM client in boto3's form (a page the test merges itself). */
  boto3(output: unknown, operation: string): Record<string, unknown> {
    return asBoto3(output, operation, iamModel())
  }

  /**
   * `send` for STS: the SDK's own STS command for `operation`, sent by `client` (default: the
   * replay's STS client, with the replay's credentials).
   */
  sendSts(
    key: string | undefined,
    operation: string,
    input: object = {},
    client: STSClient = this.sts,
  ): Promise<any> {
    type Command = Parameters<STSClient['send']>[0]
    const Command = (STS as unknown as Record<string, new (input: object) => Command>)[
      `${operation}Command`
    ]
    if (!Command) throw new Error(`the SDK has no ${operation}Command`)
    return this.call(key, operation, client.send(new Command(input)), true)
  }

  /** Keeps a value the test derived (a sub-object, a filtered list), as the recording did. */
  keep(key: string, value: unknown): void {
    this.answers[key] = value
  }

  /**
   * Leaves the values at paths matching `path` unchecked, for a reason the test states: AWS's own
   * data that has moved on since the recording (an AWS managed policy's newer default version),
   * or data msw-iam does not have. Every other difference still counts.
   */
  ignore(path: RegExp, reason: string): void {
    if (!reason) throw new Error('say why a recorded value is not checked')
    this.ignored.push(path)
  }

  /** What differs from the recording: one line each, empty when every key matches. */
  problems(): string[] {
    const recorded = recordedContent(this.file, this.testId)
    const problems: string[] = []
    const bindings = new Bindings()
    for (const [key, expected] of Object.entries(recorded)) {
      if (!(key in this.answers)) {
        problems.push(`${key}: not replayed`)
        continue
      }
      match(expected, this.answers[key], key, bindings, problems)
    }
    for (const key of Object.keys(this.answers)) {
      if (!(key in recorded)) problems.push(`${key}: not in the recording`)
    }
    return problems.filter((problem) => {
      const at = problem.slice(0, problem.indexOf(':'))
      return !this.ignored.some((path) => path.test(at))
    })
  }
}

/** An SDK output in boto3's form, walking the operation's output shape. */
function asBoto3(output: unknown, operation: string, model: Model): Record<string, unknown> {
  const { $metadata, ...rest } = output as { $metadata: { httpStatusCode?: number } }
  const shape = model.operation(operation).output
  const converted = shape ? (convert(shape, rest) as Record<string, unknown>) : {}
  return {
    ...converted,
    ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: $metadata.httpStatusCode },
  }
}

function convert(shape: Shape, value: unknown): unknown {
  if (value === undefined || value === null) return value
  switch (shape.kind) {
    case 'structure': {
      const out: Record<string, unknown> = {}
      for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
        const memberShape = shape.member(name)?.shape
        out[name] = memberShape ? convert(memberShape, member) : member
      }
      return out
    }
    case 'list':
      return (value as unknown[]).map((item) => convert(shape.member, item))
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          convert(shape.value, v),
        ]),
      )
    case 'string':
      // botocore's IAM handler URL-decodes policy documents and parses them as JSON.
      if (shape.name === 'policyDocumentType') {
        const text = decodeURIComponent(value as string)
        try {
          return JSON.parse(text)
        } catch {
          return text
        }
      }
      return value
    case 'blob':
      // boto3 gives bytes; the recordings replaced them (`<base32-seed>`), so any text stands.
      return value instanceof Uint8Array
        ? Array.from(value, (b) => String.fromCharCode(b)).join('')
        : value
    default:
      return value
  }
}

/** Placeholders of a recording and the values they stood for in this replay. */
class Bindings {
  private readonly values = new Map<string, string>()
  private readonly owners = new Map<string, string>()

  get(placeholder: string): string | undefined {
    return this.values.get(placeholder)
  }

  bind(placeholder: string, value: string, at: string, problems: string[]): void {
    const known = this.values.get(placeholder)
    if (known !== undefined) {
      if (known !== value)
        problems.push(
          `${at}: ${placeholder} was ${JSON.stringify(known)}, now ${JSON.stringify(value)}`,
        )
      return
    }
    const owner = this.owners.get(value)
    // Numbered placeholders of one kind stand for distinct values (`<user-name:1>`, `<user-name:2>`).
    if (
      owner !== undefined &&
      /:\d+>$/.test(owner) &&
      /:\d+>$/.test(placeholder) &&
      kind(owner) === kind(placeholder)
    ) {
      problems.push(`${at}: ${JSON.stringify(value)} is both ${owner} and ${placeholder}`)
    }
    this.values.set(placeholder, value)
    this.owners.set(value, placeholder)
  }
}

const kind = (placeholder: string) => placeholder.replace(/:\d+>$/, '')

/**
 * What some placeholders can stand for, where the shortest match would be wrong: a whole path
 * (`<path>`, `<path:1>` are `/xxxx/`) right before a name (`…:role<path><role-name:1>`).
 */
const CAPTURES: Readonly<Record<string, string>> = {
  '<path>': '/(?:[^/]+/)*',
  '<path': '/(?:[^/]+/)*',
}

const PLACEHOLDER = /<[a-z][a-z0-9_-]*(?::\d+)?>/g

/** Values the recording blanked outright (whole values, not placeholders). */
const BLANKED = new Set([
  'certificate-body',
  'certificate-chain',
  '<certificate-body>',
  '<cert>',
  '<base32-seed>',
  '<qr-code-png>',
])

function match(
  expected: unknown,
  actual: unknown,
  at: string,
  bindings: Bindings,
  problems: string[],
): void {
  if (typeof expected === 'string') return matchString(expected, actual, at, bindings, problems)
  if (expected === null || typeof expected !== 'object') {
    if (expected !== actual)
      problems.push(`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
    return
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return void problems.push(`${at}: expected a list, got ${JSON.stringify(actual)}`)
    if (actual.length !== expected.length) {
      problems.push(
        `${at}: expected ${expected.length} items, got ${actual.length}: ${JSON.stringify(actual)}`,
      )
      return
    }
    expected.forEach((item, i) => match(item, actual[i], `${at}[${i}]`, bindings, problems))
    return
  }
  if (
    actual === null ||
    typeof actual !== 'object' ||
    Array.isArray(actual) ||
    actual instanceof Date
  ) {
    return void problems.push(`${at}: expected an object, got ${JSON.stringify(actual)}`)
  }
  const e = expected as Record<string, unknown>
  const a = actual as Record<string, unknown>
  if (at.endsWith('ResponseMetadata') || 'HTTPStatusCode' in e) {
    if (e.HTTPStatusCode !== a.HTTPStatusCode)
      problems.push(`${at}.HTTPStatusCode: expected ${e.HTTPStatusCode}, got ${a.HTTPStatusCode}`)
    return
  }
  for (const key of Object.keys(e)) {
    if (!(key in a) || a[key] === undefined) problems.push(`${at}.${key}: missing`)
    else match(e[key], a[key], `${at}.${key}`, bindings, problems)
  }
  for (const key of Object.keys(a)) {
    if (!(key in e) && a[key] !== undefined)
      problems.push(`${at}.${key}: not in the recording (${JSON.stringify(a[key])})`)
  }
}

function matchString(
  expected: string,
  actual: unknown,
  at: string,
  bindings: Bindings,
  problems: string[],
): void {
  if (expected === '<datetime>') {
    if (!(actual instanceof Date))
      problems.push(`${at}: expected a timestamp, got ${JSON.stringify(actual)}`)
    return
  }
  if (BLANKED.has(expected)) return
  // LocalStack's credential-report transformer wrote every CSV timestamp as one fixed value.
  if (/^<timestamp:[^>]*>$/.test(expected)) {
    if (typeof actual !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/.test(actual))
      problems.push(`${at}: expected a credential-report timestamp, got ${JSON.stringify(actual)}`)
    return
  }
  if (typeof actual !== 'string') {
    problems.push(`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
    return
  }
  const template = expected.replaceAll('arn:<partition>:', 'arn:aws:')
  const placeholders = [...template.matchAll(PLACEHOLDER)].map((m) => m[0])
  if (placeholders.length === 0) {
    if (template !== actual)
      problems.push(`${at}: expected ${JSON.stringify(template)}, got ${JSON.stringify(actual)}`)
    return
  }
  // Placeholders already bound become their value; the others capture what stands there.
  const open: string[] = []
  let source = '^'
  let last = 0
  for (const m of template.matchAll(PLACEHOLDER)) {
    source += escape(template.slice(last, m.index))
    const bound = bindings.get(m[0])
    if (bound !== undefined) source += escape(bound)
    else {
      source += open.includes(m[0])
        ? `\\k<p${open.indexOf(m[0])}>`
        : `(?<p${open.length}>${CAPTURES[kind(m[0])] ?? '[\\s\\S]*?'})`
      if (!open.includes(m[0])) open.push(m[0])
    }
    last = m.index + m[0].length
  }
  source += `${escape(template.slice(last))}$`
  const found = new RegExp(source).exec(actual)
  if (!found) {
    problems.push(`${at}: expected ${JSON.stringify(template)}, got ${JSON.stringify(actual)}`)
    return
  }
  open.forEach((placeholder, i) =>
    bindings.bind(placeholder, found.groups![`p${i}`]!, at, problems),
  )
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
