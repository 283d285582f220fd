import { CreateUserCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { awsManagedPoliciesLoaded } from '../../src/store/aws-managed-policies.js'
import { accessDenied, clientAs, useIam, userKey } from '../helpers.js'

// Its own file: AWS's managed policies are loaded once per process, and this checks when.
useIam({
  authorize: true,
  fixtures: {
    Users: [
      { UserName: 'plain', AccessKeys: [userKey('plain')] },
      {
        UserName: 'reader',
        AccessKeys: [userKey('reader')],
        AttachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      },
    ],
  },
})

describe("enforcement with AWS's managed policies", () => {
  it('loads them only once a caller’s policies name one, and then decides by them', async () => {
    await accessDenied(clientAs('plain').send(new ListUsersCommand({})))
    expect(awsManagedPoliciesLoaded()).toBe(false)
    // ReadOnlyAccess (attached by the fixture) allows iam:Get* and iam:List*, not iam:CreateUser.
    const { User } = await clientAs('reader').send(new GetUserCommand({}))
    expect(User!.UserName).toBe('reader')
    expect(awsManagedPoliciesLoaded()).toBe(true)
    expect((await clientAs('reader').send(new ListUsersCommand({}))).Users).toHaveLength(2)
    expect(
      await accessDenied(clientAs('reader').send(new CreateUserCommand({ UserName: 'x' }))),
    ).toMatch(/because no identity-based policy allows the iam:CreateUser action$/)
  })
})
