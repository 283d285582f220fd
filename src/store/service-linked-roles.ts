import { IamError } from '../errors.js'
import type { RoleRecord } from './roles.js'
import type { StoreContext } from './store.js'
import { Table } from './table.js'

/**
 * What AWS creates for a service's linked role: the name after `AWSServiceRoleFor`, the AWS
 * managed policy (under `aws-service-role/`) it attaches, and whether the service accepts a
 * `CustomSuffix`. Recorded for each of these services (test_iam's TestIAMServiceRoles).
 */
const SERVICES: ReadonlyArray<readonly [string, string, string, true?]> = [
  [
    'accountdiscovery.ssm.amazonaws.com',
    'AmazonSSM_AccountDiscovery',
    'AWSSystemsManagerAccountDiscoveryServicePolicy',
  ],
  ['acm.amazonaws.com', 'CertificateManager', 'CertificateManagerServiceRolePolicy'],
  ['appmesh.amazonaws.com', 'AppMesh', 'AWSAppMeshServiceRolePolicy'],
  [
    'autoscaling-plans.amazonaws.com',
    'AutoScalingPlans_EC2AutoScaling',
    'AWSAutoScalingPlansEC2AutoScalingPolicy',
  ],
  ['autoscaling.amazonaws.com', 'AutoScaling', 'AutoScalingServiceRolePolicy', true],
  ['backup.amazonaws.com', 'Backup', 'AWSBackupServiceLinkedRolePolicyForBackup'],
  ['batch.amazonaws.com', 'Batch', 'BatchServiceRolePolicy'],
  [
    'cassandra.application-autoscaling.amazonaws.com',
    'ApplicationAutoScaling_CassandraTable',
    'AWSApplicationAutoscalingCassandraTablePolicy',
  ],
  [
    'cks.kms.amazonaws.com',
    'KeyManagementServiceCustomKeyStores',
    'AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy',
  ],
  ['cloudtrail.amazonaws.com', 'CloudTrail', 'CloudTrailServiceRolePolicy'],
  [
    'codestar-notifications.amazonaws.com',
    'CodeStarNotifications',
    'AWSCodeStarNotificationsServiceRolePolicy',
  ],
  ['config.amazonaws.com', 'Config', 'AWSConfigServiceRolePolicy'],
  ['connect.amazonaws.com', 'AmazonConnect', 'AmazonConnectServiceLinkedRolePolicy', true],
  ['dms-fleet-advisor.amazonaws.com', 'DMSFleetAdvisor', 'AWSDMSFleetAdvisorServiceRolePolicy'],
  ['dms.amazonaws.com', 'DMSServerless', 'AWSDMSServerlessServiceRolePolicy'],
  ['docdb-elastic.amazonaws.com', 'DocDB-Elastic', 'AmazonDocDB-ElasticServiceRolePolicy'],
  ['ec2-instance-connect.amazonaws.com', 'Ec2InstanceConnect', 'Ec2InstanceConnectEndpoint'],
  [
    'ec2.application-autoscaling.amazonaws.com',
    'ApplicationAutoScaling_EC2SpotFleetRequest',
    'AWSApplicationAutoscalingEC2SpotFleetRequestPolicy',
  ],
  ['ecr.amazonaws.com', 'ECRTemplate', 'ECRTemplateServiceRolePolicy'],
  ['ecs.amazonaws.com', 'ECS', 'AmazonECSServiceRolePolicy'],
  ['eks-connector.amazonaws.com', 'AmazonEKSConnector', 'AmazonEKSConnectorServiceRolePolicy'],
  ['eks-fargate.amazonaws.com', 'AmazonEKSForFargate', 'AmazonEKSForFargateServiceRolePolicy'],
  ['eks-nodegroup.amazonaws.com', 'AmazonEKSNodegroup', 'AWSServiceRoleForAmazonEKSNodegroup'],
  ['eks.amazonaws.com', 'AmazonEKS', 'AmazonEKSServiceRolePolicy'],
  ['elasticache.amazonaws.com', 'ElastiCache', 'ElastiCacheServiceRolePolicy'],
  ['elasticbeanstalk.amazonaws.com', 'ElasticBeanstalk', 'AWSElasticBeanstalkServiceRolePolicy'],
  [
    'elasticfilesystem.amazonaws.com',
    'AmazonElasticFileSystem',
    'AmazonElasticFileSystemServiceRolePolicy',
  ],
  [
    'elasticloadbalancing.amazonaws.com',
    'ElasticLoadBalancing',
    'AWSElasticLoadBalancingServiceRolePolicy',
  ],
  [
    'email.cognito-idp.amazonaws.com',
    'AmazonCognitoIdpEmailService',
    'AmazonCognitoIdpEmailServiceRolePolicy',
  ],
  ['emr-containers.amazonaws.com', 'AmazonEMRContainers', 'AmazonEMRContainersServiceRolePolicy'],
  ['emrwal.amazonaws.com', 'EMRWAL', 'EMRDescribeClusterPolicyForEMRWAL'],
  ['fis.amazonaws.com', 'FIS', 'AmazonFISServiceRolePolicy'],
  ['grafana.amazonaws.com', 'AmazonGrafana', 'AmazonGrafanaServiceLinkedRolePolicy'],
  ['imagebuilder.amazonaws.com', 'ImageBuilder', 'AWSServiceRoleForImageBuilder'],
  [
    'iotmanagedintegrations.amazonaws.com',
    'IoTManagedIntegrations',
    'AWSIoTManagedIntegrationsRolePolicy',
  ],
  ['kafka.amazonaws.com', 'Kafka', 'KafkaServiceRolePolicy'],
  ['kafkaconnect.amazonaws.com', 'KafkaConnect', 'KafkaConnectServiceRolePolicy'],
  [
    'lakeformation.amazonaws.com',
    'LakeFormationDataAccess',
    'LakeFormationDataAccessServiceRolePolicy',
  ],
  ['lex.amazonaws.com', 'LexBots', 'AmazonLexBotPolicy'],
  ['lexv2.amazonaws.com', 'LexV2Bots', 'AmazonLexV2BotPolicy', true],
  ['lightsail.amazonaws.com', 'Lightsail', 'LightsailExportAccess'],
  ['m2.amazonaws.com', 'AWSM2', 'AWSM2ServicePolicy'],
  ['memorydb.amazonaws.com', 'MemoryDB', 'MemoryDBServiceRolePolicy'],
  ['mq.amazonaws.com', 'AmazonMQ', 'AmazonMQServiceRolePolicy'],
  [
    'mrk.kms.amazonaws.com',
    'KeyManagementServiceMultiRegionKeys',
    'AWSKeyManagementServiceMultiRegionKeysServiceRolePolicy',
  ],
  [
    'notifications.amazonaws.com',
    'AwsUserNotifications',
    'AWSUserNotificationsServiceLinkedRolePolicy',
  ],
  [
    'observability.aoss.amazonaws.com',
    'AmazonOpenSearchServerless',
    'AmazonOpenSearchServerlessServiceRolePolicy',
  ],
  [
    'opensearchservice.amazonaws.com',
    'AmazonOpenSearchService',
    'AmazonOpenSearchServiceRolePolicy',
  ],
  ['ops.apigateway.amazonaws.com', 'APIGateway', 'APIGatewayServiceRolePolicy'],
  [
    'ops.emr-serverless.amazonaws.com',
    'AmazonEMRServerless',
    'AmazonEMRServerlessServiceRolePolicy',
  ],
  [
    'opsdatasync.ssm.amazonaws.com',
    'SystemsManagerOpsDataSync',
    'AWSSystemsManagerOpsDataSyncServiceRolePolicy',
  ],
  ['opsinsights.ssm.amazonaws.com', 'AmazonSSM_OpsInsights', 'AWSSSMOpsInsightsServiceRolePolicy'],
  [
    'pullthroughcache.ecr.amazonaws.com',
    'ECRPullThroughCache',
    'AWSECRPullThroughCache_ServiceRolePolicy',
  ],
  ['ram.amazonaws.com', 'ResourceAccessManager', 'AWSResourceAccessManagerServiceRolePolicy'],
  ['rds.amazonaws.com', 'RDS', 'AmazonRDSServiceRolePolicy'],
  ['redshift.amazonaws.com', 'Redshift', 'AmazonRedshiftServiceLinkedRolePolicy'],
  [
    'replication.cassandra.amazonaws.com',
    'KeyspacesReplication',
    'KeyspacesReplicationServiceRolePolicy',
  ],
  ['replication.ecr.amazonaws.com', 'ECRReplication', 'ECRReplicationServiceRolePolicy'],
  ['repository.sync.codeconnections.amazonaws.com', 'GitSync', 'AWSGitSyncServiceRolePolicy'],
  ['resource-explorer-2.amazonaws.com', 'ResourceExplorer', 'AWSResourceExplorerServiceRolePolicy'],
  ['rolesanywhere.amazonaws.com', 'RolesAnywhere', 'AWSRolesAnywhereServicePolicy'],
  ['s3-outposts.amazonaws.com', 'S3OnOutposts', 'AWSS3OnOutpostsServiceRolePolicy'],
  ['ses.amazonaws.com', 'AmazonSES', 'AmazonSESServiceRolePolicy'],
  ['shield.amazonaws.com', 'AWSShield', 'AWSShieldServiceRolePolicy'],
  ['ssm-incidents.amazonaws.com', 'IncidentManager', 'AWSIncidentManagerServiceRolePolicy'],
  ['ssm-quicksetup.amazonaws.com', 'SSMQuickSetup', 'SSMQuickSetupRolePolicy'],
  ['ssm.amazonaws.com', 'AmazonSSM', 'AmazonSSMServiceRolePolicy'],
  ['sso.amazonaws.com', 'SSO', 'AWSSSOServiceRolePolicy'],
  [
    'vpcorigin.cloudfront.amazonaws.com',
    'CloudFrontVPCOrigin',
    'AWSCloudFrontVPCOriginServiceRolePolicy',
  ],
  ['waf.amazonaws.com', 'WAFLogging', 'WAFLoggingServiceRolePolicy'],
  ['wafv2.amazonaws.com', 'WAFV2Logging', 'WAFV2LoggingServiceRolePolicy'],
]

export interface ServiceLinkedRoleTemplate {
  readonly service: string
  readonly roleName: string
  /** The AWS managed policy's key (`aws:/aws-service-role/…`), or none. */
  readonly policyKey?: string
  readonly suffixAllowed: boolean
}

const byService = new Map(SERVICES.map((entry) => [entry[0], entry]))

/**
 * The role AWS creates for `service`.
 *
 * @note Inferred for services the recordings do not cover: a service principal of the form
 * `name.amazonaws.com` gets `AWSServiceRoleFor` and its first label capitalised, no policy,
 * and no suffix; anything else is refused with InvalidInput.
 */
export function serviceLinkedRoleTemplate(service: string): ServiceLinkedRoleTemplate {
  const known = byService.get(service)
  if (known) {
    return {
      service,
      roleName: `AWSServiceRoleFor${known[1]}`,
      policyKey: `aws:/aws-service-role/${known[2]}`,
      suffixAllowed: known[3] === true,
    }
  }
  const match = /^([a-z0-9-]+)(?:\.[a-z0-9-]+)*\.amazonaws\.com$/.exec(service)
  if (!match) {
    throw new IamError('InvalidInput', `Invalid service principal: ${service}`, 400)
  }
  const label = match[1]!
  return {
    service,
    roleName: `AWSServiceRoleFor${label[0]!.toUpperCase()}${label.slice(1)}`,
    suffixAllowed: false,
  }
}

/** A DeleteServiceLinkedRole's task: the role is gone at once; the status follows the clock. */
export interface DeletionTaskRecord {
  readonly DeletionTaskId: string
  /** The second the deletion was asked for. */
  readonly CreateDate: Date
  /** Whether a status check has already seen the task in progress. */
  readonly Seen: boolean
}

export type DeletionStatus = 'SUCCEEDED' | 'IN_PROGRESS' | 'FAILED' | 'NOT_STARTED'

export class DeletionTasks {
  readonly table: Table<DeletionTaskRecord>

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'deletion tasks',
      id: (task) => task.DeletionTaskId,
      order: { by: 'insertion' },
    })
  }

  /** `task/aws-service-role/<service>/<role name>/<uuid>` (recorded). */
  start(role: RoleRecord, now: Date): DeletionTaskRecord {
    return this.table.insert({
      DeletionTaskId: `task${role.Path}${role.RoleName}/${this.ctx.config.newUuid()}`,
      CreateDate: now,
      Seen: false,
    })
  }

  /**
   * A task's status at `now`: `IN_PROGRESS` when first checked within the second it was
   * started, `SUCCEEDED` after (a poll loop ends whatever the clock does).
   *
   * @note Inferred: AWS deletes within seconds; the recording polled until SUCCEEDED.
   * @throws NoSuchEntity for a task id the mock did not issue (inferred wording)
   */
  status(deletionTaskId: string, now: Date): DeletionStatus {
    const task = this.table.get(deletionTaskId)
    if (!task) {
      throw new IamError('NoSuchEntity', `Deletion task ${deletionTaskId} cannot be found.`, 404)
    }
    if (task.Seen || now.getTime() > task.CreateDate.getTime()) return 'SUCCEEDED'
    this.table.update(deletionTaskId, { Seen: true })
    return 'IN_PROGRESS'
  }
}
