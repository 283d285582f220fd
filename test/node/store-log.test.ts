import { describe, expect, it } from 'vitest'
import { IamError } from '../../src/errors.js'
import { IamStore } from '../../src/store/store.js'
import { ROOT_OWNER } from '../../src/store/users.js'

/** The store's change log: what reset() puts back, and what a failed change leaves. */
function store(): IamStore {
  let n = 0
  const s = new IamStore({
    accountId: '123456789012',
    partition: 'aws',
    caseSensitiveNames: false,
    accessKeysPerUser: 2,
    newUserId: () => `AIDA${String(++n).padStart(17, '0')}`,
    newGroupId: () => `AGPA${String(++n).padStart(17, '0')}`,
    newPolicyId: () => `ANPA${String(++n).padStart(17, '0')}`,
    newRoleId: () => `AROA${String(++n).padStart(17, '0')}`,
    newInstanceProfileId: () => `AIPA${String(++n).padStart(17, '0')}`,
    newUuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    newAccessKey: () => ({
      accessKeyId: `AKIA${String(++n).padStart(16, '0')}`,
      secretAccessKey: 's',
    }),
    newTemporaryCredentials: () => ({
      accessKeyId: `ASIA${String(++n).padStart(16, '0')}`,
      secretAccessKey: 's',
      sessionToken: 't',
    }),
    userPolicySizeQuota: 2048,
    checkPolicyDocument: () => undefined,
    newUniqueId: (prefix, length) => prefix + String(++n).padStart(length - prefix.length, '0'),
    newSecret: (alphabet, length) => alphabet[0]!.repeat(length),
  })
  s.seed(() => {
    s.account.setRoot({ CreateDate: new Date(0) })
    s.users.create({ UserName: 'alice', Path: '/', CreateDate: new Date(0) })
  })
  return s
}

describe('the change log', () => {
  it('puts back renames, new users and deleted ones on reset, whatever the order of changes', () => {
    const s = store()
    const alice = s.users.get('alice')
    s.users.update(alice, { UserName: 'carol' })
    s.users.create({ UserName: 'alice', Path: '/x/', CreateDate: new Date(1) })
    s.users.delete(s.users.owner('carol'))
    s.reset()
    expect(s.users.table.ofGroup().map((u) => [u.UserId, u.UserName, u.Path])).toEqual([
      [alice.UserId, 'alice', '/'],
    ])
    expect(s.users.find('carol')).toBeUndefined()
  })

  it('holds what differs from the fixture, not every change: created-then-deleted leaves nothing', () => {
    const s = store()
    for (let i = 0; i < 100; i++) {
      const key = s.accessKeys.create(ROOT_OWNER, { CreateDate: new Date(0) })
      s.accessKeys.delete(key, ROOT_OWNER)
    }
    expect(s.log.size).toBe(0)
    const alice = s.users.get('alice')
    for (let i = 0; i < 100; i++)
      s.users.update(s.users.get('alice'), { Tags: [{ Key: 'n', Value: `${i}` }] })
    expect(s.log.size).toBe(1)
    s.reset()
    expect(s.users.get('alice')).toEqual(alice)
  })

  it('undoes a change that throws halfway, and keeps the changes before it', () => {
    const s = store()
    s.users.create({ UserName: 'kept', Path: '/', CreateDate: new Date(0) })
    expect(() =>
      s.transaction(() => {
        s.users.create({ UserName: 'bob', Path: '/', CreateDate: new Date(0) })
        s.users.update(s.users.get('alice'), { UserName: 'alice2' })
        throw IamError.serviceFailure()
      }),
    ).toThrow(IamError)
    expect(s.users.table.ofGroup().map((u) => u.UserName)).toEqual(['alice', 'kept'])
    s.reset()
    expect(s.users.table.ofGroup().map((u) => u.UserName)).toEqual(['alice'])
  })
})
