import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, ROOT_KEY, sdkError } from '../helpers.js'

// No msw server in this file: requests never leave the process through any transport.
const iam = createIamMock()
const client = iamClient(ROOT_KEY, { requestHandler: iam.requestHandler })

describe('direct mode (iam.requestHandler)', () => {
  it('answers the SDK in-process through the same pipeline', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
    expect(AccessKey?.AccessKeyId).toMatch(/^AKIA/)
    expect(iam.store.user('Bob')?.AccessKeys).toHaveLength(1)
    expect(iam.calls.last()?.action).toBe('CreateAccessKey')
  })

  it('delivers errors as the same SDK exceptions', async () => {
    const error = await sdkError(client.send(new DeleteUserCommand({ UserName: 'Bob' })))
    expect(error.name).toBe('DeleteConflictException')
    expect(error.$metadata.httpStatusCode).toBe(409)
    expect(error.$metadata.requestId).toBe(iam.calls.last()?.requestId)
  })

  it('signs requests, so the caller is resolved from the key', async () => {
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
    const bob = iamClient(
      { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! },
      { requestHandler: iam.requestHandler },
    )
    expect((await bob.send(new GetUserCommand({}))).User?.UserName).toBe('Bob')
  })

  it('works with the SDK paginators', async () => {
    for (const name of ['a', 'b', 'c']) await client.send(new CreateUserCommand({ UserName: name }))
    const names: string[] = []
    for await (const page of paginateListUsers({ client, pageSize: 2 }, {})) {
      names.push(...page.Users!.map((u) => u.UserName!))
    }
    expect(names).toEqual(['a', 'b', 'Bob', 'c'])
  })
})
