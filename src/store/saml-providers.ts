import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { custom, date, fail, tags, text, type Tag } from './fields.js'
import type { IamStore, Partition, StoreContext } from './store.js'
import { Table } from './table.js'

/** A private key added to a SAML provider for assertion decryption: its id and when. */
export interface SamlPrivateKeyRecord {
  readonly KeyId: string
  readonly Timestamp: Date
}

/** A SAML 2.0 identity provider, under AWS's member names. */
export interface SamlProviderRecord {
  readonly Name: string
  readonly SAMLMetadataDocument: string
  /** The IdP's entity id (the metadata's `entityID`): an assertion's `Issuer` must be it. */
  readonly EntityId: string
  readonly SAMLProviderUUID: string
  readonly CreateDate: Date
  readonly ValidUntil: Date
  readonly AssertionEncryptionMode: 'Allowed' | 'Required'
  readonly PrivateKeyList: readonly SamlPrivateKeyRecord[]
  readonly Tags: readonly Tag[]
}

/** How many tags a provider may hold. */
export const TAGS_PER_SAML_PROVIDER = 50
/** How many decryption keys a provider may hold (the model's limit). */
export const PRIVATE_KEYS_PER_SAML_PROVIDER = 2

export const samlErrors = {
  /** Recorded for Get and Delete; @note inferred for the other operations. */
  notFound: (arn: string) => new IamError('NoSuchEntity', `Manifest not found for arn ${arn}`, 404),
  /** @note Inferred wording (as OIDC's `Provider with url … already exists.`). */
  exists: (name: string) =>
    new IamError('EntityAlreadyExists', `Provider with name ${name} already exists.`, 409),
  /** IAM's answer to metadata it cannot read, as AWS CLI users quote it. */
  badMetadata: () => new IamError('InvalidInput', 'Could not parse metadata', 400),
  /** @note Inferred wording. */
  tagQuota: () =>
    new IamError('LimitExceeded', 'The number of tags has reached the maximum limit.', 409),
  /** @note Inferred wording. */
  privateKeyQuota: () =>
    new IamError(
      'LimitExceeded',
      `Cannot exceed quota for PrivateKeysPerSamlProvider: ${PRIVATE_KEYS_PER_SAML_PROVIDER}`,
      409,
    ),
  /** @note Inferred wording. */
  noSuchPrivateKey: (keyId: string) =>
    new IamError('InvalidInput', `Private key ${keyId} is not registered with the provider.`, 400),
}

/** What IAM reads from a metadata document. */
export interface SamlMetadata {
  readonly entityId: string
  readonly validUntil?: Date
}

/**
 * Reads a SAML metadata document as IAM needs it: an `EntityDescriptor` root with an `entityID`,
 * holding an `IDPSSODescriptor`; its `validUntil`, if any. @throws InvalidInput otherwise
 *
 * @note Scanned, not parsed: the mock reads three attributes and does not verify the document,
 * and an XML parser would weigh on every browser bundle. Inferred: which defects AWS refuses.
 */
export function readSamlMetadata(document: string): SamlMetadata {
  const body = document.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/, '')
  const root = /^<(?:[\w.-]+:)?EntityDescriptor\b([^>]*)>/.exec(body)
  if (!root || !/<\/(?:[\w.-]+:)?EntityDescriptor>\s*$/.test(body)) throw samlErrors.badMetadata()
  const entityId = attribute(root[1]!, 'entityID')
  if (!entityId || !/<(?:[\w.-]+:)?IDPSSODescriptor\b/.test(body)) throw samlErrors.badMetadata()
  const until = attribute(root[1]!, 'validUntil')
  if (until === undefined) return { entityId }
  const parsed = Date.parse(until)
  if (Number.isNaN(parsed)) throw samlErrors.badMetadata()
  return { entityId, validUntil: new Date(Math.floor(parsed / 1000) * 1000) }
}

/** An XML attribute's value in an element's attribute text, its entities replaced. */
export function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attributes)
  if (!match) return undefined
  return (match[2] ?? match[3]!)
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
}

/**
 * How long a provider is valid when its metadata sets no `validUntil`.
 *
 * @note Inferred: a hundred years from its creation (AWS's answer carries a ValidUntil the
 * recordings blank).
 */
const DEFAULT_VALIDITY_YEARS = 100

/** The account's SAML providers, by name. */
export class SamlProviders {
  readonly table: Table<SamlProviderRecord>

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'saml providers',
      id: (provider) => provider.Name,
      // @note Inferred: names unique under the dialect's case rule, as IAM's other names.
      unique: (provider) => ctx.nameKey(provider.Name),
      order: { by: 'key', key: (provider) => provider.Name },
    })
  }

  /** `arn:{partition}:iam::{account}:saml-provider/{name}` */
  arn(provider: SamlProviderRecord, partition: Partition = this.ctx.config.partition): string {
    return `arn:${partition}:iam::${this.ctx.config.accountId}:saml-provider/${provider.Name}`
  }

  find(arn: string): SamlProviderRecord | undefined {
    const match = /^arn:[\w-]+:iam::(\d{12}):saml-provider\/([\w.-]+)$/.exec(arn)
    if (!match || match[1] !== this.ctx.config.accountId) return undefined
    return this.table.get(match[2]!)
  }

  /** @throws NoSuchEntity */
  get(arn: string): SamlProviderRecord {
    const provider = this.find(arn)
    if (!provider) throw samlErrors.notFound(arn)
    return provider
  }

  /** @throws EntityAlreadyExists, InvalidInput (metadata) */
  create(input: {
    Name: string
    SAMLMetadataDocument: string
    CreateDate: Date
    Tags?: readonly Tag[]
    AssertionEncryptionMode?: 'Allowed' | 'Required'
    SAMLProviderUUID?: string
    PrivateKeyList?: readonly SamlPrivateKeyRecord[]
    ValidUntil?: Date
  }): SamlProviderRecord {
    if (this.table.find(this.ctx.nameKey(input.Name))) throw samlErrors.exists(input.Name)
    const metadata = readSamlMetadata(input.SAMLMetadataDocument)
    const tagList = input.Tags ?? []
    if (tagList.length > TAGS_PER_SAML_PROVIDER) throw samlErrors.tagQuota()
    return this.table.insert({
      Name: input.Name,
      SAMLMetadataDocument: input.SAMLMetadataDocument,
      EntityId: metadata.entityId,
      SAMLProviderUUID: input.SAMLProviderUUID ?? this.newUuid(),
      CreateDate: input.CreateDate,
      ValidUntil: input.ValidUntil ?? metadata.validUntil ?? defaultValidity(input.CreateDate),
      AssertionEncryptionMode: input.AssertionEncryptionMode ?? 'Allowed',
      PrivateKeyList: input.PrivateKeyList ?? [],
      Tags: tagList,
    })
  }

  /** A new metadata document (its entity id and validity follow it). */
  updateMetadata(provider: SamlProviderRecord, document: string): SamlProviderRecord {
    const metadata = readSamlMetadata(document)
    return this.table.update(provider.Name, {
      SAMLMetadataDocument: document,
      EntityId: metadata.entityId,
      ValidUntil: metadata.validUntil ?? provider.ValidUntil,
    })
  }

  update(
    provider: SamlProviderRecord,
    change: Partial<
      Pick<SamlProviderRecord, 'Tags' | 'AssertionEncryptionMode' | 'PrivateKeyList'>
    >,
  ): SamlProviderRecord {
    if (change.Tags && change.Tags.length > TAGS_PER_SAML_PROVIDER) throw samlErrors.tagQuota()
    if (change.PrivateKeyList && change.PrivateKeyList.length > PRIVATE_KEYS_PER_SAML_PROVIDER) {
      throw samlErrors.privateKeyQuota()
    }
    return this.table.update(provider.Name, change)
  }

  delete(provider: SamlProviderRecord): void {
    this.table.delete(provider.Name)
  }

  /** The provider whose metadata's entity id is `issuer` (an assertion's Issuer). */
  byEntityId(issuer: string): SamlProviderRecord[] {
    return this.table.ofGroup().filter((provider) => provider.EntityId === issuer)
  }

  /** A SAMLProviderUUID: 32 upper-case hexadecimal characters (the model: 22–64 of [A-Z0-9]). */
  newUuid(): string {
    return this.ctx.config.newUuid().replaceAll('-', '').toUpperCase()
  }
}

function defaultValidity(created: Date): Date {
  const until = new Date(created)
  until.setUTCFullYear(until.getUTCFullYear() + DEFAULT_VALIDITY_YEARS)
  return until
}

/** SAML providers in fixtures: `SAMLProviders: [{ Name, SAMLMetadataDocument, … }]`. */
export const samlProviderEntity: Entity<SamlProviderRecord, undefined, IamStore> = {
  fields: {
    Name: text('SAMLProviderNameType', { required: true }),
    SAMLMetadataDocument: custom(
      { required: true },
      (raw, path) => {
        if (typeof raw !== 'string') fail(path, 'must be a SAML metadata document (XML text)')
        try {
          readSamlMetadata(raw)
        } catch {
          fail(
            path,
            'must be SAML metadata: an EntityDescriptor with an entityID and an IDPSSODescriptor',
          )
        }
        return raw
      },
      { type: 'string', description: 'The IdP’s SAML metadata (XML).' },
    ),
    SAMLProviderUUID: custom(
      {},
      (raw, path) => {
        if (typeof raw !== 'string' || !/^[A-Z0-9]{22,64}$/.test(raw)) {
          fail(path, 'must be 22 to 64 upper-case letters or digits')
        }
        return raw
      },
      { type: 'string', pattern: '^[A-Z0-9]{22,64}$', description: 'Default: a fresh one.' },
    ),
    CreateDate: date(),
    ValidUntil: date({
      fallback: undefined,
      description: 'Default: the metadata’s validUntil, or a hundred years after CreateDate.',
    }),
    AssertionEncryptionMode: text('assertionEncryptionModeType', { fallback: () => 'Allowed' }),
    Tags: tags(),
  },
  errorsAt: 'Name',
  create: (values, _parent, store) =>
    store.samlProviders.create(values as unknown as Parameters<SamlProviders['create']>[0]),
  records: (store) => store.samlProviders.table.ofGroup(),
  viewExtras: (provider, store) => ({ Arn: store.samlProviders.arn(provider) }),
}
