import { CreateServiceLinkedRoleCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { recordedFixture, Replay } from './harness.js'

/**
 * The role parts of `test_iam`: a malformed trust policy, a role with a path, URL-encoded
 * documents, and service-linked roles (TestIAMServiceRoles) for the 71 recorded services.
 */

/** The roles AWS created for these services before the recording: it found them taken. */
const EXISTING: [service: string, name: string, policy: string, extra: object][] = [
  [
    'rds.amazonaws.com',
    'AWSServiceRoleForRDS',
    'AmazonRDSServiceRolePolicy',
    {
      Description: 'Allows Amazon RDS to manage AWS resources on your behalf',
      RoleLastUsed: { LastUsedDate: '2026-01-05T10:00:00Z', Region: 'ap-southeast-1' },
    },
  ],
  [
    'ssm.amazonaws.com',
    'AWSServiceRoleForAmazonSSM',
    'AmazonSSMServiceRolePolicy',
    {
      Description: 'Provides access to AWS Resources managed or used by Amazon SSM.',
      RoleLastUsed: { LastUsedDate: '2026-01-05T10:00:00Z', Region: 'us-east-1' },
    },
  ],
  [
    'sso.amazonaws.com',
    'AWSServiceRoleForSSO',
    'AWSSSOServiceRolePolicy',
    {
      Description:
        'Service-linked role used by AWS SSO to manage AWS resources, including IAM roles, policies and SAML IdP on your behalf.',
      RoleLastUsed: { LastUsedDate: '2026-01-05T10:00:00Z', Region: 'us-east-1' },
    },
  ],
  [
    'kafka.amazonaws.com',
    'AWSServiceRoleForKafka',
    'KafkaServiceRolePolicy',
    { RoleLastUsed: { LastUsedDate: '2026-01-05T10:00:00Z', Region: 'us-east-1' } },
  ],
  [
    'resource-explorer-2.amazonaws.com',
    'AWSServiceRoleForResourceExplorer',
    'AWSResourceExplorerServiceRolePolicy',
    { RoleLastUsed: { LastUsedDate: '2026-01-05T10:00:00Z', Region: 'us-west-2' } },
  ],
]

useIam({
  fixtures: {
    ...recordedFixture,
    Roles: EXISTING.map(([service, name, policy, extra]) => ({
      RoleName: name,
      Path: `/aws-service-role/${service}/`,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: service } }],
      },
      AttachedPolicies: [`arn:aws:iam::aws:policy/aws-service-role/${policy}`],
      ...extra,
    })),
  },
})

let counter = 0
const name = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(8, '0')}`

function replay(testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay('test_iam', testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

/** The 71 services of TestIAMServiceRoles, from the recording's own test ids. */
const SERVICES = [
  'accountdiscovery.ssm',
  'acm',
  'appmesh',
  'autoscaling-plans',
  'autoscaling',
  'backup',
  'batch',
  'cassandra.application-autoscaling',
  'cks.kms',
  'cloudtrail',
  'codestar-notifications',
  'config',
  'connect',
  'dms-fleet-advisor',
  'dms',
  'docdb-elastic',
  'ec2-instance-connect',
  'ec2.application-autoscaling',
  'ecr',
  'ecs',
  'eks-connector',
  'eks-fargate',
  'eks-nodegroup',
  'eks',
  'elasticache',
  'elasticbeanstalk',
  'elasticfilesystem',
  'elasticloadbalancing',
  'email.cognito-idp',
  'emr-containers',
  'emrwal',
  'fis',
  'grafana',
  'imagebuilder',
  'iotmanagedintegrations',
  'kafka',
  'kafkaconnect',
  'lakeformation',
  'lex',
  'lexv2',
  'lightsail',
  'm2',
  'memorydb',
  'mq',
  'mrk.kms',
  'notifications',
  'observability.aoss',
  'opensearchservice',
  'ops.apigateway',
  'ops.emr-serverless',
  'opsdatasync.ssm',
  'opsinsights.ssm',
  'pullthroughcache.ecr',
  'ram',
  'rds',
  'redshift',
  'replication.cassandra',
  'replication.ecr',
  'repository.sync.codeconnections',
  'resource-explorer-2',
  'rolesanywhere',
  's3-outposts',
  'ses',
  'shield',
  'ssm-incidents',
  'ssm-quicksetup',
  'ssm',
  'sso',
  'vpcorigin.cloudfront',
  'waf',
  'wafv2',
].map((s) => `${s}.amazonaws.com`)
const SUFFIXED = ['autoscaling.amazonaws.com', 'connect.amazonaws.com', 'lexv2.amazonaws.com']

/**
 * Creates the service's role as the recorded test did: when AWS answers that the name is
 * taken (the role existed before), the role of that name is the one described.
 */
async function serviceRole(
  r: Replay,
  input: { AWSServiceName: string; CustomSuffix?: string },
): Promise<string> {
  try {
    const created = await r.iam.send(new CreateServiceLinkedRoleCommand(input))
    return created.Role!.RoleName!
  } catch (error) {
    const taken = /Service role name (\S+) has been taken/.exec((error as Error).message)
    if (!taken) throw error
    return taken[1]!
  }
}

async function describeRole(r: Replay, role: string) {
  await r.send('describe-response', 'GetRole', { RoleName: role })
  await r.send('inline-role-policies', 'ListRolePolicies', { RoleName: role })
  await r.send('attached-role-policies', 'ListAttachedRolePolicies', { RoleName: role })
}

describe('test_iam (roles), replayed', () => {
  replay(
    'TestIAMExtensions::test_create_role_with_malformed_assume_role_policy_document',
    async (r) => {
      const document = `{
      "Version": "2012-10-17",
      "Statement": [
        {
          "Action": "sts:AssumeRole",
          "Principal": "*",
          "Effect": "Allow",
        }
      ]
    }`
      await r.send('invalid-json', 'CreateRole', {
        RoleName: name('role'),
        AssumeRolePolicyDocument: document,
      })
    },
  )

  replay('TestIAMExtensions::test_role_with_path_lifecycle', async (r) => {
    const role = name('role')
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Principal: { Service: 'lambda.amazonaws.com' },
          Effect: 'Allow',
        },
      ],
    })
    await r.send('create-role-response', 'CreateRole', {
      RoleName: role,
      Path: `/path${name('uid')}/`,
      AssumeRolePolicyDocument: trust,
    })
    await r.send('get-role-response', 'GetRole', { RoleName: role })
    await r.send('delete-role-response', 'DeleteRole', { RoleName: role })
  })

  replay('TestIAMPolicyEncoding::test_put_role_policy_encoding', async (r) => {
    const target = encodeURIComponent('arn:aws:apigateway:us-east-1::/restapis/aaeeieije')
    const role = name('role')
    const path = `/${name('uid')}/`
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Principal: { Service: 'lambda.amazonaws.com' },
          Effect: 'Allow',
          Condition: { StringEquals: { 'aws:SourceArn': target } },
        },
      ],
    })
    await r.send('create-role-response', 'CreateRole', {
      RoleName: role,
      Path: path,
      AssumeRolePolicyDocument: trust,
    })
    const policy = name('policy')
    await r.send(undefined, 'PutRolePolicy', {
      RoleName: role,
      PolicyName: policy,
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['apigatway:PUT'],
            Resource: [`arn:aws:apigateway:us-east-1::/tags/${target}`],
          },
        ],
      }),
    })
    await r.send('get-policy-response', 'GetRolePolicy', { RoleName: role, PolicyName: policy })
    await r.send('get-role-response', 'GetRole', { RoleName: role })
    await r.send('list-roles-response', 'ListRoles', { PathPrefix: path })
  })

  for (const service of SERVICES) {
    replay(`TestIAMServiceRoles::test_service_role_lifecycle[${service}]`, async (r) => {
      await describeRole(r, await serviceRole(r, { AWSServiceName: service }))
    })
  }

  for (const service of SUFFIXED) {
    replay(
      `TestIAMServiceRoles::test_service_role_lifecycle_custom_suffix[${service}]`,
      async (r) => {
        const role = await serviceRole(r, { AWSServiceName: service, CustomSuffix: name('suffix') })
        await describeRole(r, role)
      },
    )
  }

  for (const service of SERVICES.filter((s) => !SUFFIXED.includes(s))) {
    replay(
      `TestIAMServiceRoles::test_service_role_lifecycle_custom_suffix_not_allowed[${service}]`,
      async (r) => {
        await r.send('custom-suffix-not-allowed', 'CreateServiceLinkedRole', {
          AWSServiceName: service,
          CustomSuffix: 'testsuffix',
        })
      },
    )
  }

  replay('TestIAMServiceRoles::test_service_role_deletion', async (r) => {
    await r.send(undefined, 'CreateServiceLinkedRole', { AWSServiceName: 'batch.amazonaws.com' })
    const task = await r.send('service-linked-role-deletion-response', 'DeleteServiceLinkedRole', {
      RoleName: 'AWSServiceRoleForBatch',
    })
    let status: { Status: string }
    do {
      status = await r.send(undefined, 'GetServiceLinkedRoleDeletionStatus', {
        DeletionTaskId: task.DeletionTaskId,
      })
    } while (status.Status !== 'SUCCEEDED')
    await r.send(
      'service-linked-role-deletion-status-response',
      'GetServiceLinkedRoleDeletionStatus',
      {
        DeletionTaskId: task.DeletionTaskId,
      },
    )
  })

  replay('TestIAMServiceRoles::test_service_role_already_exists', async (r) => {
    await r.send(undefined, 'CreateServiceLinkedRole', { AWSServiceName: 'batch.amazonaws.com' })
    await r.send('role-already-exists-error', 'CreateServiceLinkedRole', {
      AWSServiceName: 'batch.amazonaws.com',
    })
  })

  /** A stale id: the same calls as test_iam_roles' TestRoleTags::test_role_with_tags, first three. */
  replay('TestRoles::test_role_with_tags', async (r) => {
    const role = name('role')
    await r.send('create-role-response', 'CreateRole', {
      RoleName: role,
      Path: '/role-with-tags/',
      Tags: [{ Key: 'test', Value: 'value' }],
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    })
    await r.send('get-role-response', 'GetRole', { RoleName: role })
    await r.send('list-role-response', 'ListRoles', { PathPrefix: '/role-with-tags/' })
  })
})
