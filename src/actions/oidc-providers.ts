import { IamError } from '../errors.js'
import type { Tag } from '../store/fields.js'
import { oidcErrors, TAGS_PER_PROVIDER } from '../store/oidc-providers.js'
import { tagPage, withoutTags } from './roles.js'
import { checkTags } from './tags.js'
import type { ActionNotes, IamActions } from './types.js'

/**
 * Tags merged case-insensitively (the newest spelling of a key winning), at most 50.
 *
 * @note Inferred: keys compared case-insensitively, as for roles.
 */
export function mergeProviderTags(
  current: readonly Tag[],
  added: readonly Tag[],
  quota: () => IamError,
): Tag[] {
  checkTags(added)
  const merged = new Map(current.map((tag) => [tag.Key.toLowerCase(), tag]))
  for (const tag of added) merged.set(tag.Key.toLowerCase(), { Key: tag.Key, Value: tag.Value })
  if (merged.size > TAGS_PER_PROVIDER) throw quota()
  return [...merged.values()]
}

export const oidcProviderActions = {
  CreateOpenIDConnectProvider(ctx, input) {
    const tags = input.Tags ?? []
    checkTags(tags)
    const provider = ctx.store.oidcProviders.create({
      Url: input.Url,
      CreateDate: ctx.now,
      Tags: tags,
      ...(input.ClientIDList !== undefined && { ClientIDList: input.ClientIDList }),
      ...(input.ThumbprintList !== undefined && { ThumbprintList: input.ThumbprintList }),
    })
    return {
      OpenIDConnectProviderArn: ctx.store.oidcProviders.arn(provider, ctx.partition),
      ...(provider.Tags.length > 0 && { Tags: provider.Tags.map((tag) => ({ ...tag })) }),
    }
  },

  /** The Url without `https://`, the lists and tags empty rather than absent (recorded). */
  GetOpenIDConnectProvider(ctx, input) {
    const provider = ctx.store.oidcProviders.get(input.OpenIDConnectProviderArn)
    return {
      Url: provider.Url,
      ClientIDList: [...provider.ClientIDList],
      ThumbprintList: [...provider.ThumbprintList],
      CreateDate: provider.CreateDate,
      Tags: provider.Tags.map((tag) => ({ ...tag })),
    }
  },

  /** @note Inferred: in URL order (the recording's three providers were created in that order). */
  ListOpenIDConnectProviders(ctx) {
    return {
      OpenIDConnectProviderList: ctx.store.oidcProviders.table
        .ofGroup()
        .map((provider) => ({ Arn: ctx.store.oidcProviders.arn(provider, ctx.partition) })),
    }
  },

  DeleteOpenIDConnectProvider(ctx, input) {
    const arn = input.OpenIDConnectProviderArn
    const provider = ctx.store.oidcProviders.find(arn)
    if (!provider) throw oidcErrors.notFoundOnDelete(arn)
    ctx.store.oidcProviders.delete(provider)
  },

  /** Adding a client id the provider already has changes nothing (AWS documents it idempotent). */
  AddClientIDToOpenIDConnectProvider(ctx, input) {
    const provider = ctx.store.oidcProviders.get(input.OpenIDConnectProviderArn)
    if (provider.ClientIDList.includes(input.ClientID)) return
    ctx.store.oidcProviders.update(provider, {
      ClientIDList: [...provider.ClientIDList, input.ClientID],
    })
  },

  /** Removing a client id the provider does not have changes nothing (documented). */
  RemoveClientIDFromOpenIDConnectProvider(ctx, input) {
    const provider = ctx.store.oidcProviders.get(input.OpenIDConnectProviderArn)
    ctx.store.oidcProviders.update(provider, {
      ClientIDList: provider.ClientIDList.filter((id) => id !== input.ClientID),
    })
  },

  UpdateOpenIDConnectProviderThumbprint(ctx, input) {
    const provider = ctx.store.oidcProviders.get(input.OpenIDConnectProviderArn)
    ctx.store.oidcProviders.update(provider, { ThumbprintList: [...input.ThumbprintList] })
  },

  TagOpenIDConnectProvider(ctx, input) {
    const provider = ctx.store.oidcProviders.get(input.OpenIDConnectProviderArn)
    ctx.store.oidcProviders.update(provider, {
      Tags: mergeProviderTags(provider.Tags, input.Tags, oidcErrors.tagQuota),
    })
  },

  UntagOpenIDConnectProvider(ctx, input) {
    const provider = ctx.store.oidcProviders.get(input.OpenIDConnectProviderArn)
    ctx.store.oidcProviders.update(provider, { Tags: withoutTags(provider.Tags, input.TagKeys) })
  },

  ListOpenIDConnectProviderTags(ctx, input) {
    return tagPage(ctx.store.oidcProviders.get(input.OpenIDConnectProviderArn).Tags, input)
  },
} satisfies IamActions

export const oidcProviderNotes: ActionNotes<typeof oidcProviderActions> = {
  CreateOpenIDConnectProvider:
    '`https://` URLs only (`Invalid Open ID Connect Provider URL`), unique; up to 100 client ids (`LimitExceeded`), up to 5 thumbprints (optional, as in AWS today), up to 50 tags',
  GetOpenIDConnectProvider:
    'the Url without `https://`, as AWS returns it; `NoSuchEntity` `OpenIDConnect Provider not found for arn …`',
  ListOpenIDConnectProviders: 'ARNs only, in URL order',
  DeleteOpenIDConnectProvider:
    '`NoSuchEntity` in AWS’s other wording: `OpenId connect Provider … cannot be found.`',
  AddClientIDToOpenIDConnectProvider: 'adding one it has changes nothing; at most 100',
  RemoveClientIDFromOpenIDConnectProvider: 'removing one it lacks changes nothing',
  UpdateOpenIDConnectProviderThumbprint: 'replaces the list; at most 5',
  TagOpenIDConnectProvider:
    'up to 50 tags (`The number of tags has reached the maximum limit.`), keys unique case-insensitively',
  UntagOpenIDConnectProvider: '',
  ListOpenIDConnectProviderTags: 'in the order they were added; paged',
}
