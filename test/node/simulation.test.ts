import {
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  ListPoliciesGrantingServiceAccessCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  type SimulateCustomPolicyCommandInput,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import type { IamFixture } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'

const statement = (effect: 'Allow' | 'Deny', action: string, resource = '*', extra = {}) => ({
  Effect: effect,
  Action: action,
  Resource: resource,
  ...extra,
})
const doc = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements })

const READ_LOGS = doc(statement('Allow', 'logs:Get*'))
const fixtures: IamFixture = {
  Policies: [{ PolicyName: 'ReadLogs', Document: READ_LOGS }],
  Users: [
    {
      UserName: 'alice',
      Policies: { s3: doc(statement('Allow', 's3:*')) },
      PermissionsBoundary: 'arn:aws:iam::123456789012:policy/ReadLogs',
    },
    { UserName: 'bob', Policies: { s3: doc(statement('Allow', 's3:*')) } },
  ],
  Groups: [
    {
      GroupName: 'ops',
      Users: ['bob'],
      AttachedPolicies: ['arn:aws:iam::123456789012:policy/ReadLogs'],
      Policies: { 'no-delete': doc(statement('Deny', 's3:DeleteBucket')) },
    },
  ],
}

useIam({ fixtures })
const client = iamClient()

const custom = async (input: Partial<SimulateCustomPolicyCommandInput>) =>
  (
    await client.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [], ActionNames: [], ...input }),
    )
  ).EvaluationResults!
const decisions = (results: Awaited<ReturnType<typeof custom>>) =>
  results.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])

describe('SimulateCustomPolicy', () => {
  it('decides each action as IAM does: an explicit deny wins, then an allow, else an implicit deny', async () => {
    const results = await custom({
      PolicyInputList: [
        doc(statement('Allow', 's3:*')),
        doc(statement('Deny', 's3:DeleteBucket', 'arn:aws:s3:::prod')),
      ],
      ActionNames: ['s3:GetObject', 's3:DeleteBucket', 'ec2:RunInstances'],
      ResourceArns: ['arn:aws:s3:::prod', 'arn:aws:s3:::dev'],
    })
    expect(decisions(results)).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::prod', 'allowed'],
      ['s3:GetObject', 'arn:aws:s3:::dev', 'allowed'],
      ['s3:DeleteBucket', 'arn:aws:s3:::prod', 'explicitDeny'],
      ['s3:DeleteBucket', 'arn:aws:s3:::dev', 'allowed'],
      ['ec2:RunInstances', 'arn:aws:s3:::prod', 'implicitDeny'],
      ['ec2:RunInstances', 'arn:aws:s3:::dev', 'implicitDeny'],
    ])
    // The deny is what decided: only it is matched, named by its place in PolicyInputList.
    expect(results[2]!.MatchedStatements).toEqual([
      expect.objectContaining({
        SourcePolicyId: 'PolicyInputList.2',
        SourcePolicyType: 'IAM Policy',
      }),
    ])
    expect(results[2]!.ResourceSpecificResults).toEqual([
      {
        EvalResourceName: 'arn:aws:s3:::prod',
        EvalResourceDecision: 'explicitDeny',
        MatchedStatements: results[2]!.MatchedStatements,
        MissingContextValues: [],
      },
    ])
  })

  it('reports where the matched statement is, by line and column, in a multi-line document', async () => {
    const text = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [statement('Allow', 'sqs:List*'), statement('Allow', 'sns:*')],
      },
      null,
      2,
    )
    const [result] = await custom({ PolicyInputList: [text], ActionNames: ['sns:Publish'] })
    // The second statement's braces: line 9 and line 13, two spaces in (AWS counts one more).
    expect(result!.MatchedStatements).toEqual([
      {
        SourcePolicyId: 'PolicyInputList.1',
        SourcePolicyType: 'IAM Policy',
        StartPosition: { Line: 9, Column: 6 },
        EndPosition: { Line: 13, Column: 6 },
      },
    ])
    expect(result!.EvalResourceName).toBe('*')
    expect(result!.ResourceSpecificResults).toBeUndefined()
    // Within one account, for the resource `*`, AWS leaves EvalDecisionDetails out (documented).
    expect(result!.EvalDecisionDetails).toBeUndefined()
  })

  it('evaluates conditions on ContextEntries and names the keys it was not given', async () => {
    const policy = doc(
      statement('Allow', 's3:GetObject', '*', {
        Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      }),
      statement('Allow', 's3:PutObject', '*', {
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } },
      }),
    )
    const tagged = await custom({
      PolicyInputList: [policy],
      ActionNames: ['s3:PutObject'],
      ContextEntries: [
        {
          ContextKeyName: 'aws:PrincipalTag/team',
          ContextKeyValues: ['data'],
          ContextKeyType: 'string',
        },
      ],
    })
    expect(decisions(tagged)).toEqual([['s3:PutObject', '*', 'allowed']])
    const untagged = await custom({ PolicyInputList: [policy], ActionNames: ['s3:PutObject'] })
    expect(untagged[0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      MissingContextValues: ['aws:PrincipalTag/team'],
    })
  })

  it('lets a permissions boundary narrow what the identity policies allow', async () => {
    const results = await custom({
      PolicyInputList: [doc(statement('Allow', '*'))],
      PermissionsBoundaryPolicyInputList: [doc(statement('Allow', 'logs:*'))],
      ActionNames: ['logs:GetLogEvents', 'iam:CreateUser'],
    })
    expect(
      results.map((r) => [
        r.EvalDecision,
        r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary,
      ]),
    ).toEqual([
      ['allowed', true],
      ['implicitDeny', false],
    ])
  })

  it('pages the results with MaxItems and Marker', async () => {
    const input = {
      PolicyInputList: [doc(statement('Allow', 's3:*'))],
      ActionNames: ['s3:A', 's3:B', 's3:C'],
    }
    const first = await client.send(new SimulateCustomPolicyCommand({ ...input, MaxItems: 2 }))
    expect([first.EvaluationResults!.length, first.IsTruncated]).toEqual([2, true])
    const rest = await client.send(
      new SimulateCustomPolicyCommand({ ...input, MaxItems: 2, Marker: first.Marker! }),
    )
    expect(rest.EvaluationResults!.map((r) => r.EvalActionName)).toEqual(['s3:C'])
    expect(rest.IsTruncated).toBe(false)
  })

  // @note inferred: a document the grammar refuses is InvalidInput with the grammar's sentence.
  it('refuses a policy that is not one with InvalidInput', async () => {
    const error = await sdkError(
      custom({ PolicyInputList: ['{"Version": "2012-10-17"'], ActionNames: ['s3:A'] }),
    )
    expect([error.Code, error.$metadata.httpStatusCode]).toEqual(['InvalidInput', 400])
  })
})

describe('SimulatePrincipalPolicy', () => {
  const principal = async (arn: string, actions: string[], extra = {}) =>
    (
      await client.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: arn,
          ActionNames: actions,
          ...extra,
        }),
      )
    ).EvaluationResults!.map((r) => [r.EvalActionName, r.EvalDecision])

  it("evaluates a user's policies with those of its groups", async () => {
    expect(
      await principal('arn:aws:iam::123456789012:user/bob', [
        's3:GetObject',
        's3:DeleteBucket',
        'logs:GetLogEvents',
        'ec2:RunInstances',
      ]),
    ).toEqual([
      ['s3:GetObject', 'allowed'],
      ['s3:DeleteBucket', 'explicitDeny'],
      ['logs:GetLogEvents', 'allowed'],
      ['ec2:RunInstances', 'implicitDeny'],
    ])
  })

  it("applies the user's permissions boundary, unless the request gives another", async () => {
    const arn = 'arn:aws:iam::123456789012:user/alice'
    expect(await principal(arn, ['s3:GetObject'])).toEqual([['s3:GetObject', 'implicitDeny']])
    expect(
      await principal(arn, ['s3:GetObject'], {
        PermissionsBoundaryPolicyInputList: [doc(statement('Allow', 's3:Get*'))],
      }),
    ).toEqual([['s3:GetObject', 'allowed']])
  })

  it('leaves out the policies PolicyExclusionList names', async () => {
    expect(
      await principal('arn:aws:iam::123456789012:group/ops', ['logs:GetLogEvents'], {
        PolicyExclusionList: [{ PolicyArn: 'arn:aws:iam::123456789012:policy/ReadLogs' }],
      }),
    ).toEqual([['logs:GetLogEvents', 'implicitDeny']])
  })

  // @note inferred: the entity's NoSuchEntity, and InvalidInput for an ARN of no user, group or role.
  it('answers NoSuchEntity for a principal that does not exist, InvalidInput for another ARN', async () => {
    const missing = await sdkError(principal('arn:aws:iam::123456789012:role/nobody', ['s3:A']))
    expect([missing.Code, missing.message]).toEqual([
      'NoSuchEntity',
      'The role with name nobody cannot be found.',
    ])
    const other = await sdkError(principal('arn:aws:s3:::a-bucket-of-mine', ['s3:A']))
    expect([other.Code, other.$metadata.httpStatusCode]).toEqual(['InvalidInput', 400])
  })
})

describe('condition operators and policy variables in simulation', () => {
  const decide = async (
    condition: object,
    context: Record<string, [string, string[]]>,
    resource?: string,
  ) => {
    const [result] = await custom({
      PolicyInputList: [
        doc(statement('Allow', 's3:GetObject', resource ?? '*', { Condition: condition })),
      ],
      ActionNames: ['s3:GetObject'],
      ...(resource && { ResourceArns: ['arn:aws:s3:::home/alice/notes.txt'] }),
      ContextEntries: Object.entries(context).map(([name, [type, values]]) => ({
        ContextKeyName: name,
        ContextKeyType: type as 'string',
        ContextKeyValues: values,
      })),
    })
    return result!.EvalDecision
  }

  it('matches IPv4 and IPv6 addresses against CIDR blocks, and NotIpAddress the other way', async () => {
    const v4 = { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } }
    expect(await decide(v4, { 'aws:SourceIp': ['ip', ['203.0.113.77']] })).toBe('allowed')
    expect(await decide(v4, { 'aws:SourceIp': ['ip', ['198.51.100.1']] })).toBe('implicitDeny')
    expect(await decide(v4, { 'aws:SourceIp': ['ip', ['2001:db8:0:1::5']] })).toBe('allowed')
    expect(await decide(v4, { 'aws:SourceIp': ['ip', ['2001:db9::1']] })).toBe('implicitDeny')
    const not = { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }
    expect(await decide(not, { 'aws:SourceIp': ['ip', ['10.1.2.3']] })).toBe('implicitDeny')
    expect(await decide(not, { 'aws:SourceIp': ['ip', ['192.0.2.1']] })).toBe('allowed')
  })

  it('takes JSON booleans as condition values', async () => {
    const secure = { Bool: { 'aws:SecureTransport': true } }
    expect(await decide(secure, { 'aws:SecureTransport': ['boolean', ['true']] })).toBe('allowed')
    expect(await decide(secure, { 'aws:SecureTransport': ['boolean', ['false']] })).toBe(
      'implicitDeny',
    )
  })

  it("substitutes policy variables in resources, with a variable's default when the key is missing", async () => {
    const home = 'arn:aws:s3:::home/${aws:username}/*'
    expect(await decide({}, { 'aws:username': ['string', ['alice']] }, home)).toBe('allowed')
    expect(await decide({}, { 'aws:username': ['string', ['bob']] }, home)).toBe('implicitDeny')
    const withDefault = "arn:aws:s3:::home/${aws:username, 'alice'}/*"
    expect(await decide({}, {}, withDefault)).toBe('allowed')
  })
})

describe('GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy', () => {
  it("lists the keys a policy names, in document order, as AWS's documented example does", async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: 'dynamodb:*',
        Resource: 'arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}',
        Condition: { DateGreaterThan: { 'aws:CurrentTime': '2015-08-16T12:00:00Z' } },
      },
    })
    const { ContextKeyNames } = await client.send(
      new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [policy] }),
    )
    expect(ContextKeyNames).toEqual(['aws:username', 'aws:CurrentTime'])
  })

  // @note inferred: keys differing only in case are listed once.
  it("adds the keys of the given policies to the principal's, each once", async () => {
    const tagged = doc(
      statement('Allow', 's3:*', '*', {
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x', 'AWS:principaltag/TEAM': 'y' } },
      }),
    )
    const { ContextKeyNames } = await client.send(
      new GetContextKeysForPrincipalPolicyCommand({
        PolicySourceArn: 'arn:aws:iam::123456789012:user/bob',
        PolicyInputList: [tagged],
      }),
    )
    expect(ContextKeyNames).toEqual(['aws:PrincipalTag/team'])
  })
})

describe('ListPoliciesGrantingServiceAccess', () => {
  // @note inferred: inline before managed; an Allow naming some action of the service counts.
  it("lists, per service, the user's and its groups' policies that allow some of it", async () => {
    const { PoliciesGrantingServiceAccess, IsTruncated } = await client.send(
      new ListPoliciesGrantingServiceAccessCommand({
        Arn: 'arn:aws:iam::123456789012:user/bob',
        ServiceNamespaces: ['s3', 'logs', 'ec2'],
      }),
    )
    expect(IsTruncated).toBe(false)
    expect(PoliciesGrantingServiceAccess).toEqual([
      {
        ServiceNamespace: 's3',
        Policies: [
          { PolicyName: 's3', PolicyType: 'INLINE', EntityType: 'USER', EntityName: 'bob' },
        ],
      },
      {
        ServiceNamespace: 'logs',
        Policies: [
          {
            PolicyName: 'ReadLogs',
            PolicyType: 'MANAGED',
            PolicyArn: 'arn:aws:iam::123456789012:policy/ReadLogs',
          },
        ],
      },
      { ServiceNamespace: 'ec2', Policies: [] },
    ])
  })
})

describe('resource policies and the other resource members in simulation', () => {
  const ALICE = 'arn:aws:iam::123456789012:user/alice'
  const OBJECT = 'arn:aws:s3:::reports/q1.csv'
  const bucketPolicy = (principal: string, effect: 'Allow' | 'Deny' = 'Allow') =>
    doc({
      Sid: 'Grant',
      Effect: effect,
      Principal: { AWS: principal },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::reports/*',
    })
  const results = async (input: Partial<SimulateCustomPolicyCommandInput>) =>
    custom({ PolicyInputList: [READ_LOGS], ActionNames: ['s3:GetObject'], ...input })

  // @note inferred: the resource policy's statements are ResourcePolicy, of type Resource Policy.
  it("grants what the resource policy allows the caller, and names the resource policy's statement", async () => {
    const [result] = await results({
      ResourceArns: [OBJECT],
      ResourcePolicy: bucketPolicy(ALICE),
      CallerArn: ALICE,
    })
    expect(result).toMatchObject({
      EvalDecision: 'allowed',
      MatchedStatements: [
        {
          SourcePolicyId: 'ResourcePolicy',
          SourcePolicyType: 'Resource Policy',
          StartPosition: { Line: 1, Column: 39 },
        },
      ],
      EvalDecisionDetails: {},
      ResourceSpecificResults: [{ EvalResourceName: OBJECT, EvalResourceDecision: 'allowed' }],
    })
  })

  it('lets a Deny in the resource policy win over the identity policies', async () => {
    const [result] = await results({
      PolicyInputList: [doc(statement('Allow', 's3:*'))],
      ResourceArns: [OBJECT],
      ResourcePolicy: bucketPolicy('*', 'Deny'),
      CallerArn: ALICE,
    })
    expect(result!.EvalDecision).toBe('explicitDeny')
    expect(result!.MatchedStatements!.map((s) => s.SourcePolicyType)).toEqual(['Resource Policy'])
  })

  // @note inferred: EvalDecisionDetails names each side's decision as IAM Policy and Resource Policy.
  it("needs both accounts to allow across accounts, and says each one's decision", async () => {
    const other = { ResourceArns: [OBJECT], ResourceOwner: 'arn:aws:iam::210987654321:root' }
    const [denied] = await results({
      ...other,
      PolicyInputList: [doc(statement('Allow', 's3:*'))],
      ResourcePolicy: bucketPolicy('arn:aws:iam::123456789012:user/bob'),
      CallerArn: ALICE,
    })
    const details = { 'IAM Policy': 'allowed', 'Resource Policy': 'implicitDeny' }
    expect(denied).toMatchObject({
      EvalDecision: 'implicitDeny',
      EvalDecisionDetails: details,
      ResourceSpecificResults: [
        { EvalResourceDecision: 'implicitDeny', EvalDecisionDetails: details },
      ],
    })
    const [allowed] = await results({
      ...other,
      PolicyInputList: [doc(statement('Allow', 's3:*'))],
      ResourcePolicy: bucketPolicy(ALICE),
      CallerArn: ALICE,
    })
    expect(allowed!.EvalDecisionDetails).toEqual({
      'IAM Policy': 'allowed',
      'Resource Policy': 'allowed',
    })
  })

  it('simulates a user as its own caller, or as the CallerArn given', async () => {
    const principal = (extra: object) =>
      client.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: 'arn:aws:iam::123456789012:user/bob',
          ActionNames: ['ec2:RunInstances'],
          ResourceArns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-1'],
          ResourcePolicy: doc({
            Effect: 'Allow',
            Principal: { AWS: ALICE },
            Action: 'ec2:*',
            Resource: '*',
          }),
          ...extra,
        }),
      )
    const asBob = await principal({})
    expect(asBob.EvaluationResults![0]!.EvalDecision).toBe('implicitDeny')
    const asAlice = await principal({ CallerArn: ALICE })
    expect(asAlice.EvaluationResults![0]!.EvalDecision).toBe('allowed')
  })

  // @note inferred: the sentences of the errors for a ResourcePolicy without a caller, a caller
  // that is no user, and a ResourcePolicy that does not apply to a resource.
  it('refuses a ResourcePolicy without a caller, a caller that is no user, or one that misses a resource', async () => {
    const refused = async (input: Partial<SimulateCustomPolicyCommandInput>) => {
      const error = await sdkError(results(input))
      expect([error.Code, error.$metadata.httpStatusCode]).toEqual(['InvalidInput', 400])
      return error.message
    }
    expect(await refused({ ResourcePolicy: bucketPolicy(ALICE) })).toBe(
      'A CallerArn is required to simulate a ResourcePolicy.',
    )
    expect(
      await refused({
        ResourcePolicy: bucketPolicy(ALICE),
        CallerArn: 'arn:aws:iam::123456789012:role/Admin',
      }),
    ).toBe('CallerArn must be the ARN of an IAM user: arn:aws:iam::123456789012:role/Admin')
    expect(
      await refused({
        ResourcePolicy: bucketPolicy(ALICE),
        CallerArn: ALICE,
        ResourceArns: ['arn:aws:s3:::other/key'],
      }),
    ).toBe('The ResourcePolicy does not apply to the resource arn:aws:s3:::other/key.')
    const roleSource = await sdkError(
      client.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: 'arn:aws:iam::123456789012:group/ops',
          ActionNames: ['s3:GetObject'],
          ResourcePolicy: bucketPolicy(ALICE),
        }),
      ),
    )
    expect(roleSource.message).toBe('A CallerArn is required to simulate a ResourcePolicy.')
  })

  it("refuses a ResourceOwner that is not an account's root ARN, and ResourceArns that are not ARNs, in AWS's words", async () => {
    const owner = await sdkError(results({ ResourceOwner: '210987654321' }))
    expect([owner.Code, owner.message]).toEqual([
      'InvalidInput',
      "'210987654321' is not a valid as a Resource Owner.",
    ])
    const arn = await sdkError(results({ ResourceArns: ['14a050d4-021e-4efe-84bb-0871bf6d0fda'] }))
    expect([arn.Code, arn.message]).toEqual([
      'InvalidInput',
      'ResourceNames are not in a valid ARN format: 14a050d4-021e-4efe-84bb-0871bf6d0fda.',
    ])
  })

  // @note inferred: the sentences for an unknown scenario and for a resource it lacks.
  it('checks that a ResourceHandlingOption scenario has the resources it needs', async () => {
    const ec2 = (type: string) => `arn:aws:ec2:us-east-1:123456789012:${type}/x-1`
    const base = ['instance', 'image', 'security-group'].map(ec2)
    const scenario = {
      PolicyInputList: [doc(statement('Allow', 'ec2:*'))],
      ActionNames: ['ec2:RunInstances'],
      ResourceHandlingOption: 'EC2-VPC-InstanceStore',
    }
    const lacking = await sdkError(custom({ ...scenario, ResourceArns: base }))
    expect([lacking.Code, lacking.message]).toEqual([
      'InvalidInput',
      'ResourceHandlingOption EC2-VPC-InstanceStore requires a network-interface among the ResourceArns.',
    ])
    // @note inferred: a scenario is one result per action, named `*`, with each resource's own.
    const all = [...base, ec2('network-interface')]
    const [found, ...more] = await custom({ ...scenario, ResourceArns: all })
    expect(more).toEqual([])
    expect([found!.EvalResourceName, found!.EvalDecision]).toEqual(['*', 'allowed'])
    expect(
      found!.ResourceSpecificResults!.map((r) => [r.EvalResourceName, r.EvalResourceDecision]),
    ).toEqual(all.map((arn) => [arn, 'allowed']))
    const narrow = await custom({
      ...scenario,
      PolicyInputList: [doc(statement('Allow', 'ec2:*', ec2('instance')))],
      ResourceArns: all,
    })
    expect(narrow.map((r) => r.EvalDecision)).toEqual(['implicitDeny'])
    const unknown = await sdkError(custom({ ...scenario, ResourceHandlingOption: 'EC2-Classic' }))
    expect(unknown.message).toMatch(/^Invalid ResourceHandlingOption: EC2-Classic\./)
  })

  it('reports the missing context keys per resource when ResourceArns are given', async () => {
    const [result] = await custom({
      PolicyInputList: [
        doc(
          statement('Allow', 's3:GetObject', '*', {
            Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } },
          }),
        ),
      ],
      ActionNames: ['s3:GetObject'],
      ResourceArns: [OBJECT],
    })
    expect(result!.MissingContextValues).toEqual([])
    expect(result!.ResourceSpecificResults![0]!.MissingContextValues).toEqual([
      'aws:PrincipalTag/team',
    ])
  })
})
