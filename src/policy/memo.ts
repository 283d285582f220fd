/**
 * A function of one string argument that remembers its last `limit` answers (a compiled policy
 * document, a wildcard's regular expression, a document's statement positions): enforcement asks
 * for the same few documents on every request, and they are immutable once written (a policy
 * version never changes; a new one is a new string).
 */
export function memo<V>(compute: (key: string) => V, limit = 1024): (key: string) => V {
  const cache = new Map<string, V>()
  return (key) => {
    let value = cache.get(key)
    if (value === undefined && !cache.has(key)) {
      value = compute(key)
      // The oldest entry goes first (a Map keeps insertion order).
      if (cache.size >= limit) cache.delete(cache.keys().next().value!)
      cache.set(key, value)
    }
    return value as V
  }
}
