import {
  CreateGroupCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListUsersCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock, type IamFixture } from '../../src/index.js'
import { accessDenied, clientAs, iamClient, ROOT_KEY, useIam, userKey } from '../helpers.js'

/** An account in an organization: service control policies limit every principal of it. */

const ACCOUNT = '123456789012'
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements })
const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' })

const fixtures: IamFixture = {
  Users: [
    { UserName: 'admin', AccessKeys: [userKey('admin')], Policies: { all: allowAll } },
    {
      UserName: 'lister',
      AccessKeys: [userKey('lister')],
      Policies: { list: doc({ Effect: 'Allow', Action: 'iam:List*', Resource: '*' }) },
    },
    {
      UserName: 'orgonly',
      AccessKeys: [userKey('orgonly')],
      Policies: {
        own: doc({
          Effect: 'Allow',
          Action: 'iam:GetUser',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorgid' } },
        }),
        other: doc({
          Effect: 'Allow',
          Action: 'iam:ListUsers',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-someoneelse' } },
        }),
      },
    },
  ],
  Organization: {
    Id: 'o-exampleorgid',
    ServiceControlPolicies: [
      {
        PolicyName: 'IamReadAndUsers',
        Document: doc({
          Effect: 'Allow',
          Action: ['iam:List*', 'iam:Get*', 'iam:Simulate*', 'iam:CreateUser', 'iam:DeleteUser'],
          Resource: '*',
        }),
      },
      {
        PolicyName: 'KeepAdmin',
        Document: doc({
          Sid: 'KeepAdmin',
          Effect: 'Deny',
          Action: 'iam:DeleteUser',
          Resource: `arn:aws:iam::${ACCOUNT}:user/admin`,
        }),
      },
    ],
  },
}

const iam = useIam({ fixtures, authorize: true })

describe('service control policies, enforced', () => {
  it('gives requests the organization’s id as aws:PrincipalOrgID', async () => {
    const { User } = await clientAs('orgonly').send(new GetUserCommand({}))
    expect(User!.UserName).toBe('orgonly')
    expect(await accessDenied(clientAs('orgonly').send(new ListUsersCommand({})))).toMatch(
      /because no identity-based policy allows the iam:ListUsers action$/,
    )
  })

  it('refuses what an SCP denies, whatever the identity policies allow, in AWS’s words', async () => {
    expect(
      await accessDenied(clientAs('admin').send(new DeleteUserCommand({ UserName: 'admin' }))),
    ).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/admin is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::${ACCOUNT}:user/admin with an explicit deny in a service control policy`,
    )
    expect(iam.store.user('admin')).toBeDefined()
  })

  it('refuses what no SCP allows', async () => {
    expect(
      await accessDenied(clientAs('admin').send(new CreateGroupCommand({ GroupName: 'ops' }))),
    ).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/admin is not authorized to perform: iam:CreateGroup on resource: arn:aws:iam::${ACCOUNT}:group/ops because no service control policy allows the iam:CreateGroup action`,
    )
  })

  it('allows what both an SCP and an identity-based policy allow, and only that', async () => {
    await clientAs('admin').send(new CreateUserCommand({ UserName: 'erin' }))
    await clientAs('admin').send(new DeleteUserCommand({ UserName: 'erin' }))
    await clientAs('lister').send(new ListUsersCommand({}))
    expect(
      await accessDenied(clientAs('lister').send(new GetUserCommand({ UserName: 'admin' }))),
    ).toMatch(/because no identity-based policy allows the iam:GetUser action$/)
  })

  it('limits the root user too', async () => {
    await iamClient().send(new CreateUserCommand({ UserName: 'frank' }))
    expect(await accessDenied(iamClient().send(new DeleteUserCommand({ UserName: 'admin' })))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::${ACCOUNT}:user/admin with an explicit deny in a service control policy`,
    )
  })
})

describe('service control policies in simulation', () => {
  const simulate = async (PolicySourceArn: string, ActionNames: string[]) =>
    (await iamClient().send(new SimulatePrincipalPolicyCommand({ PolicySourceArn, ActionNames })))
      .EvaluationResults!

  it('reports OrganizationsDecisionDetail when the account is in an organization', async () => {
    const results = await simulate(`arn:aws:iam::${ACCOUNT}:user/admin`, [
      'iam:ListUsers',
      's3:GetObject',
    ])
    expect(
      results.map((r) => [
        r.EvalActionName,
        r.EvalDecision,
        r.OrganizationsDecisionDetail?.AllowedByOrganizations,
      ]),
    ).toEqual([
      ['iam:ListUsers', 'allowed', true],
      ['s3:GetObject', 'implicitDeny', false],
    ])
  })

  // @note inferred: a decision the SCPs made lists no MatchedStatements.
  it('lets an SCP deny decide, without naming its statement', async () => {
    const [result] = await iamClient()
      .send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/admin`,
          ActionNames: ['iam:DeleteUser'],
          ResourceArns: [`arn:aws:iam::${ACCOUNT}:user/admin`],
        }),
      )
      .then((r) => r.EvaluationResults!)
    expect(result).toMatchObject({
      EvalDecision: 'explicitDeny',
      MatchedStatements: [],
      OrganizationsDecisionDetail: { AllowedByOrganizations: false },
    })
  })

  // @note inferred: SimulateCustomPolicy applies only the SCPs it is given, not the account's.
  it('simulates the SCPs SimulateCustomPolicy is given, level by level', async () => {
    const level = (...statements: object[]) => ({
      ServiceControlPolicyInputList: [JSON.stringify(doc(...statements))],
    })
    const { EvaluationResults } = await iamClient().send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [JSON.stringify(allowAll)],
        OrderedOrganizationPolicyInputList: [
          level({ Effect: 'Allow', Action: '*', Resource: '*' }),
          level({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
        ],
        ActionNames: ['s3:GetObject', 'iam:ListUsers'],
      }),
    )
    expect(
      EvaluationResults!.map((r) => [
        r.EvalDecision,
        r.OrganizationsDecisionDetail?.AllowedByOrganizations,
      ]),
    ).toEqual([
      ['allowed', true],
      ['implicitDeny', false],
    ])
  })
})

describe('the Organization fixture', () => {
  const simulate = async (fixture: IamFixture) => {
    const mock = createIamMock({ fixtures: { ...fixture, Users: [{ UserName: 'u' }] } })
    const client = iamClient(ROOT_KEY, { requestHandler: mock.requestHandler })
    const { EvaluationResults } = await client.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/u`,
        ActionNames: ['s3:GetObject'],
      }),
    )
    return EvaluationResults![0]!.OrganizationsDecisionDetail
  }

  it('defaults to FullAWSAccess alone, and never limits the management account', async () => {
    expect(await simulate({ Organization: {} })).toEqual({ AllowedByOrganizations: true })
    expect(await simulate({ Organization: { ManagementAccount: true } })).toBeUndefined()
    expect(await simulate({})).toBeUndefined()
  })

  it('shows the organization in the store view', () => {
    expect(iam.store.organization()).toMatchObject({
      Id: 'o-exampleorgid',
      ManagementAccount: false,
      ServiceControlPolicies: [{ PolicyName: 'IamReadAndUsers' }, { PolicyName: 'KeepAdmin' }],
    })
  })

  it('snapshots the organization with its SCPs as it was loaded', () => {
    expect(iam.snapshot().Organization).toEqual({
      Id: 'o-exampleorgid',
      ManagementAccount: false,
      ServiceControlPolicies: fixtures.Organization!.ServiceControlPolicies!.map((p) => ({
        PolicyName: p.PolicyName,
        Document: JSON.stringify(p.Document),
      })),
    })
  })
})

// @note inferred: Organizations' DuplicatePolicyException for a second SCP of one name.
it('refuses a fixture with two SCPs of one name, naming the field', () => {
  const policy = { PolicyName: 'Same', Document: allowAll }
  expect(() =>
    createIamMock({ fixtures: { Organization: { ServiceControlPolicies: [policy, policy] } } }),
  ).toThrow('Organization.ServiceControlPolicies[1]: A policy with the same name already exists.')
})
