import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { recordedFixture, Replay } from './harness.js'

/** `test_iam`'s TestIAMServiceSpecificCredentials: passwords for CodeCommit and Keyspaces. */

useIam({ fixtures: recordedFixture })

const CLASS = 'TestIAMServiceSpecificCredentials'

function replay(testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay('test_iam', `${CLASS}::${testId}`)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

/** The setup most tests share: a user and a CodeCommit credential, both recorded. */
async function setup(r: Replay, service = 'codecommit.amazonaws.com'): Promise<string> {
  await r.send('create-user-response', 'CreateUser', { UserName: 'U1' })
  const { ServiceSpecificCredential } = await r.send(
    'create-service-specific-credential-response',
    'CreateServiceSpecificCredential',
    { UserName: 'U1', ServiceName: service },
  )
  return ServiceSpecificCredential.ServiceSpecificCredentialId
}

describe('test_iam service-specific credentials, replayed', () => {
  for (const service of ['codecommit.amazonaws.com', 'cassandra.amazonaws.com']) {
    replay(`test_service_specific_credential_lifecycle[${service}]`, async (r) => {
      const id = await setup(r, service)
      const list = (key: string) =>
        r.send(key, 'ListServiceSpecificCredentials', { UserName: 'U1', ServiceName: service })
      await list('list-service-specific-credentials-response-before-update')
      await r.send(
        'update-service-specific-credential-response',
        'UpdateServiceSpecificCredential',
        {
          UserName: 'U1',
          ServiceSpecificCredentialId: id,
          Status: 'Inactive',
        },
      )
      await list('list-service-specific-credentials-response-after-update')
      await r.send('reset-service-specific-credential-response', 'ResetServiceSpecificCredential', {
        UserName: 'U1',
        ServiceSpecificCredentialId: id,
      })
      await r.send(
        'delete-service-specific-credentials-response',
        'DeleteServiceSpecificCredential',
        { UserName: 'U1', ServiceSpecificCredentialId: id },
      )
    })
  }

  replay('test_create_service_specific_credential_invalid_user', async (r) => {
    for (const [key, service] of [
      ['invalid-user-name-exception', 'codecommit.amazonaws.com'],
      ['invalid-user-and-service-exception', 'nonexistentservice.amazonaws.com'],
    ] as const) {
      await r.send(key, 'CreateServiceSpecificCredential', {
        UserName: 'non-existent-user',
        ServiceName: service,
      })
    }
  })

  replay('test_create_service_specific_credential_invalid_service', async (r) => {
    await r.send('create-user-response', 'CreateUser', { UserName: 'U1' })
    for (const [key, service] of [
      ['invalid-service-exception', 'nonexistentservice.amazonaws.com'],
      ['invalid-service-completely-malformed-exception', 'o3on3n3onosneo'],
      ['invalid-service-existing-but-unsupported-exception', 'lambda.amazonaws.com'],
    ] as const) {
      await r.send(key, 'CreateServiceSpecificCredential', { UserName: 'U1', ServiceName: service })
    }
  })

  replay('test_list_service_specific_credential_different_service', async (r) => {
    await r.send('create-user-response', 'CreateUser', { UserName: 'U1' })
    await r.send(
      'list-service-specific-credentials-invalid-service',
      'ListServiceSpecificCredentials',
      {
        UserName: 'U1',
        ServiceName: 'nonexistentservice.amazonaws.com',
      },
    )
    await r.send('create-service-specific-credential-response', 'CreateServiceSpecificCredential', {
      UserName: 'U1',
      ServiceName: 'codecommit.amazonaws.com',
    })
    await r.send(
      'list-service-specific-credentials-response-wrong-service',
      'ListServiceSpecificCredentials',
      { UserName: 'U1', ServiceName: 'cassandra.amazonaws.com' },
    )
  })

  replay('test_delete_user_after_service_credential_created', async (r) => {
    await setup(r)
    await r.send('delete-user-existing-credential', 'DeleteUser', { UserName: 'U1' })
  })

  replay('test_id_match_user_mismatch', async (r) => {
    const id = await setup(r)
    const target = { UserName: 'wrong-user-name', ServiceSpecificCredentialId: id }
    await r.send('update-wrong-user-name', 'UpdateServiceSpecificCredential', {
      ...target,
      Status: 'Inactive',
    })
    await r.send('reset-wrong-user-name', 'ResetServiceSpecificCredential', target)
    await r.send('delete-wrong-user-name', 'DeleteServiceSpecificCredential', target)
  })

  for (const wrong of [
    'totally-wrong-credential-id-with-hyphens',
    'satisfiesregexbutstillinvalid',
  ]) {
    replay(`test_user_match_id_mismatch[${wrong}]`, async (r) => {
      await setup(r)
      const target = { UserName: 'U1', ServiceSpecificCredentialId: wrong }
      await r.send('update-wrong-id', 'UpdateServiceSpecificCredential', {
        ...target,
        Status: 'Inactive',
      })
      await r.send('reset-wrong-id', 'ResetServiceSpecificCredential', target)
      await r.send('delete-wrong-id', 'DeleteServiceSpecificCredential', target)
    })
  }

  replay('test_invalid_update_parameters', async (r) => {
    const id = await setup(r)
    await r.send('update-invalid-status', 'UpdateServiceSpecificCredential', {
      ServiceSpecificCredentialId: id,
      Status: 'Invalid',
    })
  })
})
