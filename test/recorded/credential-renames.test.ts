import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { certificate, sshKey } from '../keys.js'
import { recordedFixture, Replay } from './harness.js'

/**
 * `test_iam_users`' TestUserRename entries for SSH keys, service-specific credentials and
 * signing certificates: they follow their user to its new name.
 */

useIam({ fixtures: recordedFixture })

function replay(
  testId: string,
  list: { operation: string; key: string },
  setup: (r: Replay) => Promise<unknown>,
) {
  it(testId, async () => {
    const r = new Replay('test_iam_users', `TestUserRename::${testId}`)
    await r.send('create-user', 'CreateUser', { UserName: 'U1' })
    await setup(r)
    await r.send(`${list.key}-before-rename`, list.operation, { UserName: 'U1' })
    await r.send(undefined, 'UpdateUser', { UserName: 'U1', NewUserName: 'U2' })
    await r.send('get-user-after-update', 'GetUser', { UserName: 'U2' })
    await r.send(`${list.key}-after-rename`, list.operation, { UserName: 'U2' })
    expect(r.problems()).toEqual([])
  })
}

describe('test_iam_users renames of credentials, replayed', () => {
  replay(
    'test_user_rename_updates_ssh_public_keys',
    { operation: 'ListSSHPublicKeys', key: 'list-ssh-public-keys' },
    (r) =>
      r.send(undefined, 'UploadSSHPublicKey', {
        UserName: 'U1',
        SSHPublicKeyBody: sshKey().openssh,
      }),
  )

  replay(
    'test_user_rename_updates_service_specific_credentials',
    { operation: 'ListServiceSpecificCredentials', key: 'list-service-credentials' },
    (r) =>
      r.send(undefined, 'CreateServiceSpecificCredential', {
        UserName: 'U1',
        ServiceName: 'codecommit.amazonaws.com',
      }),
  )

  replay(
    'test_user_rename_updates_signing_certificates',
    { operation: 'ListSigningCertificates', key: 'list-signing-certificates' },
    (r) =>
      r.send(undefined, 'UploadSigningCertificate', {
        UserName: 'U1',
        CertificateBody: certificate().certificate,
      }),
  )
})
