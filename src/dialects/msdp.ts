import { msdpFixture } from '../default-fixtures.js'
import type { IamOperationName } from '../model/generated/names.js'
import type { Member, StructureShape } from '../model/shapes.js'
import { checkMsdpPolicyDocument } from '../policy/msdp-grammar.js'
import { awsIdentifier } from '../store/ids.js'
import { randomString } from '../store/random.js'
import type { Dialect } from './dialect.js'

/** The characters of MSDP access key ids (21 of them), in the order the generator indexes them. */
export const MSDP_ACCESS_KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
/** The characters of MSDP secret keys (42 of them): letters and digits, no `+` or `/`. */
export const MSDP_SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * The structures MSDP writes differently from AWS: alphabetical members, and a User reduced to
 * CreateDate and UserName (no Path, UserId or Arn). Every other structure keeps the model's
 * order, as GetUserPolicyResult's sample does (UserName, PolicyName, PolicyDocument).
 */
const MEMBER_ORDER: Readonly<Record<string, readonly string[]>> = {
  User: ['CreateDate', 'UserName'],
  AccessKey: ['AccessKeyId', 'CreateDate', 'SecretAccessKey', 'Status', 'UserName'],
  AccessKeyMetadata: ['AccessKeyId', 'CreateDate', 'Status', 'UserName'],
}

function members(shape: StructureShape): readonly Member[] {
  const order = MEMBER_ORDER[shape.name]
  return order ? order.map((name) => shape.member(name)!) : shape.members
}

const OPERATIONS: readonly IamOperationName[] = [
  'CreateUser',
  'GetUser',
  'ListUsers',
  'DeleteUser',
  'CreateAccessKey',
  'ListAccessKeys',
  'UpdateAccessKey',
  'DeleteAccessKey',
  'PutUserPolicy',
  'GetUserPolicy',
  'ListUserPolicies',
  'DeleteUserPolicy',
]

/**
 * NetBackup's S3 interface for MSDP (Veritas/Cohesity), described by what differs from AWS
 * (`shared/spec/msdp-iam.md`): formats and limits only.
 */
export const msdpDialect: Dialect = {
  name: 'msdp',
  operations: new Set(OPERATIONS),
  versionRequired: false,
  caseSensitiveNames: true,
  shapes: {
    existingUserNameType: { max: 64 },
    statusType: { enum: ['Active', 'Inactive'] },
  },
  pagedAccessKeys: false,
  // @note Unknown upstream: the docs only ever say "the root user".
  rootUserName: 'root',
  protectLastActiveRootKey: true,
  // @note No aggregate policy-size quota: MSDP documents no LimitExceeded for PutUserPolicy, and
  // its grammar keeps each policy small.
  checkPolicyDocument: checkMsdpPolicyDocument,
  defaultFixture: msdpFixture,
  xml: {
    declaration: true,
    metadataFirst: true,
    encodeDocuments: false,
    members,
  },
  newAccessKey: (rng) => ({
    accessKeyId: randomString(rng, MSDP_ACCESS_KEY_ID_ALPHABET, 21),
    secretAccessKey: randomString(rng, MSDP_SECRET_ALPHABET, 42),
  }),
  // MSDP shows no user id; the store still keys users by one.
  newUserId: (rng, accountId) => awsIdentifier(rng, 'AIDA', accountId, 21),
  // @note The samples' RequestIds are the request time in Unix nanoseconds (spec §1.6).
  requestId: (instant) => instant.nanos.toString(),
}
