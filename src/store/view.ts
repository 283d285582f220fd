import type { AccessKeyRecord, IamStore, Partition, Tag, UserRecord } from './store.js'

/** An access key as a test may read it: everything but the secret. */
export interface AccessKeyView {
  AccessKeyId: string
  Status: 'Active' | 'Inactive' | 'Expired'
  CreateDate: Date
  /** Absent for the root user's keys. */
  UserName?: string
  LastUsed?: { Date: Date; ServiceName: string; Region: string }
}

export interface UserView {
  UserName: string
  Path: string
  UserId: string
  Arn: string
  CreateDate: Date
  Tags: Tag[]
  PermissionsBoundary?: string
  AccessKeys: AccessKeyView[]
  /** Names of the user's inline policies. */
  PolicyNames: string[]
}

/**
 * Read access to a mock's state from a test. Every call returns fresh copies; secrets are
 * returned only by `secretAccessKey(id)`, which a test calls on purpose.
 */
export interface IamStoreView {
  readonly accountId: string
  readonly partition: Partition
  /** All users, in the order ListUsers returns them. */
  users(): UserView[]
  user(userName: string): UserView | undefined
  /** The account root user's access keys. */
  rootAccessKeys(): AccessKeyView[]
  accessKey(accessKeyId: string): AccessKeyView | undefined
  /** The secret of a key: the one way to read a secret outside CreateAccessKey's response. */
  secretAccessKey(accessKeyId: string): string | undefined
}

export function storeView(store: IamStore): IamStoreView {
  const keyView = (key: AccessKeyRecord): AccessKeyView => ({
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    CreateDate: new Date(key.createDate),
    ...(key.owner.kind === 'user' && { UserName: key.owner.userName }),
    ...(key.lastUsed && {
      LastUsed: {
        Date: new Date(key.lastUsed.date),
        ServiceName: key.lastUsed.serviceName,
        Region: key.lastUsed.region,
      },
    }),
  })
  const userView = (user: UserRecord): UserView => ({
    UserName: user.userName,
    Path: user.path,
    UserId: user.userId,
    Arn: store.userArn(user),
    CreateDate: new Date(user.createDate),
    Tags: user.tags.map((tag) => ({ ...tag })),
    ...(user.permissionsBoundary !== undefined && {
      PermissionsBoundary: user.permissionsBoundary,
    }),
    AccessKeys: store.accessKeysOf(user).map(keyView),
    PolicyNames: [...user.policies.keys()],
  })
  return {
    get accountId() {
      return store.accountId
    },
    get partition() {
      return store.partition
    },
    users: () => store.listUsers('/', undefined, Infinity).items.map(userView),
    user: (userName) => {
      const user = store.findUser(userName)
      return user && userView(user)
    },
    rootAccessKeys: () => store.accessKeysOf(store.root).map(keyView),
    accessKey: (accessKeyId) => {
      const key = store.findAccessKey(accessKeyId)
      return key && keyView(key)
    },
    secretAccessKey: (accessKeyId) => store.findAccessKey(accessKeyId)?.secretAccessKey,
  }
}
