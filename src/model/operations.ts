import { tagKeyListType, tagListType, type Member } from './types.js'

/** Output shapes: members in the order real IAM writes them (spec §3). */
export type OutputShape =
  'string' | 'timestamp' | 'boolean' | 'integer' | OutputStructure | OutputList

export interface OutputStructure {
  readonly kind: 'structure'
  /** The model's shape name; dialects key their element ordering on it. */
  readonly name: string
  readonly members: ReadonlyArray<readonly [name: string, shape: OutputShape]>
}

export interface OutputList {
  readonly kind: 'list'
  readonly member: OutputShape
}

/** An output structure shape: members in the order the service writes them. */
export const structure = (
  name: string,
  members: ReadonlyArray<readonly [string, OutputShape]>,
): OutputStructure => ({ kind: 'structure', name, members })
const list = (member: OutputShape): OutputList => ({ kind: 'list', member })

const Tag = structure('Tag', [
  ['Key', 'string'],
  ['Value', 'string'],
])

export const User = structure('User', [
  ['Path', 'string'],
  ['UserName', 'string'],
  ['UserId', 'string'],
  ['Arn', 'string'],
  ['CreateDate', 'timestamp'],
  ['PasswordLastUsed', 'timestamp'],
  [
    'PermissionsBoundary',
    structure('AttachedPermissionsBoundary', [
      ['PermissionsBoundaryType', 'string'],
      ['PermissionsBoundaryArn', 'string'],
    ]),
  ],
  ['Tags', list(Tag)],
])

const AccessKey = structure('AccessKey', [
  ['UserName', 'string'],
  ['AccessKeyId', 'string'],
  ['Status', 'string'],
  ['SecretAccessKey', 'string'],
  ['CreateDate', 'timestamp'],
])

const AccessKeyMetadata = structure('AccessKeyMetadata', [
  ['UserName', 'string'],
  ['AccessKeyId', 'string'],
  ['Status', 'string'],
  ['CreateDate', 'timestamp'],
])

const AccessKeyLastUsed = structure('AccessKeyLastUsed', [
  ['LastUsedDate', 'timestamp'],
  ['ServiceName', 'string'],
  ['Region', 'string'],
])

const page = (name: string, itemsMember: string, item: OutputShape): OutputStructure =>
  structure(name, [
    [itemsMember, list(item)],
    ['IsTruncated', 'boolean'],
    ['Marker', 'string'],
  ])

export interface Operation {
  /** Input members in model order, keyed by their wire (query parameter) name. */
  readonly input: Readonly<Record<string, Member>>
  /** The `{Action}Result` shape; absent for actions that answer with ResponseMetadata only. */
  readonly output?: OutputStructure
}

const paging = {
  Marker: { type: 'markerType' },
  MaxItems: { type: 'maxItemsType' },
} as const satisfies Record<string, Member>

/**
 * The IAM operations msw-iam implements: one table for inputs and outputs, from which requests
 * are validated and responses serialised (no per-action templates).
 */
export const operations = {
  CreateAccessKey: {
    input: { UserName: { type: 'existingUserNameType' } },
    output: structure('CreateAccessKeyResult', [['AccessKey', AccessKey]]),
  },
  CreateUser: {
    input: {
      Path: { type: 'pathType' },
      UserName: { type: 'userNameType', required: true },
      PermissionsBoundary: { type: 'arnType' },
      Tags: { type: tagListType },
    },
    output: structure('CreateUserResult', [['User', User]]),
  },
  GetUser: {
    input: { UserName: { type: 'existingUserNameType' } },
    output: structure('GetUserResult', [['User', User]]),
  },
  ListUsers: {
    input: { PathPrefix: { type: 'pathPrefixType' }, ...paging },
    output: page('ListUsersResult', 'Users', User),
  },
  UpdateUser: {
    input: {
      UserName: { type: 'existingUserNameType', required: true },
      NewPath: { type: 'pathType' },
      NewUserName: { type: 'userNameType' },
    },
  },
  DeleteUser: {
    input: { UserName: { type: 'existingUserNameType', required: true } },
  },
  ListAccessKeys: {
    input: { UserName: { type: 'existingUserNameType' }, ...paging },
    output: page('ListAccessKeysResult', 'AccessKeyMetadata', AccessKeyMetadata),
  },
  UpdateAccessKey: {
    input: {
      UserName: { type: 'existingUserNameType' },
      AccessKeyId: { type: 'accessKeyIdType', required: true },
      Status: { type: 'statusType', required: true },
    },
  },
  DeleteAccessKey: {
    input: {
      UserName: { type: 'existingUserNameType' },
      AccessKeyId: { type: 'accessKeyIdType', required: true },
    },
  },
  GetAccessKeyLastUsed: {
    input: { AccessKeyId: { type: 'accessKeyIdType', required: true } },
    output: structure('GetAccessKeyLastUsedResult', [
      ['UserName', 'string'],
      ['AccessKeyLastUsed', AccessKeyLastUsed],
    ]),
  },
  TagUser: {
    input: {
      UserName: { type: 'existingUserNameType', required: true },
      Tags: { type: tagListType, required: true },
    },
  },
  UntagUser: {
    input: {
      UserName: { type: 'existingUserNameType', required: true },
      TagKeys: { type: tagKeyListType, required: true },
    },
  },
  ListUserTags: {
    input: { UserName: { type: 'existingUserNameType', required: true }, ...paging },
    output: page('ListUserTagsResult', 'Tags', Tag),
  },
  PutUserPolicy: {
    input: {
      UserName: { type: 'existingUserNameType', required: true },
      PolicyName: { type: 'policyNameType', required: true },
      PolicyDocument: { type: 'policyDocumentType', required: true },
    },
  },
  GetUserPolicy: {
    input: {
      UserName: { type: 'existingUserNameType', required: true },
      PolicyName: { type: 'policyNameType', required: true },
    },
    output: structure('GetUserPolicyResult', [
      ['UserName', 'string'],
      ['PolicyName', 'string'],
      ['PolicyDocument', 'string'],
    ]),
  },
  ListUserPolicies: {
    input: { UserName: { type: 'existingUserNameType', required: true }, ...paging },
    output: page('ListUserPoliciesResult', 'PolicyNames', 'string'),
  },
  DeleteUserPolicy: {
    input: {
      UserName: { type: 'existingUserNameType', required: true },
      PolicyName: { type: 'policyNameType', required: true },
    },
  },
} as const satisfies Record<string, Operation>

export type ActionName = keyof typeof operations

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(operations, name)
}
