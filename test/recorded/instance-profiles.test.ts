import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { recordedFixture, Replay, TRUST_EC2 } from './harness.js'

/** `test_iam_instance_profiles`: instance profiles, the role each holds, their tags. */

useIam({ fixtures: recordedFixture })

let counter = 0
const name = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(8, '0')}`

function replay(testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay('test_iam_instance_profiles', testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

const createRole = (r: Replay, key: string | undefined, role: string) =>
  r.send(key, 'CreateRole', { RoleName: role, AssumeRolePolicyDocument: TRUST_EC2 })
const createProfile = (r: Replay, key: string | undefined, input: Record<string, unknown>) =>
  r.send(key, 'CreateInstanceProfile', input)
const add = (r: Replay, profile: string, role: string, key?: string) =>
  r.send(key, 'AddRoleToInstanceProfile', { InstanceProfileName: profile, RoleName: role })
const remove = (r: Replay, profile: string, role: string, key?: string) =>
  r.send(key, 'RemoveRoleFromInstanceProfile', { InstanceProfileName: profile, RoleName: role })

/** An answer's list cut to the test's own entities, sorted by name, as the recordings keep it. */
interface Profile {
  InstanceProfileName: string
  Roles: { AssumeRolePolicyDocument: string }[]
}

function ours<T extends Profile>(list: T[], names: string[]): T[] {
  return list
    .filter((p) => names.includes(p.InstanceProfileName))
    .sort((a, b) => (a.InstanceProfileName < b.InstanceProfileName ? -1 : 1))
}

/** Profiles as boto3 gives them: each role's trust policy decoded and parsed. */
const decoded = (profiles: { Roles: { AssumeRolePolicyDocument: string }[] }[]) =>
  profiles.map((p) => ({
    ...p,
    Roles: p.Roles.map((role) => ({
      ...role,
      AssumeRolePolicyDocument: JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument)),
    })),
  }))

describe('test_iam_instance_profiles, replayed', () => {
  replay('TestInstanceProfileLifecycle::test_instance_profile_lifecycle', async (r) => {
    const [p1, p2] = [name('profile'), name('profile')]
    await createProfile(r, 'create-instance-profile', {
      InstanceProfileName: p1,
      Path: `/test-path-${name('p')}/`,
    })
    await r.send('get-instance-profile', 'GetInstanceProfile', { InstanceProfileName: p1 })
    await createProfile(r, 'create-instance-profile-default-path', { InstanceProfileName: p2 })
    await r.send(undefined, 'DeleteInstanceProfile', { InstanceProfileName: p1 })
    await r.send('get-deleted-error', 'GetInstanceProfile', { InstanceProfileName: p1 })
  })

  replay('TestInstanceProfileLifecycle::test_instance_profile_errors', async (r) => {
    await r.send('get-nonexistent-error', 'GetInstanceProfile', {
      InstanceProfileName: 'nonexistent-profile',
    })
    const profile = name('profile')
    await createProfile(r, 'create-profile-for-duplicate-test', { InstanceProfileName: profile })
    await createProfile(r, 'create-duplicate-error', { InstanceProfileName: profile })
    await r.send('delete-nonexistent-error', 'DeleteInstanceProfile', {
      InstanceProfileName: 'nonexistent-profile',
    })
  })

  replay('TestInstanceProfileLifecycle::test_list_instance_profiles', async (r) => {
    const [p1, p2, role] = [name('profile'), name('profile'), name('role')]
    await createProfile(r, undefined, { InstanceProfileName: p1 })
    await createProfile(r, undefined, { InstanceProfileName: p2 })
    await createRole(r, undefined, role)
    await add(r, p1, role)
    const list = await r.send(undefined, 'ListInstanceProfiles')
    r.keep('list-instance-profiles', {
      InstanceProfiles: decoded(ours(list.InstanceProfiles, [p1, p2])),
      IsTruncated: list.IsTruncated,
      ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: 200 },
    })
  })

  replay('TestInstanceProfileLifecycle::test_list_instance_profiles_path_prefix', async (r) => {
    const [pathA, pathB] = [`/path-a-${name('p')}/`, `/path-b-${name('p')}/`]
    await createProfile(r, undefined, { InstanceProfileName: name('profile'), Path: pathA })
    await createProfile(r, undefined, { InstanceProfileName: name('profile'), Path: pathB })
    await r.send('list-with-prefix', 'ListInstanceProfiles', { PathPrefix: pathA })
    await r.send('list-empty-prefix', 'ListInstanceProfiles', { PathPrefix: '/nonexistent-path/' })
  })

  /** The same calls as TestInstanceProfileRoles', with both profiles under one path. */
  for (const [testId, path] of [
    ['TestInstanceProfileLifecycle::test_list_instance_profiles_for_role', true],
    ['TestInstanceProfileRoles::test_list_instance_profiles_for_role', false],
  ] as const) {
    replay(testId, async (r) => {
      const [r1, r2] = [name('role'), name('role')]
      await createRole(r, undefined, r1)
      await createRole(r, undefined, r2)
      const prefix = `/${name('prefix')}/`
      const profiles = [name('profile'), name('profile')]
      for (const profile of profiles) {
        await createProfile(r, undefined, {
          InstanceProfileName: profile,
          ...(path && { Path: prefix }),
        })
        await add(r, profile, r1)
      }
      const list = await r.send(undefined, 'ListInstanceProfilesForRole', { RoleName: r1 })
      r.keep('list-for-role', {
        InstanceProfiles: decoded(ours(list.InstanceProfiles, profiles)),
        IsTruncated: list.IsTruncated,
        ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: 200 },
      })
      await r.send('list-for-role-empty', 'ListInstanceProfilesForRole', { RoleName: r2 })
    })
  }

  replay('TestInstanceProfileRoles::test_add_remove_role_from_instance_profile', async (r) => {
    const [profile, role] = [name('profile'), name('role')]
    await createProfile(r, 'create-profile', { InstanceProfileName: profile })
    await createRole(r, 'create-role', role)
    await add(r, profile, role)
    await r.send('get-with-role', 'GetInstanceProfile', { InstanceProfileName: profile })
    await remove(r, profile, role)
    await r.send('get-without-role', 'GetInstanceProfile', { InstanceProfileName: profile })
  })

  replay('TestInstanceProfileRoles::test_add_second_role_to_instance_profile_error', async (r) => {
    const [profile, r1, r2] = [name('profile'), name('role'), name('role')]
    await createProfile(r, undefined, { InstanceProfileName: profile })
    await createRole(r, undefined, r1)
    await createRole(r, undefined, r2)
    await add(r, profile, r1)
    await add(r, profile, r2, 'add-second-role-error')
  })

  replay('TestInstanceProfileRoles::test_delete_instance_profile_with_role_error', async (r) => {
    const [profile, role] = [name('profile'), name('role')]
    await createProfile(r, 'create-profile', { InstanceProfileName: profile })
    await createRole(r, 'create-role', role)
    await add(r, profile, role)
    await r.send('delete-with-role-error', 'DeleteInstanceProfile', {
      InstanceProfileName: profile,
    })
    await remove(r, profile, role)
    await r.send(undefined, 'DeleteInstanceProfile', { InstanceProfileName: profile })
    await r.send('get-deleted-error', 'GetInstanceProfile', { InstanceProfileName: profile })
  })

  replay('TestInstanceProfileRoles::test_role_instance_profile_operations_errors', async (r) => {
    const [profile, role] = [name('profile'), name('role')]
    await createProfile(r, 'create-profile', { InstanceProfileName: profile })
    await createRole(r, 'create-role', role)
    await add(r, 'nonexistent-profile', role, 'add-role-nonexistent-profile-error')
    await add(r, profile, 'nonexistent-role', 'add-nonexistent-role-error')
    await remove(r, 'nonexistent-profile', role, 'remove-role-nonexistent-profile-error')
    await remove(r, profile, 'nonexistent-role', 'remove-nonexistent-role-error')
    await remove(r, profile, role, 'remove-unattached-role-error')
    await r.send('list-profiles-nonexistent-role-error', 'ListInstanceProfilesForRole', {
      RoleName: 'nonexistent-role',
    })
  })

  replay('TestInstanceProfileTags::test_instance_profile_tag_lifecycle', async (r) => {
    const profile = name('profile')
    await createProfile(r, undefined, { InstanceProfileName: profile })
    const list = (key: string) =>
      r.send(key, 'ListInstanceProfileTags', { InstanceProfileName: profile })
    const tag = (Key: string, Value: string) =>
      r.send(undefined, 'TagInstanceProfile', {
        InstanceProfileName: profile,
        Tags: [{ Key, Value }],
      })
    const untag = (key: string) =>
      r.send(undefined, 'UntagInstanceProfile', { InstanceProfileName: profile, TagKeys: [key] })
    await list('list-tags-empty')
    await tag('MyKey', 'myValue')
    await list('list-tags-after-tag')
    await r.send('get-with-tags', 'GetInstanceProfile', { InstanceProfileName: profile })
    await tag('MyKey2', 'myValue2')
    await list('list-tags-two-tags')
    await untag('MyKey')
    await list('list-after-untag')
    await untag('MyKey2')
    await list('list-tags-final-empty')
  })

  replay('TestInstanceProfileTags::test_instance_profile_create_with_tags', async (r) => {
    const profile = name('profile')
    await createProfile(r, 'create-with-tags', {
      InstanceProfileName: profile,
      Tags: [{ Key: 'InitialKey', Value: 'InitialValue' }],
    })
    await r.send('get-with-initial-tags', 'GetInstanceProfile', { InstanceProfileName: profile })
  })

  replay('TestInstanceProfileTags::test_instance_profile_tag_errors', async (r) => {
    const missing = { InstanceProfileName: 'nonexistent-profile' }
    await r.send('tag-nonexistent-error', 'TagInstanceProfile', {
      ...missing,
      Tags: [{ Key: 'k', Value: 'v' }],
    })
    await r.send('untag-nonexistent-error', 'UntagInstanceProfile', { ...missing, TagKeys: ['k'] })
    await r.send('list-tags-nonexistent-error', 'ListInstanceProfileTags', missing)
  })
})
