import { IamError } from '../errors.js'
import { policySize } from '../policy/size.js'
import { SortedKeys } from './sorted-keys.js'

export type AccessKeyStatus = 'Active' | 'Inactive' | 'Expired'
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

export interface Tag {
  Key: string
  Value: string
}

/** When and where an access key last signed a request that the mock accepted. */
export interface LastUsed {
  readonly date: Date
  readonly serviceName: string
  readonly region: string
}

/** Whoever can own access keys: an IAM user or the account root. */
interface KeyOwnerRecord {
  /** Ids of the owner's keys, oldest first. */
  readonly accessKeyIds: string[]
}

export interface RootRecord extends KeyOwnerRecord {
  readonly kind: 'root'
  readonly createDate: Date
  /** Always empty: the root user cannot have policies. */
  readonly policies: ReadonlyMap<string, string>
}

export interface UserRecord extends KeyOwnerRecord {
  readonly kind: 'user'
  readonly userId: string
  userName: string
  path: string
  readonly createDate: Date
  tags: Tag[]
  permissionsBoundary?: string
  /** Inline policies: name → document, in insertion order. */
  readonly policies: Map<string, string>
}

export type KeyOwner = RootRecord | UserRecord

/**
 * Temporary credentials of an assumed role (`ASIA…`), as a fixture seeds them: they sign requests
 * as the role session but own nothing IAM lists.
 */
export interface RoleSessionRecord {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken: string
  /** `arn:aws:iam::123456789012:role/path/Name`. */
  readonly roleArn: string
  /** The role's unique id, `AROA…`. */
  readonly roleId: string
  readonly roleSessionName: string
}

/** An access key inside a StoreImage. */
export interface KeyImage {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly status: AccessKeyStatus
  readonly createDate: Date
  readonly lastUsed?: LastUsed
}

/** The whole state of a store, copied out by `IamStore#image()`. */
export interface StoreImage {
  readonly root: { readonly createDate: Date; readonly keys: readonly KeyImage[] }
  readonly users: ReadonlyArray<{
    readonly userId: string
    readonly userName: string
    readonly path: string
    readonly createDate: Date
    readonly tags: readonly Tag[]
    readonly permissionsBoundary?: string
    readonly policies: ReadonlyArray<readonly [string, string]>
    readonly keys: readonly KeyImage[]
  }>
  readonly sessions: readonly RoleSessionRecord[]
}

export interface AccessKeyRecord {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  status: AccessKeyStatus
  readonly createDate: Date
  readonly owner: KeyOwner
  lastUsed?: LastUsed
}

/** What the store needs from its surroundings; the dialect and the id generators supply it. */
export interface StoreConfig {
  readonly accountId: string
  readonly partition: Partition
  /** MSDP keeps `Bob` and `bob` apart; AWS does not. */
  readonly caseSensitiveNames: boolean
  readonly accessKeysPerUser: number
  readonly newUserId: () => string
  /** Mints an `AROA…` role id for a fixture's role session that names none. */
  readonly newRoleId: () => string
  readonly newAccessKey: () => { accessKeyId: string; secretAccessKey: string }
  /** The UserName that names the root user where a dialect exposes root by name (MSDP). */
  readonly rootUserName?: string
  /** MSDP: the root user's last Active key cannot be deleted. */
  readonly protectLastActiveRootKey?: boolean
  /** The most non-whitespace characters a user's inline policies may hold together. */
  readonly userPolicySizeQuota: number
  /** The dialect's policy grammar. @throws MalformedPolicyDocument */
  readonly checkPolicyDocument: (document: string) => void
}

export interface NewUser {
  userName: string
  path: string
  createDate: Date
  tags?: Tag[]
  permissionsBoundary?: string
  /** Fixtures choose their ids; otherwise the store mints one. */
  userId?: string
}

export interface NewAccessKey {
  createDate: Date
  accessKeyId?: string
  secretAccessKey?: string
  status?: AccessKeyStatus
  lastUsed?: LastUsed
}

export interface Page<T> {
  readonly items: T[]
  /** The marker of the next page; absent on the last page. */
  readonly marker?: string
}

/**
 * The state of one mocked account: users, access keys and inline policies, with IAM's
 * invariants (unique names, two keys per owner, no user deleted while it owns anything).
 *
 * It knows nothing about HTTP or XML. Every method that changes state runs synchronously, so
 * concurrent requests can never interleave between a check and its write (the 2-key quota
 * holds under any number of parallel CreateAccessKey calls).
 */
export class IamStore {
  readonly accountId: string
  readonly partition: Partition
  readonly config: StoreConfig
  private readonly usersByKey = new Map<string, UserRecord>()
  private readonly usersById = new Map<string, UserRecord>()
  private readonly userOrder = new SortedKeys()
  private readonly keys = new Map<string, AccessKeyRecord>()
  private readonly sessions = new Map<string, RoleSessionRecord>()
  private rootRecord: RootRecord
  private deferOrder = false

  constructor(config: StoreConfig, rootCreateDate: Date) {
    this.config = config
    this.accountId = config.accountId
    this.partition = config.partition
    this.rootRecord = newRoot(rootCreateDate)
  }

  get root(): RootRecord {
    return this.rootRecord
  }

  /** The key users are indexed and ordered by: the name, case-folded unless names are case-sensitive. */
  nameKey(userName: string): string {
    return this.config.caseSensitiveNames ? userName : userName.toLowerCase()
  }

  findUser(userName: string): UserRecord | undefined {
    return this.usersByKey.get(this.nameKey(userName))
  }

  /** @throws NoSuchEntity when there is no such user. */
  getUser(userName: string): UserRecord {
    const user = this.findUser(userName)
    if (!user) throw IamError.noSuchUser(userName)
    return user
  }

  /** Whether `userName` names the root user (only in dialects that give root a name). */
  isRootName(userName: string): boolean {
    const rootName = this.config.rootUserName
    return rootName !== undefined && this.nameKey(rootName) === this.nameKey(userName)
  }

  /**
   * The user, or the root user where the dialect names it, called `userName`.
   *
   * @throws NoSuchEntity when there is no such user.
   */
  getOwner(userName: string): KeyOwner {
    return this.isRootName(userName) ? this.rootRecord : this.getUser(userName)
  }

  /** @throws EntityAlreadyExists when the name is taken (case-insensitively in AWS). */
  createUser(input: NewUser): UserRecord {
    const key = this.nameKey(input.userName)
    if (this.usersByKey.has(key) || this.isRootName(input.userName)) {
      throw IamError.userExists(input.userName)
    }
    let userId = input.userId
    if (userId === undefined) {
      do userId = this.config.newUserId()
      while (this.usersById.has(userId))
    } else if (this.usersById.has(userId)) {
      throw new IamError('EntityAlreadyExists', `User with id ${userId} already exists.`, 409)
    }
    const user: UserRecord = {
      kind: 'user',
      userId,
      userName: input.userName,
      path: input.path,
      createDate: input.createDate,
      tags: input.tags ?? [],
      // @note Every record gets every property, undefined or not: one object shape keeps property
      // access monomorphic, which seeding 100k users notices.
      permissionsBoundary: input.permissionsBoundary,
      policies: new Map(),
      accessKeyIds: [],
    }
    this.usersByKey.set(key, user)
    this.usersById.set(userId, user)
    if (!this.deferOrder) this.userOrder.insert(key)
    return user
  }

  /** Renames and/or moves a user; its keys, policies and id follow it. */
  updateUser(user: UserRecord, change: { userName?: string; path?: string }): void {
    if (change.userName !== undefined) {
      const oldKey = this.nameKey(user.userName)
      const newKey = this.nameKey(change.userName)
      const holder = this.usersByKey.get(newKey)
      if ((holder && holder !== user) || this.isRootName(change.userName)) {
        throw IamError.userExists(change.userName)
      }
      this.usersByKey.delete(oldKey)
      this.userOrder.remove(oldKey)
      user.userName = change.userName
      this.usersByKey.set(newKey, user)
      this.userOrder.insert(newKey)
    }
    if (change.path !== undefined) user.path = change.path
  }

  /** @throws DeleteConflict while the user still has access keys or inline policies, or for root. */
  deleteUser(user: KeyOwner): void {
    if (user.kind === 'root') throw IamError.rootNotDeletable()
    if (user.accessKeyIds.length > 0) throw IamError.deleteConflict('access keys')
    if (user.policies.size > 0) throw IamError.deleteConflict('policies')
    const key = this.nameKey(user.userName)
    this.usersByKey.delete(key)
    this.usersById.delete(user.userId)
    this.userOrder.remove(key)
  }

  /**
   * One page of users whose Path starts with `pathPrefix`, in name order, starting at the user
   * whose name key is `from` (or the first one after it).
   */
  listUsers(pathPrefix: string, from: string | undefined, maxItems: number): Page<UserRecord> {
    const items: UserRecord[] = []
    let index = from === undefined ? 0 : this.userOrder.lowerBound(from)
    for (; index < this.userOrder.size; index++) {
      const key = this.userOrder.at(index)!
      const user = this.usersByKey.get(key)!
      if (!user.path.startsWith(pathPrefix)) continue
      if (items.length === maxItems) return { items, marker: key }
      items.push(user)
    }
    return { items }
  }

  findAccessKey(accessKeyId: string): AccessKeyRecord | undefined {
    return this.keys.get(accessKeyId)
  }

  accessKeysOf(owner: KeyOwner): AccessKeyRecord[] {
    return owner.accessKeyIds.map((id) => this.keys.get(id)!)
  }

  /** @throws LimitExceeded when the owner already has its quota of keys, whatever their status. */
  createAccessKey(owner: KeyOwner, input: NewAccessKey): AccessKeyRecord {
    if (owner.accessKeyIds.length >= this.config.accessKeysPerUser) {
      throw IamError.accessKeyQuota(this.config.accessKeysPerUser)
    }
    let { accessKeyId, secretAccessKey } = input
    if (accessKeyId === undefined || secretAccessKey === undefined) {
      let minted
      do minted = this.config.newAccessKey()
      while (this.keys.has(minted.accessKeyId) || this.sessions.has(minted.accessKeyId))
      accessKeyId ??= minted.accessKeyId
      secretAccessKey ??= minted.secretAccessKey
    }
    if (this.keys.has(accessKeyId) || this.sessions.has(accessKeyId)) {
      throw new IamError('EntityAlreadyExists', `Access key ${accessKeyId} already exists.`, 409)
    }
    const key: AccessKeyRecord = {
      accessKeyId,
      secretAccessKey,
      status: input.status ?? 'Active',
      createDate: input.createDate,
      owner,
      lastUsed: input.lastUsed,
    }
    this.keys.set(accessKeyId, key)
    owner.accessKeyIds.push(accessKeyId)
    return key
  }

  /** @throws DeleteConflict for the root user's last Active key, where the dialect protects it. */
  deleteAccessKey(key: AccessKeyRecord): void {
    const owner = key.owner
    if (
      this.config.protectLastActiveRootKey &&
      owner.kind === 'root' &&
      key.status === 'Active' &&
      !this.accessKeysOf(owner).some((other) => other !== key && other.status === 'Active')
    ) {
      throw IamError.lastRootKey()
    }
    this.keys.delete(key.accessKeyId)
    const ids = key.owner.accessKeyIds
    ids.splice(ids.indexOf(key.accessKeyId), 1)
  }

  /**
   * Adds or replaces an inline policy. Checks, in order: root cannot have policies, the dialect's
   * grammar, the aggregate size quota (counting the replaced policy out).
   *
   * @note Inferred: policy names are matched exactly (AWS documents their uniqueness per user,
   * not their case rule), and the user is looked up before the document is read, as moto does.
   * @throws UnmodifiableEntity, MalformedPolicyDocument, LimitExceeded
   */
  putUserPolicy(owner: KeyOwner, policyName: string, document: string): void {
    if (owner.kind === 'root') throw IamError.rootPolicy(this.config.rootUserName ?? 'root')
    this.config.checkPolicyDocument(document)
    const quota = this.config.userPolicySizeQuota
    let total = policySize(document)
    for (const [name, other] of owner.policies) {
      if (name !== policyName) total += policySize(other)
    }
    if (total > quota) throw IamError.userPolicySizeQuota(quota, owner.userName)
    owner.policies.set(policyName, document)
  }

  /** @throws NoSuchEntity when the owner has no inline policy of that name. */
  getUserPolicy(owner: KeyOwner, policyName: string): string {
    const document = owner.policies.get(policyName)
    if (document === undefined) throw IamError.noSuchUserPolicy(policyName)
    return document
  }

  /** @throws NoSuchEntity when the owner has no inline policy of that name. */
  deleteUserPolicy(owner: KeyOwner, policyName: string): void {
    if (owner.kind === 'root' || !owner.policies.delete(policyName)) {
      throw IamError.noSuchUserPolicy(policyName)
    }
  }

  /** The role session whose temporary access key id this is. */
  findRoleSession(accessKeyId: string): RoleSessionRecord | undefined {
    return this.sessions.get(accessKeyId)
  }

  /** @throws EntityAlreadyExists when the access key id is already taken by a key or a session. */
  addRoleSession(session: RoleSessionRecord): void {
    if (this.keys.has(session.accessKeyId) || this.sessions.has(session.accessKeyId)) {
      throw new IamError(
        'EntityAlreadyExists',
        `Access key ${session.accessKeyId} already exists.`,
        409,
      )
    }
    this.sessions.set(session.accessKeyId, session)
  }

  /** Empties the store (users, keys, root keys, role sessions) and sets the root's creation date. */
  clear(rootCreateDate: Date): void {
    this.usersByKey.clear()
    this.usersById.clear()
    this.userOrder.reset([])
    this.keys.clear()
    this.sessions.clear()
    this.rootRecord = newRoot(rootCreateDate)
  }

  /**
   * A deep copy of the whole state, with Dates kept as Dates: what `reset()` returns to. Cheaper
   * than a fixture round trip (no validation, no date formatting), which matters at 100k users.
   */
  image(): StoreImage {
    const key = (record: AccessKeyRecord): KeyImage => ({
      accessKeyId: record.accessKeyId,
      secretAccessKey: record.secretAccessKey,
      status: record.status,
      createDate: record.createDate,
      lastUsed: record.lastUsed,
    })
    return {
      root: {
        createDate: this.rootRecord.createDate,
        keys: this.accessKeysOf(this.rootRecord).map(key),
      },
      users: [...this.usersByKey.values()].map((user) => ({
        ...userFields(user),
        policies: [...user.policies],
        keys: this.accessKeysOf(user).map(key),
      })),
      sessions: [...this.sessions.values()],
    }
  }

  /** Replaces the state with an image taken by `image()`; the image itself is left untouched. */
  restoreImage(image: StoreImage): void {
    this.clear(image.root.createDate)
    const addKeys = (owner: KeyOwner, keys: readonly KeyImage[]) => {
      for (const key of keys) {
        const record: AccessKeyRecord = { ...key, owner }
        this.keys.set(key.accessKeyId, record)
        owner.accessKeyIds.push(key.accessKeyId)
      }
    }
    addKeys(this.rootRecord, image.root.keys)
    for (const user of image.users) {
      const record: UserRecord = {
        kind: 'user',
        ...userFields(user),
        policies: new Map(user.policies),
        accessKeyIds: [],
      }
      const nameKey = this.nameKey(user.userName)
      this.usersByKey.set(nameKey, record)
      this.usersById.set(user.userId, record)
      addKeys(record, user.keys)
    }
    for (const session of image.sessions) this.sessions.set(session.accessKeyId, session)
    this.userOrder.reset(this.usersByKey.keys())
  }

  /**
   * Runs `load` with the name order maintained only at the end, in one sort: seeding 100k users
   * stays O(n log n) instead of one array insertion per user.
   */
  bulk(load: () => void): void {
    this.deferOrder = true
    try {
      load()
    } finally {
      this.deferOrder = false
      this.userOrder.reset(this.usersByKey.keys())
    }
  }

  /** `arn:{partition}:iam::{account}:user{path}{name}` */
  userArn(user: UserRecord, partition: Partition = this.partition): string {
    return `arn:${partition}:iam::${this.accountId}:user${user.path}${user.userName}`
  }

  rootArn(partition: Partition = this.partition): string {
    return `arn:${partition}:iam::${this.accountId}:root`
  }

  /** `arn:{partition}:sts::{account}:assumed-role/{role name}/{session name}` */
  assumedRoleArn(session: RoleSessionRecord, partition: Partition = this.partition): string {
    const roleName = session.roleArn.slice(session.roleArn.lastIndexOf('/') + 1)
    return `arn:${partition}:sts::${this.accountId}:assumed-role/${roleName}/${session.roleSessionName}`
  }
}

const NO_POLICIES: ReadonlyMap<string, string> = new Map()

function newRoot(createDate: Date): RootRecord {
  return { kind: 'root', createDate, accessKeyIds: [], policies: NO_POLICIES }
}

/** A user's own fields, copied between records and images (tags deep, Dates shared: never mutated). */
function userFields(user: StoreImage['users'][number] | UserRecord) {
  return {
    userId: user.userId,
    userName: user.userName,
    path: user.path,
    createDate: user.createDate,
    tags: user.tags.map((tag) => ({ ...tag })),
    permissionsBoundary: user.permissionsBoundary,
  }
}
