import { readFileSync, writeFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { iamModel } from '../../src/model/load.js'
import { fixtureSchema } from '../../src/store/fixture.js'

const path = new URL('../../fixtures/schema.json', import.meta.url)

/**
 * `fixtures/schema.json` is written from the store's entities (`npm run generate:schema`): this
 * fails when it is stale, so editors validate fixtures against what the loader accepts.
 */
it('keeps fixtures/schema.json generated from the store entities', () => {
  const generated = `${JSON.stringify(
    fixtureSchema((name) => iamModel().shape(name)),
    null,
    2,
  )}\n`
  if (process.env.UPDATE_SCHEMA === '1') writeFileSync(path, generated)
  expect(readFileSync(path, 'utf8')).toBe(generated)
})
