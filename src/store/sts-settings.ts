import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { plain, text } from './fields.js'
import { bool } from './passwords.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'

/** The account's STS settings: the global endpoint's token version, outbound federation. */
export type StsSettingRecord =
  | { readonly id: 'tokens'; readonly GlobalEndpointTokenVersion: 'v1Token' | 'v2Token' }
  | {
      readonly id: 'outbound'
      /** `https://<uuid>.tokens.sts.global.api.aws`: the account's, kept once made. */
      readonly IssuerIdentifier: string
      readonly JwtVendingEnabled: boolean
    }

type Outbound = Extract<StsSettingRecord, { id: 'outbound' }>

export const outboundErrors = {
  /** The model's documentation of the error, as its message. @note inferred */
  enabled: () =>
    new IamError(
      'FeatureEnabled',
      'Outbound identity federation is already enabled for your AWS account.',
      409,
    ),
  /** @note inferred */
  disabled: () =>
    new IamError(
      'FeatureDisabled',
      'Outbound identity federation is disabled for your AWS account.',
      404,
    ),
}

/**
 * The account's STS settings (SetSecurityTokenServicePreferences, outbound web identity
 * federation): one record each, rolled back and snapshotted with the rest of the store.
 */
export class StsSettings {
  readonly table: Table<StsSettingRecord>
  readonly #newUuid: () => string

  constructor(ctx: StoreContext & { config: { newUuid: () => string } }) {
    this.table = new Table(ctx.log, {
      name: 'STS settings',
      id: (record) => record.id,
      order: { by: 'insertion' },
    })
    this.#newUuid = ctx.config.newUuid
  }

  /** GetAccountSummary's `GlobalEndpointTokenVersion`: 1 until the account asks for v2 tokens. */
  get tokenVersion(): 1 | 2 {
    const record = this.table.get('tokens')
    return record?.id === 'tokens' && record.GlobalEndpointTokenVersion === 'v2Token' ? 2 : 1
  }

  setTokenVersion(version: 'v1Token' | 'v2Token'): void {
    this.#put({ id: 'tokens', GlobalEndpointTokenVersion: version })
  }

  /** Outbound federation's state: undefined until it is first enabled. */
  get outbound(): Outbound | undefined {
    const record = this.table.get('outbound')
    return record?.id === 'outbound' ? record : undefined
  }

  /**
   * Turns outbound federation on; the issuer is made the first time and kept after.
   * @note inferred: disabling and enabling again keeps the account's issuer URL.
   * @throws FeatureEnabled
   */
  enableOutbound(): string {
    const current = this.outbound
    if (current?.JwtVendingEnabled) throw outboundErrors.enabled()
    const IssuerIdentifier =
      current?.IssuerIdentifier ?? `https://${this.#newUuid()}.tokens.sts.global.api.aws`
    this.#put({ id: 'outbound', IssuerIdentifier, JwtVendingEnabled: true })
    return IssuerIdentifier
  }

  /** Outbound federation as a fixture gives it (an issuer made when it names none). */
  restoreOutbound(issuer: string | undefined, enabled: boolean): void {
    const IssuerIdentifier = issuer ?? `https://${this.#newUuid()}.tokens.sts.global.api.aws`
    this.#put({ id: 'outbound', IssuerIdentifier, JwtVendingEnabled: enabled })
  }

  /** @throws FeatureDisabled */
  disableOutbound(): void {
    const current = this.outbound
    if (!current?.JwtVendingEnabled) throw outboundErrors.disabled()
    this.#put({ ...current, JwtVendingEnabled: false })
  }

  #put(record: StsSettingRecord): void {
    if (this.table.has(record.id)) this.table.update(record.id, record)
    else this.table.insert(record)
  }
}

/** `SecurityTokenServicePreferences: { GlobalEndpointTokenVersion }` in fixtures. */
export const stsPreferencesEntity: Entity<StsSettingRecord, undefined, IamStore> = {
  fields: { GlobalEndpointTokenVersion: text('globalEndpointTokenVersion', { required: true }) },
  create(values, _parent, store) {
    store.stsSettings.setTokenVersion(values.GlobalEndpointTokenVersion as 'v1Token' | 'v2Token')
    return store.stsSettings.table.get('tokens')!
  },
  records: (store) => {
    const record = store.stsSettings.table.get('tokens')
    return record?.id === 'tokens'
      ? [{ GlobalEndpointTokenVersion: record.GlobalEndpointTokenVersion } as never]
      : []
  },
}

/** `OutboundWebIdentityFederation: { IssuerIdentifier, JwtVendingEnabled }` in fixtures. */
export const outboundFederationEntity: Entity<StsSettingRecord, undefined, IamStore> = {
  fields: {
    IssuerIdentifier: plain({
      description:
        'The account’s issuer URL; default: a fresh `https://<uuid>.tokens.sts.global.api.aws`.',
    }),
    JwtVendingEnabled: bool({ fallback: () => true }),
  },
  create(values, _parent, store) {
    const settings = store.stsSettings
    settings.restoreOutbound(
      values.IssuerIdentifier as string | undefined,
      values.JwtVendingEnabled as boolean,
    )
    return settings.outbound!
  },
  records: (store) => {
    const outbound = store.stsSettings.outbound
    if (!outbound) return []
    const { id: _id, ...fields } = outbound
    return [fields as never]
  },
}
