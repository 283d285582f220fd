import {
  CreateServiceSpecificCredentialCommand,
  ListServiceSpecificCredentialsCommand,
  ResetServiceSpecificCredentialCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'

const iam = useIam({ fixtures: { Users: [{ UserName: 'alice' }, { UserName: 'bob' }] } })
const client = iamClient()

const create = (ServiceName = 'codecommit.amazonaws.com', UserName = 'alice') =>
  client.send(new CreateServiceSpecificCredentialCommand({ UserName, ServiceName }))

describe('service-specific credentials', () => {
  it('creates a credential with an ACCA id, the user-at-account name and a password', async () => {
    const { ServiceSpecificCredential: c } = await create()
    expect(c).toMatchObject({
      UserName: 'alice',
      ServiceName: 'codecommit.amazonaws.com',
      ServiceUserName: 'alice-at-123456789012',
      Status: 'Active',
    })
    expect(c!.ServiceSpecificCredentialId).toMatch(/^ACCA[A-Z2-7]{17}$/)
    // @note inferred: 44 base64 characters.
    expect(c!.ServicePassword).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(iam.store.servicePassword(c!.ServiceSpecificCredentialId!)).toBe(c!.ServicePassword)
  })

  it('never lists a password, in the API or the store view', async () => {
    const { ServiceSpecificCredential: c } = await create()
    const { ServiceSpecificCredentials } = await client.send(
      new ListServiceSpecificCredentialsCommand({ UserName: 'alice' }),
    )
    expect(JSON.stringify(ServiceSpecificCredentials)).not.toContain(c!.ServicePassword)
    expect(JSON.stringify(iam.store.user('alice'))).not.toContain(c!.ServicePassword)
    expect(iam.store.user('alice')!.ServiceSpecificCredentials).toMatchObject([
      {
        ServiceSpecificCredentialId: c!.ServiceSpecificCredentialId,
        ServiceUserName: 'alice-at-123456789012',
      },
    ])
  })

  it('gives a new password on reset', async () => {
    const { ServiceSpecificCredential: c } = await create()
    const reset = await client.send(
      new ResetServiceSpecificCredentialCommand({
        UserName: 'alice',
        ServiceSpecificCredentialId: c!.ServiceSpecificCredentialId,
      }),
    )
    expect(reset.ServiceSpecificCredential!.ServicePassword).not.toBe(c!.ServicePassword)
    expect(iam.store.servicePassword(c!.ServiceSpecificCredentialId!)).toBe(
      reset.ServiceSpecificCredential!.ServicePassword,
    )
  })

  it('holds two credentials per service per user', async () => {
    await create()
    await create()
    await create('cassandra.amazonaws.com')
    await create('codecommit.amazonaws.com', 'bob')
    const error = await sdkError(create())
    expect(error.name).toBe('LimitExceededException')
    // @note inferred wording.
    expect(error.message).toBe(
      'Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2',
    )
  })

  it('lists every user’s credentials with AllUsers, filtered by service', async () => {
    await create()
    await create('cassandra.amazonaws.com', 'bob')
    const all = await client.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true }))
    expect(all.ServiceSpecificCredentials!.map((c) => c.UserName)).toEqual(['alice', 'bob'])
    const cassandra = await client.send(
      new ListServiceSpecificCredentialsCommand({
        AllUsers: true,
        ServiceName: 'cassandra.amazonaws.com',
      }),
    )
    expect(cassandra.ServiceSpecificCredentials!.map((c) => c.UserName)).toEqual(['bob'])
  })

  it('keeps the ServiceUserName when the user is renamed', async () => {
    await create()
    await client.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alicia' }))
    const { ServiceSpecificCredentials } = await client.send(
      new ListServiceSpecificCredentialsCommand({ UserName: 'alicia' }),
    )
    expect(ServiceSpecificCredentials).toMatchObject([
      { UserName: 'alicia', ServiceUserName: 'alice-at-123456789012' },
    ])
  })

  it("answers NoSuchEntity for another user's credential", async () => {
    const { ServiceSpecificCredential: c } = await create()
    const error = await sdkError(
      client.send(
        new ResetServiceSpecificCredentialCommand({
          UserName: 'bob',
          ServiceSpecificCredentialId: c!.ServiceSpecificCredentialId,
        }),
      ),
    )
    expect(error.message).toBe(`No such credential ${c!.ServiceSpecificCredentialId} exists`)
  })

  it('loads credentials from a fixture, keeps their passwords in snapshots', () => {
    const mock = createIamMock({
      fixtures: {
        Users: [
          {
            UserName: 'carol',
            ServiceSpecificCredentials: [
              {
                ServiceName: 'codecommit.amazonaws.com',
                ServicePassword: 'pw',
                Status: 'Inactive',
              },
            ],
          },
        ],
      },
    })
    const [view] = mock.store.user('carol')!.ServiceSpecificCredentials
    expect(view).toMatchObject({ ServiceUserName: 'carol-at-123456789012', Status: 'Inactive' })
    expect(view).not.toHaveProperty('ServicePassword')
    const copy = createIamMock({ fixtures: mock.snapshot() })
    expect(copy.store.servicePassword(view!.ServiceSpecificCredentialId)).toBe('pw')
  })

  it('reports a fixture credential for a service IAM has none for', () => {
    expect(() =>
      createIamMock({
        fixtures: {
          Users: [
            {
              UserName: 'c',
              ServiceSpecificCredentials: [{ ServiceName: 'lambda.amazonaws.com' as never }],
            },
          ],
        },
      }),
    ).toThrow(
      'Users[0].ServiceSpecificCredentials[0].ServiceName: must be one of codecommit.amazonaws.com, cassandra.amazonaws.com',
    )
  })
})
