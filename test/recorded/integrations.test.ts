import { describe } from 'vitest'
import { useIam } from '../helpers.js'
import { RECORDED_ACCOUNT, recordedFixture, replayer, type Replay } from './harness.js'

/**
 * The managed-policy, attachment and inline-policy parts of `test_iam` (TestIAMIntegrations,
 * TestIAMPolicyEncoding); its role parts are in service-linked-roles.test.ts.
 */

// The recorded account belongs to an organization (its simulations report AllowedByOrganizations).
useIam({ fixtures: { ...recordedFixture, Organization: {} } })

let counter = 0
const name = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(8, '0')}`

const replay = replayer('test_iam')

/**
 * The encoding tests' document: a resource holding `%XX` escapes (a form-URL-encoded ARN), which
 * must come back untouched.
 */
const ESCAPED = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['apigatway:PUT'],
      Resource: [
        `arn:aws:apigateway:us-east-1::/tags/${encodeURIComponent('arn:aws:apigateway:us-east-1::/restapis/aaeeieije')}`,
      ],
    },
  ],
})

/** Puts the escaped document inline on a `kind` entity and reads it back under AWS's key. */
async function encoded(r: Replay, kind: 'User' | 'Group') {
  const [entity, policy] = [name(kind.toLowerCase()), name('policy')]
  const owner = { [`${kind}Name`]: entity }
  await r.send(undefined, `Create${kind}`, owner)
  await r.send(undefined, `Put${kind}Policy`, {
    ...owner,
    PolicyName: policy,
    PolicyDocument: ESCAPED,
  })
  await r.send('get-policy-response', `Get${kind}Policy`, { ...owner, PolicyName: policy })
}

/** `json.dumps` of the simulation's policy, as the recording sent it (Python's separators). */
const PUT_OBJECT =
  '{"Version": "2012-10-17", "Statement": {"Sid": "", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}}'

const APIGATEWAY_TRUST =
  '{"Version": "2012-10-17", "Statement": {"Sid": "", "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"}, "Action": "sts:AssumeRole"}}'

/** Creates a `kind` entity with the policy attached; its ARN. */
async function principalWithPolicy(r: Replay, kind: 'User' | 'Group' | 'Role', policyArn: string) {
  const entity = name(kind.toLowerCase())
  const named = { [`${kind}Name`]: entity }
  const created = await r.send(undefined, `Create${kind}`, {
    ...named,
    ...(kind === 'Role' && { AssumeRolePolicyDocument: APIGATEWAY_TRUST }),
  })
  await r.send(undefined, `Attach${kind}Policy`, { ...named, PolicyArn: policyArn })
  return created[kind].Arn as string
}

describe('test_iam (policies and attachments), replayed', () => {
  replay('TestIAMIntegrations::test_user_attach_policy', async (r) => {
    const user = { UserName: name('user') }
    await r.send(undefined, 'CreateUser', user)
    // A name of 20 characters or more (arnType's minimum length), as the recorded one must have
    // been: a shorter one is refused by length before it is read as an ARN.
    const created = await r.send('create_policy_response', 'CreatePolicy', {
      PolicyName: name('attachable-policy'),
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['lambda:ListFunctions'], Resource: ['*'] }],
      }),
    })
    const attach = (key: string, PolicyArn: string) =>
      r.send(key, 'AttachUserPolicy', { ...user, PolicyArn })
    await attach('non_existent_malformed_policy_arn', 'longpolicynamebutnoarn')
    await attach('existing_policy_name_provided', created.Policy.PolicyName)
    await attach('valid_arn_not_existent', `${created.Policy.Arn}123`)
    await attach('valid_policy_arn', created.Policy.Arn)
  })

  replay(
    'TestIAMIntegrations::test_delete_non_existent_policy_returns_no_such_entity',
    async (r) => {
      await r.send('delete-non-existent-policy-exc', 'DeletePolicy', {
        PolicyArn: `arn:aws:iam::${RECORDED_ACCOUNT}:policy/non-existent-policy`,
      })
    },
  )

  replay('TestIAMPolicyEncoding::test_put_user_policy_encoding', (r) => encoded(r, 'User'))
  replay('TestIAMPolicyEncoding::test_put_group_policy_encoding', (r) => encoded(r, 'Group'))
  for (const kind of ['Role', 'Group', 'User'] as const) {
    replay(
      `TestIAMIntegrations::test_simulate_principle_policy[${kind.toLowerCase()}]`,
      async (r) => {
        const policy = await r.send(undefined, 'CreatePolicy', {
          PolicyName: name('policy'),
          PolicyDocument: PUT_OBJECT,
        })
        const arn = await principalWithPolicy(r, kind, policy.Policy.Arn)
        await r.send('response', 'SimulatePrincipalPolicy', {
          PolicySourceArn: arn,
          ActionNames: ['s3:PutObject', 's3:GetObjectVersion'],
          ResourceArns: ['arn:aws:s3:::bucket'],
        })
      },
    )
  }
})
