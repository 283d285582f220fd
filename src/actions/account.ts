import type { SummaryKeyType } from '@aws-sdk/client-iam'
import {
  accountErrors,
  credentialReportCsv,
  REPORT_LIFETIME_MS,
} from '../store/account-settings.js'
import { SERVER_CERTIFICATES_QUOTA } from '../store/server-certificates.js'
import { SIGNING_CERTIFICATES_PER_USER } from '../store/signing-certificates.js'
import { ROOT_ID } from '../store/users.js'
import type { ActionContext } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import type { ActionNotes, IamActions } from './types.js'

/**
 * GetAccountSummary's map: counters taken live from the store, quotas as AWS reported them
 * (recorded), in the model's key order.
 *
 * @note inferred: `AccountPasswordPresent` is 0 (the mock holds no root password) and
 * `PolicyVersionsInUse` counts attachments of managed policies (AWS's or the account's) to users,
 * groups and roles; `AccountSigningCertificatesPresent` is 1 while the root user has a signing
 * certificate, whatever its status.
 */
function summary(ctx: ActionContext): Partial<Record<SummaryKeyType, number>> {
  const { store } = ctx
  return {
    Users: store.users.table.size,
    UsersQuota: 5000,
    Groups: store.groups.table.size,
    GroupsQuota: 300,
    ServerCertificates: store.serverCertificates.table.size,
    ServerCertificatesQuota: SERVER_CERTIFICATES_QUOTA,
    UserPolicySizeQuota: store.config.userPolicySizeQuota,
    GroupPolicySizeQuota: 5120,
    GroupsPerUserQuota: 10,
    SigningCertificatesPerUserQuota: SIGNING_CERTIFICATES_PER_USER,
    AccessKeysPerUserQuota: store.config.accessKeysPerUser,
    MFADevices: store.mfaDevices.table.size,
    MFADevicesInUse: store.mfaDevices.assignedCount,
    AccountMFAEnabled: 0,
    AccountAccessKeysPresent: store.accessKeys.of(ROOT_ID).length > 0 ? 1 : 0,
    AccountPasswordPresent: 0,
    AccountSigningCertificatesPresent: store.signingCertificates.of(ROOT_ID).length > 0 ? 1 : 0,
    AttachedPoliciesPerGroupQuota: 10,
    AttachedPoliciesPerRoleQuota: 10,
    AttachedPoliciesPerUserQuota: 10,
    Policies: store.managedPolicies.table.size,
    PoliciesQuota: 1500,
    PolicySizeQuota: 6144,
    PolicyVersionsInUse: store.managedPolicies.attachments.size,
    PolicyVersionsInUseQuota: 10000,
    VersionsPerPolicyQuota: 5,
    GlobalEndpointTokenVersion: store.stsSettings.tokenVersion,
    AssumeRolePolicySizeQuota: 2048,
    InstanceProfiles: store.instanceProfiles.table.size,
    InstanceProfilesQuota: 1000,
    Providers: store.oidcProviders.table.size + store.samlProviders.table.size,
    RolePolicySizeQuota: 10240,
    Roles: store.roles.table.size,
    RolesQuota: 1000,
  }
}

export const accountActions = {
  CreateAccountAlias(ctx, input) {
    ctx.store.accountSettings.setAlias(input.AccountAlias)
  },

  DeleteAccountAlias(ctx, input) {
    ctx.store.accountSettings.deleteAlias(input.AccountAlias)
  },

  ListAccountAliases(ctx, input) {
    const alias = ctx.store.accountSettings.alias
    const page = pageOf(
      alias === undefined ? [] : [alias],
      (name) => name,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return { AccountAliases: page.items, ...pageMembers(page.marker) }
  },

  GetAccountSummary(ctx) {
    return { SummaryMap: summary(ctx) }
  },

  GenerateCredentialReport(ctx) {
    const settings = ctx.store.accountSettings
    const report = settings.settle()
    if (report && ctx.now.getTime() - report.GeneratedTime.getTime() < REPORT_LIFETIME_MS) {
      return { State: report.State }
    }
    settings.startReport(credentialReportCsv(ctx.store), ctx.now)
    // @note inferred: the recorded Description is for an account without a report; an expired
    // one is replaced with the same answer.
    return {
      State: 'STARTED',
      Description: 'No report exists. Starting a new report generation task',
    }
  },

  GetCredentialReport(ctx) {
    const report = ctx.store.accountSettings.settle()
    if (!report) throw accountErrors.reportNotPresent()
    if (ctx.now.getTime() - report.GeneratedTime.getTime() >= REPORT_LIFETIME_MS) {
      throw accountErrors.reportExpired()
    }
    return {
      Content: new TextEncoder().encode(report.Content),
      ReportFormat: 'text/csv',
      GeneratedTime: report.GeneratedTime,
    }
  },

  /** @note Inferred: an account that set none has an empty map (AWS's defaults are not published). */
  GetAccountProperties(ctx) {
    return { Properties: ctx.store.accountProperties.all() }
  },

  PutAccountProperties(ctx, input) {
    ctx.store.accountProperties.put(input.Properties)
  },
} satisfies IamActions

export const accountNotes: ActionNotes<typeof accountActions> = {
  CreateAccountAlias: 'one alias per account: a new one replaces the old',
  DeleteAccountAlias: '`NoSuchEntity` for an alias the account does not have',
  ListAccountAliases: 'the alias, if any',
  GetAccountSummary:
    'every `SummaryMap` key: counters live from the store, quotas as AWS reports them',
  GenerateCredentialReport:
    '`STARTED` (with AWS’s Description), then `COMPLETE` from the next request on; a new report after 4 hours',
  GetCredentialReport:
    'AWS’s 22-column CSV, root row first, base64 in `Content`; `ReportNotPresent` (410, no message), `ReportExpired` after 4 hours',
  GetAccountProperties: 'every property set, in key order; none until one is put',
  PutAccountProperties:
    '`Namespace/PropertyName` keys of one namespace, values of 1–1,024 characters (`InvalidInput`); others kept',
}
