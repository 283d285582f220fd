/**
 * The Jest 30 setup a msw-iam user needs: ESM test files, no transform, Node environment, run
 * with NODE_OPTIONS=--experimental-vm-modules (msw's dependencies are ESM-only).
 *
 * MSW_MAJOR=3 maps msw to the `msw3` alias install, to run the same suite against msw 3.
 */
export default {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.test.js'],
  transform: {},
  moduleNameMapper: process.env.MSW_MAJOR === '3' ? { '^msw(/.*)?$': 'msw3$1' } : {},
}
