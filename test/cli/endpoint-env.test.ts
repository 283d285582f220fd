import { afterAll, beforeAll, expect } from 'vitest'
import { startIamServer, type IamServer } from '../../src/server/index.js'
import { ROOT_KEY } from '../helpers.js'
import { findPythonWithBoto3, isolatedAwsEnv, itWith, run } from './helpers.js'

// `AWS_ENDPOINT_URL_IAM=http://127.0.0.1:4599 python3 my_script.py`: a script that names no
// endpoint reaches the server through the service-specific endpoint variable. Debian's boto3
// (1.26) predates that variable (boto3 1.28 / botocore 1.31 introduced it), so this runs on the
// first python3 on PATH whose boto3 is new enough; without one it skips loudly (fails under CI).
const python = await findPythonWithBoto3([1, 28])
const it = itWith(python)
const env = isolatedAwsEnv()

let server: IamServer
beforeAll(async () => {
  server = await startIamServer({ port: 0 })
})
afterAll(() => server?.close())

it('reaches the server from a script that names no endpoint, through AWS_ENDPOINT_URL_IAM', async () => {
  const script = `
import json, boto3
iam = boto3.client('iam')
iam.create_user(UserName='FromEnv')
print(json.dumps([u['UserName'] for u in iam.list_users()['Users']]))
`
  const result = await run(python.python!, ['-c', script], {
    env: env({
      AWS_ENDPOINT_URL_IAM: server.url,
      AWS_ACCESS_KEY_ID: ROOT_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey,
    }),
  })
  expect(result.stderr).toBe('')
  expect(JSON.parse(result.stdout)).toEqual(['FromEnv'])
  expect(server.mock.calls.last()?.action).toBe('ListUsers')
}, 30_000)
