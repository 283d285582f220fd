import { outboundErrors } from '../store/sts-settings.js'
import type { ActionNotes, IamActions } from './types.js'

/**
 * The account's STS settings as IAM keeps them: the global endpoint's token version, and
 * outbound web identity federation (the issuer of the JWTs STS's GetWebIdentityToken signs).
 */
export const stsSettingActions = {
  SetSecurityTokenServicePreferences(ctx, input) {
    ctx.store.stsSettings.setTokenVersion(input.GlobalEndpointTokenVersion)
  },

  EnableOutboundWebIdentityFederation(ctx) {
    return { IssuerIdentifier: ctx.store.stsSettings.enableOutbound() }
  },

  DisableOutboundWebIdentityFederation(ctx) {
    ctx.store.stsSettings.disableOutbound()
  },

  /**
   * @note inferred: FeatureDisabled until the feature is first enabled; once disabled again,
   * the issuer with `JwtVendingEnabled` false.
   */
  GetOutboundWebIdentityFederationInfo(ctx) {
    const outbound = ctx.store.stsSettings.outbound
    if (!outbound) throw outboundErrors.disabled()
    return {
      IssuerIdentifier: outbound.IssuerIdentifier,
      JwtVendingEnabled: outbound.JwtVendingEnabled,
    }
  },
} satisfies IamActions

export const stsSettingNotes: ActionNotes<typeof stsSettingActions> = {
  SetSecurityTokenServicePreferences:
    '`v1Token` / `v2Token`, shown by GetAccountSummary’s `GlobalEndpointTokenVersion`',
  EnableOutboundWebIdentityFederation:
    'the account’s issuer `https://<uuid>.tokens.sts.global.api.aws` (kept when enabled again), whose discovery document and JWKS the handlers serve; `FeatureEnabled` (409) twice',
  DisableOutboundWebIdentityFederation: '`FeatureDisabled` (404) when it is off',
  GetOutboundWebIdentityFederationInfo:
    'the issuer and `JwtVendingEnabled`; `FeatureDisabled` until first enabled',
}
