import { expect, it } from 'vitest'
import mswPackage from 'msw/package.json' with { type: 'json' }

it('runs against the msw major the run asked for (MSW_MAJOR, default 2)', () => {
  const wanted = process.env.MSW_MAJOR ?? '2'
  expect(mswPackage.version.split('.')[0]).toBe(wanted)
})
