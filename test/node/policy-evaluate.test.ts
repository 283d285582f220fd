import { describe, expect, it } from 'vitest'
import { evaluatePolicy, type PolicyRequest } from '../../src/policy/evaluate.js'

/** The policy engine behind trust policies: statements, principals, conditions. */

const ACCOUNT = '123456789012'
const alice = {
  arns: [`arn:aws:iam::${ACCOUNT}:user/alice`],
  account: ACCOUNT,
}

function decide(
  statement: Record<string, unknown> | Record<string, unknown>[],
  request: Partial<PolicyRequest> = {},
) {
  const document = JSON.stringify({ Version: '2012-10-17', Statement: statement })
  return evaluatePolicy(document, {
    action: 'sts:AssumeRole',
    principal: alice,
    context: {},
    ...request,
  })
}

const allow = (condition: Record<string, unknown>) => ({
  Effect: 'Allow',
  Principal: { AWS: ACCOUNT },
  Action: 'sts:AssumeRole',
  Condition: condition,
})

describe('evaluatePolicy', () => {
  it('allows a matching statement, denies implicitly otherwise, and lets Deny win', () => {
    const statement = { Effect: 'Allow', Principal: '*', Action: 'sts:*' }
    expect(decide(statement)).toBe('Allow')
    expect(decide(statement, { action: 'iam:ListUsers' })).toBe('ImplicitDeny')
    expect(decide([statement, { ...statement, Effect: 'Deny' }])).toBe('Deny')
  })

  it('matches actions without regard to case, and NotAction and NotPrincipal as negations', () => {
    expect(decide({ Effect: 'Allow', Principal: '*', Action: 'STS:assumerole' })).toBe('Allow')
    expect(decide({ Effect: 'Allow', Principal: '*', NotAction: 'sts:TagSession' })).toBe('Allow')
    expect(decide({ Effect: 'Allow', NotPrincipal: { AWS: alice.arns[0] }, Action: '*' })).toBe(
      'ImplicitDeny',
    )
  })

  it('names an account by its id or its root ARN, never another account', () => {
    const by = (AWS: string) => decide({ Effect: 'Allow', Principal: { AWS }, Action: '*' })
    expect(by(ACCOUNT)).toBe('Allow')
    expect(by(`arn:aws:iam::${ACCOUNT}:root`)).toBe('Allow')
    expect(by('210987654321')).toBe('ImplicitDeny')
    expect(by(`arn:aws:iam::${ACCOUNT}:user/bob`)).toBe('ImplicitDeny')
  })

  it('treats a missing key as no match, but as a match for negated and IfExists operators', () => {
    expect(decide(allow({ StringEquals: { 'sts:ExternalId': 'x' } }))).toBe('ImplicitDeny')
    expect(decide(allow({ StringNotEquals: { 'sts:ExternalId': 'x' } }))).toBe('Allow')
    expect(decide(allow({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }))).toBe('Allow')
    expect(decide(allow({ Null: { 'sts:ExternalId': 'true' } }))).toBe('Allow')
    expect(decide(allow({ Null: { 'sts:ExternalId': 'false' } }))).toBe('ImplicitDeny')
  })

  it('reads condition keys without regard to case, values with it (but for IgnoreCase)', () => {
    const context = { 'sts:externalid': 'Secret' }
    expect(decide(allow({ StringEquals: { 'STS:ExternalId': 'Secret' } }), { context })).toBe(
      'Allow',
    )
    expect(decide(allow({ StringEquals: { 'sts:ExternalId': 'secret' } }), { context })).toBe(
      'ImplicitDeny',
    )
    expect(
      decide(allow({ StringEqualsIgnoreCase: { 'sts:ExternalId': 'secret' } }), { context }),
    ).toBe('Allow')
  })

  it('applies ForAnyValue and ForAllValues to multi-valued keys', () => {
    const context = { 'aws:TagKeys': ['team', 'cost'] }
    const any = allow({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } })
    const all = allow({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } })
    expect(decide(any, { context })).toBe('Allow')
    expect(decide(all, { context })).toBe('ImplicitDeny')
    expect(decide(all, { context: {} })).toBe('Allow')
    expect(decide(any, { context: {} })).toBe('ImplicitDeny')
  })

  it('compares numbers, dates, ARNs with wildcards, and substitutes policy variables', () => {
    const context = {
      'aws:EpochTime': '1700000000',
      'aws:CurrentTime': '2023-11-14T22:13:20Z',
      'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/ci-runner`,
      'aws:username': 'alice',
      'sts:RoleSessionName': 'alice',
    }
    expect(decide(allow({ NumericLessThan: { 'aws:EpochTime': '1800000000' } }), { context })).toBe(
      'Allow',
    )
    expect(
      decide(allow({ DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } }), {
        context,
      }),
    ).toBe('ImplicitDeny')
    expect(
      decide(allow({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/ci-*` } }), {
        context,
      }),
    ).toBe('Allow')
    expect(
      decide(allow({ StringEquals: { 'sts:RoleSessionName': '${aws:username}' } }), { context }),
    ).toBe('Allow')
  })

  it('matches a Federated principal by the provider it names', () => {
    const statement = {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/example.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
    }
    const principal = {
      arns: [],
      account: '',
      federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/example.com`,
    }
    expect(decide(statement, { action: 'sts:AssumeRoleWithWebIdentity', principal })).toBe('Allow')
    expect(decide(statement, { action: 'sts:AssumeRoleWithWebIdentity' })).toBe('ImplicitDeny')
  })
})
