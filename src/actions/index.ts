import { accessAdvisorActions, accessAdvisorNotes } from './access-advisor.js'
import { accessKeyActions, accessKeyNotes } from './access-keys.js'
import { simulationActions, simulationNotes } from './simulation.js'
import { authorizationDetailActions, authorizationDetailNotes } from './authorization-details.js'
import { groupActions, groupNotes } from './groups.js'
import {
  attachmentActions,
  attachmentNotes,
  managedPolicyActions,
  managedPolicyNotes,
} from './managed-policies.js'
import { userPolicyActions, userPolicyNotes } from './user-policies.js'
import {
  roleActions,
  roleNotes,
  serviceLinkedRoleActions,
  serviceLinkedRoleNotes,
} from './roles.js'
import { instanceProfileActions, instanceProfileNotes } from './instance-profiles.js'
import { userTagActions, userTagNotes } from './tags.js'
import { oidcProviderActions, oidcProviderNotes } from './oidc-providers.js'
import { samlProviderActions, samlProviderNotes } from './saml-providers.js'
import { passwordActions, passwordNotes } from './passwords.js'
import { accountActions, accountNotes } from './account.js'
import { mfaDeviceActions, mfaDeviceNotes } from './mfa-devices.js'
import { sshPublicKeyActions, sshPublicKeyNotes } from './ssh-public-keys.js'
import { serviceCredentialActions, serviceCredentialNotes } from './service-credentials.js'
import { stsSettingActions, stsSettingNotes } from './sts-settings.js'
import { organizationActions, organizationNotes } from './organizations.js'
import { signingCertificateActions, signingCertificateNotes } from './signing-certificates.js'
import { serverCertificateActions, serverCertificateNotes } from './server-certificates.js'
import { delegationRequestActions, delegationRequestNotes } from './delegation-requests.js'
import { roleTemplateActions, roleTemplateNotes } from './role-templates.js'
import type { IamActions } from './types.js'
import { userActions, userNotes } from './users.js'

export { stsActions, stsNotes } from './sts.js'
export { stsCompletions, stsPreparations, STS_ANONYMOUS } from './sts.js'

/** Every implemented IAM action, by its Query `Action` name; the others answer NotImplemented. */
export const iamActions: IamActions = {
  ...userActions,
  ...accessKeyActions,
  ...userPolicyActions,
  ...userTagActions,
  ...groupActions,
  ...managedPolicyActions,
  ...attachmentActions,
  ...roleActions,
  ...instanceProfileActions,
  ...serviceLinkedRoleActions,
  ...oidcProviderActions,
  ...samlProviderActions,
  ...authorizationDetailActions,
  ...simulationActions,
  ...passwordActions,
  ...accountActions,
  ...mfaDeviceActions,
  ...sshPublicKeyActions,
  ...serviceCredentialActions,
  ...stsSettingActions,
  ...organizationActions,
  ...accessAdvisorActions,
  ...signingCertificateActions,
  ...serverCertificateActions,
  ...delegationRequestActions,
  ...roleTemplateActions,
}

/** What the README says of each implemented IAM action. */
export const iamNotes: { readonly [Op in keyof typeof iamActions]: string } = {
  ...userNotes,
  ...accessKeyNotes,
  ...userPolicyNotes,
  ...userTagNotes,
  ...groupNotes,
  ...managedPolicyNotes,
  ...attachmentNotes,
  ...roleNotes,
  ...instanceProfileNotes,
  ...serviceLinkedRoleNotes,
  ...oidcProviderNotes,
  ...samlProviderNotes,
  ...authorizationDetailNotes,
  ...simulationNotes,
  ...passwordNotes,
  ...accountNotes,
  ...mfaDeviceNotes,
  ...sshPublicKeyNotes,
  ...serviceCredentialNotes,
  ...stsSettingNotes,
  ...organizationNotes,
  ...accessAdvisorNotes,
  ...signingCertificateNotes,
  ...serverCertificateNotes,
  ...delegationRequestNotes,
  ...roleTemplateNotes,
}
