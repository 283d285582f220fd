import { outboundFederationEntity, stsPreferencesEntity } from './sts-settings.js'
import type { Shape } from '../model/shapes.js'
import { accessKeyEntity, type AccessKeyStatus } from './access-keys.js'
import { rootEntity } from './account.js'
import { truncateToSeconds } from './clock.js'
import { entitySchema, exportRecord, loadRecord, type Entity } from './entity.js'
import { fail, object, tagListSchema, type JsonSchema, type Tag } from './fields.js'
import { roleSessionEntity } from './role-sessions.js'
import type { IamStore, Partition } from './store.js'
import type { PolicyHolder } from './managed-policies.js'
import { inlinePolicyEntity, type PolicyOwner } from './inline-policies.js'
import { ownerOf, userEntity, type Owner, type UserRecord } from './users.js'
import { instanceProfileEntity } from './instance-profiles.js'
import { attachmentEntity, managedPolicyEntity } from './managed-policies.js'
import { groupEntity, memberEntity, type GroupRecord } from './groups.js'
import { roleEntity, type RoleRecord } from './roles.js'
import { oidcProviderEntity } from './oidc-providers.js'
import { samlProviderEntity } from './saml-providers.js'
import { loginProfileEntity, passwordPolicyEntity } from './passwords.js'
import { mfaDeviceEntity } from './mfa-devices.js'
import { accountAliasEntity } from './account-settings.js'
import { delegationRequestEntity } from './delegation-requests.js'
import { accountPropertyEntity } from './account-properties.js'
import { roleTemplateEntity } from './role-templates.js'
import { sshPublicKeyEntity } from './ssh-public-keys.js'
import { serviceCredentialEntity } from './service-credentials.js'
import { lastAccessEntity } from './access-advisor.js'
import { signingCertificateEntity } from './signing-certificates.js'
import { serverCertificateEntity } from './server-certificates.js'
import { organizationEntity } from './organization.js'

export { FixtureError } from './fields.js'

/** An access key in a fixture. Secrets are stored as given. */
export interface FixtureAccessKey {
  AccessKeyId: string
  SecretAccessKey: string
  /** Default `Active`. */
  Status?: AccessKeyStatus
  /** ISO-8601; default: when the fixture is loaded. */
  CreateDate?: string
  /** The last request the key signed; absent means never used (`N/A`). */
  LastUsed?: { Date: string; ServiceName: string; Region: string }
}

export interface FixtureUser {
  UserName: string
  /** Default `/`. */
  Path?: string
  /** Default: a fresh `AIDA…` id. */
  UserId?: string
  CreateDate?: string
  Tags?: Tag[]
  /** A managed-policy ARN set as the user's permissions boundary. */
  PermissionsBoundary?: string
  AccessKeys?: FixtureAccessKey[]
  /**
   * Inline policies: policy name → document, as a JSON string (kept as written, which is what
   * GetUserPolicy returns) or as an object (stored as `JSON.stringify` writes it).
   */
  Policies?: Record<string, string | object>
  /** ARNs of the managed policies attached to the user (the account's must be in `Policies`). */
  AttachedPolicies?: string[]
  /** The user's console password (clear text; never in a response or the view). */
  LoginProfile?: FixtureLoginProfile
  /** SSH public keys (for CodeCommit), at most five. */
  SSHPublicKeys?: FixtureSshPublicKey[]
  /** Passwords for CodeCommit or Keyspaces, at most two per service. */
  ServiceSpecificCredentials?: FixtureServiceCredential[]
  /** What access advisor reports the user last reached (beyond the IAM and STS calls it sees). */
  LastAccessed?: FixtureLastAccess[]
  /** X.509 signing certificates, at most two. */
  SigningCertificates?: FixtureSigningCertificate[]
}

/** An X.509 signing certificate in a fixture; its `CertificateId` derives from the certificate. */
export interface FixtureSigningCertificate {
  /** One certificate, PEM (`BEGIN CERTIFICATE`). */
  CertificateBody: string
  /** Default `Active`. */
  Status?: 'Active' | 'Inactive' | 'Expired'
  UploadDate?: string
}

/** A server certificate in a fixture, checked as UploadServerCertificate checks it. */
export interface FixtureServerCertificate {
  ServerCertificateName: string
  /** Default `/`. */
  Path?: string
  /** Default: a fresh `ASCA…` id. */
  ServerCertificateId?: string
  /** The certificate, PEM. Its `notAfter` is the `Expiration`. */
  CertificateBody: string
  /** Its unencrypted private key, PEM. Never in a response or the view (snapshots keep it). */
  PrivateKey: string
  /** The certificates that issued it, PEM, the immediate issuer first. */
  CertificateChain?: string
  UploadDate?: string
  Tags?: Tag[]
}

/**
 * A user's or role's last authenticated request to a service (or one of its actions), as
 * access advisor reports it: for services the mock never sees (`s3`, `ec2`…).
 */
export interface FixtureLastAccess {
  /** `s3`, `ec2`… */
  ServiceNamespace: string
  /** The action (`GetObject`), for ACTION_LEVEL reports; absent: the service alone. */
  ActionName?: string
  LastAuthenticated: string
  LastAuthenticatedRegion: string
}

export interface FixtureLoginProfile {
  Password: string
  /** Default false. */
  PasswordResetRequired?: boolean
  CreateDate?: string
  /** Default: CreateDate. */
  PasswordLastChanged?: string
  /** Earlier passwords, newest first (reuse prevention). */
  PreviousPasswords?: string[]
}

/** The account password policy; members left out take AWS's defaults. */
export interface FixturePasswordPolicy {
  /** 6–128; default 6. */
  MinimumPasswordLength?: number
  RequireSymbols?: boolean
  RequireNumbers?: boolean
  RequireUppercaseCharacters?: boolean
  RequireLowercaseCharacters?: boolean
  AllowUsersToChangePassword?: boolean
  /** 1–1095 days. */
  MaxPasswordAge?: number
  /** 1–24. */
  PasswordReusePrevention?: number
  HardExpiry?: boolean
}

/** A service-specific credential in a fixture. */
export interface FixtureServiceCredential {
  ServiceName: 'codecommit.amazonaws.com' | 'cassandra.amazonaws.com'
  /** Default: a fresh `ACCA…` id. */
  ServiceSpecificCredentialId?: string
  /** Default: `<UserName>-at-<AccountId>`. */
  ServiceUserName?: string
  /** Default: a fresh one. Stored as given. */
  ServicePassword?: string
  /** Default `Active`. */
  Status?: 'Active' | 'Inactive' | 'Expired'
  CreateDate?: string
}

/** An SSH public key in a fixture: an RSA key of 2048 bits or more, OpenSSH or PEM. */
export interface FixtureSshPublicKey {
  SSHPublicKeyBody: string
  /** Default: a fresh `APKA…` id. */
  SSHPublicKeyId?: string
  /** Default `Active`. */
  Status?: 'Active' | 'Inactive' | 'Expired'
  UploadDate?: string
}

/** A version of a customer managed policy. */
export interface FixturePolicyVersion {
  /** `v1`, `v2`, … */
  VersionId: string
  Document: string | object
  CreateDate?: string
}

/** A customer managed policy: one `Document` (its v1), or its `Versions`. */
export interface FixturePolicy {
  PolicyName: string
  /** Default `/`. */
  Path?: string
  /** Default: a fresh `ANPA…` id. */
  PolicyId?: string
  Description?: string
  CreateDate?: string
  Tags?: Tag[]
  /** The document of the policy's one version, v1. */
  Document?: string | object
  /** Default: the newest of `Versions`. */
  DefaultVersionId?: string
  /** At most five. */
  Versions?: FixturePolicyVersion[]
}

export interface FixtureGroup {
  GroupName: string
  /** Default `/`. */
  Path?: string
  /** Default: a fresh `AGPA…` id. */
  GroupId?: string
  CreateDate?: string
  /** Names of its members: users of the fixture. */
  Users?: string[]
  /** Inline policies: policy name → document. */
  Policies?: Record<string, string | object>
  /** ARNs of the managed policies attached to the group. */
  AttachedPolicies?: string[]
}

/**
 * Temporary credentials of an assumed role (what STS AssumeRole returns), so tests can call as a
 * non-user principal: GetCallerIdentity answers with the assumed-role ARN, and IAM actions that
 * default to the caller's user refuse them.
 */
export interface FixtureRoleSession {
  /** The temporary access key id, conventionally `ASIA…`. */
  AccessKeyId: string
  SecretAccessKey: string
  /** Must accompany every request (`X-Amz-Security-Token`) when signatures are verified. */
  SessionToken: string
  /** `arn:aws:iam::123456789012:role/Name` (or with a path), in the fixture's account. */
  RoleArn: string
  RoleSessionName: string
  /** The role's unique id, `AROA…`; default: a fresh one. */
  RoleId?: string
  /** When the credentials expire (refused after it, `ExpiredToken`, with `verifySignatures`). */
  Expiration?: string
  /** Session tags (`aws:PrincipalTag/…` in trust policies). */
  Tags?: Tag[]
  /** The keys of `Tags` that pass on when this session assumes another role. */
  TransitiveTagKeys?: string[]
  SourceIdentity?: string
  /** Whether the session was made with MFA. */
  MfaAuthenticated?: boolean
  /** Whether a role session assumed it (role chaining, which AWS limits to an hour). */
  Chained?: boolean
  /** The session policy (AssumeRole's `Policy`), as given. */
  Policy?: string
  /** The session's managed policy ARNs (AssumeRole's `PolicyArns`). */
  PolicyArns?: string[]
}

export interface FixtureRole {
  RoleName: string
  /** Default `/`. */
  Path?: string
  /** Default: a fresh `AROA…` id. */
  RoleId?: string
  CreateDate?: string
  /** The trust policy (JSON text or object); default: the account may assume the role. */
  AssumeRolePolicyDocument?: string | object
  Description?: string
  /** Seconds, 3600–43200; default 3600. */
  MaxSessionDuration?: number
  Tags?: Tag[]
  /** A managed-policy ARN set as the role's permissions boundary. */
  PermissionsBoundary?: string
  /** The last request a session of the role signed. */
  RoleLastUsed?: { LastUsedDate: string; Region: string }
  /** The role template AcquireRole made the role from. */
  SourceRoleTemplate?: { TemplateArn: string; TemplateMinorVersion: number }
  /** Inline policies: policy name → document. */
  Policies?: Record<string, string | object>
  /** ARNs of the managed policies attached to the role. */
  AttachedPolicies?: string[]
  /** What access advisor reports the role's sessions last reached (beyond IAM and STS). */
  LastAccessed?: FixtureLastAccess[]
}

export interface FixtureOidcProvider {
  /** The issuer URL, `https://…` (IAM stores and returns it without the scheme). */
  Url: string
  /** The audiences tokens may be issued for. */
  ClientIDList?: string[]
  /** Up to 5 certificate thumbprints (40 hex characters); optional, as in AWS today. */
  ThumbprintList?: string[]
  CreateDate?: string
  Tags?: Tag[]
  /**
   * The provider's public signing keys (JWKs, a JWKS's `keys`): AssumeRoleWithWebIdentity
   * verifies tokens against them, since the mock cannot fetch the provider's JWKS.
   */
  Keys?: Record<string, unknown>[]
}

export interface FixtureSamlProvider {
  /** 1–128 letters, digits, `.`, `_` or `-`. */
  Name: string
  /** The IdP's metadata: an `EntityDescriptor` with an `entityID` and an `IDPSSODescriptor`. */
  SAMLMetadataDocument: string
  /** Default: a fresh one. */
  SAMLProviderUUID?: string
  CreateDate?: string
  /** Default: the metadata's `validUntil`, or a hundred years after `CreateDate`. */
  ValidUntil?: string
  /** Default `Allowed`. */
  AssertionEncryptionMode?: 'Allowed' | 'Required'
  Tags?: Tag[]
}

export interface FixtureInstanceProfile {
  InstanceProfileName: string
  Path?: string
  /** Default: a fresh `AIPA…` id. */
  InstanceProfileId?: string
  CreateDate?: string
  Tags?: Tag[]
  /** The role it holds (at most one), by name: a role of the fixture. */
  Roles?: string[]
}

/**
 * The state a mock starts from (and returns to on `reset()`), as JSON. Member names follow the
 * AWS API (`UserName`, `AccessKeyId`…) so SDK output can be pasted in.
 *
 * @example
 * {
 *   "AccountId": "123456789012",
 *   "Root": { "AccessKeys": [{ "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "…" }] },
 *   "Users": [{ "UserName": "Alice", "AccessKeys": [{ "AccessKeyId": "AKIA…", "SecretAccessKey": "…" }] }]
 * }
 */
export interface IamFixture {
  /** Editors use it to validate the file against `fixtures/schema.json`; ignored here. */
  $schema?: string
  /** 12 digits; default `123456789012`. */
  AccountId?: string
  /** The partition of ARNs on custom endpoints; default `aws`. */
  Partition?: Partition
  /** The account root user: its creation date, access keys and signing certificates (two each). */
  Root?: {
    CreateDate?: string
    AccessKeys?: FixtureAccessKey[]
    SigningCertificates?: FixtureSigningCertificate[]
  }
  /** The account's customer managed policies, with their versions and tags. */
  Policies?: FixturePolicy[]
  Users?: FixtureUser[]
  /** IAM groups, with their members, inline and attached policies. */
  Groups?: FixtureGroup[]
  /** IAM roles, with their inline and attached policies. */
  Roles?: FixtureRole[]
  /** Instance profiles and the role each holds. */
  InstanceProfiles?: FixtureInstanceProfile[]
  /** Assumed-role sessions whose temporary keys may sign requests. */
  RoleSessions?: FixtureRoleSession[]
  /** OpenID Connect identity providers (and their signing keys, for web-identity tokens). */
  OpenIDConnectProviders?: FixtureOidcProvider[]
  /** SAML 2.0 identity providers. */
  SAMLProviders?: FixtureSamlProvider[]
  /** The account password policy. */
  PasswordPolicy?: FixturePasswordPolicy
  /** The account alias (at most one). */
  AccountAliases?: string[]
  SecurityTokenServicePreferences?: { GlobalEndpointTokenVersion: 'v1Token' | 'v2Token' }
  OutboundWebIdentityFederation?: { IssuerIdentifier?: string; JwtVendingEnabled?: boolean }
  /** Virtual MFA devices with their seeds, each enabled for a user of the fixture or not. */
  VirtualMFADevices?: FixtureVirtualMfaDevice[]
  /** Server certificates with their private keys and chains. */
  ServerCertificates?: FixtureServerCertificate[]
  /** The organization the account belongs to, and the SCPs that limit its principals. */
  Organization?: FixtureOrganization
  /** Delegation requests: the account's own, or partners' sent to it (`RequestorId`). */
  DelegationRequests?: FixtureDelegationRequest[]
  /** Account-level IAM feature settings: `{ "Namespace/PropertyName": "value" }`. */
  AccountProperties?: Record<string, string>
  /** The AWS services' role templates the account can make roles from (AcquireRole). */
  RoleTemplates?: FixtureRoleTemplate[]
}

/**
 * The account's organization: its principals (the root user too) are then limited by the service
 * control policies, unless the account is the management account.
 */
export interface FixtureOrganization {
  /** The organization's id, `o-…`. */
  Id?: string
  /** Whether the account is the organization's management account (SCPs do not limit it). */
  ManagementAccount?: boolean
  /** The SCPs attached to the account; default: `FullAWSAccess` alone, as AWS attaches it. */
  ServiceControlPolicies?: FixtureServiceControlPolicy[]
}

/** A service control policy: its name and its document (JSON text or object). */
export interface FixtureServiceControlPolicy {
  PolicyName: string
  /** `p-…`. */
  PolicyId?: string
  Document: string | object
}

export interface FixtureRoleTemplate {
  /** `arn:aws:iam::aws:role-template/{service principal}/{name}:{major version}` */
  TemplateArn: string
  Description?: string
  /** Default true. */
  Enabled?: boolean
  /** Default: the highest of Versions. */
  DefaultMinorVersion?: number
  Versions: {
    MinorVersion: number
    /** Default true. */
    VersionEnabled?: boolean
    /** `@{Parameter}` placeholders take AcquireRole's ReplacementValues. */
    RoleNamePattern: string
    /** Default `/`. */
    RolePathPattern?: string
    RoleDescriptionPattern?: string
    AssumeRolePolicyDocumentTemplate: string | object
    InlinePolicyTemplates?: { PolicyName: string; PolicyDocument: string }[]
    ManagedPolicyArns?: string[]
    PermissionBoundaryArn?: string
    ParametersDefinition?: {
      Name: string
      Type: 'String' | 'StringList' | 'Number' | 'NumberList' | 'Arn' | 'ArnList'
      SubType?: string
      Description?: string
      IsRequired?: boolean
      DefaultValue?: string
      Immutable?: boolean
    }[]
    RoleTagsTemplate?: { Key: string; Value: string }[]
    MaxSessionDuration?: number
    CreateTimestamp?: string
    UpdateTimestamp?: string
  }[]
}

export interface FixtureDelegationRequest {
  /** Default: a fresh one. */
  DelegationRequestId?: string
  /** The account the request is targeted to (or, once associated, its owner's). */
  OwnerAccountId?: string
  Description: string
  RequestMessage?: string
  Permissions: {
    PolicyTemplateArn?: string
    Parameters?: { Name?: string; Values?: string[]; Type?: 'string' | 'stringList' }[]
  }
  RequestorWorkflowId: string
  RedirectUrl?: string
  /** An SNS topic ARN. */
  NotificationChannel: string
  /** Seconds, 300 to 43200. */
  SessionDuration: number
  OnlySendByOwner?: boolean
  OwnerId?: string
  ApproverId?: string
  /** Default `UNASSIGNED`. */
  State?:
    | 'UNASSIGNED'
    | 'ASSIGNED'
    | 'PENDING_APPROVAL'
    | 'ACCEPTED'
    | 'FINALIZED'
    | 'REJECTED'
    | 'EXPIRED'
  CreateDate?: string
  /** Default: CreateDate. */
  UpdatedTime?: string
  /** Default: 7 days after UpdatedTime. */
  ExpirationTime?: string
  /** The partner's account; default: the fixture's. */
  RequestorId?: string
  RequestorName?: string
  Notes?: string
  RejectionReason?: string
}

export interface FixtureVirtualMfaDevice {
  VirtualMFADeviceName: string
  /** Default `/`. */
  Path?: string
  /** The TOTP seed (Base32); default: a fresh one. Codes for EnableMFADevice come from it. */
  Base32StringSeed?: string
  CreateDate?: string
  Tags?: Tag[]
  /** The user it is enabled for. */
  UserName?: string
  /** Default: CreateDate, when UserName is set. */
  EnableDate?: string
}

export const DEFAULT_ACCOUNT_ID = '123456789012'
const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov']

/** The owner of a user's (or, in MSDP, the named root's) inline policies. */
export function userPolicyOwner(owner: Owner): PolicyOwner {
  return { id: owner.id, name: owner.kind === 'user' ? owner.user.UserName : 'root' }
}

const LAST_ACCESSED =
  'What access advisor reports it last reached (a service, or one of its actions), beyond the IAM and STS requests the mock sees.'
/** `SigningCertificates: [{ CertificateBody, … }]` under a user or the root user. */
const signingCertificates = {
  form: 'list',
  maxItems: 2,
  entity: signingCertificateEntity,
  description: 'X.509 signing certificates (PEM), at most two; their ids derive from them.',
} as const

/** A user with what nests under it in fixtures: its access keys and inline policies. */
export const fixtureUser: Entity<UserRecord, undefined, IamStore> = {
  ...userEntity,
  children: {
    AccessKeys: { form: 'list', maxItems: 2, entity: accessKeyEntity },
    Policies: {
      description: 'Inline policies: policy name → document (JSON text or object).',
      form: 'map',
      entity: inlinePolicyEntity(
        (store) => store.userPolicies,
        (user: UserRecord) => userPolicyOwner(ownerOf(user)),
      ),
      key: 'PolicyName',
      value: 'PolicyDocument',
      viewKey: 'PolicyNames',
    },
    AttachedPolicies: attachedPolicies((user: UserRecord) => ({
      type: 'user',
      id: user.UserId,
      name: 'User',
    })),
    LoginProfile: {
      form: 'object',
      entity: loginProfileEntity,
      description: 'The user’s console password (clear text; never in a response or the view).',
    },
    SSHPublicKeys: {
      form: 'list',
      maxItems: 5,
      entity: sshPublicKeyEntity,
      description: 'SSH public keys (for CodeCommit): RSA, 2048 bits or more, OpenSSH or PEM.',
    },
    ServiceSpecificCredentials: {
      form: 'list',
      entity: serviceCredentialEntity,
      description: 'Passwords for CodeCommit or Keyspaces (two per service).',
    },
    LastAccessed: {
      form: 'list',
      entity: lastAccessEntity((user: UserRecord) => user.UserId),
      description: LAST_ACCESSED,
    },
    SigningCertificates: signingCertificates,
  } as Entity<UserRecord, undefined, IamStore>['children'],
}

/** A group with what nests under it in fixtures: its members, inline and attached policies. */
export const fixtureGroup: Entity<GroupRecord, undefined, IamStore> = {
  ...groupEntity,
  children: {
    Users: {
      description: 'Names of its members: users of the fixture.',
      form: 'values',
      key: 'UserName',
      entity: memberEntity,
    },
    Policies: {
      description: 'Inline policies: policy name → document (JSON text or object).',
      form: 'map',
      entity: inlinePolicyEntity(
        (store) => store.groupPolicies,
        (group: GroupRecord) => ({ id: group.GroupId, name: group.GroupName }),
      ),
      key: 'PolicyName',
      value: 'PolicyDocument',
      viewKey: 'PolicyNames',
    },
    AttachedPolicies: attachedPolicies((group: GroupRecord) => ({
      type: 'group',
      id: group.GroupId,
      name: 'Group',
    })),
  } as Entity<GroupRecord, undefined, IamStore>['children'],
}

/** A role with what nests under it in fixtures: its inline and attached managed policies. */
export const fixtureRole: Entity<RoleRecord, undefined, IamStore> = {
  ...roleEntity,
  children: {
    Policies: {
      description: 'Inline policies: policy name → document (JSON text or object).',
      form: 'map',
      entity: inlinePolicyEntity(
        (store) => store.rolePolicies,
        (role: RoleRecord) => ({ id: role.RoleId, name: role.RoleName }),
      ),
      key: 'PolicyName',
      value: 'PolicyDocument',
      viewKey: 'PolicyNames',
    },
    AttachedPolicies: attachedPolicies((role: RoleRecord) => ({
      type: 'role',
      id: role.RoleId,
      name: 'Role',
    })),
    LastAccessed: {
      form: 'list',
      entity: lastAccessEntity((role: RoleRecord) => role.RoleId),
      description: LAST_ACCESSED,
    },
  } as Entity<RoleRecord, undefined, IamStore>['children'],
}

/** `AttachedPolicies: [arn, …]` under a user, a group or a role. */
function attachedPolicies<P>(holder: (parent: P) => PolicyHolder) {
  return {
    description: `ARNs of the managed policies attached to it (the account's must be in Policies).`,
    form: 'values',
    key: 'PolicyArn',
    entity: attachmentEntity(holder),
  } as const
}

/** The root user with its access keys and signing certificates (the account's). */
export const fixtureRoot = {
  ...rootEntity,
  children: {
    AccessKeys: { form: 'list', maxItems: 2, entity: accessKeyEntity },
    SigningCertificates: signingCertificates,
  },
} as typeof rootEntity

/**
 * The fixture format: which entity sits where. Everything else about an entity — its fields,
 * their checks and defaults, how it is created, listed, exported, viewed and described — is the
 * entity's own (`entity.ts`).
 */
export const fixtureEntity: Entity<undefined, undefined, IamStore> = {
  fields: {},
  children: {
    Root: {
      form: 'object',
      entity: fixtureRoot,
      description:
        'The account root user: its creation date, access keys and signing certificates (two each).',
    },
    // Before those that attach them.
    Policies: {
      form: 'list',
      entity: managedPolicyEntity,
      description: "The account's customer managed policies, with their versions and tags.",
    },
    Users: {
      form: 'list',
      entity: fixtureUser,
      description: 'IAM users, with their keys, inline and attached policies.',
    },
    // After Users: its members are the fixture's users.
    Groups: {
      form: 'list',
      entity: fixtureGroup,
      description: 'IAM groups, with their members, inline and attached policies.',
    },
    // Before RoleSessions: a session whose RoleArn names a fixture role takes the role's id.
    Roles: {
      form: 'list',
      entity: fixtureRole,
      description: 'IAM roles, with their trust policy, inline and attached policies.',
    },
    InstanceProfiles: {
      form: 'list',
      entity: instanceProfileEntity,
      description: 'Instance profiles, each with the role it holds.',
    },
    OpenIDConnectProviders: {
      form: 'list',
      entity: oidcProviderEntity,
      description:
        'OpenID Connect identity providers, with the public keys their tokens are signed with.',
    },
    SAMLProviders: {
      form: 'list',
      entity: samlProviderEntity,
      description: 'SAML 2.0 identity providers, by name, with their metadata.',
    },
    PasswordPolicy: {
      form: 'object',
      entity: passwordPolicyEntity,
      description: 'The account password policy; members left out take AWS’s defaults.',
    },
    AccountAliases: {
      form: 'values',
      key: 'AccountAlias',
      entity: accountAliasEntity,
      description: 'The account alias (at most one).',
    },
    SecurityTokenServicePreferences: {
      form: 'object',
      entity: stsPreferencesEntity,
      description: 'The token version of sts.amazonaws.com (SetSecurityTokenServicePreferences).',
    },
    OutboundWebIdentityFederation: {
      form: 'object',
      entity: outboundFederationEntity,
      description: 'Outbound web identity federation (GetWebIdentityToken), enabled or not.',
    },
    // After Users: a device names the user it is enabled for.
    VirtualMFADevices: {
      form: 'list',
      entity: mfaDeviceEntity,
      description: 'Virtual MFA devices with their Base32 seeds, each enabled for a user or not.',
    },
    ServerCertificates: {
      form: 'list',
      entity: serverCertificateEntity,
      description:
        'Server certificates (PEM), each with its private key (never in a response or the view) and chain.',
    },
    Organization: {
      form: 'object',
      entity: organizationEntity,
      description:
        'The organization the account belongs to: its service control policies limit every principal of the account, the root user too, unless it is the management account.',
    },
    RoleTemplates: {
      form: 'list',
      entity: roleTemplateEntity,
      description:
        'The AWS services’ role templates AcquireRole makes roles from, with their minor versions.',
    },
    DelegationRequests: {
      form: 'list',
      entity: delegationRequestEntity,
      description:
        'Delegation requests: the account’s own, or partners’ sent to it (RequestorId), in any state.',
    },
    AccountProperties: {
      form: 'map',
      key: 'Key',
      value: 'Value',
      viewKey: 'AccountPropertyKeys',
      entity: accountPropertyEntity,
      description: 'Account-level IAM feature settings: { "Namespace/PropertyName": "value" }.',
    },
    RoleSessions: {
      form: 'list',
      entity: roleSessionEntity,
      description:
        'Assumed-role sessions (temporary ASIA… keys) that may sign requests as the role session.',
    },
  } as Entity<undefined, undefined, IamStore>['children'],
  create: () => undefined,
  records: () => [undefined],
}

/** The account settings of a fixture, validated; the rest waits for `loadFixture`. */
export function fixtureAccount(fixture: unknown): { accountId: string; partition: Partition } {
  const root = object('fixture', fixture, [
    '$schema',
    'AccountId',
    'Partition',
    ...Object.keys(fixtureEntity.children!),
  ])
  let accountId = DEFAULT_ACCOUNT_ID
  if (root.AccountId !== undefined) {
    if (typeof root.AccountId !== 'string' || !/^\d{12}$/.test(root.AccountId)) {
      fail('AccountId', 'must be 12 digits')
    }
    accountId = root.AccountId
  }
  let partition: Partition = 'aws'
  if (root.Partition !== undefined) {
    if (!PARTITIONS.includes(root.Partition as Partition)) {
      fail('Partition', `must be one of ${PARTITIONS.join(', ')}`)
    }
    partition = root.Partition as Partition
  }
  return { accountId, partition }
}

/**
 * Validates a fixture and loads it into the store, replacing what the store held. Every
 * problem is reported as a FixtureError naming the field (`Users[2].AccessKeys[0].Status: …`),
 * before any request runs; the store is left as it was.
 */
export function loadFixture(
  store: IamStore,
  fixture: unknown,
  shape: (name: string) => Shape,
  now: Date,
): void {
  const account = fixtureAccount(fixture)
  const data = fixture as Record<string, unknown>
  if (data.AccountId !== undefined && account.accountId !== store.accountId) {
    fail('AccountId', `is ${account.accountId}, but this mock serves account ${store.accountId}`)
  }
  if (data.Partition !== undefined && account.partition !== store.partition) {
    fail('Partition', `is ${account.partition}, but this mock serves partition ${store.partition}`)
  }
  const { $schema: _schema, AccountId: _account, Partition: _partition, ...entities } = data
  const ctx = { shape, now: truncateToSeconds(now), accountId: store.accountId, dates: new Map() }
  store.log.transaction(() => {
    store.clear()
    // The root user exists even when a fixture leaves it out.
    loadRecord(fixtureEntity, { Root: {}, ...entities }, '', undefined, store, ctx)
  })
}

/**
 * The whole state of a store as a fixture, secrets included, with every default made explicit
 * (ids, dates, statuses): loading it rebuilds exactly this state.
 */
export function exportFixture(store: IamStore): IamFixture {
  return {
    AccountId: store.accountId,
    Partition: store.partition,
    ...exportRecord(fixtureEntity, undefined, store),
  }
}

/** `fixtures/schema.json`: the JSON Schema of the fixture format, from its entities. */
export function fixtureSchema(shape: (name: string) => Shape): JsonSchema {
  const body = entitySchema(fixtureEntity, { shape })
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/msw-iam/msw-iam/fixtures/schema.json',
    title: 'msw-iam fixture',
    description:
      'The state an msw-iam mock starts from and returns to on reset(). Member names follow the AWS API.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      AccountId: { type: 'string', pattern: '^\\d{12}$', default: DEFAULT_ACCOUNT_ID },
      Partition: { enum: PARTITIONS, default: 'aws' },
      ...(body.properties as JsonSchema),
    },
    $defs: {
      date: {
        type: 'string',
        description: 'ISO-8601 date-time; stored to the second.',
        pattern: '^\\d{4}-\\d{2}-\\d{2}T',
      },
      tags: tagListSchema({ shape }),
    },
  }
}
