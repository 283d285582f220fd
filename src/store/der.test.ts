import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { certificate } from '../../test/keys.js'
import {
  DerError,
  pemBlocks,
  privateKeyPublicKey,
  readCertificate,
  samePublicKey,
  type PemBlock,
} from './der.js'

const rsa = certificate('/CN=der.example.com')
const ec = certificate('/CN=der-ec.example.com', { key: 'ec' })
const block = (pem: string): PemBlock => pemBlocks(pem)[0]!

/** Runs `read`: it answers, or refuses with a DerError — never another exception. */
function readsOrRefuses(read: () => unknown): void {
  try {
    read()
  } catch (error) {
    expect(error).toBeInstanceOf(DerError)
  }
}

/** `der` with up to 8 bytes overwritten and possibly cut short. */
const mutated = (der: Uint8Array) =>
  fc
    .record({
      edits: fc.array(fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 8,
      }),
      cut: fc.nat(der.length),
    })
    .map(({ edits, cut }) => {
      const copy = der.slice()
      for (const [at, byte] of edits) copy[at] = byte
      return copy.subarray(0, Math.max(1, cut))
    })

describe('der', () => {
  it("reads a certificate's public key as the key's own, for RSA and EC in every encoding", () => {
    for (const pair of [rsa, ec]) {
      const { key } = readCertificate(block(pair.certificate).der)
      expect(samePublicKey(key, privateKeyPublicKey(block(pair.privateKey)))).toBe(true)
      expect(samePublicKey(key, privateKeyPublicKey(block(pair.pkcs8)))).toBe(true)
    }
    expect(
      samePublicKey(
        readCertificate(block(rsa.certificate).der).key,
        readCertificate(block(ec.certificate).der).key,
      ),
    ).toBe(false)
  })

  it('refuses broken certificates and keys with a DerError only', () => {
    const cases: [Uint8Array, (der: Uint8Array) => unknown][] = [
      [block(rsa.certificate).der, readCertificate],
      [block(ec.certificate).der, readCertificate],
      [block(rsa.privateKey).der, (der) => privateKeyPublicKey({ label: 'RSA PRIVATE KEY', der })],
      [block(ec.privateKey).der, (der) => privateKeyPublicKey({ label: 'EC PRIVATE KEY', der })],
      [block(rsa.pkcs8).der, (der) => privateKeyPublicKey({ label: 'PRIVATE KEY', der })],
    ]
    for (const [der, read] of cases) {
      fc.assert(
        fc.property(mutated(der), (broken) => readsOrRefuses(() => read(broken))),
        {
          numRuns: 200,
          seed: 18,
        },
      )
    }
  })
})
