import type { IamFixture } from '../../src/index.js'
import { ROOT_KEY } from '../helpers.js'

/**
 * The state the AWS CLI and boto3 contract tests start from: the root key, four users for
 * ListUsers to page through, and `frank`, who already has the two keys IAM allows.
 */
export const contractFixture: IamFixture = {
  AccountId: '123456789012',
  Root: {
    AccessKeys: [{ AccessKeyId: ROOT_KEY.accessKeyId, SecretAccessKey: ROOT_KEY.secretAccessKey }],
  },
  Users: [
    { UserName: 'alice' },
    { UserName: 'carol' },
    { UserName: 'dave' },
    {
      UserName: 'frank',
      AccessKeys: [
        { AccessKeyId: 'AKIAFRANKFRANKFRANK1', SecretAccessKey: 'frank-secret-one' },
        { AccessKeyId: 'AKIAFRANKFRANKFRANK2', SecretAccessKey: 'frank-secret-two' },
      ],
    },
  ],
}

/** The mock's fixed clock, as the CLI and botocore print it back. */
export const CLOCK = '2026-02-19T18:34:51Z'

/** A policy document allowing `action` on every resource, as JSON text. */
export const allow = (action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  })

/** Access advisor's IAM entry for `frank` once he called IAM at the mock's clock, as the clients print it. */
export const frankLastAccessedIam = {
  ServiceName: 'AWS Identity and Access Management',
  ServiceNamespace: 'iam',
  LastAuthenticated: '2026-02-19T18:34:51+00:00',
  LastAuthenticatedEntity: 'arn:aws:iam::123456789012:user/frank',
  LastAuthenticatedRegion: 'us-east-1',
  TotalAuthenticatedEntities: 1,
}
