import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The published package, as a user gets it: `npm pack`, installed into a fresh project next to
 * its peers, then imported from every `exports` entry, type-checked and run under Vitest (as
 * msw's own test/modules does).
 */
const run = promisify(execFile)
const root = new URL('../../', import.meta.url).pathname
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
const entries = Object.keys(pkg.exports).filter((entry) => entry !== './package.json')
const specifier = (entry: string) => (entry === '.' ? 'msw-iam' : `msw-iam/${entry.slice(2)}`)
/** Entries that only load inside a test runner or a browser, not in plain Node. */
const notPlainNode = new Set(['./vitest', './browser'])

let project: string

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'msw-iam-pack-'))
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', project], {
    cwd: root,
  })
  const tarball = join(project, JSON.parse(stdout)[0].filename)
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  )
  const dev = pkg.devDependencies
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      tarball,
      `msw@${dev.msw}`,
      `@aws-sdk/client-iam@${dev['@aws-sdk/client-iam']}`,
      `vitest@${dev.vitest}`,
      `typescript@${dev.typescript}`,
      `@types/node@${dev['@types/node']}`,
    ],
    { cwd: project },
  )
}, 240_000)

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true })
})

/** Runs a file of the consumer project with the Node running this suite (the pinned one). */
const node = (...args: string[]) => run(process.execPath, args, { cwd: project })

describe('the packed tarball', () => {
  it('contains the build, the fixtures and the README, and no sources or tests', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: root })
    const files: string[] = JSON.parse(stdout)[0].files.map((f: { path: string }) => f.path)
    expect(files).toContain('dist/index.js')
    expect(files).toContain('fixtures/default.json')
    expect(files).toContain('README.md')
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false)
  })

  it('passes publint', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(root, 'node_modules/publint/src/cli.js')],
      {
        cwd: root,
      },
    )
    expect(stdout).toContain('All good!')
  })

  it.each(entries.filter((entry) => !notPlainNode.has(entry)))(
    'loads %s in plain Node',
    async (entry) => {
      await writeFile(
        join(project, 'load.mjs'),
        `const m = await import('${specifier(entry)}'); console.log(JSON.stringify(Object.keys(m)))`,
      )
      const { stdout } = await node('load.mjs')
      expect(JSON.parse(stdout).length).toBeGreaterThan(0)
    },
  )

  it('serves the real SDK from the installed package', async () => {
    await writeFile(
      join(project, 'sdk.mjs'),
      `
      import { setupIamServer } from 'msw-iam/node'
      import { IAMClient, CreateUserCommand, CreateAccessKeyCommand } from '@aws-sdk/client-iam'
      const { iam, server } = setupIamServer()
      server.listen({ onUnhandledRequest: 'error' })
      const client = new IAMClient({ region: 'us-east-1', credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } })
      await client.send(new CreateUserCommand({ UserName: 'Bob' }))
      const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
      server.close()
      console.log(JSON.stringify({ user: AccessKey.UserName, keys: iam.store.user('Bob').AccessKeys.length }))
      `,
    )
    const { stdout } = await node('sdk.mjs')
    expect(JSON.parse(stdout)).toEqual({ user: 'Bob', keys: 1 })
  })

  it('runs a Vitest suite written with msw-iam/vitest', async () => {
    await writeFile(
      join(project, 'iam.test.ts'),
      `
      import { expect, it } from 'vitest'
      import { useIamMock } from 'msw-iam/vitest'
      import { IAMClient, CreateUserCommand } from '@aws-sdk/client-iam'
      const iam = useIamMock()
      it('creates a user', async () => {
        const client = new IAMClient({ region: 'us-east-1', credentials: {
          accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } })
        await client.send(new CreateUserCommand({ UserName: 'Bob' }))
        expect(iam).toHaveReceivedIamAction('CreateUser', { UserName: 'Bob' })
      })
      `,
    )
    const { stdout } = await node('node_modules/vitest/vitest.mjs', 'run', 'iam.test.ts')
    expect(stdout).toMatch(/1 passed/)
  })

  it('refuses msw-iam/browser in plain Node, at resolve time', async () => {
    await writeFile(join(project, 'browser-in-node.mjs'), `await import('msw-iam/browser')`)
    await expect(node('browser-in-node.mjs')).rejects.toMatchObject({
      stderr: expect.stringContaining('ERR_PACKAGE_PATH_NOT_EXPORTED'),
    })
  })

  it('bundles msw-iam/browser from the installed package with Vite for the browser', async () => {
    await writeFile(
      join(project, 'app.js'),
      `import { setupIamWorker } from 'msw-iam/browser'\nexport const { iam, worker } = setupIamWorker()\n`,
    )
    const vite = pathToFileURL(join(root, 'node_modules/vite/dist/node/index.js')).href
    await writeFile(
      join(project, 'bundle.mjs'),
      `
      import { build } from ${JSON.stringify(vite)}
      const [{ output }] = await build({ root: process.cwd(), configFile: false, logLevel: 'silent',
        build: { write: false, lib: { entry: 'app.js', formats: ['es'], fileName: 'app' } } })
      const chunks = output.filter((o) => o.type === 'chunk')
      const own = new Set(chunks.map((chunk) => chunk.fileName))
      console.log(JSON.stringify({
        moduleIds: chunks.flatMap((chunk) => chunk.moduleIds),
        // Imports left to the runtime; msw-iam's lazily loaded chunks import one another.
        imports: chunks.flatMap((chunk) => [...chunk.imports, ...chunk.dynamicImports]).filter((name) => !own.has(name)),
      }))
      `,
    )
    const { stdout } = await node('bundle.mjs')
    const { moduleIds, imports }: { moduleIds: string[]; imports: string[] } = JSON.parse(stdout)
    expect(imports).toEqual([])
    expect(moduleIds).toContainEqual(
      expect.stringMatching(/node_modules\/msw-iam\/dist\/browser\/index\.js$/),
    )
    expect(moduleIds).toContainEqual(expect.stringMatching(/node_modules\/msw\/lib\/browser\//))
    // Vite swaps a Node built-in for this stub in browser builds.
    expect(moduleIds.filter((id) => id.includes('__vite-browser-external'))).toEqual([])
  }, 60_000)

  it('type-checks imports from every entry under NodeNext resolution', async () => {
    const imports = entries
      .map((entry, i) => `import * as entry${i} from '${specifier(entry)}'\nvoid entry${i}`)
      .join('\n')
    await writeFile(
      join(project, 'types.ts'),
      `${imports}
      import { createIamMock, type IamMock, type IamFixture } from 'msw-iam'
      const fixture: IamFixture = { Users: [{ UserName: 'alice' }] }
      const iam: IamMock = createIamMock({ fixtures: fixture, seed: 1 })
      const name: string | undefined = iam.store.users()[0]?.UserName
      void name
      `,
    )
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          lib: ['ES2023', 'DOM'],
          types: ['node'],
        },
        files: ['types.ts'],
      }),
    )
    await expect(node('node_modules/typescript/bin/tsc', '-p', '.')).resolves.toBeDefined()
  }, 60_000)
})
