import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import type { DialectName } from '../dialects/dialect.js'
import { FixtureError, type IamFixture } from '../store/fixture.js'
import { startIamServer, type IamServer, type IamServerRequestLog } from '../server/index.js'
import { integerFlag, parseCommandLine, usage, UsageError, type ParsedArgs } from './args.js'

/** What the CLI talks to: injected so that nothing here reaches for globals. */
export interface CliIo {
  readonly argv: readonly string[]
  readonly env: Readonly<Record<string, string | undefined>>
  out(line: string): void
  err(line: string): void
  /** Calls `stop` on SIGINT/SIGTERM. */
  onSignal(stop: (signal: string) => void): void
}

/** The port `msw-iam serve` listens on when none is given (the README's examples use it). */
export const DEFAULT_PORT = 4599

/**
 * Runs `msw-iam`. Resolves with an exit code for commands that end (`--help`, errors); `serve`
 * resolves with `undefined` once listening, and the process lives until a signal stops it.
 *
 * Exit codes: 0 help/version/clean stop, 1 the server could not start (port in use…),
 * 2 a bad flag, environment variable or fixture file.
 */
export async function main(io: CliIo): Promise<number | undefined> {
  let args: ParsedArgs
  let server: IamServer
  try {
    args = parseCommandLine(io.argv, io.env)
    if (args.values.help) {
      io.out(usage())
      return 0
    }
    if (args.values.version) {
      io.out(version())
      return 0
    }
    if (args.command !== 'serve') {
      throw new UsageError(
        args.command === undefined
          ? 'missing command: msw-iam serve [options] (see msw-iam --help)'
          : `unknown command "${args.command}" (see msw-iam --help)`,
      )
    }
    const quiet = args.values.quiet === true
    const fixturePath = args.values.fixtures
    // @note The seeded generator (pure-rand's xoroshiro128plus) uses 32 bits of the seed.
    const seed = integerFlag(args, 'seed', 0, 2 ** 31 - 1)
    server = await startIamServer({
      port: integerFlag(args, 'port', 0, 65535) ?? DEFAULT_PORT,
      host: args.values.host ?? '127.0.0.1',
      allowedHosts: (args.values['allow-host'] ?? '').split(',').filter((name) => name.trim()),
      ...(args.values.dialect !== undefined && { dialect: args.values.dialect as DialectName }),
      ...(fixturePath !== undefined && { fixtures: readFixture(fixturePath) }),
      ...(seed !== undefined && { seed }),
      ...(args.values['verify-signatures'] === true && { verifySignatures: true }),
      ...(args.values.enforce === true && { authorize: true }),
      ...(!quiet && { onRequest: (entry: IamServerRequestLog) => io.out(logLine(entry)) }),
    }).catch((error: unknown) => {
      if (error instanceof FixtureError) {
        throw new UsageError(`${fixturePath ?? 'fixture'}: ${error.message}`)
      }
      // createIamMock's TypeErrors name a bad option (an unknown dialect…).
      if (error instanceof TypeError) throw new UsageError(error.message)
      throw error
    })
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`msw-iam: ${oneLine(error.message.replace(/^msw-iam: /, ''))}`)
      return 2
    }
    const { code, message } = error as NodeJS.ErrnoException
    io.err(`msw-iam: cannot start the server: ${oneLine(message)}${code ? ` (${code})` : ''}`)
    return 1
  }

  io.out(banner(server))
  io.onSignal((signal) => {
    io.out(`msw-iam: ${signal} received, stopping`)
    void server.close().then(() => io.out('msw-iam: stopped'))
  })
  return undefined
}

function readFixture(path: string): IamFixture {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code
    throw new UsageError(`cannot read fixture file ${path}: ${why ?? String(error)}`)
  }
  try {
    return JSON.parse(text) as IamFixture
  } catch (error) {
    throw new UsageError(`fixture file ${path} is not valid JSON: ${(error as Error).message}`)
  }
}

/** What to point clients at, and the root credentials the fixture gives (never another secret). */
function banner(server: IamServer): string {
  const { mock, url } = server
  const rootKey = mock.store.rootAccessKeys().find((key) => key.Status === 'Active')
  const secret = rootKey && mock.store.secretAccessKey(rootKey.AccessKeyId)
  const credentials =
    rootKey && secret
      ? [
          `Root credentials (account ${mock.store.accountId}, from the fixture):`,
          `  export AWS_ACCESS_KEY_ID=${rootKey.AccessKeyId}`,
          `  export AWS_SECRET_ACCESS_KEY=${secret}`,
        ]
      : [
          `The fixture gives the root user of account ${mock.store.accountId} no active access key:`,
          '  requests signed with a key the mock does not know act as the account root.',
        ]
  return [
    `msw-iam: IAM (${mock.dialect}) listening on ${url}`,
    ...credentials,
    `Try: aws --endpoint-url ${url} iam list-users`,
    `Admin: GET ${url}/_msw-iam/{health,state,calls}, POST ${url}/_msw-iam/reset`,
  ].join('\n')
}

/**
 * `POST CreateUser arn:aws:iam::123456789012:root 200 3.1ms`: no parameter, never a secret, and
 * nothing of the request printed raw (see `printable`).
 */
export function logLine(entry: IamServerRequestLog): string {
  const what = printable(entry.action ?? entry.path)
  const who = printable(entry.caller ?? '-')
  const code = entry.errorCode && printable(entry.errorCode)
  const status = code ? `${entry.status} ${code}` : String(entry.status)
  return `${printable(entry.method)} ${what} ${who} ${status} ${entry.ms}ms`
}

/**
 * Characters that would act on the terminal or the log rather than print: C0 and C1 controls
 * and DEL (a newline forges a log line, ESC starts an escape sequence), the Unicode line and
 * paragraph separators, the bidirectional overrides and isolates (which reorder what is shown),
 * and the backslash that introduces the escapes, so that an escape cannot be forged either.
 */
const UNPRINTABLE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\\]/g

/** `text` with every unprintable character written as an escape (`\n`, `\x1b`, `\u2028`, `\\`). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const named = NAMED_ESCAPES[char]
    if (named) return named
    const code = char.charCodeAt(0)
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`
  })
}

const NAMED_ESCAPES: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\\': '\\\\',
}

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0')
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function version(): string {
  // @note Resolved through the package's own name (self-reference), so it holds wherever the
  // build puts this code.
  const file = createRequire(import.meta.url).resolve('msw-iam/package.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}
