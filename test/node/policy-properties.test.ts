import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluate, type EvaluationInput } from '../../src/policy/index.js'

/**
 * Properties of IAM's evaluation logic that hold for any policies: random documents over a small
 * vocabulary of actions, resources and condition keys, so that statements often overlap.
 */

const RUNS = { numRuns: 300 }
const ACCOUNT = '123456789012'
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/alice`

const ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  'iam:CreateUser',
  'iam:ListUsers',
  'ec2:RunInstances',
]
const RESOURCES = ['arn:aws:s3:::logs/a', 'arn:aws:s3:::data/b', `arn:aws:iam::${ACCOUNT}:user/bob`]
const KEYS = ['aws:PrincipalTag/team', 'aws:SourceIp', 'aws:RequestTag/env', 'aws:TagKeys']

const action = fc.constantFrom(...ACTIONS)
const actionPattern = fc.constantFrom(...ACTIONS, 's3:*', 'iam:*', '*', 's3:Get*', 'iam:List*')
const resourcePattern = fc.constantFrom(...RESOURCES, '*', 'arn:aws:s3:::logs/*', 'arn:aws:s3:::*')
const value = fc.constantFrom('data', 'ops', 'prod', '10.0.0.1', 'env')

const STRING_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike']
const condition = fc.option(
  fc.record({
    operator: fc.constantFrom(
      ...STRING_OPERATORS,
      'ForAnyValue:StringEquals',
      'ForAllValues:StringLike',
      'StringEqualsIfExists',
      'Null',
    ),
    key: fc.constantFrom(...KEYS),
    values: fc.array(value, { minLength: 1, maxLength: 2 }),
  }),
  { nil: undefined },
)

const statement = fc
  .record({
    Effect: fc.constantFrom('Allow', 'Deny'),
    not: fc.boolean(),
    actions: fc.array(actionPattern, { minLength: 1, maxLength: 2 }),
    Resource: resourcePattern,
    condition,
  })
  .map(({ Effect, not, actions, Resource, condition }) => ({
    Effect,
    [not ? 'NotAction' : 'Action']: actions,
    Resource,
    ...(condition && {
      Condition: {
        [condition.operator]: {
          [condition.key]: condition.operator === 'Null' ? 'true' : condition.values,
        },
      },
    }),
  }))

type Statement = Record<string, unknown>
const doc = (statements: readonly Statement[]) => ({ Version: '2012-10-17', Statement: statements })
const policies = fc.array(fc.array(statement, { minLength: 1, maxLength: 4 }), { maxLength: 3 })

const context = fc.dictionary(
  fc.constantFrom(...KEYS),
  fc.oneof(value, fc.array(value, { maxLength: 2 })),
  { maxKeys: 3 },
)

const request = fc.record({
  action,
  resource: fc.constantFrom(...RESOURCES),
  context,
})

/** The evaluation of random identity policies with an optional boundary and SCPs. */
const scenario = fc.record({
  identity: policies,
  boundary: fc.option(fc.array(statement, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  scps: fc.option(fc.array(statement, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  request,
})

type Scenario = {
  identity: Statement[][]
  boundary: Statement[] | undefined
  scps: Statement[] | undefined
  request: EvaluationInput['request']
}

function run(s: Scenario) {
  return evaluate({
    policies: s.identity.map(doc),
    ...(s.boundary && { boundary: doc(s.boundary) }),
    ...(s.scps && { scps: [doc(s.scps)] }),
    request: { ...s.request, principal: PRINCIPAL },
  })
}

describe('the evaluation logic', () => {
  it('lets an explicit deny win, in whichever kind of policy it is', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.constantFrom('identity', 'boundary', 'scps', 'session', 'resource'),
        (s, where) => {
          const deny = { Effect: 'Deny', Action: s.request.action, Resource: '*' }
          const input: EvaluationInput = {
            policies: s.identity.map(doc),
            ...(s.boundary && { boundary: doc(s.boundary) }),
            ...(s.scps && { scps: [doc(s.scps)] }),
            request: { ...s.request, principal: PRINCIPAL },
          }
          const withDeny: EvaluationInput =
            where === 'identity'
              ? { ...input, policies: [...(input.policies ?? []), doc([deny])] }
              : where === 'boundary'
                ? { ...input, boundary: doc([...(s.boundary ?? []), deny]) }
                : where === 'scps'
                  ? { ...input, scps: [doc([...(s.scps ?? []), deny])] }
                  : where === 'session'
                    ? { ...input, sessionPolicies: [doc([deny])] }
                    : { ...input, resourcePolicy: doc([{ ...deny, Principal: '*' }]) }
          const result = evaluate(withDeny)
          expect(result.decision).toBe('explicitDeny')
          expect(result.statements.every((st) => st.effect === 'Deny')).toBe(true)
        },
      ),
      RUNS,
    )
  })

  it('never grants more when an Allow statement is removed', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (s, pick) => {
        const allows = s.identity.flatMap((p, i) =>
          p.flatMap((st, j) => (st.Effect === 'Allow' ? [[i, j] as const] : [])),
        )
        fc.pre(allows.length > 0)
        const [i, j] = allows[pick % allows.length]!
        const fewer = s.identity
          .map((p, k) => (k === i ? p.filter((_, l) => l !== j) : p))
          .filter((p) => p.length > 0)
        if (run({ ...s, identity: fewer }).decision === 'allowed') {
          expect(run(s).decision).toBe('allowed')
        }
      }),
      RUNS,
    )
  })

  it('never widens what is allowed when a boundary is added', () => {
    fc.assert(
      fc.property(scenario, fc.array(statement, { minLength: 1, maxLength: 3 }), (s, boundary) => {
        const unbounded = run({ ...s, boundary: undefined })
        const bounded = run({ ...s, boundary })
        if (bounded.decision === 'allowed') expect(unbounded.decision).toBe('allowed')
        if (unbounded.decision === 'explicitDeny') expect(bounded.decision).toBe('explicitDeny')
      }),
      RUNS,
    )
  })

  it('never widens what is allowed when SCPs are added, at any level', () => {
    fc.assert(
      fc.property(scenario, fc.array(statement, { minLength: 1, maxLength: 3 }), (s, scp) => {
        const unlimited = run({ ...s, scps: undefined })
        const limited = run({ ...s, scps: scp })
        if (limited.decision === 'allowed') expect(unlimited.decision).toBe('allowed')
      }),
      RUNS,
    )
  })
})

describe('condition operators on a key the request lacks', () => {
  const OPERATORS = [
    ...STRING_OPERATORS,
    'StringEqualsIgnoreCase',
    'NumericLessThan',
    'NumericNotEquals',
    'DateGreaterThan',
    'Bool',
    'IpAddress',
    'NotIpAddress',
    'ArnLike',
    'ArnNotEquals',
  ]
  const operator = fc.constantFrom(...OPERATORS)
  const values = fc.array(value, { minLength: 1, maxLength: 3 })
  /** Whether an Allow statement with this one condition applies to a request with `context`. */
  const applies = (op: string, key: string, policyValues: string[], ctx: Record<string, unknown>) =>
    evaluate({
      policies: [
        doc([
          {
            Effect: 'Allow',
            Action: '*',
            Resource: '*',
            Condition: { [op]: { [key]: policyValues } },
          },
        ]),
      ],
      request: { action: 's3:GetObject', context: ctx as Record<string, string[]> },
    }).decision === 'allowed'
  /** The key left out, or given with no value. */
  const absent = fc.constantFrom<Record<string, unknown>>({}, { 'aws:TagKeys': [] })

  it('holds for ForAllValues over an empty or missing set, negated or not', () => {
    fc.assert(
      fc.property(operator, values, absent, (op, vs, ctx) => {
        expect(applies(`ForAllValues:${op}`, 'aws:TagKeys', vs, ctx)).toBe(true)
      }),
      RUNS,
    )
  })

  it('fails for ForAnyValue over an empty or missing set, negated or not', () => {
    fc.assert(
      fc.property(operator, values, absent, (op, vs, ctx) => {
        expect(applies(`ForAnyValue:${op}`, 'aws:TagKeys', vs, ctx)).toBe(false)
      }),
      RUNS,
    )
  })

  it('holds for any …IfExists operator when the key is missing', () => {
    fc.assert(
      fc.property(operator, values, fc.constantFrom(...KEYS), (op, vs, key) => {
        expect(applies(`${op}IfExists`, key, vs, {})).toBe(true)
      }),
      RUNS,
    )
  })
})
