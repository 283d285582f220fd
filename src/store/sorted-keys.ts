/** Keys per chunk, past which a chunk is split in two. */
const CHUNK = 512

/**
 * A sorted set of strings kept as a list of sorted chunks, so that inserting or removing one key
 * costs O(log n + chunk) instead of moving every key after it: resetting a store of 100,000
 * users after a test changed ten costs what it costs for ten users.
 */
export class SortedKeys {
  private chunks: string[][] = []
  private count = 0

  get size(): number {
    return this.count
  }

  /** Replaces the contents in one O(n log n) step (bulk seeding). */
  reset(keys: Iterable<string>): void {
    const sorted = [...keys].sort(compare)
    this.chunks = []
    for (let i = 0; i < sorted.length; i += CHUNK) this.chunks.push(sorted.slice(i, i + CHUNK))
    this.count = sorted.length
  }

  insert(key: string): void {
    if (this.chunks.length === 0) {
      this.chunks.push([key])
      this.count = 1
      return
    }
    const c = Math.min(this.chunkFor(key), this.chunks.length - 1)
    const chunk = this.chunks[c]!
    const at = lowerBound(chunk, key)
    if (chunk[at] === key) return
    chunk.splice(at, 0, key)
    this.count++
    if (chunk.length > 2 * CHUNK)
      this.chunks.splice(c, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK))
  }

  remove(key: string): void {
    const c = this.chunkFor(key)
    const chunk = this.chunks[c]
    if (!chunk) return
    const at = lowerBound(chunk, key)
    if (chunk[at] !== key) return
    chunk.splice(at, 1)
    this.count--
    if (chunk.length === 0) this.chunks.splice(c, 1)
  }

  /** The keys `>= from` (all keys without one), in order. */
  *from(from?: string): Generator<string> {
    let c = from === undefined ? 0 : this.chunkFor(from)
    let at = from === undefined || c >= this.chunks.length ? 0 : lowerBound(this.chunks[c]!, from)
    for (; c < this.chunks.length; c++, at = 0) {
      const chunk = this.chunks[c]!
      for (; at < chunk.length; at++) yield chunk[at]!
    }
  }

  /** The first chunk whose last key is `>= key` (the chunk count when there is none). */
  private chunkFor(key: string): number {
    let lo = 0
    let hi = this.chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const chunk = this.chunks[mid]!
      if (chunk[chunk.length - 1]! < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** The index of the first key `>= key` in a sorted array. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keys[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
