import { IamError } from '../errors.js'
import type { Tag } from '../store/fields.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import type { ActionNotes, IamActions } from './types.js'

export const TAGS_PER_USER = 50

/** @throws InvalidInput when two tags share a key, compared case-insensitively as IAM does. */
export function checkTags(tags: readonly Tag[]): void {
  const keys = new Set(tags.map((tag) => tag.Key.toLowerCase()))
  if (keys.size !== tags.length) throw IamError.duplicateTagKeys()
}

export const userTagActions = {
  TagUser(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    checkTags(input.Tags)
    const merged = new Map(user.Tags.map((tag) => [tag.Key.toLowerCase(), tag]))
    for (const tag of input.Tags)
      merged.set(tag.Key.toLowerCase(), { Key: tag.Key, Value: tag.Value })
    // @note The wording of this quota error is inferred from IAM's other quota messages.
    if (merged.size > TAGS_PER_USER) throw IamError.tagQuota(TAGS_PER_USER)
    ctx.store.users.update(user, { Tags: [...merged.values()] })
  },

  UntagUser(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    const remove = new Set(input.TagKeys.map((key) => key.toLowerCase()))
    ctx.store.users.update(user, {
      Tags: user.Tags.filter((tag) => !remove.has(tag.Key.toLowerCase())),
    })
  },

  ListUserTags(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    const page = pageOf(
      user.Tags,
      (tag) => tag.Key,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return { Tags: page.items.map((tag) => ({ ...tag })), ...pageMembers(page.marker) }
  },
} satisfies IamActions

export const userTagNotes: ActionNotes<typeof userTagActions> = {
  TagUser: 'up to 50 tags, keys unique case-insensitively',
  UntagUser: '',
  ListUserTags: 'in the order they were added; paged like ListUsers',
}
