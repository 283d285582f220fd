import { expect } from 'vitest'
import type { IamMock } from '../../src/index.js'

/**
 * The store's invariants, checked from the outside: at most 2 keys per owner, user names unique
 * case-insensitively (AWS), every key owned by an existing user or by root, every listed key
 * findable by id.
 */
export function checkInvariants(iam: IamMock, { caseSensitive = false } = {}): void {
  const users = iam.store.users()
  const names = users.map((user) => (caseSensitive ? user.UserName : user.UserName.toLowerCase()))
  expect(new Set(names).size).toBe(names.length)
  const rootKeys = iam.store.rootAccessKeys()
  expect(rootKeys.length).toBeLessThanOrEqual(2)
  const owners = new Map<string, string | undefined>()
  for (const key of rootKeys) owners.set(key.AccessKeyId, undefined)
  for (const user of users) {
    expect(user.AccessKeys.length).toBeLessThanOrEqual(2)
    for (const key of user.AccessKeys) {
      expect(owners.has(key.AccessKeyId)).toBe(false)
      owners.set(key.AccessKeyId, user.UserName)
    }
  }
  for (const [id, owner] of owners) {
    expect(iam.store.accessKey(id)?.UserName).toBe(owner)
  }
}
