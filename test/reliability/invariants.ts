import { expect } from 'vitest'
import type { IamMock } from '../../src/index.js'

/**
 * The store's invariants, checked from the outside: at most 2 keys per owner, user names unique
 * case-insensitively (AWS), every key owned by an existing user or by root, every listed key
 * findable by id; role names unique, each instance profile holding at most one existing role;
 * policy and group names unique, every policy with 1–5 versions and its default among them, its
 * AttachmentCount the number of users, groups and roles that list it, every attachment, member
 * and boundary naming something that exists.
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
  // Roles: names unique, at most 10 managed policies; a profile holds at most one existing role.
  const roles = iam.store.roles()
  const key = (name: string) => (caseSensitive ? name : name.toLowerCase())
  expect(new Set(roles.map((role) => key(role.RoleName))).size).toBe(roles.length)
  for (const role of roles) expect(role.AttachedPolicies.length).toBeLessThanOrEqual(10)
  for (const profile of iam.store.instanceProfiles()) {
    expect(profile.Roles.length).toBeLessThanOrEqual(1)
    for (const name of profile.Roles) expect(iam.store.role(name)).toBeDefined()
  }
  // Managed policies and groups.
  const policies = iam.store.policies()
  expect(new Set(policies.map((p) => key(p.PolicyName))).size).toBe(policies.length)
  const groups = iam.store.groups()
  expect(new Set(groups.map((g) => key(g.GroupName))).size).toBe(groups.length)
  const holders = [...users, ...groups, ...roles]
  for (const policy of policies) {
    expect(policy.Versions.length).toBeGreaterThanOrEqual(1)
    expect(policy.Versions.length).toBeLessThanOrEqual(5)
    expect(policy.Versions.map((v) => v.VersionId)).toContain(policy.DefaultVersionId)
    const holding = holders.filter((h) => h.AttachedPolicies.includes(policy.Arn))
    expect(policy.AttachmentCount).toBe(holding.length)
  }
  const local = new Set(policies.map((p) => p.Arn))
  const exists = (arn: string) => arn.includes(':aws:policy/') || local.has(arn)
  for (const holder of holders) {
    expect(holder.AttachedPolicies.length).toBeLessThanOrEqual(10)
    for (const arn of holder.AttachedPolicies) expect(exists(arn)).toBe(true)
  }
  for (const entity of [...users, ...roles]) {
    if (entity.PermissionsBoundary) expect(exists(entity.PermissionsBoundary)).toBe(true)
  }
  for (const group of groups) {
    for (const member of group.Users) expect(iam.store.user(member)).toBeDefined()
  }
}
