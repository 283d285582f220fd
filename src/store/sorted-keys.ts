/**
 * A sorted array of unique strings with binary-search insert, remove and lower bound, so list
 * pages cost O(log n + page) however many entities the store holds.
 */
export class SortedKeys {
  private keys: string[] = []

  get size(): number {
    return this.keys.length
  }

  /** Replaces the contents in one O(n log n) step (bulk seeding). */
  reset(keys: Iterable<string>): void {
    this.keys = [...keys].sort(compare)
  }

  insert(key: string): void {
    const at = this.lowerBound(key)
    if (this.keys[at] !== key) this.keys.splice(at, 0, key)
  }

  remove(key: string): void {
    const at = this.lowerBound(key)
    if (this.keys[at] === key) this.keys.splice(at, 1)
  }

  /** The index of the first key `>= key`. */
  lowerBound(key: string): number {
    let lo = 0
    let hi = this.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.keys[mid]! < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  at(index: number): string | undefined {
    return this.keys[index]
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
