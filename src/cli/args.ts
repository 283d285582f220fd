import { parseArgs, type ParseArgsConfig } from 'node:util'

/** A command-line error: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

interface FlagSpec {
  readonly type: 'string' | 'boolean'
  /** The environment variable that sets the flag when it is not given. */
  readonly env?: string
  readonly short?: string
  /** For `--help`: the value's placeholder (string flags) and what the flag does. */
  readonly value?: string
  readonly help: string
}

/**
 * Every flag of `msw-iam serve`, with its environment variable: parsing, `--help` and the
 * README's table all come from here, so a new flag is one line.
 */
export const FLAGS = {
  port: {
    type: 'string',
    env: 'MSW_IAM_PORT',
    value: '<n>',
    help: 'port to listen on; 0 picks a free one (default 4599)',
  },
  host: {
    type: 'string',
    env: 'MSW_IAM_HOST',
    value: '<addr>',
    help: 'interface to listen on (default 127.0.0.1; 0.0.0.0 exposes it to the network)',
  },
  'allow-host': {
    type: 'string',
    env: 'MSW_IAM_ALLOW_HOST',
    value: '<names>',
    help: 'more Host names to answer for, comma-separated (.example.test: and subdomains; *: any)',
  },
  dialect: {
    type: 'string',
    env: 'MSW_IAM_DIALECT',
    value: '<name>',
    help: 'aws (default) or msdp',
  },
  fixtures: {
    type: 'string',
    env: 'MSW_IAM_FIXTURES',
    value: '<file>',
    help: 'JSON fixture to start from and reset to (default: the built-in default fixture)',
  },
  seed: {
    type: 'string',
    env: 'MSW_IAM_SEED',
    value: '<int>',
    help: 'seed for reproducible ids, secrets and RequestIds',
  },
  'verify-signatures': {
    type: 'boolean',
    env: 'MSW_IAM_VERIFY_SIGNATURES',
    help: "check every request's SigV4 signature against the signing key's secret",
  },
  enforce: {
    type: 'boolean',
    env: 'MSW_IAM_ENFORCE',
    help: "enforce IAM's policies on every IAM request (the root's against an organization's SCPs only)",
  },
  quiet: { type: 'boolean', env: 'MSW_IAM_QUIET', help: 'do not log one line per request' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  version: { type: 'boolean', short: 'v', help: 'print the version' },
} as const satisfies Record<string, FlagSpec>

export type FlagName = keyof typeof FLAGS
export type FlagValues = {
  [K in FlagName]?: (typeof FLAGS)[K]['type'] extends 'boolean' ? boolean : string
}

export interface ParsedArgs {
  readonly command: string | undefined
  readonly values: FlagValues
  /** Where each given value came from, for error messages: `--port` or `MSW_IAM_PORT`. */
  readonly source: (flag: FlagName) => string
}

const TRUE = new Set(['1', 'true', 'yes', 'on'])
const FALSE = new Set(['', '0', 'false', 'no', 'off'])

/** Parses argv (without `node cli.js`), falling back to the environment for each flag. */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedArgs {
  const options: ParseArgsConfig['options'] = {}
  for (const [name, spec] of Object.entries(FLAGS) as [FlagName, FlagSpec][]) {
    options[name] = { type: spec.type, ...(spec.short && { short: spec.short }) }
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true })
  } catch (error) {
    // node:util's messages go on with advice about `--`; the first sentence is the problem.
    const message = error instanceof Error ? error.message.split(/\.\s/)[0]! : String(error)
    throw new UsageError(`${message.replace(/\.$/, '')} (see msw-iam --help)`)
  }
  const values: Record<string, string | boolean> = {}
  const fromEnv = new Set<FlagName>()
  for (const [name, spec] of Object.entries(FLAGS) as [FlagName, FlagSpec][]) {
    const given = parsed.values[name]
    if (typeof given === 'string' || typeof given === 'boolean') {
      values[name] = given
    } else if (spec.env && env[spec.env] !== undefined) {
      values[name] = spec.type === 'boolean' ? envBoolean(spec.env, env[spec.env]!) : env[spec.env]!
      fromEnv.add(name)
    }
  }
  if (parsed.positionals.length > 1) {
    throw new UsageError(`unexpected argument "${parsed.positionals[1]}" (see msw-iam --help)`)
  }
  return {
    command: parsed.positionals[0],
    values: values as FlagValues,
    source: (flag) => (fromEnv.has(flag) ? (FLAGS[flag] as FlagSpec).env! : `--${flag}`),
  }
}

function envBoolean(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase()
  if (TRUE.has(value)) return true
  if (FALSE.has(value)) return false
  throw new UsageError(`${name} must be true or false (got "${raw}")`)
}

/** An integer flag within bounds, or a UsageError naming where the value came from. */
export function integerFlag(
  args: ParsedArgs,
  flag: FlagName,
  min: number,
  max: number,
): number | undefined {
  const raw = args.values[flag]
  if (raw === undefined || typeof raw === 'boolean') return undefined
  const value = /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${args.source(flag)} must be an integer from ${min} to ${max} (got "${raw}")`,
    )
  }
  return value
}

/** `msw-iam --help`. */
export function usage(): string {
  const rows = (Object.entries(FLAGS) as [FlagName, FlagSpec][]).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`
    const env = spec.env ? ` [${spec.env}]` : ''
    return `  ${flag.padEnd(24)} ${spec.help}${env}`
  })
  return [
    'Usage: msw-iam serve [options]',
    '',
    'Serves the AWS IAM API (users and access keys) over HTTP for the AWS CLI, boto3 or any',
    'process, from a fixture, on loopback.',
    '',
    'Options (each also read from the environment variable in brackets):',
    ...rows,
    '',
    'Example:',
    '  msw-iam serve --port 4599 --fixtures ./fixture.json',
    '  aws --endpoint-url http://127.0.0.1:4599 iam list-users',
    '',
  ].join('\n')
}
