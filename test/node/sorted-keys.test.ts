import fc from 'fast-check'
import { expect, it } from 'vitest'
import { SortedKeys } from '../../src/store/sorted-keys.js'

it('keeps the same order as a sorted array through inserts, removes and resets, across chunks', () => {
  const key = fc.stringMatching(/^[a-h]{1,4}$/)
  const op = fc.oneof(
    { arbitrary: fc.record({ insert: key }), weight: 60 },
    { arbitrary: fc.record({ remove: key }), weight: 40 },
    { arbitrary: fc.record({ reset: fc.array(key, { maxLength: 3000, size: 'max' }) }), weight: 1 },
  )
  fc.assert(
    fc.property(
      fc.array(op, { minLength: 1000, maxLength: 4000, size: 'max' }),
      key,
      (ops, from) => {
        const keys = new SortedKeys()
        const model = new Set<string>()
        for (const step of ops) {
          if ('insert' in step) {
            keys.insert(step.insert)
            model.add(step.insert)
          } else if ('remove' in step) {
            keys.remove(step.remove)
            model.delete(step.remove)
          } else {
            keys.reset(new Set(step.reset))
            model.clear()
            for (const k of step.reset) model.add(k)
          }
        }
        const sorted = [...model].sort()
        expect([...keys.from()]).toEqual(sorted)
        expect(keys.size).toBe(sorted.length)
        expect([...keys.from(from)]).toEqual(sorted.filter((k) => k >= from))
      },
    ),
    { numRuns: 25 },
  )
})
