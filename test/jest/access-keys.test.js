// A Jest 30 suite using msw-iam the way a Jest user would: the built package by its name,
// msw's setupServer, the real AWS SDK, and the Jest matchers registered with expect.extend.
import { expect } from '@jest/globals'
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  IAMClient,
  ListAccessKeysCommand,
} from '@aws-sdk/client-iam'
import { iamMatchers } from 'msw-iam'
import { setupIamServer } from 'msw-iam/node'

expect.extend(iamMatchers)

const { iam, server } = setupIamServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' }))
afterEach(() => {
  server.resetHandlers()
  iam.reset()
})
afterAll(() => server.close())

const client = new IAMClient({
  region: 'us-east-1',
  maxAttempts: 1,
  credentials: {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
})

test('creates a user and two access keys, then refuses a third', async () => {
  await client.send(new CreateUserCommand({ UserName: 'Bob' }))
  await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
  await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
  await expect(client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))).rejects.toMatchObject({
    name: 'LimitExceededException',
    message: 'Cannot exceed quota for AccessKeysPerUser: 2',
  })
  const { AccessKeyMetadata } = await client.send(new ListAccessKeysCommand({ UserName: 'Bob' }))
  expect(AccessKeyMetadata).toHaveLength(2)
  expect(iam).toHaveReceivedIamAction('CreateAccessKey', { UserName: 'Bob' })
})

test('starts every test from the fixture', () => {
  expect(iam.store.users()).toEqual([])
})

test('refuses to delete a user that still has keys', async () => {
  await client.send(new CreateUserCommand({ UserName: 'Keyed' }))
  await client.send(new CreateAccessKeyCommand({ UserName: 'Keyed' }))
  await expect(client.send(new DeleteUserCommand({ UserName: 'Keyed' }))).rejects.toMatchObject({
    name: 'DeleteConflictException',
  })
})

test('injects failures with fail()', async () => {
  iam.fail('ListAccessKeys', { code: 'ServiceFailure' })
  await expect(client.send(new ListAccessKeysCommand({}))).rejects.toMatchObject({
    name: 'ServiceFailureException',
    $metadata: expect.objectContaining({ httpStatusCode: 500 }),
  })
})

test('runs against the msw major the run asked for (MSW_MAJOR, default 2)', async () => {
  const { default: mswPackage } = await import('msw/package.json', { with: { type: 'json' } })
  expect(mswPackage.version.split('.')[0]).toBe(process.env.MSW_MAJOR ?? '2')
})
