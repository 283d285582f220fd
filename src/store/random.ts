import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator'

/**
 * Where ids, secrets and RequestIds get their randomness: a seeded generator for reproducible
 * runs, a user-supplied `Math.random`-like function, or WebCrypto.
 */
export interface Rng {
  /** An integer in `[0, bound)`. */
  int(bound: number): number
  /** An independent generator at the same position (the same one when not seeded). */
  clone(): Rng
}

export interface RandomOptions {
  /** A numeric seed: the same seed gives the same ids, secrets and RequestIds. */
  seed?: number
  /** A `Math.random`-like source in `[0, 1)`; takes precedence over `seed`. */
  random?: () => number
}

export function createRng(options: RandomOptions): Rng {
  if (options.random) {
    const random = options.random
    const rng: Rng = {
      int: (bound) => Math.floor(random() * bound) % bound,
      clone: () => rng,
    }
    return rng
  }
  if (options.seed !== undefined) return seededRng(xoroshiro128plus(options.seed))
  return cryptoRng
}

function seededRng(generator: RandomGenerator): Rng {
  return {
    int: (bound) => uniformInt(generator, 0, bound - 1),
    clone: () => seededRng(generator.clone()),
  }
}

const cryptoRng: Rng = { int: cryptoInt, clone: () => cryptoRng }

// Refilling the pool is a call into the platform's CSPRNG, and minting a key draws 60 values:
// 16 KiB keeps refills to one in about 70 keys (they were a twentieth of direct mode's cost).
const pool = new Uint32Array(4096)
let poolIndex = pool.length

function cryptoInt(bound: number): number {
  // @note Rejection sampling keeps the draw uniform; a pool amortises getRandomValues calls,
  // which dominate the cost of minting a 40-char secret otherwise.
  const limit = Math.floor(0x1_0000_0000 / bound) * bound
  for (;;) {
    if (poolIndex === pool.length) {
      crypto.getRandomValues(pool)
      poolIndex = 0
    }
    const value = pool[poolIndex++]!
    if (value < limit) return value % bound
  }
}

/** `length` characters drawn uniformly from `alphabet`. */
export function randomString(rng: Rng, alphabet: string, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[rng.int(alphabet.length)]
  return out
}

/** A lowercase version-4 UUID drawn from `rng` (crypto.randomUUID when not seeded). */
export function randomUuid(rng: Rng): string {
  if (rng === cryptoRng) return crypto.randomUUID()
  const hex = randomString(rng, '0123456789abcdef', 32).split('')
  hex[12] = '4'
  hex[16] = '89ab'[rng.int(4)]!
  const h = hex.join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
