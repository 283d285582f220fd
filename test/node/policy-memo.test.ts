import { describe, expect, it } from 'vitest'
import { memo } from '../../src/policy/memo.js'

describe('memo (the policy engine’s caches)', () => {
  it('computes each key once, and again once it has been pushed out by newer ones', () => {
    const computed: string[] = []
    const upper = memo((key) => {
      computed.push(key)
      return { key: key.toUpperCase() }
    }, 2)
    const first = upper('a')
    expect(upper('a')).toBe(first)
    upper('b')
    upper('c') // pushes out 'a', the oldest
    expect(upper('b').key).toBe('B')
    expect(upper('a')).not.toBe(first)
    expect(computed).toEqual(['a', 'b', 'c', 'a'])
  })
})
