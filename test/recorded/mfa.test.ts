import { TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { recordedFixture, Replay } from './harness.js'

/** `test_iam_mfa`, and `TestUserRename::test_user_rename_updates_mfa_devices` of `test_iam_users`. */

useIam({ fixtures: recordedFixture })

let counter = 0
const uid = () => (++counter).toString(36).padStart(8, '0')
const ACCOUNT = 'arn:aws:iam::111111111111'

function replay(testId: string, steps: (r: Replay) => Promise<void>, file = 'test_iam_mfa') {
  it(testId, async () => {
    const r = new Replay(file, testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

/** Two consecutive codes from a device's seed, as the recording's test computed them. */
function codes(device: { Base32StringSeed: Uint8Array }) {
  const totp = new TOTP({ secret: new TextDecoder().decode(device.Base32StringSeed) })
  const now = Date.now()
  return {
    AuthenticationCode1: totp.generate({ timestamp: now - 30_000 }),
    AuthenticationCode2: totp.generate({ timestamp: now }),
  }
}

const create = (r: Replay, key: string | undefined, input: object = {}) =>
  r
    .send(key, 'CreateVirtualMFADevice', { VirtualMFADeviceName: `mfa-${uid()}`, ...input })
    .then((out) => out?.VirtualMFADevice)

describe('test_iam_mfa, replayed', () => {
  for (const path of [undefined, '/', '/test-path/', '/test//double/']) {
    replay(
      `TestVirtualMfaDevice::test_virtual_mfa_device_lifecycle[${path ?? 'None'}]`,
      async (r) => {
        const device = await create(
          r,
          'create-mfa-device',
          path === undefined ? {} : { Path: path },
        )
        const list = await r.send(undefined, 'ListVirtualMFADevices')
        r.keep('list-mfa-devices', {
          ...list,
          VirtualMFADevices: list.VirtualMFADevices.filter(
            (d: { SerialNumber: string }) => d.SerialNumber === device.SerialNumber,
          ),
          ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: list.$metadata.httpStatusCode },
          $metadata: undefined,
        })
        await r.send('delete-mfa-device', 'DeleteVirtualMFADevice', {
          SerialNumber: device.SerialNumber,
        })
      },
    )
  }

  replay('TestVirtualMfaDevice::test_virtual_mfa_device_errors', async (r) => {
    const name = `mfa-${uid()}`
    await r.send('create-mfa-device', 'CreateVirtualMFADevice', { VirtualMFADeviceName: name })
    await r.send('create-duplicate-error', 'CreateVirtualMFADevice', { VirtualMFADeviceName: name })
    await r.send('create-invalid-path-no-leading-slash-error', 'CreateVirtualMFADevice', {
      VirtualMFADeviceName: `mfa-${uid()}`,
      Path: 'invalid-path/',
    })
    await r.send('create-invalid-path-no-trailing-slash-error', 'CreateVirtualMFADevice', {
      VirtualMFADeviceName: `mfa-${uid()}`,
      Path: '/invalid-path',
    })
    await r.send('create-path-too-long-error', 'CreateVirtualMFADevice', {
      VirtualMFADeviceName: `mfa-${uid()}`,
      Path: `/${'a'.repeat(512)}/`,
    })
    await r.send('delete-nonexistent-error', 'DeleteVirtualMFADevice', {
      SerialNumber: `${ACCOUNT}:mfa/nonexistent-device`,
    })
  })

  replay('TestVirtualMfaDevice::test_list_virtual_mfa_devices', async (r) => {
    const serials: string[] = []
    for (const n of [0, 1, 2]) {
      serials.push((await create(r, `create-virtual-mfa-device-${n}`)).SerialNumber)
    }
    const listed = async (key: string, AssignmentStatus?: string) => {
      const out = await r.send(undefined, 'ListVirtualMFADevices', { AssignmentStatus })
      r.keep(key, {
        IsTruncated: out.IsTruncated,
        VirtualMFADevices: out.VirtualMFADevices.filter((d: { SerialNumber: string }) =>
          serials.includes(d.SerialNumber),
        ),
        ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: out.$metadata.httpStatusCode },
      })
    }
    await listed('list-unassigned', 'Unassigned')
    await listed('list-assigned', 'Assigned')
    await listed('list-any', 'Any')
    const first = await r.send(undefined, 'ListVirtualMFADevices', { MaxItems: 1 })
    expect(first.IsTruncated).toBe(true)
    const next = await r.send(undefined, 'ListVirtualMFADevices', { Marker: first.Marker })
    expect(next.VirtualMFADevices.length).toBeGreaterThan(0)
    await r.send('list-invalid-marker-error', 'ListVirtualMFADevices', {
      Marker: 'invalid-marker-value',
    })
  })

  replay('TestVirtualMfaDevice::test_enable_virtual_mfa_device', async (r) => {
    const UserName = `user-${uid()}`
    await r.send('create-user', 'CreateUser', { UserName })
    const device = await create(r, 'create-mfa-device')
    const { SerialNumber } = device
    await r.send('list-mfa-devices-before', 'ListMFADevices', { UserName })
    await r.send('enable-mfa-device', 'EnableMFADevice', {
      UserName,
      SerialNumber,
      ...codes(device),
    })
    await r.send('list-mfa-devices-after', 'ListMFADevices', { UserName })
    const assigned = async (key: string) => {
      const out = await r.send(undefined, 'ListVirtualMFADevices', { AssignmentStatus: 'Assigned' })
      r.keep(key, {
        IsTruncated: out.IsTruncated,
        VirtualMFADevices: out.VirtualMFADevices.filter(
          (d: { SerialNumber: string }) => d.SerialNumber === SerialNumber,
        ),
        ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: out.$metadata.httpStatusCode },
      })
    }
    await assigned('list-assigned-with-user')
    await r.send('deactivate-mfa-device', 'DeactivateMFADevice', { UserName, SerialNumber })
    await r.send('list-mfa-devices-after-deactivate', 'ListMFADevices', { UserName })
    await assigned('list-unassigned-after-deactivation')
  })

  replay('TestVirtualMfaDevice::test_enable_mfa_device_errors', async (r) => {
    const { SerialNumber } = await create(r, undefined)
    await r.send('enable-mfa-nonexistent-user-error', 'EnableMFADevice', {
      UserName: 'nonexistent-user',
      SerialNumber,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    })
    await r.send('deactivate-mfa-nonexistent-user-error', 'DeactivateMFADevice', {
      UserName: 'nonexistent-user',
      SerialNumber,
    })
    const UserName = `user-${uid()}`
    await r.send(undefined, 'CreateUser', { UserName })
    await r.send('deactivate-nonexistent-mfa-error', 'DeactivateMFADevice', {
      UserName,
      SerialNumber: `${ACCOUNT}:mfa/nonexistent-mfa`,
    })
  })

  replay('TestVirtualMfaDevice::test_enable_mfa_device_already_attached', async (r) => {
    const [u1, u2] = [`user-${uid()}`, `user-${uid()}`]
    await r.send(undefined, 'CreateUser', { UserName: u1 })
    await r.send(undefined, 'CreateUser', { UserName: u2 })
    const device = await create(r, undefined)
    const shown = codes(device)
    await r.send(undefined, 'EnableMFADevice', {
      UserName: u1,
      SerialNumber: device.SerialNumber,
      ...shown,
    })
    await r.send('enable-mfa-already-attached-error', 'EnableMFADevice', {
      UserName: u2,
      SerialNumber: device.SerialNumber,
      ...shown,
    })
  })

  replay(
    'TestUserRename::test_user_rename_updates_mfa_devices',
    async (r) => {
      const [u1, u2] = [`user-${uid()}`, `user-${uid()}`]
      await r.send('create-user', 'CreateUser', { UserName: u1 })
      const device = await create(r, undefined)
      await r.send(undefined, 'EnableMFADevice', {
        UserName: u1,
        SerialNumber: device.SerialNumber,
        ...codes(device),
      })
      await r.send('list-mfa-devices-before-rename', 'ListMFADevices', { UserName: u1 })
      await r.send(undefined, 'UpdateUser', { UserName: u1, NewUserName: u2 })
      await r.send('get-user-after-update', 'GetUser', { UserName: u2 })
      await r.send('list-mfa-devices-after-rename', 'ListMFADevices', { UserName: u2 })
    },
    'test_iam_users',
  )
})
