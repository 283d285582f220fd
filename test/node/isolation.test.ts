import { CreateUserCommand } from '@aws-sdk/client-iam'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, ROOT_KEY } from '../helpers.js'

const a = createIamMock({ endpoints: ['https://a.iam.test/'] })
const b = createIamMock({ endpoints: ['https://b.iam.test/'] })
const server = setupServer(...a.handlers, ...b.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

it('keeps two mocks in one process apart', async () => {
  await iamClient(ROOT_KEY, { endpoint: 'https://a.iam.test' }).send(
    new CreateUserCommand({ UserName: 'Bob' }),
  )
  await iamClient(ROOT_KEY, { endpoint: 'https://b.iam.test' }).send(
    new CreateUserCommand({ UserName: 'Eve' }),
  )
  expect(a.store.users().map((u) => u.UserName)).toEqual(['Bob'])
  expect(b.store.users().map((u) => u.UserName)).toEqual(['Eve'])
  a.reset()
  expect(a.store.users()).toEqual([])
  expect(b.store.users().map((u) => u.UserName)).toEqual(['Eve'])
})
