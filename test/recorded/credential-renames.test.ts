import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { certificate, sshKey } from '../keys.js'
import { recordedFixture, Replay } from './harness.js'

/**
 * `test_iam_users`' TestUserRename entries for SSH keys, service-specific credentials and
 * signing certificates: they follow their user to its new name.
 */

useIam({ fixtures: recordedFixture })

/** A credential made for U1 by `setup` (with `input`), listed by `list` before and after the rename. */
function replay(
  testId: string,
  list: { operation: string; key: string },
  setup: { operation: string; input: () => object },
) {
  it(testId, async () => {
    const r = new Replay('test_iam_users', `TestUserRename::${testId}`)
    await r.send('create-user', 'CreateUser', { UserName: 'U1' })
    await r.send(undefined, setup.operation, { UserName: 'U1', ...setup.input() })
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
    { operation: 'UploadSSHPublicKey', input: () => ({ SSHPublicKeyBody: sshKey().openssh }) },
  )

  replay(
    'test_user_rename_updates_service_specific_credentials',
    { operation: 'ListServiceSpecificCredentials', key: 'list-service-credentials' },
    {
      operation: 'CreateServiceSpecificCredential',
      input: () => ({ ServiceName: 'codecommit.amazonaws.com' }),
    },
  )

  replay(
    'test_user_rename_updates_signing_certificates',
    { operation: 'ListSigningCertificates', key: 'list-signing-certificates' },
    {
      operation: 'UploadSigningCertificate',
      input: () => ({ CertificateBody: certificate().certificate }),
    },
  )
})
