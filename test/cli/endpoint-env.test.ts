import { afterAll, beforeAll, expect } from 'vitest'
import { startIamServer, type IamServer } from '../../src/server/index.js'
import { ROOT_KEY } from '../helpers.js'
import { isolatedAwsEnv, itWith, run } from './helpers.js'

// `AWS_ENDPOINT_URL_IAM=http://127.0.0.1:4599 python3 my_script.py`: a script that names no
// endpoint reaches the server through the service-specific endpoint variable. Debian's boto3
// (1.26) predates that variable (boto3 1.28 / botocore 1.31 introduced it), so this runs on the
// newer boto3 the machine image ships in its pyenv Python.
const PYENV_PYTHON = '/root/.pyenv/shims/python3'
const pyenvEnv = { PATH: `/root/.pyenv/shims:/usr/bin:/bin`, PYENV_ROOT: '/root/.pyenv' }

async function findModernBoto3() {
  const probe = await run(
    PYENV_PYTHON,
    [
      '-c',
      'import boto3; v = tuple(map(int, boto3.__version__.split(".")[:2])); print(v >= (1, 28))',
    ],
    { env: pyenvEnv },
  )
  return {
    name: `a boto3 >= 1.28 (${PYENV_PYTHON}, the machine image's pyenv Python)`,
    present: probe.code === 0 && probe.stdout.trim() === 'True',
    install: 'the machine image provides it; Debian packages no boto3 that new',
  }
}

const it = itWith(await findModernBoto3())
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
  const result = await run(PYENV_PYTHON, ['-c', script], {
    env: env({
      ...pyenvEnv,
      AWS_ENDPOINT_URL_IAM: server.url,
      AWS_ACCESS_KEY_ID: ROOT_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey,
    }),
  })
  expect(result.stderr).toBe('')
  expect(JSON.parse(result.stdout)).toEqual(['FromEnv'])
  expect(server.mock.calls.last()?.action).toBe('ListUsers')
}, 30_000)
