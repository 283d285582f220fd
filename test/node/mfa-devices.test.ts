import {
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetMFADeviceCommand,
  ListMFADevicesCommand,
  ListMFADeviceTagsCommand,
  ListVirtualMFADevicesCommand,
  ResyncMFADeviceCommand,
  TagMFADeviceCommand,
  UntagMFADeviceCommand,
  CreateAccountAliasCommand,
} from '@aws-sdk/client-iam'
import { decode as decodePng } from 'fast-png'
import jsQRModule from 'jsqr'
import { TOTP, URI } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { iamClient, sdkError, useIam } from '../helpers.js'

// jsqr is CommonJS: its default export arrives as the module under NodeNext typing.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ??
  jsQRModule) as unknown as typeof jsQRModule.default

let now = new Date('2024-03-01T10:00:00Z')
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const SEEDED = 'arn:aws:iam::123456789012:mfa/seeded'

const iam = useIam({
  clock: () => now,
  seed: 7,
  fixtures: {
    Users: [{ UserName: 'alice' }, { UserName: 'bob' }],
    VirtualMFADevices: [{ VirtualMFADeviceName: 'seeded', Base32StringSeed: SEED }],
  },
})
const client = iamClient()

/** The two consecutive codes an authenticator shows: the previous step's and the current one's. */
function twoCodes(seed: string, at = now) {
  const totp = new TOTP({ secret: seed, algorithm: 'SHA1', digits: 6, period: 30 })
  return {
    AuthenticationCode1: totp.generate({ timestamp: at.getTime() - 30_000 }),
    AuthenticationCode2: totp.generate({ timestamp: at.getTime() }),
  }
}

describe('virtual MFA devices', () => {
  it('returns a Base32 seed and a QR code of the otpauth URI, only at creation', async () => {
    await client.send(new CreateAccountAliasCommand({ AccountAlias: 'example-co' }))
    const { VirtualMFADevice } = await client.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone', Path: '/team/' }),
    )
    expect(VirtualMFADevice!.SerialNumber).toBe('arn:aws:iam::123456789012:mfa/team/phone')
    const seed = new TextDecoder().decode(VirtualMFADevice!.Base32StringSeed)
    // @note inferred: 64 characters, as AWS's seeds are.
    expect(seed).toMatch(/^[A-Z2-7]{64}$/)
    const png = decodePng(VirtualMFADevice!.QRCodePNG!)
    const rgba = new Uint8ClampedArray(png.width * png.height * 4)
    for (let i = 0; i < png.width * png.height; i++) {
      rgba.set([png.data[i]!, png.data[i]!, png.data[i]!, 255], i * 4)
    }
    const code = jsQR(rgba, png.width, png.height)
    expect(code!.data).toBe(`otpauth://totp/phone%40example-co?secret=${seed}`)
    expect((URI.parse(code!.data) as TOTP).secret.base32).toBe(seed)
    const { VirtualMFADevices } = await client.send(new ListVirtualMFADevicesCommand({}))
    expect(VirtualMFADevices!.map((d) => d.Base32StringSeed)).toEqual([undefined, undefined])
    expect(JSON.stringify(iam.store.virtualMfaDevices())).not.toContain(seed)
    expect(iam.store.mfaSeed(VirtualMFADevice!.SerialNumber!)).toBe(seed)
  })

  it('enables a device with two consecutive codes computed from its seed', async () => {
    await client.send(
      new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: SEEDED, ...twoCodes(SEED) }),
    )
    const { MFADevices } = await client.send(new ListMFADevicesCommand({ UserName: 'alice' }))
    expect(MFADevices).toEqual([{ UserName: 'alice', SerialNumber: SEEDED, EnableDate: now }])
    const got = await client.send(
      new GetMFADeviceCommand({ UserName: 'alice', SerialNumber: SEEDED }),
    )
    expect(got.EnableDate).toEqual(now)
    const assigned = await client.send(
      new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }),
    )
    expect(assigned.VirtualMFADevices).toMatchObject([
      { SerialNumber: SEEDED, User: { UserName: 'alice' }, EnableDate: now },
    ])
    const unassigned = await client.send(
      new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }),
    )
    expect(unassigned.VirtualMFADevices).toEqual([])
  })

  it('refuses codes that are not consecutive codes of the seed', async () => {
    const { AuthenticationCode1, AuthenticationCode2 } = twoCodes(SEED)
    const error = await sdkError(
      client.send(
        new EnableMFADeviceCommand({
          UserName: 'alice',
          SerialNumber: SEEDED,
          AuthenticationCode1: AuthenticationCode2,
          AuthenticationCode2: AuthenticationCode1,
        }),
      ),
    )
    // @note inferred wording
    expect(error.name).toBe('InvalidAuthenticationCodeException')
    expect(error.message).toBe('Authentication code for device is not valid.')
    expect(error.$metadata.httpStatusCode).toBe(403)
    const stale = await sdkError(
      client.send(
        new EnableMFADeviceCommand({
          UserName: 'alice',
          SerialNumber: SEEDED,
          ...twoCodes(SEED, new Date(now.getTime() - 10 * 60_000)),
        }),
      ),
    )
    expect(stale.name).toBe('InvalidAuthenticationCodeException')
    expect(iam.store.virtualMfaDevices()[0]!.UserName).toBeUndefined()
  })

  it('resyncs, deactivates and then deletes a device', async () => {
    const enable = { UserName: 'alice', SerialNumber: SEEDED }
    await client.send(new EnableMFADeviceCommand({ ...enable, ...twoCodes(SEED) }))
    now = new Date('2024-03-01T10:05:00Z')
    await client.send(new ResyncMFADeviceCommand({ ...enable, ...twoCodes(SEED) }))
    const conflict = await sdkError(
      client.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: SEEDED })),
    )
    expect(conflict.name).toBe('DeleteConflictException')
    const user = await sdkError(client.send(new DeleteUserCommand({ UserName: 'alice' })))
    expect(user.message).toBe('Cannot delete entity, must delete MFA device first.')
    await client.send(new DeactivateMFADeviceCommand(enable))
    await client.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: SEEDED }))
    await client.send(new DeleteUserCommand({ UserName: 'alice' }))
    expect(iam.store.virtualMfaDevices()).toEqual([])
    now = new Date('2024-03-01T10:00:00Z')
  })

  it('refuses a device that another user has enabled', async () => {
    await client.send(
      new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: SEEDED, ...twoCodes(SEED) }),
    )
    const error = await sdkError(
      client.send(
        new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: SEEDED, ...twoCodes(SEED) }),
      ),
    )
    expect(error.message).toBe('MFA Device is already in use.')
  })

  it('tags a device', async () => {
    await client.send(
      new TagMFADeviceCommand({
        SerialNumber: SEEDED,
        Tags: [
          { Key: 'k', Value: 'v' },
          { Key: 'x', Value: 'y' },
        ],
      }),
    )
    await client.send(new UntagMFADeviceCommand({ SerialNumber: SEEDED, TagKeys: ['x'] }))
    const { Tags } = await client.send(new ListMFADeviceTagsCommand({ SerialNumber: SEEDED }))
    expect(Tags).toEqual([{ Key: 'k', Value: 'v' }])
  })

  it('snapshots a device with its seed and assignment, and restores it', async () => {
    await client.send(
      new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: SEEDED, ...twoCodes(SEED) }),
    )
    const snapshot = iam.snapshot() as any
    expect(snapshot.VirtualMFADevices).toEqual([
      expect.objectContaining({ Base32StringSeed: SEED, UserName: 'bob' }),
    ])
    await client.send(new DeactivateMFADeviceCommand({ UserName: 'bob', SerialNumber: SEEDED }))
    iam.restore(snapshot)
    expect(iam.store.virtualMfaDevices()[0]).toMatchObject({ UserName: 'bob', EnableDate: now })
  })
})
