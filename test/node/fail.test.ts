import { CreateAccessKeyCommand, CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { iamClient, rawIam, sdkError, useIam } from '../helpers.js'

const iam = useIam()
const client = iamClient()

describe('fail()', () => {
  it('makes the next call fail with ServiceFailure 500 (Receiver) by default, then recovers', async () => {
    iam.fail('ListUsers')
    const error = await sdkError(client.send(new ListUsersCommand({})))
    expect(error.name).toBe('ServiceFailureException')
    expect(error.$fault).toBe('server')
    expect(error.$metadata.httpStatusCode).toBe(500)
    expect(error.message).toBe(
      'The request processing has failed because of an unknown error, exception or failure.',
    )
    await expect(client.send(new ListUsersCommand({}))).resolves.toBeDefined()
  })

  it('writes the error in IAM XML with Type Receiver', async () => {
    iam.fail('ListUsers')
    const { status, xml } = await rawIam({ Action: 'ListUsers', Version: '2010-05-08' })
    expect(status).toBe(500)
    expect(xml.ErrorResponse.Error).toEqual({
      Type: 'Receiver',
      Code: 'ServiceFailure',
      Message:
        'The request processing has failed because of an unknown error, exception or failure.',
    })
  })

  it('fails the given number of times', async () => {
    iam.fail('ListUsers', { times: 2 })
    await expect(client.send(new ListUsersCommand({}))).rejects.toThrow()
    await expect(client.send(new ListUsersCommand({}))).rejects.toThrow()
    await expect(client.send(new ListUsersCommand({}))).resolves.toBeDefined()
  })

  it('lets the SDK retry an injected 5xx and succeed, as it would against IAM', async () => {
    iam.fail('ListUsers')
    const retrying = iamClient(undefined, { maxAttempts: 2 })
    const output = await retrying.send(new ListUsersCommand({}))
    expect(output.$metadata.attempts).toBe(2)
  })

  it('takes a modeled code with its own status, without touching the state', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    iam.fail('CreateAccessKey', {
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
    })
    const error = await sdkError(client.send(new CreateAccessKeyCommand({ UserName: 'Bob' })))
    expect(error.name).toBe('LimitExceededException')
    expect(error.$metadata.httpStatusCode).toBe(409)
    expect(error.message).toBe('Cannot exceed quota for AccessKeysPerUser: 2')
    expect(iam.store.user('Bob')?.AccessKeys).toEqual([])
  })

  it('takes any code and status', async () => {
    iam.fail('ListUsers', { code: 'Throttling', message: 'Rate exceeded', status: 400 })
    const error = await sdkError(client.send(new ListUsersCommand({})))
    expect(error.name).toBe('Throttling')
    expect(error.message).toBe('Rate exceeded')
    expect(error.$metadata.httpStatusCode).toBe(400)
  })

  it('affects only the named action', async () => {
    iam.fail('CreateUser')
    await expect(client.send(new ListUsersCommand({}))).resolves.toBeDefined()
    await expect(client.send(new CreateUserCommand({ UserName: 'x' }))).rejects.toThrow()
  })

  it('is cleared by reset()', async () => {
    iam.fail('ListUsers', { times: Infinity })
    iam.reset()
    await expect(client.send(new ListUsersCommand({}))).resolves.toBeDefined()
  })

  it('refuses an action the mock does not know', () => {
    expect(() => iam.fail('CreateWidget' as never)).toThrow(
      'msw-iam: fail(): unknown action "CreateWidget"',
    )
  })
})
