import { organizationEntity } from './organization.js'
import type { AccessKeyStatus } from './access-keys.js'
import { accessKeyEntity } from './access-keys.js'
import { viewRecord } from './entity.js'
import type { Tag } from './fields.js'
import { fixtureGroup, fixtureRole, fixtureUser } from './fixture.js'
import { managedPolicyEntity, parsePolicyArn } from './managed-policies.js'
import { instanceProfileEntity } from './instance-profiles.js'
import { oidcProviderEntity } from './oidc-providers.js'
import { samlProviderEntity } from './saml-providers.js'
import { delegationRequestEntity, type DelegationRequestRecord } from './delegation-requests.js'
import type { IamStore, Partition } from './store.js'
import { passwordPolicyEntity, type PasswordPolicyRecord } from './passwords.js'
import { mfaDeviceEntity } from './mfa-devices.js'
import { ROOT_ID } from './users.js'
import { signingCertificateEntity } from './signing-certificates.js'
import { serverCertificateEntity } from './server-certificates.js'

/** An access key as a test may read it: everything but the secret. */
export interface AccessKeyView {
  AccessKeyId: string
  Status: AccessKeyStatus
  CreateDate: Date
  /** Absent for the root user's keys. */
  UserName?: string
  LastUsed?: { Date: Date; ServiceName: string; Region: string }
}

export interface UserView {
  UserName: string
  Path: string
  UserId: string
  Arn: string
  CreateDate: Date
  Tags: Tag[]
  PermissionsBoundary?: string
  AccessKeys: AccessKeyView[]
  /** Names of the user's inline policies. */
  PolicyNames: string[]
  /** ARNs of the managed policies attached to the user. */
  AttachedPolicies: string[]
  /** The user's login profile, without its password. */
  LoginProfile?: { CreateDate: Date; PasswordResetRequired: boolean; PasswordLastChanged: Date }
  SSHPublicKeys: SshPublicKeyView[]
  /** Without their passwords. */
  ServiceSpecificCredentials: ServiceCredentialView[]
  /** What access advisor reports the user last reached: each service and action it called. */
  LastAccessed: LastAccessView[]
  SigningCertificates: SigningCertificateView[]
}

/** An X.509 signing certificate of a user or of the root user. */
export interface SigningCertificateView {
  /** Derived from the certificate. */
  CertificateId: string
  /** As uploaded. */
  CertificateBody: string
  Status: 'Active' | 'Inactive' | 'Expired'
  UploadDate: Date
}

/** A server certificate, without its private key. */
export interface ServerCertificateView {
  ServerCertificateName: string
  Path: string
  ServerCertificateId: string
  Arn: string
  CertificateBody: string
  CertificateChain?: string
  UploadDate: Date
  /** The certificate's `notAfter`. */
  Expiration: Date
  Tags: Tag[]
}

/** A user's or role's last authenticated request to a service (or one of its actions). */
export interface LastAccessView {
  ServiceNamespace: string
  /** Absent in a fixture's record of the service alone. */
  ActionName?: string
  LastAuthenticated: Date
  LastAuthenticatedRegion: string
}

/** A user's service-specific credential, without its password. */
export interface ServiceCredentialView {
  ServiceSpecificCredentialId: string
  ServiceName: string
  ServiceUserName: string
  Status: 'Active' | 'Inactive' | 'Expired'
  CreateDate: Date
}

/** A user's SSH public key. */
export interface SshPublicKeyView {
  SSHPublicKeyId: string
  /** As uploaded. */
  SSHPublicKeyBody: string
  /** The MD5 fingerprint IAM shows. */
  Fingerprint: string
  Status: 'Active' | 'Inactive' | 'Expired'
  UploadDate: Date
}

/** A version of a customer managed policy. */
export interface PolicyVersionView {
  VersionId: string
  /** As written (not URL-encoded). */
  Document: string
  CreateDate: Date
}

/** A customer managed policy of the account. */
export interface PolicyView {
  PolicyName: string
  Path: string
  PolicyId: string
  Arn: string
  Description?: string
  CreateDate: Date
  Tags: Tag[]
  DefaultVersionId: string
  /** Users, groups and roles it is attached to. */
  AttachmentCount: number
  /** Newest first, as ListPolicyVersions lists them. */
  Versions: PolicyVersionView[]
}

export interface GroupView {
  GroupName: string
  Path: string
  GroupId: string
  Arn: string
  CreateDate: Date
  /** Names of its members. */
  Users: string[]
  /** Names of the group's inline policies. */
  PolicyNames: string[]
  /** ARNs of the managed policies attached to the group. */
  AttachedPolicies: string[]
}

export interface RoleView {
  RoleName: string
  Path: string
  RoleId: string
  Arn: string
  CreateDate: Date
  /** The trust policy, as written (not URL-encoded). */
  AssumeRolePolicyDocument: string
  Description?: string
  MaxSessionDuration: number
  Tags: Tag[]
  PermissionsBoundary?: string
  RoleLastUsed?: { LastUsedDate: Date; Region: string }
  /** The role template AcquireRole made the role from. */
  SourceRoleTemplate?: { TemplateArn: string; TemplateMinorVersion: number }
  /** Names of the role's inline policies. */
  PolicyNames: string[]
  /** ARNs of the managed policies attached to the role. */
  AttachedPolicies: string[]
  /** What access advisor reports the role's sessions last reached. */
  LastAccessed: LastAccessView[]
}

export interface InstanceProfileView {
  InstanceProfileName: string
  Path: string
  InstanceProfileId: string
  Arn: string
  CreateDate: Date
  Tags: Tag[]
  /** The names of the roles it holds (at most one). */
  Roles: string[]
}

export interface OidcProviderView {
  /** As IAM returns it: without `https://`. */
  Url: string
  Arn: string
  ClientIDList: string[]
  ThumbprintList: string[]
  CreateDate: Date
  Tags: Tag[]
  /** The public keys its tokens are verified with. */
  Keys?: Record<string, unknown>[]
}

export interface SamlProviderView {
  Name: string
  Arn: string
  SAMLProviderUUID: string
  CreateDate: Date
  ValidUntil: Date
  AssertionEncryptionMode: 'Allowed' | 'Required'
  Tags: Tag[]
}

/**
 * Read access to a mock's state from a test. Every call returns fresh copies; secrets are
 * returned only by `secretAccessKey(id)`, which a test calls on purpose.
 */
export interface IamStoreView {
  readonly accountId: string
  readonly partition: Partition
  /** All users, in the order ListUsers returns them. */
  users(): UserView[]
  user(userName: string): UserView | undefined
  /** The account root user's access keys. */
  rootAccessKeys(): AccessKeyView[]
  /** The account root user's signing certificates (the account's). */
  rootSigningCertificates(): SigningCertificateView[]
  accessKey(accessKeyId: string): AccessKeyView | undefined
  /** The secret of a key: the one way to read a secret outside CreateAccessKey's response. */
  secretAccessKey(accessKeyId: string): string | undefined
  /** A service-specific credential's password (outside Create and Reset, only asked for here). */
  servicePassword(serviceSpecificCredentialId: string): string | undefined
  /** All roles, in the order ListRoles returns them. */
  roles(): RoleView[]
  role(roleName: string): RoleView | undefined
  /** All instance profiles, in the order ListInstanceProfiles returns them. */
  instanceProfiles(): InstanceProfileView[]
  instanceProfile(name: string): InstanceProfileView | undefined
  /** The account's customer managed policies, in the order ListPolicies (Scope=Local) returns them. */
  policies(): PolicyView[]
  /** A customer managed policy by its ARN. */
  policy(policyArn: string): PolicyView | undefined
  /** All groups, in the order ListGroups returns them. */
  groups(): GroupView[]
  group(groupName: string): GroupView | undefined
  /** All OpenID Connect providers, in the order ListOpenIDConnectProviders returns them. */
  openIDConnectProviders(): OidcProviderView[]
  /** All SAML providers, in the order ListSAMLProviders returns them (metadata left out). */
  samlProviders(): SamlProviderView[]
  /** The account password policy, if one is set. */
  passwordPolicy(): PasswordPolicyRecord | undefined
  /** A user's console password: the one way to read it. */
  loginPassword(userName: string): string | undefined
  /** The account alias, if any. */
  accountAlias(): string | undefined
  /** All virtual MFA devices, in serial-number order (without their seeds). */
  virtualMfaDevices(): VirtualMfaDeviceView[]
  /** A virtual MFA device's Base32 seed, by serial number: the one way to read it after creation. */
  mfaSeed(serialNumber: string): string | undefined
  /** All server certificates, in the order ListServerCertificates returns them (no private key). */
  serverCertificates(): ServerCertificateView[]
  serverCertificate(name: string): ServerCertificateView | undefined
  /** The organization the account belongs to (a fixture's `Organization`), with its SCPs. */
  organization(): OrganizationView | undefined
  /** All delegation requests, oldest first, each with its `Arn` (as stored: expiry not applied). */
  delegationRequests(): (DelegationRequestRecord & { Arn: string })[]
  /** The account properties, `Namespace/PropertyName` → value. */
  accountProperties(): Record<string, string>
}

export interface OrganizationView {
  Id?: string
  ManagementAccount: boolean
  /** The SCPs the fixture attached (none: `FullAWSAccess` alone applies). */
  ServiceControlPolicies: { PolicyName: string; PolicyId?: string; Document: string }[]
}

export interface VirtualMfaDeviceView {
  VirtualMFADeviceName: string
  Path: string
  SerialNumber: string
  CreateDate: Date
  Tags: Tag[]
  /** The user it is enabled for. */
  UserName?: string
  EnableDate?: Date
}

/** The store view: each entity's records as its fields and children describe them (`entity.ts`). */
export function storeView(store: IamStore): IamStoreView {
  const user = (record: Parameters<typeof viewRecord>[1]) =>
    viewRecord(fixtureUser, record as never, store) as unknown as UserView
  const key = (record: Parameters<typeof viewRecord>[1]) =>
    viewRecord(accessKeyEntity, record as never, store) as unknown as AccessKeyView
  const role = (record: Parameters<typeof viewRecord>[1]) =>
    viewRecord(fixtureRole, record as never, store) as unknown as RoleView
  const profile = (record: Parameters<typeof viewRecord>[1]) =>
    viewRecord(instanceProfileEntity, record as never, store) as unknown as InstanceProfileView
  const policy = (record: Parameters<typeof viewRecord>[1]) =>
    viewRecord(managedPolicyEntity, record as never, store) as unknown as PolicyView
  const group = (record: Parameters<typeof viewRecord>[1]) =>
    viewRecord(fixtureGroup, record as never, store) as unknown as GroupView
  const oidc = (record: Parameters<typeof viewRecord>[1]) =>
    viewRecord(oidcProviderEntity, record as never, store) as unknown as OidcProviderView
  const saml = (record: Parameters<typeof viewRecord>[1]) => {
    const { SAMLMetadataDocument: _document, ...view } = viewRecord(
      samlProviderEntity,
      record as never,
      store,
    )
    return view as unknown as SamlProviderView
  }
  const serverCertificate = (record: Parameters<typeof viewRecord>[1]) =>
    viewRecord(serverCertificateEntity, record as never, store) as unknown as ServerCertificateView
  return {
    get accountId() {
      return store.accountId
    },
    get partition() {
      return store.partition
    },
    users: () => store.users.table.ofGroup().map(user),
    user: (userName) => {
      const found = store.users.find(userName)
      return found && user(found)
    },
    rootAccessKeys: () => store.accessKeys.of(ROOT_ID).map(key),
    rootSigningCertificates: () =>
      store.signingCertificates
        .of(ROOT_ID)
        .map(
          (certificate) =>
            viewRecord(
              signingCertificateEntity,
              certificate,
              store,
            ) as unknown as SigningCertificateView,
        ),
    accessKey: (accessKeyId) => {
      const found = store.accessKeys.find(accessKeyId)
      return found && key(found)
    },
    secretAccessKey: (accessKeyId) => store.accessKeys.find(accessKeyId)?.SecretAccessKey,
    servicePassword: (id) => store.serviceCredentials.table.get(id)?.ServicePassword,
    roles: () => store.roles.table.ofGroup().map(role),
    role: (roleName) => {
      const found = store.roles.find(roleName)
      return found && role(found)
    },
    instanceProfiles: () => store.instanceProfiles.table.ofGroup().map(profile),
    instanceProfile: (name) => {
      const found = store.instanceProfiles.find(name)
      return found && profile(found)
    },
    policies: () => store.managedPolicies.table.ofGroup().map(policy),
    policy: (policyArn) => {
      // AWS's policies are not the account's (and their data may not be loaded).
      if (parsePolicyArn(policyArn)?.account === 'aws') return undefined
      const found = store.managedPolicies.resolve(policyArn)
      return found?.kind === 'local' ? policy(found.policy) : undefined
    },
    groups: () => store.groups.table.ofGroup().map(group),
    group: (groupName) => {
      const found = store.groups.find(groupName)
      return found && group(found)
    },
    openIDConnectProviders: () => store.oidcProviders.table.ofGroup().map(oidc),
    samlProviders: () => store.samlProviders.table.ofGroup().map(saml),
    passwordPolicy: () => {
      const [policy] = passwordPolicyEntity.records(store, undefined)
      return policy && { ...policy }
    },
    accountAlias: () => store.accountSettings.alias,
    virtualMfaDevices: () =>
      mfaDeviceEntity
        .records(store, undefined)
        .map(
          (device) => viewRecord(mfaDeviceEntity, device, store) as unknown as VirtualMfaDeviceView,
        ),
    serverCertificates: () => store.serverCertificates.table.ofGroup().map(serverCertificate),
    serverCertificate: (name) => {
      const found = store.serverCertificates.find(name)
      return found && serverCertificate(found)
    },
    mfaSeed: (serialNumber) => store.mfaDevices.find(serialNumber)?.Base32StringSeed,
    organization: () => {
      const [organization] = organizationEntity.records(store, undefined)
      return (
        organization &&
        (viewRecord(organizationEntity, organization, store) as unknown as OrganizationView)
      )
    },
    delegationRequests: () =>
      store.delegationRequests.table.ofGroup().map(
        (request) =>
          viewRecord(
            delegationRequestEntity,
            request,
            store,
          ) as unknown as DelegationRequestRecord & {
            Arn: string
          },
      ),
    accountProperties: () => store.accountProperties.all(),
    loginPassword: (userName) => {
      const found = store.users.find(userName)
      return found && store.passwords.find(found.UserId)?.Password
    },
  }
}
