import type { MFADevice, VirtualMFADevice } from '@aws-sdk/client-iam'
import { callerUser } from '../auth/caller.js'
import { mfaErrors, type VirtualMfaDeviceRecord } from '../store/mfa-devices.js'
import type { UserRecord } from '../store/users.js'
import { targetOwner, toUser, type ActionContext } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import { mergeTags, tagPage, withoutTags } from './roles.js'
import { checkTags } from './tags.js'
import { qrCodePng } from './qr-code.js'
import type { ActionNotes, IamActions } from './types.js'

function toMfaDevice(
  ctx: ActionContext,
  user: UserRecord,
  device: VirtualMfaDeviceRecord,
): MFADevice {
  return {
    UserName: user.UserName,
    SerialNumber: ctx.store.mfaDevices.serial(device, ctx.partition),
    EnableDate: device.EnableDate!,
  }
}

/**
 * The `otpauth://` URI an authenticator app reads: `$virtualMFADeviceName@$AccountName`, the
 * account's alias or else its id (API reference, VirtualMFADevice.QRCodePNG).
 */
function otpauthUri(ctx: ActionContext, device: VirtualMfaDeviceRecord): string {
  const account = ctx.store.accountSettings.alias ?? ctx.store.accountId
  const label = encodeURIComponent(`${device.VirtualMFADeviceName}@${account}`)
  return `otpauth://totp/${label}?secret=${device.Base32StringSeed}`
}

const codes = (input: { AuthenticationCode1: string; AuthenticationCode2: string }) =>
  [input.AuthenticationCode1, input.AuthenticationCode2] as const

export const mfaDeviceActions = {
  CreateVirtualMFADevice(ctx, input) {
    const tags = input.Tags ?? []
    checkTags(tags)
    const device = ctx.store.mfaDevices.create({
      VirtualMFADeviceName: input.VirtualMFADeviceName,
      Path: input.Path ?? '/',
      CreateDate: ctx.now,
      Tags: tags,
    })
    const encoder = new TextEncoder()
    return {
      VirtualMFADevice: {
        SerialNumber: ctx.store.mfaDevices.serial(device, ctx.partition),
        Base32StringSeed: encoder.encode(device.Base32StringSeed),
        QRCodePNG: qrCodePng(otpauthUri(ctx, device)),
        ...(tags.length > 0 && { Tags: tags.map((tag) => ({ ...tag })) }),
      },
    }
  },

  DeleteVirtualMFADevice(ctx, input) {
    ctx.store.mfaDevices.delete(ctx.store.mfaDevices.get(input.SerialNumber))
  },

  ListVirtualMFADevices(ctx, input) {
    const status = input.AssignmentStatus ?? 'Any'
    const devices = ctx.store.mfaDevices.table
      .ofGroup()
      .filter(
        (device) => status === 'Any' || (status === 'Assigned') === (device.UserId !== undefined),
      )
    const serial = (device: VirtualMfaDeviceRecord) =>
      ctx.store.mfaDevices.serial(device, ctx.partition)
    const page = pageOf(devices, serial, input.Marker, input.MaxItems ?? DEFAULT_MAX_ITEMS)
    return {
      VirtualMFADevices: page.items.map((device): VirtualMFADevice => {
        const user = device.UserId === undefined ? undefined : ctx.store.users.byId(device.UserId)
        return {
          SerialNumber: serial(device),
          ...(user && { User: toUser(ctx, user), EnableDate: device.EnableDate! }),
        }
      }),
      ...pageMembers(page.marker),
    }
  },

  /** The user is looked up before the device (recorded). */
  EnableMFADevice(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    const device = ctx.store.mfaDevices.get(input.SerialNumber)
    ctx.store.mfaDevices.enable(device, user, codes(input), ctx.now)
  },

  ResyncMFADevice(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    const device = ctx.store.mfaDevices.assigned(user, input.SerialNumber)
    ctx.store.mfaDevices.resync(device, codes(input), ctx.now)
  },

  /** The user is looked up before the device (recorded). */
  DeactivateMFADevice(ctx, input) {
    const owner = targetOwner(ctx, input.UserName)
    if (owner.kind === 'root') {
      throw mfaErrors.noSuchDevice(input.SerialNumber)
    }
    const device = ctx.store.mfaDevices.assigned(owner.user, input.SerialNumber)
    ctx.store.mfaDevices.deactivate(device)
  },

  ListMFADevices(ctx, input) {
    const owner = targetOwner(ctx, input.UserName)
    const devices = owner.kind === 'user' ? ctx.store.mfaDevices.of(owner.id) : []
    const page = pageOf(
      devices,
      (device) => device.VirtualMFADeviceName,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      MFADevices:
        owner.kind === 'user'
          ? page.items.map((device) => toMfaDevice(ctx, owner.user, device))
          : [],
      ...pageMembers(page.marker),
    }
  },

  /**
   * @note inferred: GetMFADevice answers for a device enabled for the named user (or, without
   * UserName, the caller); a virtual device has no FIDO certifications.
   */
  GetMFADevice(ctx, input) {
    const user =
      input.UserName !== undefined
        ? ctx.store.users.get(input.UserName)
        : callerUser(ctx.store, ctx.caller)
    if (!user) throw mfaErrors.noSuchDevice(input.SerialNumber)
    const device = ctx.store.mfaDevices.assigned(user, input.SerialNumber)
    return toMfaDevice(ctx, user, device)
  },

  TagMFADevice(ctx, input) {
    const device = ctx.store.mfaDevices.get(input.SerialNumber)
    ctx.store.mfaDevices.setTags(device, mergeTags(device.Tags, input.Tags, 'TagsPerMFADevice'))
  },

  UntagMFADevice(ctx, input) {
    const device = ctx.store.mfaDevices.get(input.SerialNumber)
    ctx.store.mfaDevices.setTags(device, withoutTags(device.Tags, input.TagKeys))
  },

  ListMFADeviceTags(ctx, input) {
    return tagPage(ctx.store.mfaDevices.get(input.SerialNumber).Tags, input)
  },
} satisfies IamActions

export const mfaDeviceNotes: ActionNotes<typeof mfaDeviceActions> = {
  CreateVirtualMFADevice:
    'a Base32 seed and a real QR-code PNG of the `otpauth://` URI, both only here; serial `arn:…:mfa{path}{name}`',
  DeleteVirtualMFADevice: '`DeleteConflict` while the device is enabled for a user',
  ListVirtualMFADevices:
    '`AssignmentStatus` filter; assigned devices with their `User` and `EnableDate`; paged, in serial order',
  EnableMFADevice:
    'two consecutive RFC 6238 codes from the seed, checked against the mock’s clock; one user per device, 8 per user',
  ResyncMFADevice: 'two consecutive codes, as EnableMFADevice',
  DeactivateMFADevice: 'the device stays, unassigned',
  ListMFADevices: 'the user’s (or caller’s) enabled devices',
  GetMFADevice: 'a device enabled for the user (or caller)',
  TagMFADevice: 'up to 50 tags, keys unique case-insensitively',
  UntagMFADevice: '',
  ListMFADeviceTags: 'in the order they were added; paged',
}
