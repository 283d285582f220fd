import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Plugin, type Rolldown } from 'vite'
import { describe, expect, it } from 'vitest'
import { mswIamDev } from '../../demo/vite-plugin.js'

/**
 * `msw-iam/browser` bundled for the browser the way an app's Vite build does it: no Node-only
 * module may reach it, and msw-iam's own code (with its dependencies) must not reach for Node's
 * globals either.
 */

const root = fileURLToPath(new URL('../../', import.meta.url))
const BROWSER_ENTRY = fileURLToPath(new URL('../../src/browser/index.ts', import.meta.url))

interface BrowserBundle {
  /** Node built-ins something imported, as `module (from importer)`. */
  nodeModules: string[]
  /** Imports the bundle leaves to the runtime (other than between its own chunks). */
  imports: string[]
  /** msw-iam's code and its dependencies' (every chunk but AWS's published data). */
  code: string
  /**
   * Chunks of AWS's published data (the managed policies, the services of the Service
   * Authorization Reference): file name, code, modules, imports.
   */
  data: { fileName: string; code: string; moduleIds: string[]; imports: string[] }[]
  /** Chunks some chunk imports statically (the ones loaded with the bundle's entry). */
  staticImports: Set<string>
  /** The code a page loads with the entry: its chunk and what that imports statically. */
  eagerCode: string
  /** The code msw-iam loads on first use (not AWS's data): each lazily imported chunk by name. */
  lazyChunks: { fileName: string; modules: string[]; code: string }[]
}

/** The modules AWS's published data is compacted into at build time, each loaded lazily. */
const DATA_MODULE = /src\/data\/(?:aws-managed-policies|services)\.js$/

/** Vite's library build of `entry` for the browser, minified, in memory. */
async function bundleForBrowser(entry: string, external: RegExp[] = []): Promise<BrowserBundle> {
  const nodeModules: string[] = []
  // @note Vite swaps a Node built-in for an empty `__vite-browser-external` stub (with a
  // warning) in browser builds; asking the resolver tells which built-in, and who imported it.
  const detectNodeModules: Plugin = {
    name: 'detect-node-modules',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      if (source.startsWith('node:') || resolved?.id.includes('__vite-browser-external')) {
        nodeModules.push(`${source} (from ${importer?.replace(root, '')})`)
      }
      return resolved
    },
  }
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    root,
    plugins: [mswIamDev(), detectNodeModules],
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'bundle' },
      rolldownOptions: { external },
    },
  })) as Rolldown.RolldownOutput[]
  const chunks = output.flatMap((o) => o.output).filter((o) => o.type === 'chunk')
  // Chunks import one another (msw-iam loads its signature checks lazily); those stay inside.
  const own = new Set(chunks.map((chunk) => chunk.fileName))
  const isData = (chunk: Rolldown.OutputChunk) => chunk.moduleIds.some((id) => DATA_MODULE.test(id))
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const eager = new Set<string>()
  const visit = (name: string): void => {
    if (eager.has(name) || !byName.has(name)) return
    eager.add(name)
    for (const next of byName.get(name)!.imports) visit(next)
  }
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName)
  return {
    eagerCode: chunks
      .filter((chunk) => eager.has(chunk.fileName))
      .map((chunk) => chunk.code)
      .join('\n'),
    lazyChunks: chunks
      .filter((chunk) => !eager.has(chunk.fileName) && !isData(chunk))
      .map((chunk) => ({
        fileName: chunk.fileName,
        modules: chunk.moduleIds.map((id) => id.replace(root, '')),
        code: chunk.code,
      })),
    nodeModules,
    imports: chunks
      .flatMap((chunk) => [...chunk.imports, ...chunk.dynamicImports])
      .filter((name) => !own.has(name)),
    code: chunks
      .filter((chunk) => !isData(chunk))
      .map((chunk) => chunk.code)
      .join('\n'),
    data: chunks.filter(isData).map(({ fileName, code, moduleIds, imports, dynamicImports }) => ({
      fileName,
      code,
      moduleIds,
      imports: [...imports, ...dynamicImports],
    })),
    staticImports: new Set(chunks.flatMap((chunk) => chunk.imports)),
  }
}

/**
 * References to Node's globals in minified code (which keeps global names as they are); a name
 * after a dot is a property (`x.process`, or the host `iam.global.api.aws`), not the global, and
 * one before `(` or `:` (but `require(`) a method or a key (`process(view, offset) {` in
 * @noble/hashes' hash classes).
 */
function nodeGlobals(code: string): string[] {
  return [
    ...code.matchAll(
      /(?<![.\w$])(?:(process|Buffer|global|__dirname|__filename)(?![\w$]|\s*[(:])|(require)(?![\w$]))/g,
    ),
  ].map((match) => (match[1] ?? match[2])!)
}

describe('the browser bundle', { timeout: 60_000 }, () => {
  it('contains no Node module, msw included, and imports nothing at runtime', async () => {
    const bundle = await bundleForBrowser(BROWSER_ENTRY)
    expect(bundle.nodeModules).toEqual([])
    expect(bundle.imports).toEqual([])
    expect(bundle.code).not.toMatch(/["']node:/)
    expect(bundle.code).toContain('mockServiceWorker.js')
  })

  it("has no reference to Node's globals in msw-iam's own code and dependencies", async () => {
    // msw's browser build checks `typeof process` to tell Node from the browser, so it is left
    // out here: msw answers for msw.
    const bundle = await bundleForBrowser(BROWSER_ENTRY, [/^msw(\/|$)/, /^msw3(\/|$)/])
    expect(bundle.imports.every((name) => /^msw3?\//.test(name) || /^msw3?$/.test(name))).toBe(true)
    expect(bundle.nodeModules).toEqual([])
    expect(nodeGlobals(bundle.code)).toEqual([])
    expect(bundle.code).toContain('Cannot exceed quota for AccessKeysPerUser')
  })

  // The model's text is the largest part of msw-iam: a bundle must carry it only when it creates a mock.
  it('leaves the service model out of a bundle that uses no mock, and keeps it small in one that does', async () => {
    const light = await bundleForBrowser(
      fileURLToPath(new URL('fixtures/uses-errors.ts', import.meta.url)),
    )
    expect(light.code).toContain('cannot be found')
    expect(light.code).not.toContain('AddClientIDToOpenIDConnectProvider')
    expect(light.code.length).toBeLessThan(20_000)
    const full = await bundleForBrowser(BROWSER_ENTRY, [/^msw(\/|$)/, /^msw3(\/|$)/])
    expect(full.code).toContain('AddClientIDToOpenIDConnectProvider')
    // What a page loads with msw-iam (its own code and dependencies, the IAM and STS models
    // included), minified and gzipped: about 131 KB for all 180 IAM and 11 STS operations, of
    // which the store and the actions are some 45 %, the models 19 % and asn1js 17 % (DER for SSH
    // keys and X.509 certificates, read synchronously as actions run).
    expect(gzipSync(full.eagerCode).length).toBeLessThan(140_000)
    // What it loads only on first use: the signature checks, the QR-code PNG encoder of
    // CreateVirtualMFADevice, web identity tokens, the enforcement's authorization data.
    const lazy = new Map(full.lazyChunks.map((chunk) => [chunk.fileName.replace(/-.*/, ''), chunk]))
    expect([...lazy.keys()]).toEqual(expect.arrayContaining(['sigv4', 'qr', 'authorize']))
    expect(lazy.get('qr')!.modules.some((id) => id.includes('fast-png'))).toBe(true)
    expect(lazy.get('qr')!.code).toContain('IEND')
    expect(full.eagerCode).not.toContain('IEND')
    expect(gzipSync(full.code).length).toBeLessThan(175_000)
  })

  // `msw-iam/policy` is the engine alone: no model, no authorization data, no managed policies.
  it('keeps msw-iam/policy small: the policy engine without the model or any AWS data', async () => {
    const bundle = await bundleForBrowser(
      fileURLToPath(new URL('../../src/policy/index.ts', import.meta.url)),
    )
    expect(bundle.nodeModules).toEqual([])
    expect(bundle.imports).toEqual([])
    expect(bundle.data).toEqual([])
    expect(bundle.code).not.toContain('AddClientIDToOpenIDConnectProvider')
    expect(bundle.code).not.toContain('iam:CreateAccessKey')
    expect(nodeGlobals(bundle.code)).toEqual([])
    expect(bundle.code.length).toBeLessThan(20_000)
  })

  // AWS's managed policies (megabytes of documents) and every service's actions (access
  // advisor's half a megabyte) reach a page only when a request needs them.
  it.each([
    ['src/data/aws-managed-policies.js', 'AdministratorAccess', 'AdministratorAccess\t/'],
    ['src/data/services.js', 'GetObject', 'AWS App2Container\t'],
  ])('keeps %s in a chunk of its own, loaded only on demand', async (module, sample, raw) => {
    const full = await bundleForBrowser(BROWSER_ENTRY, [/^msw(\/|$)/, /^msw3(\/|$)/])
    expect(full.data).toHaveLength(2)
    const data = full.data.find((chunk) => chunk.moduleIds.some((id) => id.endsWith(module)))
    expect(full.staticImports.has(data!.fileName)).toBe(false)
    expect(full.code).toContain(data!.fileName)
    expect(data!.code).toContain(sample)
    // Nothing but data: no code of msw-iam or anyone else rides along with it.
    expect(data!.moduleIds.map((id) => id.replace(root, ''))).toEqual([module])
    expect(data!.imports).toEqual([])
    expect(full.code).not.toContain(raw)
  })

  it('catches Node modules and globals when code uses them', async () => {
    const bundle = await bundleForBrowser(
      fileURLToPath(new URL('fixtures/uses-node.ts', import.meta.url)),
    )
    expect(bundle.nodeModules.sort()).toEqual([
      'crypto (from test/browser/fixtures/uses-node.ts)',
      'node:fs (from test/browser/fixtures/uses-node.ts)',
    ])
    expect(new Set(nodeGlobals(bundle.code))).toEqual(new Set(['Buffer', 'process']))
  })
})
