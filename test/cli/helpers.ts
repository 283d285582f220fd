import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, it, onTestFinished } from 'vitest'
import { canRunWith, type Tool } from '../tools.js'

export const AWS = '/usr/bin/aws'
/** Debian's python3, whose python3-boto3 the tests use (another python3 may come first on PATH). */
export const PYTHON = '/usr/bin/python3'
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

export interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs a program to its end without blocking the event loop (the server may live in-process). */
export function run(
  file: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { env: options.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        resolve({ code, signal: child.signalCode, stdout, stderr })
      },
    )
    child.stdin?.end(options.input)
  })
}

/** `it` for a test that needs a real client program (see `canRunWith`). */
export function itWith(tool: Tool) {
  return canRunWith(tool) ? it : it.skip
}

export const awsCli = {
  name: 'the AWS CLI v2 (/usr/bin/aws)',
  present: existsSync(AWS),
  install: 'apt-get install -y awscli',
}

/**
 * Debian's `python3-<module>` (boto3, botocore), as a tool the tests need: present when Debian's
 * python3 imports it. Spawns python3, so call it only where needed.
 */
export async function findDebianPython(module: 'boto3' | 'botocore'): Promise<Tool> {
  const present =
    existsSync(PYTHON) &&
    (await run(PYTHON, ['-c', `import ${module}`], { env: { PATH: '/usr/bin:/bin' } })).code === 0
  return {
    name: `Debian's ${module} (${PYTHON} -c 'import ${module}')`,
    present,
    install: `apt-get install -y python3-${module}`,
  }
}

/**
 * An environment for AWS client processes that sees nothing of the developer's: a fresh HOME,
 * empty config and credentials files, no instance metadata lookups, no pager.
 */
export function isolatedAwsEnv(): (extra?: Record<string, string>) => NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'msw-iam-cli-'))
  const config = join(home, 'config')
  const credentials = join(home, 'credentials')
  writeFileSync(config, '')
  writeFileSync(credentials, '')
  afterAll(() => rmSync(home, { recursive: true, force: true }))
  return (extra = {}) => ({
    PATH: '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  })
}

/** A `msw-iam serve` process, running through the Node that runs the tests. */
export interface ServeProcess {
  readonly child: ChildProcessWithoutNullStreams
  /** Resolves with the URL from the startup banner (rejects if the process exits first). */
  readonly url: Promise<string>
  /** Everything printed so far. */
  stdout(): string
  stderr(): string
  /** Resolves when stdout has a line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Starts `msw-iam` inside a test; it is killed when the test ends, if still running. */
export function serve(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  nodeFlags: readonly string[] = [],
): ServeProcess {
  const child = spawn(process.execPath, [...nodeFlags, CLI, ...args], {
    env: { PATH: process.env.PATH, ...env },
  })
  let out = ''
  let err = ''
  const waiters: Array<() => void> = []
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
    waiters.forEach((wake) => wake())
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  )
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = out.split('\n').find((l) => pattern.test(l))
        if (line !== undefined) resolve(line)
      }
      waiters.push(check)
      check()
      void exited.then(() => {
        check()
        reject(new Error(`msw-iam exited before printing ${pattern}; stderr: ${err}`))
      })
    })
  const url = waitFor(/listening on http:\/\//).then((line) => /(http:\/\/\S+)/.exec(line)![1]!)
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  return { child, url, stdout: () => out, stderr: () => err, waitFor, exited }
}
