import { execFileSync } from 'node:child_process'
import { expect } from 'vitest'
import { findDebianPython, itWith, PYTHON } from '../cli/helpers.js'
import { parseXml, ROOT_KEY, useIam } from '../helpers.js'

// The AWS CLI and boto3 sign with botocore. This file has botocore (Debian's python3-botocore,
// the one /usr/bin/aws runs on) sign requests, and sends them to the mock as signed.
// Like the CLI contract tests, these never skip under CI, and skip elsewhere only loudly.
const itWithBotocore = itWith(await findDebianPython('botocore'))

const SIGN = `
import json, sys
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
a = json.loads(sys.argv[1])
creds = Credentials(a['accessKeyId'], a['secretAccessKey'], a.get('sessionToken'))
if a.get('presign'):
    req = AWSRequest(method='GET', url=a['url'])
    SigV4QueryAuth(creds, a['service'], a['region'], expires=60).add_auth(req)
else:
    req = AWSRequest(method='POST', url=a['url'], data=a['body'],
                     headers={'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'})
    SigV4Auth(creds, a['service'], a['region']).add_auth(req)
p = req.prepare()
body = p.body.decode() if isinstance(p.body, bytes) else (p.body or '')
print(json.dumps({'url': p.url, 'headers': dict(p.headers), 'body': body}))
`

const SESSION = {
  accessKeyId: 'ASIABOTOCORESESSION2',
  secretAccessKey: 'botocore-session-secret',
  sessionToken: 'botocore/session+token==',
}

useIam({
  verifySignatures: true,
  fixtures: {
    Root: {
      AccessKeys: [
        { AccessKeyId: ROOT_KEY.accessKeyId, SecretAccessKey: ROOT_KEY.secretAccessKey },
      ],
    },
    RoleSessions: [
      {
        AccessKeyId: SESSION.accessKeyId,
        SecretAccessKey: SESSION.secretAccessKey,
        SessionToken: SESSION.sessionToken,
        RoleArn: 'arn:aws:iam::123456789012:role/Cli',
        RoleSessionName: 'botocore',
      },
    ],
  },
  endpoints: ['http://127.0.0.1:4566'],
})

function botocoreSigned(args: Record<string, unknown>): {
  url: string
  headers: Record<string, string>
  body: string
} {
  return JSON.parse(execFileSync(PYTHON, ['-c', SIGN, JSON.stringify(args)], { encoding: 'utf8' }))
}

async function send(signed: ReturnType<typeof botocoreSigned>, method: 'GET' | 'POST') {
  const response = await fetch(signed.url, {
    method,
    headers: signed.headers,
    ...(method === 'POST' && { body: signed.body }),
  })
  return { status: response.status, xml: parseXml(await response.text()) }
}

itWithBotocore(
  'verifies an IAM request signed by botocore (content-type;host;x-amz-date)',
  async () => {
    const signed = botocoreSigned({
      ...ROOT_KEY,
      url: 'https://iam.amazonaws.com/',
      body: 'Action=ListUsers&Version=2010-05-08',
      service: 'iam',
      region: 'us-east-1',
    })
    expect(signed.headers.Authorization).toContain('SignedHeaders=content-type;host;x-amz-date,')
    const { status } = await send(signed, 'POST')
    expect(status).toBe(200)
  },
)

itWithBotocore(
  'verifies botocore on a custom endpoint with a port, signed for its region',
  async () => {
    const signed = botocoreSigned({
      ...ROOT_KEY,
      url: 'http://127.0.0.1:4566/',
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      service: 'sts',
      region: 'us-west-2',
    })
    const { status, xml } = await send(signed, 'POST')
    expect(status).toBe(200)
    expect(xml.GetCallerIdentityResponse.GetCallerIdentityResult.Arn).toBe(
      'arn:aws:iam::123456789012:root',
    )
  },
)

itWithBotocore('refuses a botocore request signed with a wrong secret', async () => {
  const signed = botocoreSigned({
    ...ROOT_KEY,
    secretAccessKey: 'wrong',
    url: 'https://iam.amazonaws.com/',
    body: 'Action=ListUsers&Version=2010-05-08',
    service: 'iam',
    region: 'us-east-1',
  })
  const { status, xml } = await send(signed, 'POST')
  expect(status).toBe(403)
  expect(xml.ErrorResponse.Error.Code).toBe('SignatureDoesNotMatch')
})

itWithBotocore(
  'verifies a botocore-presigned GetCallerIdentity URL with a session token',
  async () => {
    const signed = botocoreSigned({
      ...SESSION,
      presign: true,
      url: 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15',
      service: 'sts',
      region: 'us-east-1',
    })
    expect(signed.url).toContain('X-Amz-Security-Token=')
    const { status, xml } = await send(signed, 'GET')
    expect(status).toBe(200)
    expect(xml.GetCallerIdentityResponse.GetCallerIdentityResult.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/Cli/botocore',
    )
  },
)
