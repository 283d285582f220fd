export { createIamMock, type IamMock, type IamMockOptions } from './create-iam-mock.js'
export type { DialectName } from './dialects/dialect.js'
export type { DirectRequestHandler } from './direct.js'
export { IamError, type IamErrorType } from './errors.js'
export type { FailureSpec } from './failures.js'
export type { CallJournal, IamCall } from './journal.js'
export { iamMatchers, type IamMatchers } from './matchers.js'
export type { ActionName } from './create-iam-mock.js'
export type { ClockOption } from './store/clock.js'
export {
  FixtureError,
  type FixtureAccessKey,
  type FixtureDelegationRequest,
  type FixtureInstanceProfile,
  type FixtureLastAccess,
  type FixtureOidcProvider,
  type FixtureSamlProvider,
  type FixtureRole,
  type FixtureGroup,
  type FixturePolicy,
  type FixturePolicyVersion,
  type FixtureRoleSession,
  type FixtureServerCertificate,
  type FixtureSigningCertificate,
  type FixtureOrganization,
  type FixtureServiceControlPolicy,
  type FixtureRoleTemplate,
  type FixtureUser,
  type IamFixture,
} from './store/fixture.js'
export type { AccessKeyStatus } from './store/access-keys.js'
export type { Tag } from './store/fields.js'
export type { Partition } from './store/store.js'
export type { DelegationRequestRecord, DelegationState } from './store/delegation-requests.js'
export type {
  AccessKeyView,
  GroupView,
  IamStoreView,
  InstanceProfileView,
  LastAccessView,
  PolicyVersionView,
  PolicyView,
  OidcProviderView,
  OrganizationView,
  SamlProviderView,
  RoleView,
  ServerCertificateView,
  SigningCertificateView,
  UserView,
} from './store/view.js'
export {
  createWebIdentityIssuer,
  type WebIdentityIssuer,
  type WebIdentityIssuerOptions,
  type WebIdentityTokenOptions,
} from './web-identity.js'
