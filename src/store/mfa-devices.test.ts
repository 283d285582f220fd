import { TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { MfaDevices } from './mfa-devices.js'
import type { StoreConfig } from './store.js'
import { ChangeLog } from './table.js'
import type { UserRecord } from './users.js'

const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const NOW = new Date('2024-03-01T10:00:00Z')
const SERIAL = 'arn:aws:iam::123456789012:mfa/phone'

function devices() {
  const config = { accountId: '123456789012', partition: 'aws' } as StoreConfig
  return new MfaDevices({ log: new ChangeLog(), config, nameKey: (name) => name.toLowerCase() })
}

const code = (at: number) => new TOTP({ secret: SEED }).generate({ timestamp: at })

describe('MfaDevices.acceptsCode (STS TokenCode)', () => {
  it('accepts the current code of an enabled device, within one step of the clock', () => {
    const store = devices()
    const device = store.create({
      VirtualMFADeviceName: 'phone',
      Path: '/',
      CreateDate: NOW,
      Tags: [],
      Base32StringSeed: SEED,
    })
    const now = NOW.getTime()
    expect(store.acceptsCode(SERIAL, code(now), 'AIDAUSER', NOW)).toBe(false)
    store.assign(device, 'AIDAUSER', NOW)
    expect(store.acceptsCode(SERIAL, code(now), 'AIDAUSER', NOW)).toBe(true)
    expect(store.acceptsCode(SERIAL, code(now), 'AIDAOTHER', NOW)).toBe(false)
    expect(store.acceptsCode(SERIAL, code(now - 30_000), 'AIDAUSER', NOW)).toBe(true)
    expect(store.acceptsCode(SERIAL, code(now - 5 * 60_000), 'AIDAUSER', NOW)).toBe(false)
    const other = 'arn:aws:iam::123456789012:mfa/other'
    expect(store.acceptsCode(other, code(now), 'AIDAUSER', NOW)).toBe(false)
    expect([store.holds(SERIAL), store.holds(other)]).toEqual([true, false])
  })

  it('checks Enable’s two codes as consecutive steps', () => {
    const store = devices()
    const device = store.create({
      VirtualMFADeviceName: 'phone',
      Path: '/',
      CreateDate: NOW,
      Tags: [],
      Base32StringSeed: SEED,
    })
    const user = { UserId: 'AIDAUSER' } as UserRecord
    const t = NOW.getTime()
    expect(() => store.enable(device, user, [code(t), code(t - 30_000)], NOW)).toThrow(
      'Authentication code for device is not valid.',
    )
    store.enable(device, user, [code(t - 30_000), code(t)], NOW)
    expect(store.of('AIDAUSER').map((d) => d.EnableDate)).toEqual([NOW])
  })
})
