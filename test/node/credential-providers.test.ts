import { CreateRoleCommand, GetRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers'
import { describe, expect, it } from 'vitest'
import { iamClient, ROOT_KEY, sdkError, useIam } from '../helpers.js'

/** `@aws-sdk/credential-providers` against the mock, end to end, with signatures verified. */

const ACCOUNT = '123456789012'
useIam({
  verifySignatures: true,
  fixtures: {
    AccountId: ACCOUNT,
    Root: {
      AccessKeys: [
        { AccessKeyId: ROOT_KEY.accessKeyId, SecretAccessKey: ROOT_KEY.secretAccessKey },
      ],
    },
  },
})

const root = iamClient()
const trust = (principal: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  })

async function role(name: string, principal = ACCOUNT): Promise<string> {
  const { Role } = await root.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(principal) }),
  )
  return Role!.Arn!
}

const clientConfig = { region: 'us-east-1', maxAttempts: 1 }

describe('fromTemporaryCredentials', () => {
  it('assumes a role whose credentials then call IAM as the role session', async () => {
    const RoleArn = await role('Deployer')
    const credentials = fromTemporaryCredentials({
      masterCredentials: ROOT_KEY,
      params: { RoleArn, RoleSessionName: 'provider-test' },
      clientConfig,
    })
    const resolved = await credentials()
    expect(resolved.accessKeyId).toMatch(/^ASIA/)
    expect(resolved.sessionToken).toBeDefined()
    expect(resolved.expiration!.getTime()).toBeGreaterThan(Date.now())

    const iam = iamClient(undefined, { credentials })
    const { Roles } = await iam.send(new ListRolesCommand({}))
    expect(Roles!.map((r) => r.RoleName)).toEqual(['Deployer'])
    const identity = await new STSClient({ ...clientConfig, credentials }).send(
      new GetCallerIdentityCommand({}),
    )
    expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/provider-test`)
    const { Role } = await root.send(new GetRoleCommand({ RoleName: 'Deployer' }))
    expect(Role!.RoleLastUsed!.LastUsedDate).toBeInstanceOf(Date)
  })

  it('chains roles when its master credentials are another fromTemporaryCredentials', async () => {
    const first = await role('First')
    const second = await role('Second', first)
    const credentials = fromTemporaryCredentials({
      masterCredentials: fromTemporaryCredentials({
        masterCredentials: ROOT_KEY,
        params: { RoleArn: first, RoleSessionName: 'hop-1' },
        clientConfig,
      }),
      params: { RoleArn: second, RoleSessionName: 'hop-2' },
      clientConfig,
    })
    const identity = await new STSClient({ ...clientConfig, credentials }).send(
      new GetCallerIdentityCommand({}),
    )
    expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Second/hop-2`)
  })

  it('surfaces AccessDenied when the trust policy does not name the caller', async () => {
    const first = await role('First')
    const RoleArn = await role('OnlyFirst', first)
    const credentials = fromTemporaryCredentials({
      masterCredentials: ROOT_KEY,
      params: { RoleArn, RoleSessionName: 'nope' },
      clientConfig,
    })
    const error = await sdkError(credentials())
    expect(error.name).toBe('AccessDenied')
    expect(error.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: sts:AssumeRole on resource: ${RoleArn}`,
    )
  })
})
