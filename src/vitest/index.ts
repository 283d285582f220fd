import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { IamMock } from '../create-iam-mock.js'
import { iamMatchers, type IamMatchers } from '../matchers.js'
import { setupIamServer, type SetupIamServerOptions } from '../node/index.js'

export interface UseIamMockOptions extends SetupIamServerOptions {
  /**
   * What msw does with a request no handler answers (`'warn'` by default). Passed under both
   * msw 2's `onUnhandledRequest` and msw 3's `onUnhandledFrame`.
   */
  onUnhandledRequest?: 'bypass' | 'warn' | 'error'
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<
    R extends void | Promise<void> = void | Promise<void>,
  > extends IamMatchers<R> {}
}

expect.extend(iamMatchers)

/**
 * The one-line Vitest setup: an IAM mock served by msw for the enclosing file or `describe`,
 * listening before the tests, reset (handlers and state) after each one, closed after all.
 * Each Vitest worker imports its own copy, so parallel workers never share state. Also
 * registers `expect(iam).toHaveReceivedIamAction(…)`.
 *
 * @example
 * const iam = useIamMock()
 * it('creates a key', async () => {
 *   await client.send(new CreateAccessKeyCommand({}))
 *   expect(iam).toHaveReceivedIamAction('CreateAccessKey')
 * })
 */
export function useIamMock(options: UseIamMockOptions = {}): IamMock & {
  server: ReturnType<typeof setupIamServer>['server']
} {
  const { onUnhandledRequest, ...setup } = options
  const { iam, server } = setupIamServer(setup)
  // @note msw 3 renamed onUnhandledRequest to onUnhandledFrame and ignores the old name; each
  // major ignores the other's key, so both are passed.
  const listenOptions = onUnhandledRequest
    ? { onUnhandledRequest, onUnhandledFrame: onUnhandledRequest }
    : {}
  beforeAll(() => server.listen(listenOptions as Parameters<typeof server.listen>[0]))
  afterEach(() => {
    server.resetHandlers()
    iam.reset()
  })
  afterAll(() => server.close())
  return Object.assign(iam, { server })
}

export { iamMatchers } from '../matchers.js'
export * from '../index.js'
