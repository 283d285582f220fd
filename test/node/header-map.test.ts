import { expect, it } from 'vitest'
import { HeaderMap } from '../../src/wire/parse-request.js'

// The server and direct mode read headers without fetch; the pipeline must see what a fetch
// Headers (the msw path) would show it for the same request.
it('reads headers as fetch Headers does: any case, repeated names joined', () => {
  const sent: [string, string][] = [
    ['Host', 'iam.amazonaws.com'],
    ['X-Amz-Date', '20261124T000000Z'],
    ['x-custom', 'a'],
    ['X-Custom', 'b'],
    ['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8'],
  ]
  const map = new HeaderMap()
  for (const [name, value] of sent) map.add(name, value)
  const fetchHeaders = new Headers(sent)
  for (const name of ['host', 'HOST', 'x-amz-date', 'X-CUSTOM', 'content-type', 'authorization']) {
    expect(map.get(name)).toBe(fetchHeaders.get(name))
  }
  expect(map.get('x-custom')).toBe('a, b')
  expect(map.get('authorization')).toBeNull()
})
