import { setupWorker, type SetupWorker } from 'msw/browser'
import {
  mockWithHandlers,
  type IamMock,
  type IamMockWithHandlersOptions,
} from '../create-iam-mock.js'

export type SetupIamWorkerOptions = IamMockWithHandlersOptions

/**
 * An IAM mock and a normal msw `setupWorker(...handlers, ...iam.handlers)` for it, not yet
 * started: serve msw's `mockServiceWorker.js` (`npx msw init public/`), then
 * `await worker.start()` before the app's first IAM call. The fixture is an object (the browser
 * reads no files); the state lives in the page, so keep `iam.snapshot()` somewhere (e.g.
 * `sessionStorage`) and `iam.restore()` it on load if it should outlive a reload.
 *
 * @example
 * const { iam, worker } = setupIamWorker({ fixtures: { Users: [{ UserName: 'alice' }] } })
 * await worker.start({ onUnhandledRequest: 'bypass' })
 * await new IAMClient({ region: 'us-east-1', credentials }).send(new ListUsersCommand({}))
 *
 * @see https://mswjs.io/docs/integrations/browser
 */
export function setupIamWorker(options: SetupIamWorkerOptions = {}): {
  iam: IamMock
  worker: SetupWorker
} {
  const { iam, handlers } = mockWithHandlers(options)
  return { iam, worker: setupWorker(...handlers) }
}

export * from '../index.js'
