import type { SSHPublicKey, SSHPublicKeyMetadata } from '@aws-sdk/client-iam'
import { encodeSshKey, type SshPublicKeyRecord } from '../store/ssh-public-keys.js'
import type { UserRecord } from '../store/users.js'
import type { ActionContext } from './context.js'
import { targetOwner } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import type { ActionNotes, IamActions } from './types.js'

/**
 * The IAM user a credential call acts on: the named one, or — with UserName omitted where the
 * model allows it — the calling user; `undefined` for the root user.
 *
 * @note Inferred: the root user has no SSH keys or service-specific credentials in this mock:
 * its lists are empty. (Its signing certificates are the account's: `signing-certificates.ts`.)
 */
export function credentialUser(
  ctx: ActionContext,
  userName: string | undefined,
): UserRecord | undefined {
  const owner = targetOwner(ctx, userName)
  return owner.kind === 'user' ? owner.user : undefined
}

function sshKey(user: UserRecord, key: SshPublicKeyRecord, body: string): SSHPublicKey {
  return {
    UserName: user.UserName,
    SSHPublicKeyId: key.SSHPublicKeyId,
    Fingerprint: key.Fingerprint,
    SSHPublicKeyBody: body,
    Status: key.Status,
    UploadDate: key.UploadDate,
  }
}

export const sshPublicKeyActions = {
  UploadSSHPublicKey(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    const key = ctx.store.sshPublicKeys.upload(user, {
      SSHPublicKeyBody: input.SSHPublicKeyBody,
      UploadDate: ctx.now,
    })
    return { SSHPublicKey: sshKey(user, key, key.SSHPublicKeyBody) }
  },

  GetSSHPublicKey(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    const key = ctx.store.sshPublicKeys.owned(user, input.SSHPublicKeyId)
    return { SSHPublicKey: sshKey(user, key, encodeSshKey(key, input.Encoding)) }
  },

  /** @note Inferred: oldest first, paged by key id. */
  ListSSHPublicKeys(ctx, input) {
    const user = credentialUser(ctx, input.UserName)
    const page = pageOf(
      user ? ctx.store.sshPublicKeys.of(user.UserId) : [],
      (key) => key.SSHPublicKeyId,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      SSHPublicKeys: page.items.map((key): SSHPublicKeyMetadata => ({
        UserName: user!.UserName,
        SSHPublicKeyId: key.SSHPublicKeyId,
        Status: key.Status,
        UploadDate: key.UploadDate,
      })),
      ...pageMembers(page.marker),
    }
  },

  UpdateSSHPublicKey(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    const key = ctx.store.sshPublicKeys.owned(user, input.SSHPublicKeyId)
    ctx.store.sshPublicKeys.setStatus(key, input.Status)
  },

  DeleteSSHPublicKey(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    ctx.store.sshPublicKeys.delete(ctx.store.sshPublicKeys.owned(user, input.SSHPublicKeyId))
  },
} satisfies IamActions

export const sshPublicKeyNotes: ActionNotes<typeof sshPublicKeyActions> = {
  UploadSSHPublicKey:
    'OpenSSH `ssh-rsa …` or PEM (`BEGIN PUBLIC KEY` / `BEGIN RSA PUBLIC KEY`), RSA of 2048 bits or more (ECDSA and Ed25519 keys parse but are refused: `UnrecognizedPublicKeyEncoding`); the MD5 fingerprint; `APKA…` ids; 5 per user; the same key twice is `DuplicateSSHPublicKey`',
  GetSSHPublicKey: '`Encoding` `SSH` or `PEM`, converting between them',
  ListSSHPublicKeys:
    'metadata only (no body), oldest first; without `UserName`: the caller’s; paged',
  UpdateSSHPublicKey: '`Active` / `Inactive` (`Expired` is accepted as the model allows)',
  DeleteSSHPublicKey: '',
}
