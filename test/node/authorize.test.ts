import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetRoleCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import type { IamFixture } from '../../src/index.js'
import { accessDenied, clientAs, iamClient, useIam, userKey } from '../helpers.js'

const ACCOUNT = '123456789012'
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements })
const key = userKey
const as = clientAs

const fixtures: IamFixture = {
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
          Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys'],
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
  ],
  Roles: [
    {
      RoleName: 'Reader',
      Policies: { read: doc({ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }) },
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

  // @note inferred: an action with no resource type is refused without "on resource".
  it('names no resource for an action that has none', async () => {
    expect(await denied(as('bob').send(new ListUsersCommand({})))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: iam:ListUsers because no identity-based policy allows the iam:ListUsers action`,
    )
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
