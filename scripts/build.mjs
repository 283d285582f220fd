// `npm run build`: the JavaScript of every entry point, bundled with Vite's library mode so that
// each entry loads as a handful of files instead of some forty modules (a third of msw-iam's
// cold start); declarations come from `tsc` (tsconfig.build.json) next to them.
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))
rmSync(`${root}/dist`, { recursive: true, force: true })
// The AWS managed policies' data (not committed), bundled as its own lazily loaded chunk.
execFileSync(process.execPath, [`${root}/scripts/generate-managed-policies.mjs`], { stdio: 'inherit' })
// What IAM's and STS's actions act on (not committed), loaded by `authorize: true`.
execFileSync(process.execPath, [`${root}/scripts/generate-authorization.mjs`], { stdio: 'inherit' })

// Dependencies, peers and Node's built-ins stay imports: users install them. Read from
// package.json, so a dependency added there is never bundled by accident.
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'))
const installed = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })
const external = (id) =>
  id.startsWith('node:') || installed.some((name) => id === name || id.startsWith(`${name}/`))

const entries = {
  index: 'src/index.ts',
  'policy/index': 'src/policy/index.ts',
  'node/index': 'src/node/index.ts',
  'vitest/index': 'src/vitest/index.ts',
  'server/index': 'src/server/index.ts',
  'browser/index': 'src/browser/index.ts',
  cli: 'src/cli.ts',
}

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    minify: false,
    sourcemap: true,
    target: 'es2022',
    lib: { entry: entries, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    rolldownOptions: {
      external,
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
})
