import type { IamCall } from './journal.js'

/** Something with a request journal: an IamMock. */
interface HasCalls {
  readonly calls: { readonly all: IamCall[] }
}

interface MatcherResult {
  pass: boolean
  message: () => string
}

/**
 * Assertion helpers for Vitest and Jest (`expect.extend(iamMatchers)`):
 *
 * - `expect(iam).toHaveReceivedIamAction('CreateAccessKey')`
 * - `expect(iam).toHaveReceivedIamAction('CreateAccessKey', { UserName: 'Bob' })` — some call of
 *   that action carried at least these Query parameters (values compared as strings).
 *
 * `msw-iam/vitest` registers them for you.
 */
export const iamMatchers = {
  toHaveReceivedIamAction(
    received: HasCalls,
    action: string,
    params: Readonly<Record<string, string | number | boolean>> = {},
  ): MatcherResult {
    const calls = received.calls.all.filter((call) => call.action === action)
    const wanted = Object.entries(params).map(([name, value]) => [name, String(value)] as const)
    const pass = calls.some((call) => wanted.every(([name, value]) => call.params[name] === value))
    const expected = wanted.length > 0 ? `${action} with ${JSON.stringify(params)}` : action
    const seen =
      calls.length === 0
        ? `no ${action} call at all`
        : `${action} calls with:\n${calls.map((call) => `  ${JSON.stringify(call.params)}`).join('\n')}`
    return {
      pass,
      message: () =>
        pass
          ? `expected the IAM mock not to have received ${expected}, but it did`
          : `expected the IAM mock to have received ${expected}; it received ${seen}`,
    }
  },
}

/** The matchers' signatures as seen on `expect(iam)`. */
export interface IamMatchers<R = unknown> {
  toHaveReceivedIamAction(action: string, params?: Record<string, string | number | boolean>): R
}
