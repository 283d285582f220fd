// Fails fast when the suite runs on a Node older than the library supports: that happens when
// npm scripts are bypassed (./node_modules/.bin/vitest with the system Node 20) or when the
// pinned `node` devDependency was installed with --ignore-scripts.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  throw new Error(
    `msw-iam tests need Node >= 22.12 but run on ${process.version}. Run them through npm scripts ` +
      '(npm test), which use the pinned node devDependency, and never install with --ignore-scripts.',
  )
}
