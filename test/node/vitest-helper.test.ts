import { CreateAccessKeyCommand, CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { useIamMock } from '../../src/vitest/index.js'
import { iamClient } from '../helpers.js'

const iam = useIamMock({
  onUnhandledRequest: 'error',
  handlers: [http.get('https://api.example.test/ping', () => HttpResponse.json({ pong: true }))],
})
const client = iamClient()

describe('useIamMock', () => {
  it('serves IAM to the real SDK with no other setup', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    expect(iam.store.user('Bob')).toBeDefined()
  })

  it('starts each test from the fixture again', () => {
    expect(iam.store.users()).toEqual([])
    expect(iam.calls.length).toBe(0)
  })

  it('serves the user handlers alongside', async () => {
    const response = await fetch('https://api.example.test/ping')
    expect(await response.json()).toEqual({ pong: true })
  })

  it('lets a test override IAM with server.use() for that test only', async () => {
    iam.server.use(
      http.post(
        'https://iam.amazonaws.com/',
        () =>
          new HttpResponse(
            '<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>',
            {
              status: 400,
              headers: { 'content-type': 'text/xml' },
            },
          ),
      ),
    )
    await expect(client.send(new ListUsersCommand({}))).rejects.toThrow('Rate exceeded')
  })

  it('is back to the IAM handlers after an override', async () => {
    await expect(client.send(new ListUsersCommand({}))).resolves.toMatchObject({ Users: [] })
  })

  it('rejects requests nobody handles when asked to', async () => {
    await expect(fetch('https://unhandled.example.test/')).rejects.toThrow()
  })
})

describe('toHaveReceivedIamAction', () => {
  it('passes when a call of the action carried the given parameters', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
    expect(iam).toHaveReceivedIamAction('CreateAccessKey')
    expect(iam).toHaveReceivedIamAction('CreateAccessKey', { UserName: 'Bob' })
    expect(iam).not.toHaveReceivedIamAction('CreateAccessKey', { UserName: 'Eve' })
    expect(iam).not.toHaveReceivedIamAction('DeleteUser')
  })

  it('explains what it received when it fails', async () => {
    await client.send(new ListUsersCommand({ MaxItems: 3 }))
    expect(() => expect(iam).toHaveReceivedIamAction('ListUsers', { MaxItems: 4 })).toThrow(
      /expected the IAM mock to have received ListUsers with \{"MaxItems":4\}; it received ListUsers calls with:\n {2}\{"Action":"ListUsers","Version":"2010-05-08","MaxItems":"3"\}/,
    )
  })
})
