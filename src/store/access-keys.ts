import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { date, nonEmpty, plain, record, text } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'
import { ownerOf, type Owner, type UserRecord } from './users.js'

export type AccessKeyStatus = 'Active' | 'Inactive' | 'Expired'

/** When and where an access key last signed a request that the mock accepted. */
export interface LastUsed {
  readonly Date: Date
  readonly ServiceName: string
  readonly Region: string
}

/** A long-term access key of a user or of the root user. */
export interface AccessKeyRecord {
  readonly AccessKeyId: string
  readonly SecretAccessKey: string
  readonly Status: AccessKeyStatus
  readonly CreateDate: Date
  readonly LastUsed?: LastUsed
  /** The owner: a user's id, or `ROOT_ID`. */
  readonly OwnerId: string
}

export interface NewAccessKey {
  readonly CreateDate: Date
  readonly AccessKeyId?: string
  readonly SecretAccessKey?: string
  readonly Status?: AccessKeyStatus
  readonly LastUsed?: LastUsed
}

/** Access keys: at most `accessKeysPerUser` per owner, whatever their status, oldest first. */
export class AccessKeys {
  readonly table: Table<AccessKeyRecord>

  constructor(
    private readonly ctx: StoreContext,
    /** Whether an id is taken by something else that signs (a role session's key). */
    private readonly takenElsewhere: (accessKeyId: string) => boolean,
  ) {
    this.table = new Table(ctx.log, {
      name: 'access keys',
      id: (key) => key.AccessKeyId,
      group: (key) => key.OwnerId,
      order: { by: 'insertion' },
    })
  }

  find(accessKeyId: string): AccessKeyRecord | undefined {
    return this.table.get(accessKeyId)
  }

  has(accessKeyId: string): boolean {
    return this.table.has(accessKeyId)
  }

  of(ownerId: string): AccessKeyRecord[] {
    return this.table.ofGroup(ownerId)
  }

  /** The owner's key with that id: a key of someone else is as missing as an unknown one. */
  owned(owner: Owner, accessKeyId: string): AccessKeyRecord {
    const key = this.find(accessKeyId)
    if (!key || key.OwnerId !== owner.id) throw IamError.noSuchAccessKey(accessKeyId)
    return key
  }

  /** @throws LimitExceeded when the owner already has its quota of keys, whatever their status. */
  create(owner: Owner, input: NewAccessKey): AccessKeyRecord {
    const quota = this.ctx.config.accessKeysPerUser
    if (this.table.countOf(owner.id) >= quota) throw IamError.accessKeyQuota(quota)
    let { AccessKeyId: accessKeyId, SecretAccessKey: secret } = input
    if (accessKeyId === undefined || secret === undefined) {
      let minted
      do minted = this.ctx.config.newAccessKey()
      while (this.taken(minted.accessKeyId))
      accessKeyId ??= minted.accessKeyId
      secret ??= minted.secretAccessKey
    }
    if (this.taken(accessKeyId)) {
      throw new IamError('EntityAlreadyExists', `Access key ${accessKeyId} already exists.`, 409)
    }
    return this.table.insert({
      AccessKeyId: accessKeyId,
      SecretAccessKey: secret,
      Status: input.Status ?? 'Active',
      CreateDate: input.CreateDate,
      LastUsed: input.LastUsed,
      OwnerId: owner.id,
    })
  }

  setStatus(key: AccessKeyRecord, status: AccessKeyStatus): void {
    this.table.update(key.AccessKeyId, { Status: status })
  }

  /** Records a request the key signed and the mock accepted. */
  used(accessKeyId: string, lastUsed: LastUsed): void {
    if (this.table.has(accessKeyId)) this.table.update(accessKeyId, { LastUsed: lastUsed })
  }

  /** @throws DeleteConflict for the root user's last Active key, where the dialect protects it. */
  delete(key: AccessKeyRecord, owner: Owner): void {
    if (
      this.ctx.config.protectLastActiveRootKey &&
      owner.kind === 'root' &&
      key.Status === 'Active' &&
      !this.of(owner.id).some((other) => other !== key && other.Status === 'Active')
    ) {
      throw IamError.lastRootKey()
    }
    this.table.delete(key.AccessKeyId)
  }

  private taken(accessKeyId: string): boolean {
    return this.table.has(accessKeyId) || this.takenElsewhere(accessKeyId)
  }
}

/** Access keys in fixtures: under `Users[].AccessKeys` and `Root.AccessKeys`. */
export const accessKeyEntity: Entity<AccessKeyRecord, UserRecord | Owner, IamStore> = {
  fields: {
    AccessKeyId: text('accessKeyIdType', { required: true }),
    SecretAccessKey: nonEmpty({ required: true, secret: true }),
    Status: text('statusType', { fallback: () => 'Active' }),
    CreateDate: date(),
    LastUsed: record(
      {
        Date: date({ required: true }),
        ServiceName: plain({ required: true }),
        Region: plain({ required: true }),
      },
      { description: 'The last request the key signed; absent means never used (N/A).' },
    ),
  },
  create: (values, parent, store) =>
    store.accessKeys.create(ownerOf(parent), values as unknown as NewAccessKey),
  records: (store, parent) => store.accessKeys.of(ownerOf(parent).id),
  viewExtras: (key, store) => {
    const user = store.users.byId(key.OwnerId)
    return user ? { UserName: user.UserName } : {}
  },
}
