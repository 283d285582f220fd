import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { iamActions } from '../../src/actions/index.js'

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')

/** The action names in the first column of the README's "Supported actions" table. */
function documentedActions(): string[] {
  const section = readme.split(/^## Supported actions$/m)[1]!.split(/^## /m)[0]!
  return section
    .split('\n')
    .filter(
      (line) => line.startsWith('| ') && !line.startsWith('| Action') && !line.startsWith('| ---'),
    )
    .flatMap((line) => line.split('|')[1]!.split(','))
    .map((name) => name.trim())
}

it("lists exactly the actions the mock implements in the README's supported-actions table", () => {
  expect(documentedActions().sort()).toEqual(Object.keys(iamActions).sort())
})
