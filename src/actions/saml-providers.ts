import { samlErrors } from '../store/saml-providers.js'
import { mergeProviderTags } from './oidc-providers.js'
import { tagPage, withoutTags } from './roles.js'
import { checkTags } from './tags.js'
import type { ActionNotes, IamActions } from './types.js'

export const samlProviderActions = {
  CreateSAMLProvider(ctx, input) {
    const tags = input.Tags ?? []
    checkTags(tags)
    const provider = ctx.store.samlProviders.create({
      Name: input.Name,
      SAMLMetadataDocument: input.SAMLMetadataDocument,
      CreateDate: ctx.now,
      Tags: tags,
      ...(input.AssertionEncryptionMode !== undefined && {
        AssertionEncryptionMode: input.AssertionEncryptionMode,
      }),
      ...(input.AddPrivateKey !== undefined && {
        PrivateKeyList: [{ KeyId: ctx.store.samlProviders.newUuid(), Timestamp: ctx.now }],
      }),
    })
    return {
      SAMLProviderArn: ctx.store.samlProviders.arn(provider, ctx.partition),
      ...(provider.Tags.length > 0 && { Tags: provider.Tags.map((tag) => ({ ...tag })) }),
    }
  },

  /** Every member, the lists empty rather than absent (recorded). */
  GetSAMLProvider(ctx, input) {
    const provider = ctx.store.samlProviders.get(input.SAMLProviderArn)
    return {
      SAMLProviderUUID: provider.SAMLProviderUUID,
      SAMLMetadataDocument: provider.SAMLMetadataDocument,
      CreateDate: provider.CreateDate,
      ValidUntil: provider.ValidUntil,
      Tags: provider.Tags.map((tag) => ({ ...tag })),
      AssertionEncryptionMode: provider.AssertionEncryptionMode,
      PrivateKeyList: provider.PrivateKeyList.map((key) => ({ ...key })),
    }
  },

  /** @note Inferred: in name order. */
  ListSAMLProviders(ctx) {
    return {
      SAMLProviderList: ctx.store.samlProviders.table.ofGroup().map((provider) => ({
        Arn: ctx.store.samlProviders.arn(provider, ctx.partition),
        ValidUntil: provider.ValidUntil,
        CreateDate: provider.CreateDate,
      })),
    }
  },

  UpdateSAMLProvider(ctx, input) {
    let provider = ctx.store.samlProviders.get(input.SAMLProviderArn)
    if (input.SAMLMetadataDocument !== undefined) {
      provider = ctx.store.samlProviders.updateMetadata(provider, input.SAMLMetadataDocument)
    }
    let keys = provider.PrivateKeyList
    if (input.RemovePrivateKey !== undefined) {
      const id = input.RemovePrivateKey
      if (!keys.some((key) => key.KeyId === id)) throw samlErrors.noSuchPrivateKey(id)
      keys = keys.filter((key) => key.KeyId !== id)
    }
    if (input.AddPrivateKey !== undefined) {
      keys = [...keys, { KeyId: ctx.store.samlProviders.newUuid(), Timestamp: ctx.now }]
    }
    provider = ctx.store.samlProviders.update(provider, {
      PrivateKeyList: keys,
      ...(input.AssertionEncryptionMode !== undefined && {
        AssertionEncryptionMode: input.AssertionEncryptionMode,
      }),
    })
    return { SAMLProviderArn: ctx.store.samlProviders.arn(provider, ctx.partition) }
  },

  DeleteSAMLProvider(ctx, input) {
    ctx.store.samlProviders.delete(ctx.store.samlProviders.get(input.SAMLProviderArn))
  },

  TagSAMLProvider(ctx, input) {
    const provider = ctx.store.samlProviders.get(input.SAMLProviderArn)
    ctx.store.samlProviders.update(provider, {
      Tags: mergeProviderTags(provider.Tags, input.Tags, samlErrors.tagQuota),
    })
  },

  UntagSAMLProvider(ctx, input) {
    const provider = ctx.store.samlProviders.get(input.SAMLProviderArn)
    ctx.store.samlProviders.update(provider, { Tags: withoutTags(provider.Tags, input.TagKeys) })
  },

  ListSAMLProviderTags(ctx, input) {
    return tagPage(ctx.store.samlProviders.get(input.SAMLProviderArn).Tags, input)
  },
} satisfies IamActions

export const samlProviderNotes: ActionNotes<typeof samlProviderActions> = {
  CreateSAMLProvider:
    'the metadata must be an `EntityDescriptor` with an `entityID` and an `IDPSSODescriptor` (`InvalidInput` `Could not parse metadata`); `ValidUntil` from its `validUntil`; a `SAMLProviderUUID`; `AssertionEncryptionMode` `Allowed` by default; names unique',
  GetSAMLProvider:
    'every member, `Tags` and `PrivateKeyList` empty rather than absent; `NoSuchEntity` `Manifest not found for arn …`',
  ListSAMLProviders: 'ARN, `ValidUntil` and `CreateDate`, in name order',
  UpdateSAMLProvider:
    'a new metadata document (checked as on creation), `AssertionEncryptionMode`, private keys added or removed (at most 2)',
  DeleteSAMLProvider: '',
  TagSAMLProvider: 'up to 50 tags, keys unique case-insensitively',
  UntagSAMLProvider: '',
  ListSAMLProviderTags: 'in the order they were added; paged',
}
