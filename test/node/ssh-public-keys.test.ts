import {
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  GetSSHPublicKeyCommand,
  ListSSHPublicKeysCommand,
  UpdateSSHPublicKeyCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'
import { sshKey } from '../keys.js'

const rsa = sshKey('rsa')
const other = sshKey('rsa', 3072)
const iam = useIam({ fixtures: { Users: [{ UserName: 'alice' }, { UserName: 'bob' }] } })
const client = iamClient()

const upload = (body: string, UserName = 'alice') =>
  client.send(new UploadSSHPublicKeyCommand({ UserName, SSHPublicKeyBody: body }))

describe('SSH public keys', () => {
  it('uploads an OpenSSH RSA key with the MD5 fingerprint ssh-keygen shows and an APKA id', async () => {
    const { SSHPublicKey } = await upload(rsa.openssh)
    expect(SSHPublicKey).toMatchObject({
      UserName: 'alice',
      SSHPublicKeyBody: rsa.openssh,
      Fingerprint: rsa.md5,
      Status: 'Active',
    })
    expect(SSHPublicKey!.SSHPublicKeyId).toMatch(/^APKA[A-Z2-7]{17}$/)
    expect(SSHPublicKey!.UploadDate).toBeInstanceOf(Date)
  })

  it('takes PEM keys (SubjectPublicKeyInfo and PKCS #1) with the same fingerprint', async () => {
    const spki = await upload(rsa.spki)
    const pkcs1 = await upload(rsa.pkcs1, 'bob')
    expect(spki.SSHPublicKey!.Fingerprint).toBe(rsa.md5)
    expect(pkcs1.SSHPublicKey!.Fingerprint).toBe(rsa.md5)
  })

  it('returns the key in the encoding asked for', async () => {
    const { SSHPublicKey } = await upload(rsa.openssh)
    const id = SSHPublicKey!.SSHPublicKeyId!
    const get = (Encoding: 'SSH' | 'PEM') =>
      client.send(new GetSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: id, Encoding }))
    expect((await get('SSH')).SSHPublicKey!.SSHPublicKeyBody).toBe(rsa.openssh)
    // @note inferred: a key uploaded as OpenSSH comes back as a BEGIN PUBLIC KEY block.
    expect((await get('PEM')).SSHPublicKey!.SSHPublicKeyBody).toBe(rsa.spki)
  })

  it('returns a PEM-uploaded key as OpenSSH without the comment', async () => {
    const { SSHPublicKey } = await upload(rsa.spki)
    const got = await client.send(
      new GetSSHPublicKeyCommand({
        UserName: 'alice',
        SSHPublicKeyId: SSHPublicKey!.SSHPublicKeyId,
        Encoding: 'SSH',
      }),
    )
    expect(got.SSHPublicKey!.SSHPublicKeyBody).toBe(rsa.openssh.replace(/ test@example\.com$/, ''))
  })

  it('lists metadata only, oldest first, and updates and deletes a key', async () => {
    const first = (await upload(rsa.openssh)).SSHPublicKey!.SSHPublicKeyId!
    const second = (await upload(other.openssh)).SSHPublicKey!.SSHPublicKeyId!
    await client.send(
      new UpdateSSHPublicKeyCommand({
        UserName: 'alice',
        SSHPublicKeyId: first,
        Status: 'Inactive',
      }),
    )
    const { SSHPublicKeys } = await client.send(new ListSSHPublicKeysCommand({ UserName: 'alice' }))
    expect(SSHPublicKeys!.map((key) => [key.SSHPublicKeyId, key.Status])).toEqual([
      [first, 'Inactive'],
      [second, 'Active'],
    ])
    expect(SSHPublicKeys![0]).not.toHaveProperty('SSHPublicKeyBody')
    await client.send(new DeleteSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: first }))
    expect(iam.store.user('alice')!.SSHPublicKeys.map((key) => key.SSHPublicKeyId)).toEqual([
      second,
    ])
  })

  it("answers NoSuchEntity for another user's key", async () => {
    const id = (await upload(rsa.openssh)).SSHPublicKey!.SSHPublicKeyId!
    const error = await sdkError(
      client.send(
        new GetSSHPublicKeyCommand({ UserName: 'bob', SSHPublicKeyId: id, Encoding: 'SSH' }),
      ),
    )
    expect(error.name).toBe('NoSuchEntityException')
    expect(error.message).toBe(`The Public Key with id ${id} cannot be found.`)
  })

  it('answers NoSuchEntity for an unknown user', async () => {
    const error = await sdkError(upload(rsa.openssh, 'nobody'))
    expect(error.message).toBe('The user with name nobody cannot be found.')
  })

  it('refuses a malformed key with InvalidPublicKey', async () => {
    // @note inferred wording.
    for (const body of [
      'not a key',
      'ssh-rsa AAAA!!!',
      `ssh-ed25519 ${rsa.openssh.split(' ')[1]}`,
    ]) {
      const error = await sdkError(upload(body))
      expect(error.name).toBe('InvalidPublicKeyException')
      expect(error.message).toBe('Key is not in valid OpenSSH public key format')
      expect(error.$metadata.httpStatusCode).toBe(400)
    }
  })

  it('refuses an RSA key under 2048 bits', async () => {
    const error = await sdkError(upload(sshKey('rsa', 1024).openssh))
    expect(error.name).toBe('InvalidPublicKeyException')
  })

  it('parses ECDSA and Ed25519 keys but refuses them with UnrecognizedPublicKeyEncoding', async () => {
    for (const key of [sshKey('ecdsa', 256), sshKey('ed25519')]) {
      const error = await sdkError(upload(key.openssh))
      expect(error.name).toBe('UnrecognizedPublicKeyEncodingException')
    }
  })

  it('refuses the same key twice for one user, but not for another', async () => {
    await upload(rsa.openssh)
    const error = await sdkError(upload(rsa.spki))
    expect(error.name).toBe('DuplicateSSHPublicKeyException')
    await expect(upload(rsa.openssh, 'bob')).resolves.toBeDefined()
  })

  it('holds five keys per user', async () => {
    for (let i = 0; i < 5; i++) await upload(sshKey().openssh)
    const error = await sdkError(upload(rsa.openssh))
    expect(error.name).toBe('LimitExceededException')
    expect(error.message).toBe('Cannot exceed quota for PublicKeysPerUser: 5')
  })

  it('refuses to delete a user while it has an SSH key', async () => {
    await upload(rsa.openssh)
    const error = await sdkError(client.send(new DeleteUserCommand({ UserName: 'alice' })))
    expect(error.name).toBe('DeleteConflictException')
    expect(error.message).toBe('Cannot delete entity, must remove referenced objects first.')
  })

  it('loads keys from a fixture and snapshots them', async () => {
    const mock = createIamMock({
      fixtures: {
        Users: [
          {
            UserName: 'carol',
            SSHPublicKeys: [{ SSHPublicKeyBody: rsa.openssh, Status: 'Inactive' }],
          },
        ],
      },
    })
    const [key] = mock.store.user('carol')!.SSHPublicKeys
    expect(key).toMatchObject({
      Fingerprint: rsa.md5,
      Status: 'Inactive',
      SSHPublicKeyBody: rsa.openssh,
    })
    const copy = createIamMock({ fixtures: mock.snapshot() })
    expect(copy.store.user('carol')!.SSHPublicKeys).toEqual([key])
  })

  it('reports a fixture key that is not one', () => {
    expect(() =>
      createIamMock({
        fixtures: { Users: [{ UserName: 'carol', SSHPublicKeys: [{ SSHPublicKeyBody: 'x' }] }] },
      }),
    ).toThrow(
      'Users[0].SSHPublicKeys[0].SSHPublicKeyBody: Key is not in valid OpenSSH public key format',
    )
  })

  it('lists no keys for the root user when UserName is left out', async () => {
    await upload(rsa.openssh)
    // @note inferred: the root user has no SSH keys.
    const { SSHPublicKeys } = await client.send(new ListSSHPublicKeysCommand({}))
    expect(SSHPublicKeys).toEqual([])
  })
})
