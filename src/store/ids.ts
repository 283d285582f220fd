import { randomString, type Rng } from './random.js'

/** RFC 4648 base32: the alphabet of AWS unique ids (no 0, 1, 8 or 9). */
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * An AWS unique id such as `AKIA…` (20 chars) or `AIDA…` (21 chars) that encodes the account
 * the way real ids do, so tools that decode an access key's account (e.g.
 * `aws sts get-access-key-info`) find the mock's account in it.
 *
 * @note Layout: prefix, 8 base32 chars of `account / 2 + 2^39` as 40 bits, one char whose top
 * bit is the account's parity, then random base32 padding.
 */
export function awsIdentifier(rng: Rng, prefix: string, accountId: string, length: number): string {
  const { encoded, parity } = accountPart(accountId)
  const head = prefix + encoded + BASE32[parity * 16 + rng.int(16)]
  return head + randomString(rng, BASE32, length - head.length)
}

const accountParts = new Map<string, { encoded: string; parity: number }>()

/** The account's 8 base32 characters and parity bit, computed once per account. */
function accountPart(accountId: string): { encoded: string; parity: number } {
  let part = accountParts.get(accountId)
  if (!part) {
    let value = BigInt(accountId) / 2n + 2n ** 39n
    let encoded = ''
    for (let i = 0; i < 8; i++) {
      encoded = BASE32[Number(value & 31n)] + encoded
      value >>= 5n
    }
    part = { encoded, parity: Number(BigInt(accountId) & 1n) }
    accountParts.set(accountId, part)
  }
  return part
}

/** A 40-character AWS secret access key. */
export function awsSecret(rng: Rng): string {
  return randomString(rng, SECRET_ALPHABET, 40)
}
