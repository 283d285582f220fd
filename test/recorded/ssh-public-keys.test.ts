import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { sshKey } from '../keys.js'
import { recordedFixture, Replay } from './harness.js'

/** `test_iam_ssh_public_keys`: SSH public keys of a user, by id. */

useIam({ fixtures: recordedFixture })

const UNKNOWN = 'APKAXXXXXXXXXXXXXXXXX'
const KEY = sshKey('rsa')

function replay(testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay('test_iam_ssh_public_keys', testId)
    // Every test first creates its user, unrecorded.
    await r.send(undefined, 'CreateUser', { UserName: 'U1' })
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

const upload = async (r: Replay, key?: string): Promise<string> => {
  const { SSHPublicKey } = await r.send(key, 'UploadSSHPublicKey', {
    UserName: 'U1',
    SSHPublicKeyBody: KEY.openssh,
  })
  return SSHPublicKey.SSHPublicKeyId
}

describe('test_iam_ssh_public_keys, replayed', () => {
  replay('TestSSHPublicKeys::test_upload_ssh_public_key', async (r) => {
    await upload(r, 'upload-response')
  })

  replay('TestSSHPublicKeys::test_get_ssh_public_key', async (r) => {
    const id = await upload(r)
    await r.send('get-response', 'GetSSHPublicKey', {
      UserName: 'U1',
      SSHPublicKeyId: id,
      Encoding: 'SSH',
    })
  })

  replay('TestSSHPublicKeys::test_get_ssh_public_key_not_found', (r) =>
    r.send('get-not-found', 'GetSSHPublicKey', {
      UserName: 'U1',
      SSHPublicKeyId: UNKNOWN,
      Encoding: 'SSH',
    }),
  )

  replay('TestSSHPublicKeys::test_list_ssh_public_keys', async (r) => {
    await r.send('list-empty', 'ListSSHPublicKeys', { UserName: 'U1' })
    await upload(r)
    await r.send('list-with-key', 'ListSSHPublicKeys', { UserName: 'U1' })
  })

  replay('TestSSHPublicKeys::test_update_ssh_public_key', async (r) => {
    const id = await upload(r)
    await r.send('update-response', 'UpdateSSHPublicKey', {
      UserName: 'U1',
      SSHPublicKeyId: id,
      Status: 'Inactive',
    })
    await r.send('get-after-update', 'GetSSHPublicKey', {
      UserName: 'U1',
      SSHPublicKeyId: id,
      Encoding: 'SSH',
    })
  })

  replay('TestSSHPublicKeys::test_update_ssh_public_key_not_found', (r) =>
    r.send('update-not-found', 'UpdateSSHPublicKey', {
      UserName: 'U1',
      SSHPublicKeyId: UNKNOWN,
      Status: 'Inactive',
    }),
  )

  replay('TestSSHPublicKeys::test_delete_ssh_public_key', async (r) => {
    const id = await upload(r)
    await r.send(undefined, 'ListSSHPublicKeys', { UserName: 'U1' })
    await r.send('delete-response', 'DeleteSSHPublicKey', { UserName: 'U1', SSHPublicKeyId: id })
    await r.send('list-after-delete', 'ListSSHPublicKeys', { UserName: 'U1' })
  })

  replay('TestSSHPublicKeys::test_delete_ssh_public_key_not_found', (r) =>
    r.send('delete-not-found', 'DeleteSSHPublicKey', { UserName: 'U1', SSHPublicKeyId: UNKNOWN }),
  )
})
