import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { custom, date, fail, tags, type Tag } from './fields.js'
import type { IamStore, Partition, StoreContext } from './store.js'
import { Table } from './table.js'

/**
 * An OpenID Connect identity provider, under AWS's member names. `Url` is kept as IAM returns it:
 * without `https://` (host and path), which is also the last part of its ARN.
 */
export interface OidcProviderRecord {
  readonly Url: string
  readonly ClientIDList: readonly string[]
  readonly ThumbprintList: readonly string[]
  readonly CreateDate: Date
  readonly Tags: readonly Tag[]
  /**
   * The provider's public signing keys (a JWKS's `keys`), for AssumeRoleWithWebIdentity: the mock
   * cannot fetch them from the provider, so a fixture (or `createWebIdentityIssuer`'s keys) gives
   * them.
   */
  readonly Keys?: readonly Record<string, unknown>[]
}

/** How many client ids a provider may hold (AWS's quota, recorded). */
export const CLIENT_IDS_PER_PROVIDER = 100
/** How many thumbprints a provider may hold. */
export const THUMBPRINTS_PER_PROVIDER = 5
/** How many tags a provider may hold. */
export const TAGS_PER_PROVIDER = 50

export const oidcErrors = {
  /** Recorded for Url=example.org (no scheme). */
  invalidUrl: () => new IamError('ValidationError', 'Invalid Open ID Connect Provider URL', 400),
  /** Recorded: the URL as the caller wrote it. */
  exists: (url: string) =>
    new IamError('EntityAlreadyExists', `Provider with url ${url} already exists.`, 409),
  /** Recorded for Get; @note inferred for every other operation but Delete. */
  notFound: (arn: string) =>
    new IamError('NoSuchEntity', `OpenIDConnect Provider not found for arn ${arn}`, 404),
  /** Recorded for Delete: AWS words it differently from Get. */
  notFoundOnDelete: (arn: string) =>
    new IamError('NoSuchEntity', `OpenId connect Provider ${arn} cannot be found.`, 404),
  /** Recorded (6 thumbprints; "fewer than 5" although 5 are allowed). */
  tooManyThumbprints: () =>
    new IamError('InvalidInput', 'Thumbprint list must contain fewer than 5 entries.', 400),
  clientIdQuota: () =>
    new IamError(
      'LimitExceeded',
      `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${CLIENT_IDS_PER_PROVIDER}`,
      409,
    ),
  /** Recorded for TagOpenIDConnectProvider past 50 tags. */
  tagQuota: () =>
    new IamError('LimitExceeded', 'The number of tags has reached the maximum limit.', 409),
}

/**
 * A provider URL as IAM stores it: `https://` dropped, the host lower-cased, a trailing `/`
 * dropped. @throws ValidationError for anything but an `https://` URL with a host.
 *
 * @note Inferred: the lower-cased host, the trailing slash and the refusal of `http://` (AWS
 * documents that the URL must begin with `https://`; the recording shows only a URL without a
 * scheme refused).
 */
export function normalizeOidcUrl(url: string): string {
  const match = /^https:\/\/([^/?#\s]+)(\/[^?#\s]*)?$/i.exec(url)
  if (!match) throw oidcErrors.invalidUrl()
  const path = (match[2] ?? '').replace(/\/+$/, '')
  return `${match[1]!.toLowerCase()}${path}`
}

/** The account's OIDC providers, by URL. */
export class OidcProviders {
  readonly table: Table<OidcProviderRecord>

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'oidc providers',
      id: (provider) => provider.Url,
      order: { by: 'key', key: (provider) => provider.Url },
    })
  }

  /** `arn:{partition}:iam::{account}:oidc-provider/{url}` */
  arn(provider: OidcProviderRecord, partition: Partition = this.ctx.config.partition): string {
    return `arn:${partition}:iam::${this.ctx.config.accountId}:oidc-provider/${provider.Url}`
  }

  /** The provider an ARN names (in any partition of this account), if there is one. */
  find(arn: string): OidcProviderRecord | undefined {
    const match = /^arn:[\w-]+:iam::(\d{12}):oidc-provider\/(.+)$/.exec(arn)
    if (!match || match[1] !== this.ctx.config.accountId) return undefined
    return this.table.get(match[2]!)
  }

  /** The provider whose issuer URL is `issuer` (a token's `iss`, with or without `https://`). */
  byIssuer(issuer: string): OidcProviderRecord | undefined {
    const bare = issuer.replace(/^https:\/\//i, '')
    try {
      return this.table.get(normalizeOidcUrl(`https://${bare}`))
    } catch {
      return undefined
    }
  }

  /** @throws NoSuchEntity, in Get's words */
  get(arn: string): OidcProviderRecord {
    const provider = this.find(arn)
    if (!provider) throw oidcErrors.notFound(arn)
    return provider
  }

  /** @throws ValidationError (URL), EntityAlreadyExists, InvalidInput, LimitExceeded */
  create(input: {
    Url: string
    ClientIDList?: readonly string[]
    ThumbprintList?: readonly string[]
    CreateDate: Date
    Tags?: readonly Tag[]
    Keys?: readonly Record<string, unknown>[]
  }): OidcProviderRecord {
    const url = normalizeOidcUrl(input.Url)
    if (this.table.has(url)) throw oidcErrors.exists(input.Url)
    const thumbprints = input.ThumbprintList ?? []
    checkThumbprints(thumbprints)
    const clientIds = unique(input.ClientIDList ?? [])
    if (clientIds.length > CLIENT_IDS_PER_PROVIDER) throw oidcErrors.clientIdQuota()
    const tagList = input.Tags ?? []
    if (tagList.length > TAGS_PER_PROVIDER) throw oidcErrors.tagQuota()
    return this.table.insert({
      Url: url,
      ClientIDList: clientIds,
      ThumbprintList: [...thumbprints],
      CreateDate: input.CreateDate,
      Tags: tagList,
      ...(input.Keys !== undefined && { Keys: input.Keys }),
    })
  }

  update(
    provider: OidcProviderRecord,
    change: Partial<Pick<OidcProviderRecord, 'ClientIDList' | 'ThumbprintList' | 'Tags'>>,
  ): OidcProviderRecord {
    if (change.ThumbprintList) checkThumbprints(change.ThumbprintList)
    if (change.ClientIDList && change.ClientIDList.length > CLIENT_IDS_PER_PROVIDER) {
      throw oidcErrors.clientIdQuota()
    }
    if (change.Tags && change.Tags.length > TAGS_PER_PROVIDER) throw oidcErrors.tagQuota()
    return this.table.update(provider.Url, change)
  }

  delete(provider: OidcProviderRecord): void {
    this.table.delete(provider.Url)
  }
}

function checkThumbprints(list: readonly string[]): void {
  if (list.length > THUMBPRINTS_PER_PROVIDER) throw oidcErrors.tooManyThumbprints()
}

/** @note Inferred: a client id given twice is kept once, as AddClientID keeps ids unique. */
function unique(list: readonly string[]): string[] {
  return [...new Set(list)]
}

const stringList = (what: string, max: number) =>
  custom<readonly string[]>(
    { fallback: () => [] },
    (raw, path) => {
      if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) {
        fail(path, `must be an array of ${what}`)
      }
      if (raw.length > max) fail(path, `must have at most ${max} items`)
      return raw as string[]
    },
    { type: 'array', maxItems: max, items: { type: 'string' } },
  )

/** OIDC providers in fixtures: `OpenIDConnectProviders: [{ Url, ClientIDList, … }]`. */
export const oidcProviderEntity: Entity<OidcProviderRecord, undefined, IamStore> = {
  fields: {
    Url: custom(
      { required: true },
      (raw, path) => {
        if (typeof raw !== 'string') fail(path, 'must be an https:// URL')
        // A snapshot writes the URL as IAM stores it, without the scheme.
        const url = raw.includes('://') ? raw : `https://${raw}`
        try {
          normalizeOidcUrl(url)
        } catch {
          fail(path, 'must be an https:// URL such as https://token.actions.githubusercontent.com')
        }
        return url
      },
      {
        type: 'string',
        description: 'The issuer URL (https://…); IAM stores it without the scheme.',
      },
    ),
    ClientIDList: stringList('client ids (audiences)', CLIENT_IDS_PER_PROVIDER),
    ThumbprintList: stringList('40-character hex thumbprints', THUMBPRINTS_PER_PROVIDER),
    CreateDate: date(),
    Tags: tags(),
    Keys: custom<readonly Record<string, unknown>[]>(
      {},
      (raw, path) => {
        if (
          !Array.isArray(raw) ||
          raw.some((key) => typeof key !== 'object' || key === null || Array.isArray(key))
        ) {
          fail(path, 'must be an array of JSON Web Keys (a JWKS’s "keys")')
        }
        return raw as Record<string, unknown>[]
      },
      {
        type: 'array',
        items: { type: 'object' },
        description:
          'The provider’s public signing keys (JWKs), which AssumeRoleWithWebIdentity verifies tokens with.',
      },
    ),
  },
  errorsAt: 'Url',
  create: (values, _parent, store) =>
    store.oidcProviders.create(values as unknown as Parameters<OidcProviders['create']>[0]),
  records: (store) => store.oidcProviders.table.ofGroup(),
  viewExtras: (provider, store) => ({ Arn: store.oidcProviders.arn(provider) }),
}
