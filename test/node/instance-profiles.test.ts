import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  GetInstanceProfileCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  UntagInstanceProfileCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'

const iam = useIam({
  clock: '2026-02-19T18:34:51.734Z',
  seed: 5,
  fixtures: {
    Roles: [{ RoleName: 'web' }, { RoleName: 'worker' }],
    InstanceProfiles: [{ InstanceProfileName: 'web-profile', Path: '/ec2/', Roles: ['web'] }],
  },
})
const client = iamClient()

const create = (name: string, input: object = {}) =>
  client.send(new CreateInstanceProfileCommand({ InstanceProfileName: name, ...input }))
const add = (profile: string, role: string) =>
  client.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: profile, RoleName: role }))

describe('CreateInstanceProfile', () => {
  it('creates an empty profile with an AIPA id and no Tags member unless given', async () => {
    const { InstanceProfile } = await create('batch', { Path: '/jobs/' })
    expect(InstanceProfile).toEqual({
      Path: '/jobs/',
      InstanceProfileName: 'batch',
      InstanceProfileId: expect.stringMatching(/^AIPA[A-Z2-7]{17}$/),
      Arn: 'arn:aws:iam::123456789012:instance-profile/jobs/batch',
      CreateDate: new Date('2026-02-19T18:34:51Z'),
      Roles: [],
    })
  })

  it('refuses a name taken in another case', async () => {
    const error = await sdkError(create('WEB-PROFILE'))
    expect([error.Code, error.message]).toEqual([
      'EntityAlreadyExists',
      'Instance Profile WEB-PROFILE already exists.',
    ])
  })
})

describe('the role of a profile', () => {
  it('is nested with only the members AWS writes there', async () => {
    const { InstanceProfile } = await client.send(
      new GetInstanceProfileCommand({ InstanceProfileName: 'web-profile' }),
    )
    expect(InstanceProfile?.Tags).toEqual([])
    expect(InstanceProfile?.Roles).toEqual([
      {
        Path: '/',
        RoleName: 'web',
        RoleId: iam.store.role('web')!.RoleId,
        Arn: 'arn:aws:iam::123456789012:role/web',
        CreateDate: new Date('2026-02-19T18:34:51Z'),
        AssumeRolePolicyDocument: expect.any(String),
      },
    ])
  })

  it('is one at most: a second, or the same again, is LimitExceeded (the latter inferred)', async () => {
    for (const role of ['worker', 'web']) {
      const error = await sdkError(add('web-profile', role))
      expect([error.Code, error.message, error.$metadata.httpStatusCode]).toEqual([
        'LimitExceeded',
        'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
        409,
      ])
    }
  })

  it('stays one under parallel AddRoleToInstanceProfile calls', async () => {
    const names = ['r1', 'r2', 'r3', 'r4', 'r5']
    for (const name of names) {
      await client.send(
        new CreateRoleCommand({
          RoleName: name,
          AssumeRolePolicyDocument: iam.store.role('web')!.AssumeRolePolicyDocument,
        }),
      )
    }
    await create('shared')
    const results = await Promise.allSettled(names.map((name) => add('shared', name)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(iam.store.instanceProfile('shared')?.Roles).toHaveLength(1)
  })

  it('keeps the role and the profile from being deleted until removed', async () => {
    const role = await sdkError(client.send(new DeleteRoleCommand({ RoleName: 'web' })))
    const profile = await sdkError(
      client.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web-profile' })),
    )
    for (const error of [role, profile]) {
      expect(error.message).toBe(
        'Cannot delete entity, must remove roles from instance profile first.',
      )
    }
    await client.send(
      new RemoveRoleFromInstanceProfileCommand({
        InstanceProfileName: 'web-profile',
        RoleName: 'web',
      }),
    )
    await client.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web-profile' }))
    await client.send(new DeleteRoleCommand({ RoleName: 'web' }))
    expect(iam.store.instanceProfiles()).toEqual([])
  })

  it('cannot be removed when it is not there', async () => {
    const error = await sdkError(
      client.send(
        new RemoveRoleFromInstanceProfileCommand({
          InstanceProfileName: 'web-profile',
          RoleName: 'worker',
        }),
      ),
    )
    expect(error.message).toBe('Role worker in Instance Profile web-profile cannot be found.')
  })
})

describe('listing profiles', () => {
  it('lists by name without tags, and by role', async () => {
    await create('another', { Tags: [{ Key: 'k', Value: 'v' }] })
    await add('another', 'worker')
    const { InstanceProfiles } = await client.send(new ListInstanceProfilesCommand({}))
    expect(InstanceProfiles?.map((p) => [p.InstanceProfileName, p.Tags])).toEqual([
      ['another', undefined],
      ['web-profile', undefined],
    ])
    const forRole = await client.send(
      new ListInstanceProfilesForRoleCommand({ RoleName: 'worker' }),
    )
    expect(forRole.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['another'])
    const prefixed = await client.send(new ListInstanceProfilesCommand({ PathPrefix: '/ec2/' }))
    expect(prefixed.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['web-profile'])
  })

  it('pages with MaxItems', async () => {
    for (const name of ['a', 'b']) await create(name)
    const first = await client.send(new ListInstanceProfilesCommand({ MaxItems: 2 }))
    expect(first.IsTruncated).toBe(true)
    const rest = await client.send(new ListInstanceProfilesCommand({ Marker: first.Marker }))
    expect(rest.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['web-profile'])
  })
})

describe('profile tags', () => {
  it('merge case-insensitively and untag by key', async () => {
    const tag = (Key: string, Value: string) =>
      client.send(
        new TagInstanceProfileCommand({
          InstanceProfileName: 'web-profile',
          Tags: [{ Key, Value }],
        }),
      )
    await tag('Env', 'dev')
    await tag('ENV', 'prod')
    const list = () =>
      client.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'web-profile' }))
    expect((await list()).Tags).toEqual([{ Key: 'ENV', Value: 'prod' }])
    await client.send(
      new UntagInstanceProfileCommand({ InstanceProfileName: 'web-profile', TagKeys: ['env'] }),
    )
    expect((await list()).Tags).toEqual([])
  })
})

describe('instance profiles in fixtures', () => {
  it('name roles the fixture defines', () => {
    expect(() =>
      createIamMock({
        fixtures: { InstanceProfiles: [{ InstanceProfileName: 'p', Roles: ['missing'] }] },
      }),
    ).toThrow(/InstanceProfiles\[0\]\.Roles\[0\].*The role with name missing cannot be found/)
  })

  it('show in the store view and survive snapshot()', () => {
    expect(iam.store.instanceProfile('web-profile')).toMatchObject({
      Arn: 'arn:aws:iam::123456789012:instance-profile/ec2/web-profile',
      Roles: ['web'],
      Tags: [],
    })
    const copy = createIamMock({ fixtures: iam.snapshot() })
    expect(copy.store.instanceProfiles()).toEqual(iam.store.instanceProfiles())
  })
})

describe('CreateRole is unknown to MSDP', () => {
  it('answers InvalidAction there', async () => {
    const msdp = createIamMock({ dialect: 'msdp' })
    const response = await msdp.handle(
      new Request('https://iam.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=CreateRole&Version=2010-05-08&RoleName=x&AssumeRolePolicyDocument=%7B%7D',
      }),
    )
    expect(await response.text()).toContain('<Code>InvalidAction</Code>')
  })
})
