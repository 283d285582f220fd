import { afterAll, beforeAll, expect } from 'vitest'
import { msdpFixture } from '../../src/default-fixtures.js'
import { startIamServer, type IamServer } from '../../src/server/index.js'
import { AWS, awsCli, isolatedAwsEnv, itWith, run } from './helpers.js'

// The MSDP dialect through the real AWS CLI, as NetBackup's documentation drives it
// (`aws --endpoint https://<host>:8443 iam …`): botocore must parse MSDP's XML (declaration,
// ResponseMetadata first, alphabetical members) into the same output as AWS's.
const it = itWith(awsCli)
const root = msdpFixture.Root!.AccessKeys![0]!
const env = isolatedAwsEnv()({
  AWS_ACCESS_KEY_ID: root.AccessKeyId,
  AWS_SECRET_ACCESS_KEY: root.SecretAccessKey,
})

let server: IamServer
beforeAll(async () => {
  server = await startIamServer({ port: 0, dialect: 'msdp' })
})
afterAll(() => server?.close())

const aws = (args: string[]) =>
  run(AWS, ['--endpoint-url', server.url, '--output', 'json', 'iam', ...args], { env })

it('serves the MSDP dialect to the AWS CLI: users, keys, policies and errors', async () => {
  const user = await aws(['create-user', '--user-name', 'User1'])
  expect(user.code).toBe(0)
  expect(JSON.parse(user.stdout)).toEqual({
    User: {
      UserName: 'User1',
      CreateDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
    },
  })
  const key = JSON.parse(
    (await aws(['create-access-key', '--user-name', 'User1'])).stdout,
  ).AccessKey
  expect(key).toMatchObject({
    UserName: 'User1',
    Status: 'Active',
    AccessKeyId: expect.stringMatching(/^[A-Z0-9]{21}$/),
    SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9]{42}$/),
  })
  const listed = JSON.parse((await aws(['list-access-keys', '--user-name', 'User1'])).stdout)
  expect(listed.AccessKeyMetadata.map((k: { AccessKeyId: string }) => k.AccessKeyId)).toEqual([
    key.AccessKeyId,
  ])

  const document = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::bkt3/*'] }],
  })
  const put = await aws([
    'put-user-policy',
    '--user-name',
    'User1',
    '--policy-name',
    'ExamplePolicy',
    '--policy-document',
    document,
  ])
  expect(put.code).toBe(0)
  const policy = JSON.parse(
    (await aws(['get-user-policy', '--user-name', 'User1', '--policy-name', 'ExamplePolicy']))
      .stdout,
  )
  expect(policy).toEqual({
    UserName: 'User1',
    PolicyName: 'ExamplePolicy',
    PolicyDocument: JSON.parse(document),
  })

  const unsupported = await aws(['get-access-key-last-used', '--access-key-id', key.AccessKeyId])
  expect(unsupported.code).toBe(254)
  expect(unsupported.stderr).toContain(
    'An error occurred (InvalidAction) when calling the GetAccessKeyLastUsed operation: Could not find operation GetAccessKeyLastUsed for version 2010-05-08',
  )
  const conflict = await aws(['delete-user', '--user-name', 'User1'])
  expect(conflict.code).toBe(254)
  expect(conflict.stderr).toContain(
    'An error occurred (DeleteConflict) when calling the DeleteUser operation: ',
  )
}, 60_000)
