import type { StringShape } from './shapes.js'

/**
 * Where AWS departs from its own service model: the one place that says so. Keys are response
 * paths (`{Result}.{Member}`, `member` for list items) or shape names; the wire layer reads them,
 * actions never do.
 */

/** What AWS does at a response path, against what the model allows. */
export type ResponseQuirk =
  /** The model allows the member; AWS never sends it there. */
  | 'omit'
  /** The model requires the member; AWS leaves it out in some cases (the root user's). */
  | 'optional'

/** The members a role nested in an instance profile leaves out, at `path`. */
function nestedRoleQuirks(path: string): Record<string, ResponseQuirk> {
  const left = ['Description', 'MaxSessionDuration', 'PermissionsBoundary', 'Tags', 'RoleLastUsed']
  return Object.fromEntries(left.map((member) => [`${path}.${member}`, 'omit' as const]))
}

export const RESPONSE_QUIRKS: Readonly<Record<string, ResponseQuirk>> = {
  // ListUsers lists users without their tags and boundary (boto/boto3#1855; spec §3).
  'ListUsersResult.Users.member.Tags': 'omit',
  'ListUsersResult.Users.member.PermissionsBoundary': 'omit',
  // Policies: CreatePolicy never returns the Description it was given, and list entries carry
  // neither tags nor description (recorded: test_iam_policies, test_iam_managed_policies).
  'CreatePolicyResult.Policy.Description': 'omit',
  'ListPoliciesResult.Policies.member.Tags': 'omit',
  'ListPoliciesResult.Policies.member.Description': 'omit',
  // GetGroup's members are listed as ListUsers lists them (recorded: test_iam_groups).
  'GetGroupResult.Users.member.Tags': 'omit',
  'GetGroupResult.Users.member.PermissionsBoundary': 'omit',
  // Roles (recorded: test_iam_roles, test_iam_instance_profiles, test_iam). CreateRole answers
  // without Description (even one given), MaxSessionDuration and RoleLastUsed; ListRoles without
  // tags, last use and boundary; UpdateRoleDescription without MaxSessionDuration and last use.
  'CreateRoleResult.Role.Description': 'omit',
  'CreateRoleResult.Role.MaxSessionDuration': 'omit',
  'CreateRoleResult.Role.RoleLastUsed': 'omit',
  'ListRolesResult.Roles.member.Tags': 'omit',
  'ListRolesResult.Roles.member.RoleLastUsed': 'omit',
  'ListRolesResult.Roles.member.PermissionsBoundary': 'omit',
  'UpdateRoleDescriptionResult.Role.MaxSessionDuration': 'omit',
  'UpdateRoleDescriptionResult.Role.RoleLastUsed': 'omit',
  // @note Inferred: CreateServiceLinkedRole answers as CreateRole does.
  'CreateServiceLinkedRoleResult.Role.MaxSessionDuration': 'omit',
  'CreateServiceLinkedRoleResult.Role.RoleLastUsed': 'omit',
  // A role nested in an instance profile carries only Path, RoleName, RoleId, Arn, CreateDate and
  // its trust policy; lists of profiles carry no tags.
  ...nestedRoleQuirks('CreateInstanceProfileResult.InstanceProfile.Roles.member'),
  ...nestedRoleQuirks('GetInstanceProfileResult.InstanceProfile.Roles.member'),
  ...nestedRoleQuirks('ListInstanceProfilesResult.InstanceProfiles.member.Roles.member'),
  ...nestedRoleQuirks('ListInstanceProfilesForRoleResult.InstanceProfiles.member.Roles.member'),
  'ListInstanceProfilesResult.InstanceProfiles.member.Tags': 'omit',
  'ListInstanceProfilesForRoleResult.InstanceProfiles.member.Tags': 'omit',
  // GetAccountAuthorizationDetails (recorded: test_iam_account_authorization_details): a role's
  // instance profiles carry their roles as instance profiles do elsewhere.
  // @note Inferred: and no tags, as lists of instance profiles.
  ...nestedRoleQuirks(
    'GetAccountAuthorizationDetailsResult.RoleDetailList.member.InstanceProfileList.member.Roles.member',
  ),
  'GetAccountAuthorizationDetailsResult.RoleDetailList.member.InstanceProfileList.member.Tags':
    'omit',
  // The root user has no name or path (spec §5), and its access keys no UserName.
  'GetUserResult.User.Path': 'optional',
  'GetUserResult.User.UserName': 'optional',
  'CreateAccessKeyResult.AccessKey.UserName': 'optional',
  // Access advisor: a job still IN_PROGRESS has no completion date (as the model's documentation
  // says of the member it requires).
  'GetServiceLastAccessedDetailsResult.JobCompletionDate': 'optional',
  'GetServiceLastAccessedDetailsWithEntitiesResult.JobCompletionDate': 'optional',
}

/**
 * Structures AWS writes in an order of its own instead of the model's, by response path.
 * GetCallerIdentity: AWS's documented sample and its answers put Arn first.
 */
export const RESPONSE_ORDER: Readonly<Record<string, readonly string[]>> = {
  GetCallerIdentityResult: ['Arn', 'UserId', 'Account'],
}

/**
 * Shapes whose values AWS URL-encodes in every response (RFC 3986), which the SDKs and the CLI
 * decode: policy documents (`GetUserPolicy`, and later roles' trust policies and versions).
 */
export const URL_ENCODED_SHAPES: ReadonlySet<string> = new Set(['policyDocumentType'])

/**
 * Lists whose items AWS's validation describes as non-null: a bad item of `TagKeys` is reported
 * as `Member must satisfy constraint: [… , Member must not be null]`, of `ClientIDList` without
 * it (recordings: UntagRole, UntagPolicy; CreateOpenIDConnectProvider).
 *
 * @note Inferred for the lists the recordings do not show: without.
 */
export const NON_NULL_LIST_MEMBERS: ReadonlySet<string> = new Set(['tagKeyListType'])

/**
 * The sentence IAM answers a pattern violation with, instead of Coral's generic one, for names
 * and paths: `The specified value for userName is invalid. It must contain only alphanumeric
 * characters and/or the following: +=,.@_-` (recorded for userName and for CreateVirtualMFADevice's
 * path). IAM checks these after the front end's constraints pass.
 *
 * @note Inferred for the other `[\w+=,.@-]` name members (roleName, groupName, policyName…),
 * which share userName's pattern.
 */
export function iamSentenceFor(shape: StringShape): 'name' | 'path' | undefined {
  if (shape.pattern === '[\\w+=,.@-]+' || shape.pattern === '[\\w+=,.@-]*') return 'name'
  if (shape.name === 'pathType') return 'path'
  return undefined
}
