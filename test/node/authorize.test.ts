import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  DeleteUserPolicyCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  GetDelegationRequestCommand,
  UpdateDelegationRequestCommand,
  AcceptDelegationRequestCommand,
  GetRoleCommand,
  GetUserCommand,
  GetServerCertificateCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam'
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  GetWebIdentityTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import type { IamFixture } from '../../src/index.js'
import { accessDenied, clientAs, iamClient, sdkError, useIam, userKey } from '../helpers.js'
import { certificate } from '../keys.js'

const ACCOUNT = '123456789012'
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements })
const key = userKey
const as = clientAs
const sts = (name: string) => {
  const { AccessKeyId, SecretAccessKey } = key(name)
  return new STSClient({
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey },
  })
}

const trust = (Principal: object) =>
  doc({ Effect: 'Allow', Principal, Action: ['sts:AssumeRole', 'sts:TagSession'] })

const web = certificate('/CN=web.example.com')
const fixtures: IamFixture = {
  ServerCertificates: [
    {
      ServerCertificateName: 'web',
      Path: '/elb/',
      CertificateBody: web.certificate,
      PrivateKey: web.privateKey,
    },
  ],
  Policies: [
    {
      PolicyName: 'ListOnly',
      Document: doc({ Effect: 'Allow', Action: 'iam:List*', Resource: '*' }),
    },
  ],
  Users: [
    { UserName: 'alice', AccessKeys: [key('alice')] },
    {
      UserName: 'bob',
      AccessKeys: [key('bob')],
      // "Bob can rotate his own keys but not Alice's."
      Policies: {
        own: doc({
          Effect: 'Allow',
          Action: [
            'iam:CreateAccessKey',
            'iam:DeleteAccessKey',
            'iam:ListAccessKeys',
            'iam:GenerateServiceLastAccessedDetails',
          ],
          Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
        }),
      },
    },
    {
      UserName: 'carol',
      AccessKeys: [key('carol')],
      Policies: {
        admin: doc(
          { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
          { Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' },
        ),
      },
    },
    {
      UserName: 'dave',
      AccessKeys: [key('dave')],
      Policies: { admin: doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }) },
      PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/ListOnly`,
    },
    {
      UserName: 'heidi',
      AccessKeys: [key('heidi')],
      Policies: {
        deploy: doc({
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: `arn:aws:iam::${ACCOUNT}:role/Deployer`,
        }),
      },
    },
    {
      UserName: 'judy',
      AccessKeys: [key('judy')],
      Policies: {
        federate: doc(
          { Effect: 'Allow', Action: ['iam:List*', 'iam:GetUser'], Resource: '*' },
          { Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: '*' },
        ),
      },
    },
    {
      UserName: 'kim',
      AccessKeys: [key('kim')],
      Policies: {
        context: doc(
          {
            Effect: 'Allow',
            Action: 'iam:GetRole',
            Resource: '*',
            Condition: { StringEquals: { 'aws:ResourceTag/team': 'ops' } },
          },
          {
            Effect: 'Allow',
            Action: 'iam:GetUser',
            Resource: '*',
            Condition: {
              IpAddress: { 'aws:SourceIp': '127.0.0.0/8' },
              StringEquals: { 'aws:RequestedRegion': 'us-east-1' },
              StringLike: { 'aws:UserAgent': '*aws-sdk-js*' },
              Bool: { 'aws:SecureTransport': 'true' },
            },
          },
          {
            Effect: 'Allow',
            Action: 'iam:ListUsers',
            Resource: '*',
            Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
          },
        ),
      },
    },
    {
      UserName: 'ivan',
      AccessKeys: [key('ivan')],
      Policies: { nosts: doc({ Effect: 'Deny', Action: 'sts:*', Resource: '*' }) },
    },
  ],
  Roles: [
    { RoleName: 'OpsTools', Tags: [{ Key: 'team', Value: 'ops' }] },
    { RoleName: 'DataTools', Tags: [{ Key: 'team', Value: 'data' }] },
    {
      RoleName: 'Deployer',
      AssumeRolePolicyDocument: trust({ AWS: ACCOUNT }),
    },
    {
      RoleName: 'BobsOwn',
      AssumeRolePolicyDocument: trust({
        AWS: [`arn:aws:iam::${ACCOUNT}:user/bob`, `arn:aws:iam::${ACCOUNT}:user/ivan`],
      }),
    },
    {
      RoleName: 'Reader',
      Policies: { read: doc({ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }) },
    },
  ],
  DelegationRequests: [
    {
      DelegationRequestId: 'partner-request-1',
      RequestorId: '210987654321',
      Description: 'Monitoring',
      Permissions: {},
      RequestorWorkflowId: 'partner-workflow-1',
      NotificationChannel: 'arn:aws:sns:us-east-1:210987654321:updates',
      SessionDuration: 3600,
    },
    {
      DelegationRequestId: 'bobs-request-00001',
      RequestorId: '210987654321',
      OwnerAccountId: ACCOUNT,
      OwnerId: `arn:aws:iam::${ACCOUNT}:user/bob`,
      State: 'ASSIGNED',
      Description: 'Backups',
      Permissions: {},
      RequestorWorkflowId: 'partner-workflow-2',
      NotificationChannel: 'arn:aws:sns:us-east-1:210987654321:updates',
      SessionDuration: 3600,
    },
  ],
  RoleSessions: [
    {
      AccessKeyId: 'ASIAREADERSESSION001',
      SecretAccessKey: 'reader-secret',
      SessionToken: 'reader-token',
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/Reader`,
      RoleSessionName: 'ci',
    },
  ],
}

const iam = useIam({ fixtures, authorize: true })

const denied = accessDenied

describe('authorize: true', () => {
  it("lets Bob rotate his own keys but not Alice's, in AWS's words", async () => {
    await as('bob').send(new CreateAccessKeyCommand({ UserName: 'bob' }))
    // Without UserName, the caller's own user is the resource.
    const { AccessKeyMetadata } = await as('bob').send(new ListAccessKeysCommand({}))
    expect(AccessKeyMetadata).toHaveLength(2)
    expect(await denied(as('bob').send(new CreateAccessKeyCommand({ UserName: 'alice' })))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: iam:CreateAccessKey on resource: arn:aws:iam::${ACCOUNT}:user/alice because no identity-based policy allows the iam:CreateAccessKey action`,
    )
    expect(iam.store.user('alice')?.AccessKeys).toHaveLength(1)
  })

  it('names a server certificate by its ARN, path included', async () => {
    const request = new GetServerCertificateCommand({ ServerCertificateName: 'web' })
    expect(await denied(as('alice').send(request))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: iam:GetServerCertificate on resource: arn:aws:iam::${ACCOUNT}:server-certificate/elb/web because no identity-based policy allows the iam:GetServerCertificate action`,
    )
    await as('carol').send(request)
  })

  // @note inferred: an action with no resource type is refused without "on resource".
  it('names no resource for an action that has none', async () => {
    expect(await denied(as('bob').send(new ListUsersCommand({})))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: iam:ListUsers because no identity-based policy allows the iam:ListUsers action`,
    )
  })

  // AWS's access advisor counts every authenticated attempt, not only the allowed ones.
  it('records a refused request as the user’s last access to IAM', async () => {
    await denied(as('bob').send(new ListUsersCommand({})))
    expect(iam.store.user('bob')?.LastAccessed).toEqual([
      {
        ServiceNamespace: 'iam',
        ActionName: 'ListUsers',
        LastAuthenticated: expect.any(Date),
        LastAuthenticatedRegion: 'us-east-1',
      },
    ])
    const root = iamClient()
    const { JobId } = await root.send(
      new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/bob` }),
    )
    await root.send(new GetServiceLastAccessedDetailsCommand({ JobId }))
    const report = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId }))
    expect(report.ServicesLastAccessed).toEqual([
      expect.objectContaining({
        ServiceNamespace: 'iam',
        LastAuthenticatedEntity: `arn:aws:iam::${ACCOUNT}:user/bob`,
        TotalAuthenticatedEntities: 1,
      }),
    ])
  })

  it('judges an access advisor report on the entity its Arn names', async () => {
    const own = `arn:aws:iam::${ACCOUNT}:user/bob`
    const { JobId } = await as('bob').send(
      new GenerateServiceLastAccessedDetailsCommand({ Arn: own }),
    )
    expect(JobId).toHaveLength(36)
    const alice = `arn:aws:iam::${ACCOUNT}:user/alice`
    expect(
      await denied(as('bob').send(new GenerateServiceLastAccessedDetailsCommand({ Arn: alice }))),
    ).toBe(
      `User: ${own} is not authorized to perform: iam:GenerateServiceLastAccessedDetails on resource: ${alice} because no identity-based policy allows the iam:GenerateServiceLastAccessedDetails action`,
    )
  })

  it("names a delegation request by its ARN, a partner's under the partner's account", async () => {
    expect(
      await denied(
        as('bob').send(
          new GetDelegationRequestCommand({ DelegationRequestId: 'partner-request-1' }),
        ),
      ),
    ).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: iam:GetDelegationRequest on resource: arn:aws:iam::210987654321:delegation-request/partner-request-1 because no identity-based policy allows the iam:GetDelegationRequest action`,
    )
  })

  it('lets the owner of a delegation request get and update it without a policy', async () => {
    const DelegationRequestId = 'bobs-request-00001'
    const { DelegationRequest } = await as('bob').send(
      new GetDelegationRequestCommand({ DelegationRequestId }),
    )
    expect(DelegationRequest!.State).toBe('ASSIGNED')
    await as('bob').send(new UpdateDelegationRequestCommand({ DelegationRequestId, Notes: 'ok?' }))
    expect(
      await denied(as('bob').send(new AcceptDelegationRequestCommand({ DelegationRequestId }))),
    ).toMatch(/is not authorized to perform: iam:AcceptDelegationRequest/)
    expect(
      await denied(as('alice').send(new GetDelegationRequestCommand({ DelegationRequestId }))),
    ).toMatch(/user\/alice is not authorized to perform: iam:GetDelegationRequest/)
  })

  it('gives conditions the resource’s tags and the request’s address, client, region and transport', async () => {
    const { Role } = await as('kim').send(new GetRoleCommand({ RoleName: 'OpsTools' }))
    expect(Role!.RoleName).toBe('OpsTools')
    expect(await denied(as('kim').send(new GetRoleCommand({ RoleName: 'DataTools' })))).toMatch(
      /iam:GetRole on resource: .*role\/DataTools because no identity-based policy allows/,
    )
    // @note inferred: in-process, the client is the test process on loopback (127.0.0.1).
    const { User } = await as('kim').send(new GetUserCommand({}))
    expect(User!.UserName).toBe('kim')
    expect(await denied(as('kim').send(new ListUsersCommand({})))).toMatch(
      /because no identity-based policy allows the iam:ListUsers action$/,
    )
  })

  it('decides by the policies as they are now, after each change to them', async () => {
    const root = iamClient()
    const listing = JSON.stringify(doc({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }))
    await denied(as('bob').send(new ListUsersCommand({})))
    await root.send(
      new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'list', PolicyDocument: listing }),
    )
    expect((await as('bob').send(new ListUsersCommand({}))).Users).toBeDefined()
    await root.send(new DeleteUserPolicyCommand({ UserName: 'bob', PolicyName: 'list' }))
    await denied(as('bob').send(new ListUsersCommand({})))
    await root.send(new CreateGroupCommand({ GroupName: 'listers' }))
    await root.send(
      new PutGroupPolicyCommand({
        GroupName: 'listers',
        PolicyName: 'list',
        PolicyDocument: listing,
      }),
    )
    await denied(as('bob').send(new ListUsersCommand({})))
    await root.send(new AddUserToGroupCommand({ GroupName: 'listers', UserName: 'bob' }))
    expect((await as('bob').send(new ListUsersCommand({}))).Users).toBeDefined()
  })

  it('lets an explicit deny win over an allow', async () => {
    await as('carol').send(new CreateUserCommand({ UserName: 'erin' }))
    expect(await denied(as('carol').send(new DeleteUserCommand({ UserName: 'erin' })))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/carol is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::${ACCOUNT}:user/erin with an explicit deny in an identity-based policy`,
    )
    expect(iam.store.user('erin')).toBeDefined()
  })

  it('keeps a user within its permissions boundary, and changes nothing when it refuses', async () => {
    await as('dave').send(new ListUsersCommand({}))
    expect(
      await denied(as('dave').send(new CreateUserCommand({ UserName: 'frank', Path: '/ops/' }))),
    ).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/dave is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCOUNT}:user/ops/frank because no permissions boundary allows the iam:CreateUser action`,
    )
    expect(iam.store.user('frank')).toBeUndefined()
  })

  it("evaluates a role session's role policies, naming the assumed role", async () => {
    const session = iamClient({
      accessKeyId: 'ASIAREADERSESSION001',
      secretAccessKey: 'reader-secret',
      sessionToken: 'reader-token',
    })
    const { Role } = await session.send(new GetRoleCommand({ RoleName: 'Reader' }))
    expect(Role?.RoleName).toBe('Reader')
    expect(await denied(session.send(new ListUsersCommand({})))).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/Reader/ci is not authorized to perform: iam:ListUsers because no identity-based policy allows the iam:ListUsers action`,
    )
  })

  it('lets the root user do everything', async () => {
    await iamClient().send(new CreateUserCommand({ UserName: 'grace' }))
    await iamClient().send(new DeleteUserCommand({ UserName: 'grace' }))
  })
})

describe('authorize: true, for STS', () => {
  const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`
  const assume = (who: string, role: string, extra: object = {}) =>
    sts(who).send(
      new AssumeRoleCommand({ RoleArn: roleArn(role), RoleSessionName: 's1', ...extra }),
    )

  it('asks the caller’s policies for sts:AssumeRole when the trust policy names its account', async () => {
    expect(await denied(assume('alice', 'Deployer'))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${roleArn('Deployer')} because no identity-based policy allows the sts:AssumeRole action`,
    )
    const { AssumedRoleUser } = await assume('heidi', 'Deployer')
    expect(AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/s1`)
  })

  it('needs no identity policy when the trust policy names the user itself', async () => {
    const { AssumedRoleUser } = await assume('bob', 'BobsOwn')
    expect(AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/BobsOwn/s1`)
    // An explicit deny still wins over the trust policy's grant.
    expect(await denied(assume('ivan', 'BobsOwn'))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/ivan is not authorized to perform: sts:AssumeRole on resource: ${roleArn('BobsOwn')} with an explicit deny in an identity-based policy`,
    )
  })

  it('asks for sts:TagSession when AssumeRole passes session tags', async () => {
    const tags = { Tags: [{ Key: 'team', Value: 'ops' }] }
    expect(await denied(assume('heidi', 'Deployer', tags))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/heidi is not authorized to perform: sts:TagSession on resource: ${roleArn('Deployer')} because no identity-based policy allows the sts:TagSession action`,
    )
  })

  it('refuses GetFederationToken without a policy, on the federated user it would make', async () => {
    expect(
      await denied(sts('alice').send(new GetFederationTokenCommand({ Name: 'partner' }))),
    ).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::${ACCOUNT}:federated-user/partner because no identity-based policy allows the sts:GetFederationToken action`,
    )
  })

  it('asks for sts:GetWebIdentityToken, with its audiences in the request context', async () => {
    const input = { Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256' }
    expect(await denied(sts('alice').send(new GetWebIdentityTokenCommand(input)))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:GetWebIdentityToken because no identity-based policy allows the sts:GetWebIdentityToken action`,
    )
  })

  it('lets IAM refuse a federated user whatever its session policies allow', async () => {
    const { Credentials } = await sts('judy').send(
      new GetFederationTokenCommand({
        Name: 'partner',
        Policy: JSON.stringify(doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })),
      }),
    )
    const partner = iamClient({
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    })
    const error = await sdkError(partner.send(new ListUsersCommand({})))
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidClientTokenId', 403])
  })

  it('never refuses GetCallerIdentity or GetSessionToken (AWS controls neither by policy)', async () => {
    // Even an explicit deny of sts:* leaves them to ivan.
    const identity = await sts('ivan').send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/ivan`)
    const token = await sts('ivan').send(new GetSessionTokenCommand({}))
    expect(token.Credentials!.AccessKeyId).toMatch(/^ASIA/)
  })
})
