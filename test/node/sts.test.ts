import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import type { IamFixture } from '../../src/index.js'
import { iamClient, parseXml, ROOT_KEY, sdkError, useIam } from '../helpers.js'
import { presignedUrl, signedPost, type Credentials } from '../signing.js'

const ROLE_SESSION = {
  accessKeyId: 'ASIAROLESESSION23456',
  secretAccessKey: 'role-session-secret',
  sessionToken: 'role-session-token',
}

const fixture: IamFixture = {
  AccountId: '123456789012',
  Root: {
    AccessKeys: [{ AccessKeyId: ROOT_KEY.accessKeyId, SecretAccessKey: ROOT_KEY.secretAccessKey }],
  },
  Users: [{ UserName: 'Carol' }],
  RoleSessions: [
    {
      AccessKeyId: ROLE_SESSION.accessKeyId,
      SecretAccessKey: ROLE_SESSION.secretAccessKey,
      SessionToken: ROLE_SESSION.sessionToken,
      RoleArn: 'arn:aws:iam::123456789012:role/service/Deployer',
      RoleSessionName: 'ci-run-7',
      RoleId: 'AROADEPLOYERDEPLOYER2',
    },
  ],
}

const iam = useIam({
  verifySignatures: true,
  fixtures: fixture,
  endpoints: ['https://aws.example.test:4566'],
})

function stsClient(credentials: Credentials = ROOT_KEY, config: STSClientConfig = {}): STSClient {
  return new STSClient({ region: 'us-east-1', maxAttempts: 1, credentials, ...config })
}

const root = iamClient()
const role = iamClient(ROLE_SESSION)
const MUST_SPECIFY = 'Must specify userName when calling with non-User credentials'

describe('GetCallerIdentity', () => {
  it('names the root for a root key', async () => {
    const identity = await stsClient().send(new GetCallerIdentityCommand({}))
    expect(identity).toMatchObject({
      UserId: '123456789012',
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:root',
    })
  })

  it('names the user of a key the mock just created: proof that the key works', async () => {
    await root.send(new CreateUserCommand({ UserName: 'Bob' }))
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
    const identity = await stsClient({
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    }).send(new GetCallerIdentityCommand({}))
    expect(identity).toMatchObject({
      UserId: iam.store.user('Bob')!.UserId,
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/Bob',
    })
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/)
  })

  it('names the assumed-role session of a role session key', async () => {
    const identity = await stsClient(ROLE_SESSION).send(new GetCallerIdentityCommand({}))
    expect(identity).toMatchObject({
      UserId: 'AROADEPLOYERDEPLOYER2:ci-run-7',
      Account: '123456789012',
      Arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/ci-run-7',
    })
  })

  it('refuses a role session key with a wrong or missing session token', async () => {
    for (const sessionToken of ['another-token', undefined]) {
      const error = await sdkError(
        stsClient({ ...ROLE_SESSION, sessionToken }).send(new GetCallerIdentityCommand({})),
      )
      expect(error.name).toBe('InvalidClientTokenId')
      expect(error.message).toBe('The security token included in the request is invalid.')
      expect(error.$metadata.httpStatusCode).toBe(403)
    }
  })

  it('answers on the global endpoint too, in STS XML', async () => {
    const identity = await stsClient(ROOT_KEY, { useGlobalEndpoint: true }).send(
      new GetCallerIdentityCommand({}),
    )
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:root')
    const signed = await signedPost(
      'https://sts.amazonaws.com/',
      'Action=GetCallerIdentity&Version=2011-06-15',
      ROOT_KEY,
      { service: 'sts' },
    )
    const response = await fetch(signed.url, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    })
    const body = await response.text()
    expect(response.headers.get('content-type')).toBe('text/xml')
    const requestId = response.headers.get('x-amzn-requestid')
    expect(parseXml(body)).toEqual({
      GetCallerIdentityResponse: {
        '@_xmlns': 'https://sts.amazonaws.com/doc/2011-06-15/',
        GetCallerIdentityResult: {
          Arn: 'arn:aws:iam::123456789012:root',
          UserId: '123456789012',
          Account: '123456789012',
        },
        ResponseMetadata: { RequestId: requestId },
      },
    })
  })

  it('writes ARNs of the partition of the China and GovCloud endpoints', async () => {
    const cn = await stsClient(ROOT_KEY, { region: 'cn-north-1' }).send(
      new GetCallerIdentityCommand({}),
    )
    expect(cn.Arn).toBe('arn:aws-cn:iam::123456789012:root')
    const gov = await stsClient(ROOT_KEY, { region: 'us-gov-west-1' }).send(
      new GetCallerIdentityCommand({}),
    )
    expect(gov.Arn).toBe('arn:aws-us-gov:iam::123456789012:root')
  })

  it('answers a presigned GetCallerIdentity URL (the EKS token form)', async () => {
    const url = await presignedUrl(
      'https://sts.us-east-1.amazonaws.com/',
      { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      ROLE_SESSION,
      { service: 'sts', expiresIn: 60 },
    )
    expect(url).toContain('X-Amz-Security-Token=role-session-token')
    const response = await fetch(url)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain(
      '<Arn>arn:aws:sts::123456789012:assumed-role/Deployer/ci-run-7</Arn>',
    )
  })

  it('answers on a custom endpoint, told from IAM by its Version', async () => {
    const endpoint = 'https://aws.example.test:4566'
    const identity = await stsClient(ROOT_KEY, { endpoint, region: 'eu-west-1' }).send(
      new GetCallerIdentityCommand({}),
    )
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:root')
    const { User } = await iamClient(ROOT_KEY, { endpoint, region: 'eu-west-1' }).send(
      new GetUserCommand({ UserName: 'Carol' }),
    )
    expect(User?.UserName).toBe('Carol')
  })

  it('records the key as last used by sts, in the region signed for', async () => {
    await stsClient(ROOT_KEY, { region: 'eu-west-1' }).send(new GetCallerIdentityCommand({}))
    const lastUsed = iam.store.rootAccessKeys()[0]!.LastUsed
    expect(lastUsed).toEqual({ Date: expect.any(Date), ServiceName: 'sts', Region: 'eu-west-1' })
    // GetAccessKeyLastUsed reports that use, then records its own (iam).
    const { AccessKeyLastUsed } = await root.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: ROOT_KEY.accessKeyId }),
    )
    expect(AccessKeyLastUsed).toMatchObject({ ServiceName: 'sts', Region: 'eu-west-1' })
    expect(iam.store.rootAccessKeys()[0]!.LastUsed?.ServiceName).toBe('iam')
  })

  it('journals the call with the caller ARN', async () => {
    await stsClient(ROLE_SESSION).send(new GetCallerIdentityCommand({}))
    expect(iam.calls.last()).toMatchObject({
      action: 'GetCallerIdentity',
      caller: 'arn:aws:sts::123456789012:assumed-role/Deployer/ci-run-7',
      accessKeyId: ROLE_SESSION.accessKeyId,
      status: 200,
    })
  })
})

describe('STS errors', () => {
  it('answers a name STS does not have with InvalidAction, in STS XML', async () => {
    const signed = await signedPost(
      'https://sts.amazonaws.com/',
      'Action=AssumeWidget&Version=2011-06-15',
      ROOT_KEY,
      { service: 'sts' },
    )
    const response = await fetch(signed.url, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    })
    expect(response.status).toBe(400)
    const xml = parseXml(await response.text())
    expect(xml.ErrorResponse['@_xmlns']).toBe('https://sts.amazonaws.com/doc/2011-06-15/')
    expect(xml.ErrorResponse.Error.Code).toBe('InvalidAction')
    expect(xml.ErrorResponse.Error.Message).toBe(
      'Could not find operation AssumeWidget for version 2011-06-15',
    )
  })

  it('refuses an unsigned request with MissingAuthenticationToken in the STS namespace', async () => {
    const response = await fetch('https://sts.amazonaws.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    })
    expect(response.status).toBe(403)
    const xml = parseXml(await response.text())
    expect(xml.ErrorResponse['@_xmlns']).toBe('https://sts.amazonaws.com/doc/2011-06-15/')
    expect(xml.ErrorResponse.Error.Code).toBe('MissingAuthenticationToken')
  })

  it('refuses a request signed for iam on STS, and one signed for sts on IAM', async () => {
    const onSts = await signedPost(
      'https://sts.amazonaws.com/',
      'Action=GetCallerIdentity&Version=2011-06-15',
      ROOT_KEY,
      { service: 'iam' },
    )
    const stsAnswer = await fetch(onSts.url, {
      method: 'POST',
      headers: onSts.headers,
      body: onSts.body,
    })
    expect(await stsAnswer.text()).toContain('correct service: &apos;sts&apos;. </Message>')
    const onIam = await signedPost(
      'https://iam.amazonaws.com/',
      'Action=ListUsers&Version=2010-05-08',
      ROOT_KEY,
      { service: 'sts' },
    )
    const iamAnswer = await fetch(onIam.url, {
      method: 'POST',
      headers: onIam.headers,
      body: onIam.body,
    })
    expect(await iamAnswer.text()).toContain('correct service: &apos;iam&apos;. </Message>')
  })
})

describe('IAM calls from a role session', () => {
  it('refuses GetUser without UserName with ValidationError', async () => {
    const error = await sdkError(role.send(new GetUserCommand({})))
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(MUST_SPECIFY)
    expect(error.$metadata.httpStatusCode).toBe(400)
  })

  it('refuses the access-key actions without UserName, and changes nothing', async () => {
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'Carol' }))
    const id = AccessKey!.AccessKeyId!
    // All four in flight at once; each rejection is caught as soon as it happens (awaiting them one by
    // one would leave the later ones unhandled for a while, which Vitest reports as an error).
    const errors = await Promise.all([
      sdkError(role.send(new CreateAccessKeyCommand({}))),
      sdkError(role.send(new ListAccessKeysCommand({}))),
      sdkError(role.send(new UpdateAccessKeyCommand({ AccessKeyId: id, Status: 'Inactive' }))),
      sdkError(role.send(new DeleteAccessKeyCommand({ AccessKeyId: id }))),
    ])
    for (const error of errors) {
      expect(error.name).toBe('ValidationError')
      expect(error.message).toBe(MUST_SPECIFY)
    }
    expect(iam.store.user('Carol')?.AccessKeys).toEqual([
      expect.objectContaining({ AccessKeyId: id, Status: 'Active' }),
    ])
    expect(iam.store.rootAccessKeys()).toHaveLength(1)
  })

  it('acts on the named user when UserName is given', async () => {
    const { AccessKey } = await role.send(new CreateAccessKeyCommand({ UserName: 'Carol' }))
    expect(AccessKey?.UserName).toBe('Carol')
    const { User } = await role.send(new GetUserCommand({ UserName: 'Carol' }))
    expect(User?.UserName).toBe('Carol')
  })

  it('names the assumed role in AccessDenied messages', async () => {
    const error = await sdkError(
      role.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIANOSUCHKEY2345678' })),
    )
    expect(error.message).toBe(
      'User: arn:aws:sts::123456789012:assumed-role/Deployer/ci-run-7 is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key AKIANOSUCHKEY2345678',
    )
  })
})
