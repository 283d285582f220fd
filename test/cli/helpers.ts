import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
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

/** A Python interpreter found on PATH, as a tool the tests need. */
export interface PythonTool extends Tool {
  /** The interpreter itself (`sys.executable`), runnable without the PATH or shims that led to it. */
  readonly python: string | undefined
}

/**
 * The first `python3` (then `python3.N`, newest first) on PATH whose boto3 is at least `minimum`,
 * e.g. for `AWS_ENDPOINT_URL_IAM`, which boto3 reads from 1.28 on (Debian 12's is 1.26). Spawns
 * each candidate until one fits, so call it only where needed.
 */
export async function findPythonWithBoto3(minimum: readonly [number, number]): Promise<PythonTool> {
  const probe = [
    'import sys, boto3',
    'v = tuple(int(p) for p in boto3.__version__.split(".")[:2])',
    `print(sys.executable if v >= (${minimum.join(', ')}) else "")`,
  ].join('\n')
  for (const candidate of pythonsOnPath()) {
    const result = await run(candidate, ['-c', probe], { env: process.env })
    const python = result.code === 0 ? result.stdout.trim() : ''
    if (python) return { ...boto3Tool(minimum), present: true, python }
  }
  return { ...boto3Tool(minimum), present: false, python: undefined }
}

function boto3Tool(minimum: readonly [number, number]): Tool {
  const version = minimum.join('.')
  return {
    name: `a python3 with boto3 >= ${version} on PATH`,
    present: false,
    install: `python3 -m venv /opt/boto3 && /opt/boto3/bin/pip install 'boto3>=${version}', then put /opt/boto3/bin on PATH (Debian 12's python3-boto3 is 1.26)`,
  }
}

/** Every `python3` on PATH, in PATH order, then every `python3.N`, newest first. */
function pythonsOnPath(): string[] {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean)
  const plain = dirs.map((dir) => join(dir, 'python3')).filter((file) => existsSync(file))
  const versioned = dirs.flatMap((dir) => {
    try {
      return readdirSync(dir)
        .filter((name) => /^python3\.\d+$/.test(name))
        .map((name) => ({ file: join(dir, name), minor: Number(name.slice('python3.'.length)) }))
    } catch {
      return []
    }
  })
  versioned.sort((a, b) => b.minor - a.minor)
  return [...new Set([...plain, ...versioned.map(({ file }) => file)])]
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
