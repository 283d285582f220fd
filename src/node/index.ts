import { setupServer, type SetupServer } from 'msw/node'
import {
  mockWithHandlers,
  type IamMock,
  type IamMockWithHandlersOptions,
} from '../create-iam-mock.js'

export type SetupIamServerOptions = IamMockWithHandlersOptions

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
  const { iam, handlers } = mockWithHandlers(options)
  return { iam, server: setupServer(...handlers) }
}

export * from '../index.js'
