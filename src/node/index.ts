import type { RequestHandler } from 'msw'
import { setupServer, type SetupServer } from 'msw/node'
import { createIamMock, type IamMock, type IamMockOptions } from '../create-iam-mock.js'

export interface SetupIamServerOptions extends IamMockOptions {
  /** Your own handlers, served alongside (and before) IAM's. */
  handlers?: RequestHandler[]
}

/**
 * An IAM mock and a normal msw `setupServer(...handlers, ...iam.handlers)` for it, not yet
 * listening: `server.use()`, `onUnhandledRequest` and your own handlers work as usual.
 *
 * @example
 * const { iam, server } = setupIamServer()
 * beforeAll(() => server.listen())
 * afterEach(() => { server.resetHandlers(); iam.reset() })
 * afterAll(() => server.close())
 */
export function setupIamServer(options: SetupIamServerOptions = {}): {
  iam: IamMock
  server: SetupServer
} {
  const { handlers = [], ...mockOptions } = options
  const iam = createIamMock(mockOptions)
  return { iam, server: setupServer(...handlers, ...iam.handlers) }
}

export * from '../index.js'
