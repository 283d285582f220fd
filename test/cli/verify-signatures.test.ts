import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest'
import { startIamServer, type IamServer } from '../../src/server/index.js'
import { ROOT_KEY } from '../helpers.js'
import {
  AWS,
  awsCli,
  findDebianPython,
  isolatedAwsEnv,
  itWith,
  PYTHON,
  run,
  serve,
} from './helpers.js'

// Signature verification through the real clients: the AWS CLI v2 and boto3 sign every request
// with SigV4 (botocore's signer, the region of their configuration); the server checks it.
const withCli = itWith(awsCli)
const withBoto3 = itWith(await findDebianPython('boto3'))
const env = isolatedAwsEnv()
const as = (key: { accessKeyId: string; secretAccessKey: string }) =>
  env({ AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey })

let server: IamServer
beforeAll(async () => {
  server = await startIamServer({ port: 0, verifySignatures: true })
})
afterEach(() => server.mock.reset())
afterAll(() => server?.close())

const aws = (args: string[], key = ROOT_KEY) =>
  run(AWS, ['--endpoint-url', server.url, '--output', 'json', 'iam', ...args], { env: as(key) })

describe('with verifySignatures, the AWS CLI', () => {
  withCli(
    'works with a key the server just created, until it is deactivated',
    async () => {
      expect((await aws(['create-user', '--user-name', 'Bob'])).code).toBe(0)
      const created = await aws(['create-access-key', '--user-name', 'Bob'])
      const { AccessKey } = JSON.parse(created.stdout)
      const bob = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey }

      const self = await aws(['get-user'], bob)
      expect(self.code).toBe(0)
      expect(JSON.parse(self.stdout).User.UserName).toBe('Bob')

      const wrong = await aws(['get-user'], {
        ...bob,
        secretAccessKey: `${bob.secretAccessKey.slice(1)}x`,
      })
      expect(wrong.code).toBe(254)
      expect(wrong.stderr).toContain(
        'An error occurred (SignatureDoesNotMatch) when calling the GetUser operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      )

      await aws([
        'update-access-key',
        '--user-name',
        'Bob',
        '--access-key-id',
        bob.accessKeyId,
        '--status',
        'Inactive',
      ])
      const inactive = await aws(['get-user'], bob)
      expect(inactive.code).toBe(254)
      expect(inactive.stderr).toContain(
        'An error occurred (InvalidClientTokenId) when calling the GetUser operation: The security token included in the request is invalid.',
      )
    },
    60_000,
  )
})

describe('with verifySignatures, boto3', () => {
  withBoto3(
    'is accepted with the right secret and refused with a wrong one',
    async () => {
      const script = `
import json, sys, boto3
from botocore.exceptions import ClientError
def call(secret):
    iam = boto3.client('iam', endpoint_url=sys.argv[1], region_name='eu-west-1',
                       aws_access_key_id='${ROOT_KEY.accessKeyId}', aws_secret_access_key=secret)
    try:
        return {'result': iam.get_user()['User']['Arn']}
    except ClientError as error:
        return {'error': error.response['Error'], 'status': error.response['ResponseMetadata']['HTTPStatusCode']}
print(json.dumps([call('${ROOT_KEY.secretAccessKey}'), call('wrong')]))
`
      const result = await run(PYTHON, ['-c', script, server.url], { env: env() })
      expect(result.stderr).toBe('')
      expect(JSON.parse(result.stdout)).toEqual([
        { result: 'arn:aws:iam::123456789012:root' },
        {
          error: {
            Type: 'Sender',
            Code: 'SignatureDoesNotMatch',
            Message:
              'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
          },
          status: 403,
        },
      ])
    },
    60_000,
  )
})

describe('msw-iam serve --verify-signatures', () => {
  withCli(
    'turns verification on from the flag and from MSW_IAM_VERIFY_SIGNATURES',
    async () => {
      for (const [args, extraEnv] of [
        [['serve', '--port', '0', '--quiet', '--verify-signatures'], {}],
        [['serve', '--port', '0', '--quiet'], { MSW_IAM_VERIFY_SIGNATURES: '1' }],
      ] as const) {
        const running = serve(args, extraEnv)
        const url = await running.url
        const unsigned = await fetch(`${url}/?Action=ListUsers&Version=2010-05-08`)
        expect(unsigned.status).toBe(403)
        expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>')
        const signed = await run(AWS, ['--endpoint-url', url, 'iam', 'list-users'], {
          env: as(ROOT_KEY),
        })
        expect(signed.code).toBe(0)
        running.child.kill('SIGTERM')
        await running.exited
      }
    },
    60_000,
  )
})
