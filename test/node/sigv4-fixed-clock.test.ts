import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GetUserCommand,
  IAMClient,
  ListUsersCommand,
} from '@aws-sdk/client-iam'
import { expect, it } from 'vitest'
import { iamClient, ROOT_KEY, sdkError, useIam } from '../helpers.js'

// A mock clock fixed years away from real time, for stable CreateDates, with verification on.
const iam = useIam({ verifySignatures: true, clock: '2022-03-28T01:43:46Z' })

it('accepts the real SDK signing with real time, and dates what it creates by the mock clock', async () => {
  const client = iamClient()
  const { User } = await client.send(new CreateUserCommand({ UserName: 'Bob' }))
  expect(User?.CreateDate).toEqual(new Date('2022-03-28T01:43:46Z'))
  const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
  const bob = iamClient({
    accessKeyId: AccessKey!.AccessKeyId!,
    secretAccessKey: AccessKey!.SecretAccessKey!,
  })
  await expect(bob.send(new GetUserCommand({}))).resolves.toBeDefined()
  expect(iam.store.accessKey(AccessKey!.AccessKeyId!)?.LastUsed?.Date).toEqual(
    new Date('2022-03-28T01:43:46Z'),
  )
})

it('does not make the default-retrying SDK retry errors or re-sign', async () => {
  const client = new IAMClient({ region: 'us-east-1', credentials: ROOT_KEY })
  const { $metadata } = await client.send(new ListUsersCommand({}))
  expect($metadata.attempts).toBe(1)
  const error = await sdkError(client.send(new GetUserCommand({ UserName: 'nobody' })))
  expect(error.name).toBe('NoSuchEntityException')
  expect(iam.calls.all.map((call) => call.errorCode)).toEqual([undefined, 'NoSuchEntity'])
})

it('still refuses a request signed 20 minutes from real time', async () => {
  const skewed = iamClient(ROOT_KEY, { systemClockOffset: 20 * 60_000 })
  const error = await sdkError(skewed.send(new ListUsersCommand({})))
  expect(error.name).toBe('SignatureDoesNotMatch')
  expect(error.message).toMatch(/^Signature not yet current: /)
})

it("accepts a request signed at the mock clock's time", async () => {
  const atMockTime = iamClient(ROOT_KEY, {
    systemClockOffset: Date.parse('2022-03-28T01:43:46Z') - Date.now(),
  })
  await expect(atMockTime.send(new ListUsersCommand({}))).resolves.toBeDefined()
})

it("refuses a request 20 minutes from the mock clock (and from real time), phrased against the mock's clock", async () => {
  const skewed = iamClient(ROOT_KEY, {
    systemClockOffset: Date.parse('2022-03-28T02:03:46Z') - Date.now(),
  })
  const error = await sdkError(skewed.send(new ListUsersCommand({})))
  expect(error.name).toBe('SignatureDoesNotMatch')
  expect(error.$metadata.httpStatusCode).toBe(403)
  expect(error.message).toBe(
    'Signature not yet current: 20220328T020346Z is still later than 20220328T015846Z (20220328T014346Z + 15 min.)',
  )
})
