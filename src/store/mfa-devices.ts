import { hmac } from '@noble/hashes/hmac.js'
import { sha1 } from '@noble/hashes/legacy.js'
import { base32nopad } from '@scure/base'
import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { custom, date, fail, tags, text, type Tag } from './fields.js'
import type { IamStore, Partition, StoreContext } from './store.js'
import { Table } from './table.js'
import type { UserRecord } from './users.js'

/**
 * A virtual MFA device. Its seed is a secret: it leaves the store only in CreateVirtualMFADevice's
 * answer, in snapshots, and through the view's `mfaSeed(serial)`, which a test calls on purpose.
 */
export interface VirtualMfaDeviceRecord {
  readonly VirtualMFADeviceName: string
  readonly Path: string
  /** The TOTP secret, Base32 (RFC 4648, no padding). */
  readonly Base32StringSeed: string
  readonly CreateDate: Date
  readonly Tags: readonly Tag[]
  /** The user it is enabled for (AssignmentStatus `Assigned`). */
  readonly UserId?: string
  readonly EnableDate?: Date
}

/** The TOTP step: 30 seconds, six digits, HMAC-SHA1 (RFC 6238's defaults, as AWS's devices). */
const PERIOD = 30
/** Time steps either side of the mock's clock that a code may come from (clock drift). */
const DRIFT = 1
/** AWS's quota of MFA devices per user. */
const DEVICES_PER_USER = 8

export const mfaErrors = {
  noSuchDevice: (serial: string) =>
    new IamError('NoSuchEntity', `MFA Device with serial number ${serial} does not exist.`, 404),
  exists: () => new IamError('EntityAlreadyExists', 'MFA device already exists.', 409),
  inUse: () => new IamError('EntityAlreadyExists', 'MFA Device is already in use.', 409),
  /** @note inferred: AWS's sentence as the AWS CLI shows it; not recorded. */
  invalidCode: () =>
    new IamError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', 403),
  /** @note inferred */
  deleteAssigned: () =>
    new IamError('DeleteConflict', 'MFA VirtualDevice in use. Must deactivate first.', 409),
  /** AWS's words, as aws-nuke#281 quotes them. */
  userConflict: () =>
    new IamError('DeleteConflict', 'Cannot delete entity, must delete MFA device first.', 409),
  /** @note inferred */
  quota: () =>
    new IamError(
      'LimitExceeded',
      `Cannot exceed quota for MFADevicesPerUser: ${DEVICES_PER_USER}`,
      409,
    ),
}

/** The account's virtual MFA devices, named uniquely, listed in serial-number order. */
export class MfaDevices {
  readonly table: Table<VirtualMfaDeviceRecord>

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'virtual MFA devices',
      id: (device) => ctx.nameKey(device.VirtualMFADeviceName),
      // @note inferred: AWS lists devices in no documented order; serial-number order.
      order: { by: 'key', key: (device) => `${device.Path}${device.VirtualMFADeviceName}` },
      indexes: { user: (device) => device.UserId },
    })
  }

  /** `arn:{partition}:iam::{account}:mfa{path}{name}` (recorded, double slashes kept). */
  serial(device: VirtualMfaDeviceRecord, partition: Partition = this.ctx.config.partition) {
    return `arn:${partition}:iam::${this.ctx.config.accountId}:mfa${device.Path}${device.VirtualMFADeviceName}`
  }

  /** The device a serial number names, in any partition of this account. */
  find(serial: string): VirtualMfaDeviceRecord | undefined {
    const match = /^arn:[\w-]+:iam::(\d{12}):mfa(\/.*)$/.exec(serial)
    if (!match || match[1] !== this.ctx.config.accountId) return undefined
    const rest = match[2]!
    const name = rest.slice(rest.lastIndexOf('/') + 1)
    const device = this.table.get(this.ctx.nameKey(name))
    return device && `${device.Path}${device.VirtualMFADeviceName}` === rest ? device : undefined
  }

  /** @throws NoSuchEntity */
  get(serial: string): VirtualMfaDeviceRecord {
    const device = this.find(serial)
    if (!device) throw mfaErrors.noSuchDevice(serial)
    return device
  }

  /** @throws EntityAlreadyExists */
  create(input: {
    VirtualMFADeviceName: string
    Path: string
    CreateDate: Date
    Tags: readonly Tag[]
    Base32StringSeed?: string
  }): VirtualMfaDeviceRecord {
    if (this.table.has(this.ctx.nameKey(input.VirtualMFADeviceName))) throw mfaErrors.exists()
    return this.table.insert({
      VirtualMFADeviceName: input.VirtualMFADeviceName,
      Path: input.Path,
      Base32StringSeed: input.Base32StringSeed ?? this.ctx.config.newMfaSeed!(),
      CreateDate: input.CreateDate,
      Tags: input.Tags,
      UserId: undefined,
      EnableDate: undefined,
    })
  }

  /** @throws DeleteConflict while the device is enabled for a user */
  delete(device: VirtualMfaDeviceRecord): void {
    if (device.UserId !== undefined) throw mfaErrors.deleteAssigned()
    this.table.delete(this.ctx.nameKey(device.VirtualMFADeviceName))
  }

  /** A user's enabled devices, in serial-number order. */
  of(userId: string): VirtualMfaDeviceRecord[] {
    return this.table
      .byIndex('user', userId)
      .sort((a, b) =>
        compare(`${a.Path}${a.VirtualMFADeviceName}`, `${b.Path}${b.VirtualMFADeviceName}`),
      )
  }

  /** Devices enabled for anyone. */
  get assignedCount(): number {
    let count = 0
    for (const device of this.table.ofGroup()) if (device.UserId !== undefined) count++
    return count
  }

  /**
   * Enables a device for a user once two consecutive codes from its seed are shown.
   *
   * @throws EntityAlreadyExists when it is enabled already, InvalidAuthenticationCode, LimitExceeded
   */
  enable(
    device: VirtualMfaDeviceRecord,
    user: UserRecord,
    codes: readonly [string, string],
    now: Date,
  ): void {
    if (device.UserId !== undefined) throw mfaErrors.inUse()
    if (this.table.countByIndex('user', user.UserId) >= DEVICES_PER_USER) throw mfaErrors.quota()
    verify(device.Base32StringSeed, codes, now)
    this.assign(device, user.UserId, now)
  }

  /** Marks a device enabled for a user (EnableMFADevice once the codes check, or a fixture). */
  assign(device: VirtualMfaDeviceRecord, userId: string, enableDate: Date): void {
    this.table.update(this.ctx.nameKey(device.VirtualMFADeviceName), {
      UserId: userId,
      EnableDate: enableDate,
    })
  }

  /** Checks two consecutive codes against the device (ResyncMFADevice). */
  resync(device: VirtualMfaDeviceRecord, codes: readonly [string, string], now: Date): void {
    verify(device.Base32StringSeed, codes, now)
  }

  /**
   * Whether STS's `SerialNumber` + `TokenCode` (GetSessionToken, AssumeRole) authenticate the
   * user `userId`: the serial names a device enabled for that user, and the code is the device's
   * RFC 6238 code within one step of `now`.
   */
  acceptsCode(serial: string, code: string, userId: string, now: Date): boolean {
    const device = this.find(serial)
    if (!device || device.UserId !== userId) return false
    const key = base32nopad.decode(device.Base32StringSeed.replace(/=+$/, ''))
    const step = Math.floor(now.getTime() / 1000 / PERIOD)
    for (let counter = step - DRIFT; counter <= step + DRIFT; counter++) {
      if (hotp(key, counter) === code) return true
    }
    return false
  }

  /** Whether the serial names a device of the store (enabled or not). */
  holds(serial: string): boolean {
    return this.find(serial) !== undefined
  }

  /** The device enabled for `user` under `serial`. @throws NoSuchEntity */
  assigned(user: UserRecord, serial: string): VirtualMfaDeviceRecord {
    const device = this.find(serial)
    if (!device || device.UserId !== user.UserId) throw mfaErrors.noSuchDevice(serial)
    return device
  }

  deactivate(device: VirtualMfaDeviceRecord): void {
    this.table.update(this.ctx.nameKey(device.VirtualMFADeviceName), {
      UserId: undefined,
      EnableDate: undefined,
    })
  }

  setTags(device: VirtualMfaDeviceRecord, list: readonly Tag[]): void {
    this.table.update(this.ctx.nameKey(device.VirtualMFADeviceName), { Tags: list })
  }
}

/**
 * Two consecutive RFC 6238 codes: the first from one time step, the second from the next, that
 * one within `DRIFT` steps of the clock.
 *
 * @note inferred: AWS documents "two consecutive codes", not the window it accepts.
 * @throws InvalidAuthenticationCode
 */
function verify(seed: string, codes: readonly [string, string], now: Date): void {
  const key = base32nopad.decode(seed.replace(/=+$/, ''))
  const step = Math.floor(now.getTime() / 1000 / PERIOD)
  for (let counter = step - DRIFT; counter <= step + DRIFT; counter++) {
    if (hotp(key, counter - 1) === codes[0] && hotp(key, counter) === codes[1]) return
  }
  throw mfaErrors.invalidCode()
}

/** RFC 4226's HOTP value of `counter`: HMAC-SHA-1, dynamic truncation, six digits. */
function hotp(key: Uint8Array, counter: number): string {
  const message = new Uint8Array(8)
  new DataView(message.buffer).setBigUint64(0, BigInt(counter))
  const mac = hmac(sha1, key, message)
  const offset = mac[19]! & 0x0f
  const binary = new DataView(mac.buffer, mac.byteOffset).getUint32(offset) & 0x7fffffff
  return String(binary % 1_000_000).padStart(6, '0')
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const BASE32 = /^[A-Z2-7]+=*$/

/** Virtual MFA devices in fixtures, with their seeds, and the user each is enabled for. */
export const mfaDeviceEntity: Entity<VirtualMfaDeviceRecord, undefined, IamStore> = {
  fields: {
    VirtualMFADeviceName: text('virtualMFADeviceName', { required: true }),
    Path: text('pathType', { fallback: () => '/' }),
    Base32StringSeed: custom<string>(
      { secret: true },
      (raw, path) => {
        if (typeof raw !== 'string' || !BASE32.test(raw)) fail(path, 'must be a Base32 string')
        return raw
      },
      {
        type: 'string',
        pattern: BASE32.source,
        description: 'The TOTP seed, Base32; default: a fresh one. Never in the view.',
      },
    ),
    CreateDate: date(),
    Tags: tags(),
    UserName: text('existingUserNameType', {
      description: 'The user it is enabled for (a user of the fixture).',
    }),
    EnableDate: date({
      fallback: undefined,
      description: 'Default: CreateDate, when UserName is set.',
    }),
  },
  errorsAt: 'VirtualMFADeviceName',
  create(values, _parent, store) {
    const device = store.mfaDevices.create(values as never)
    if (values.UserName === undefined) return device
    const user = store.users.get(values.UserName as string)
    store.mfaDevices.assign(
      device,
      user.UserId,
      (values.EnableDate as Date | undefined) ?? device.CreateDate,
    )
    return store.mfaDevices.find(store.mfaDevices.serial(device))!
  },
  records: (store) =>
    store.mfaDevices.table.ofGroup().map((device) => {
      const user = device.UserId === undefined ? undefined : store.users.byId(device.UserId)
      return { ...device, ...(user && { UserName: user.UserName }) }
    }),
  viewExtras: (device, store) => ({ SerialNumber: store.mfaDevices.serial(device) }),
}
