import { describe, expect, it } from 'vitest'
import { evaluate, type PolicyInput } from '../../src/policy/index.js'

/** `msw-iam/policy`: IAM's decision as a function, no HTTP and no mock. */

const ACCOUNT = '123456789012'
const alice = `arn:aws:iam::${ACCOUNT}:user/alice`
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess'

const policy = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement })
const allowAll = policy({ Effect: 'Allow', Action: '*', Resource: '*' })

/** A user who may manage IAM, with a boundary that keeps it from making anyone an admin. */
const delegatedAdmin = {
  policies: [policy({ Sid: 'ManageIam', Effect: 'Allow', Action: 'iam:*', Resource: '*' })],
  boundary: policy(
    { Sid: 'IamOnly', Effect: 'Allow', Action: 'iam:*', Resource: '*' },
    {
      Sid: 'NoAdmin',
      Effect: 'Deny',
      Action: ['iam:AttachUserPolicy', 'iam:AttachRolePolicy'],
      Resource: '*',
      Condition: { ArnEquals: { 'iam:PolicyARN': ADMIN } },
    },
  ),
}

const attach = (policyArn: string) => ({
  principal: alice,
  action: 'iam:AttachUserPolicy',
  resource: `arn:aws:iam::${ACCOUNT}:user/bob`,
  context: { 'iam:PolicyARN': policyArn },
})

describe('evaluate', () => {
  it('stops a user whose boundary denies it attaching AdministratorAccess', () => {
    const result = evaluate({ ...delegatedAdmin, request: attach(ADMIN) })
    expect(result.decision).toBe('explicitDeny')
    expect(result.deniedBy).toBe('boundary')
    expect(result.statements).toEqual([
      {
        kind: 'boundary',
        policyId: 'boundary',
        policyIndex: 0,
        statementIndex: 1,
        sid: 'NoAdmin',
        effect: 'Deny',
        start: { Line: 1, Column: expect.any(Number) },
        end: { Line: 1, Column: expect.any(Number) },
      },
    ])
  })

  it('lets the same user attach another policy, naming the statements that allowed', () => {
    const result = evaluate({
      ...delegatedAdmin,
      request: attach('arn:aws:iam::aws:policy/ReadOnlyAccess'),
    })
    expect(result.decision).toBe('allowed')
    expect(result.statements.map((s) => [s.kind, s.sid])).toEqual([
      ['identity', 'ManageIam'],
      ['boundary', 'IamOnly'],
    ])
    expect(result.decisions).toEqual({ identity: 'allowed', boundary: 'allowed' })
  })

  it('denies implicitly what the boundary does not allow, though the identity policy does', () => {
    const result = evaluate({
      policies: [allowAll],
      boundary: delegatedAdmin.boundary,
      request: { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' },
    })
    expect([result.decision, result.deniedBy, result.statements]).toEqual([
      'implicitDeny',
      'boundary',
      [],
    ])
  })

  it('reports positions in a document given as text, as the simulator counts them', () => {
    const text = JSON.stringify(policy({ Effect: 'Allow', Action: 'sqs:*' }), null, 2)
    const [statement] = evaluate({
      policies: [text],
      request: { action: 'sqs:SendMessage' },
    }).statements
    // The statement's braces: lines 4 and 7, the fifth characters (AWS counts one more).
    expect([statement!.start, statement!.end]).toEqual([
      { Line: 4, Column: 6 },
      { Line: 7, Column: 6 },
    ])
  })

  it('names policies by their place, or by the id given with them', () => {
    const deny = policy({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' })
    const result = evaluate({
      policies: [allowAll, { id: 'NoDeletes', document: JSON.stringify(deny) }, deny],
      request: { action: 's3:DeleteBucket' },
    })
    expect(result.statements.map((s) => [s.policyId, s.policyIndex])).toEqual([
      ['NoDeletes', 1],
      ['policies.3', 2],
    ])
  })

  // @note inferred: the keys of the statements that target the request, as the simulator lists them.
  it('lists the condition keys the context lacks', () => {
    const result = evaluate({
      policies: [
        policy({
          Effect: 'Allow',
          Action: 's3:PutObject',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } },
        }),
      ],
      request: { action: 's3:PutObject' },
    })
    expect([result.decision, result.missingContextKeys]).toEqual([
      'implicitDeny',
      ['aws:PrincipalTag/team'],
    ])
  })

  it('requires every session policy to allow, as a role session is limited by each', () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/ci`
    const request = { principal: session, action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' }
    const onlyLogs = policy({ Effect: 'Allow', Action: 'logs:*', Resource: '*' })
    expect(evaluate({ policies: [allowAll], sessionPolicies: [onlyLogs], request })).toMatchObject({
      decision: 'implicitDeny',
      deniedBy: 'session',
    })
    expect(evaluate({ policies: [allowAll], sessionPolicies: [allowAll], request }).decision).toBe(
      'allowed',
    )
  })

  it('throws a SyntaxError for a document that is not JSON', () => {
    expect(() => evaluate({ policies: ['{"Version":'], request: { action: 's3:A' } })).toThrow(
      SyntaxError,
    )
  })
})

describe('evaluate with service control policies', () => {
  const denyLeaving = policy({
    Sid: 'DenyLeaving',
    Effect: 'Deny',
    Action: 'organizations:LeaveOrganization',
    Resource: '*',
  })
  const iamOnly = policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })

  it('lets an SCP Deny win over every Allow', () => {
    const result = evaluate({
      policies: [allowAll],
      scps: [allowAll, denyLeaving],
      request: { principal: alice, action: 'organizations:LeaveOrganization' },
    })
    expect([result.decision, result.deniedBy, result.statements[0]?.sid]).toEqual([
      'explicitDeny',
      'scp',
      'DenyLeaving',
    ])
  })

  it('needs an SCP Allow as well as an identity-based one', () => {
    const request = { principal: alice, action: 's3:GetObject' }
    expect(evaluate({ policies: [allowAll], scps: [iamOnly], request })).toMatchObject({
      decision: 'implicitDeny',
      deniedBy: 'scp',
      decisions: { scp: 'implicitDeny', identity: 'allowed' },
    })
    // SCPs grant nothing themselves.
    expect(evaluate({ policies: [], scps: [allowAll], request })).toMatchObject({
      decision: 'implicitDeny',
      deniedBy: 'identity',
    })
  })

  it('needs an Allow at every level of the organization', () => {
    const request = { principal: alice, action: 's3:GetObject' }
    const levels = (...scps: PolicyInput[][]) =>
      evaluate({ policies: [allowAll], scps, request }).decision
    expect(levels([allowAll], [allowAll])).toBe('allowed')
    expect(levels([allowAll], [iamOnly])).toBe('implicitDeny')
  })

  it('limits the root user, whom no identity-based policy limits', () => {
    const root = `arn:aws:iam::${ACCOUNT}:root`
    expect(evaluate({ request: { principal: root, action: 's3:GetObject' } }).decision).toBe(
      'allowed',
    )
    const result = evaluate({
      scps: [allowAll, denyLeaving],
      request: { principal: root, action: 'organizations:LeaveOrganization' },
    })
    expect([result.decision, result.deniedBy]).toEqual(['explicitDeny', 'scp'])
  })
})

describe('evaluate with a resource-based policy', () => {
  const bucket = 'arn:aws:s3:::reports'
  const grant = (AWS: string) =>
    policy({ Effect: 'Allow', Principal: { AWS }, Action: 's3:GetObject', Resource: `${bucket}/*` })
  const request = { principal: alice, action: 's3:GetObject', resource: `${bucket}/q1.csv` }

  it('grants within the account what no identity-based policy allows', () => {
    const result = evaluate({ resourcePolicy: grant(alice), request })
    expect([result.decision, result.statements.map((s) => s.kind)]).toEqual([
      'allowed',
      ['resource'],
    ])
  })

  it('names both the resource policy and the identity policy when each would allow', () => {
    const result = evaluate({ policies: [allowAll], resourcePolicy: grant(alice), request })
    expect(result.statements.map((s) => s.kind)).toEqual(['resource', 'identity'])
  })

  it('grants a principal named by its own ARN past its boundary, not one named by account', () => {
    const boundary = policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })
    expect(evaluate({ resourcePolicy: grant(alice), boundary, request }).decision).toBe('allowed')
    expect(evaluate({ resourcePolicy: grant(ACCOUNT), boundary, request })).toMatchObject({
      decision: 'implicitDeny',
      deniedBy: 'boundary',
    })
  })

  it('needs both sides to allow across accounts', () => {
    const other = '210987654321'
    const crossAccount = { resourcePolicy: grant(alice), resourceOwner: other, request }
    expect(evaluate(crossAccount)).toMatchObject({
      decision: 'implicitDeny',
      deniedBy: 'identity',
    })
    expect(evaluate({ ...crossAccount, policies: [allowAll] }).decision).toBe('allowed')
    expect(
      evaluate({ policies: [allowAll], resourceOwner: other, resourcePolicy: policy(), request }),
    ).toMatchObject({ decision: 'implicitDeny', deniedBy: 'resource' })
    expect(evaluate({ policies: [allowAll], resourceOwner: other, request })).toMatchObject({
      decision: 'implicitDeny',
      deniedBy: 'resource',
    })
  })

  it('lets a Deny in the resource policy win', () => {
    const deny = policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' })
    expect(evaluate({ policies: [allowAll], resourcePolicy: deny, request })).toMatchObject({
      decision: 'explicitDeny',
      deniedBy: 'resource',
    })
  })

  it('takes a service as the principal, matched by a Service principal', () => {
    const invoke = policy({
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalServiceName': 'events.amazonaws.com' } },
    })
    const call = (principal: string) =>
      evaluate({
        resourcePolicy: invoke,
        request: { principal, action: 'lambda:InvokeFunction', resource: 'arn:aws:lambda:f' },
      }).decision
    expect(call('events.amazonaws.com')).toBe('allowed')
    expect(call('sns.amazonaws.com')).toBe('implicitDeny')
  })

  it("gives a role session's aws:PrincipalArn as its role's ARN, as AWS does", () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/ci`
    const onlyDeployer = policy({
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
      Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/Deployer` } },
    })
    const request = { principal: session, action: 's3:GetObject' }
    expect(evaluate({ policies: [onlyDeployer], request }).decision).toBe('allowed')
  })

  it('matches a role session by its role ARN in the Principal', () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/job`
    const result = evaluate({
      resourcePolicy: grant(`arn:aws:iam::${ACCOUNT}:role/Reader`),
      request: { ...request, principal: session },
    })
    expect(result.decision).toBe('allowed')
  })
})
