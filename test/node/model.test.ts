import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import * as iamSdk from '@aws-sdk/client-iam'
import * as stsSdk from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { IAM_OPERATIONS, STS_OPERATIONS } from '../../src/model/generated/names.js'
import { iamModel, stsModel } from '../../src/model/load.js'
import { javaPatternSource, patternRegExp } from '../../src/model/patterns.js'
import type { Model, Shape } from '../../src/model/shapes.js'
import { PATTERNS } from '../model-values.js'

const root = new URL('../../', import.meta.url)

describe('the generated model', () => {
  it('is what npm run generate:model writes from model/aws and the installed SDK', () => {
    // Fails (exit 1, naming the stale files) when a committed table differs from a fresh one.
    const out = execFileSync(process.execPath, ['scripts/generate-model.mjs', '--check'], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(out).toContain('up to date')
  })

  it('has every IAM operation of botocore 1.43.11 and of the installed SDK: 180', () => {
    const botocore = JSON.parse(
      readFileSync(new URL('model/aws/iam-2010-05-08.service-2.json', root), 'utf8'),
    )
    const sdkOperations = sdkSchemas(iamSdk).operations
    expect(new Set(IAM_OPERATIONS)).toEqual(
      new Set([...Object.keys(botocore.operations), ...sdkOperations.keys()]),
    )
    expect(IAM_OPERATIONS).toHaveLength(180)
    expect(STS_OPERATIONS).toHaveLength(11)
  })

  for (const [service, sdk, model] of [
    ['IAM', iamSdk, iamModel()],
    ['STS', stsSdk, stsModel()],
  ] as const) {
    it(`names ${service}'s operations, members and member order as the installed SDK's schema does`, () => {
      const { operations, structures } = sdkSchemas(sdk)
      expect([...operations.keys()].sort()).toEqual([...model.operationNames].sort())
      const checked = new Set<string>()
      const mismatches: string[] = []
      const visit = (shape: Shape) => {
        if (checked.has(shape.name)) return
        checked.add(shape.name)
        if (shape.kind === 'list') return visit(shape.member)
        if (shape.kind === 'map') return visit(shape.value)
        if (shape.kind !== 'structure') return
        const theirs = structures.get(shape.name)
        // The SDK lists required members first, each group in model order.
        const ours = [
          ...shape.members.filter((m) => m.required),
          ...shape.members.filter((m) => !m.required),
        ].map((m) => m.name)
        if (theirs && JSON.stringify(theirs) !== JSON.stringify(ours)) {
          mismatches.push(`${shape.name}: SDK ${theirs.join(',')} / model ${ours.join(',')}`)
        }
        shape.members.forEach((member) => visit(member.shape))
      }
      for (const name of model.operationNames) {
        const operation = model.operation(name)
        visit(operation.input)
        if (operation.output) visit(operation.output)
      }
      expect(mismatches).toEqual([])
      expect(checked.size).toBeGreaterThan(service === 'IAM' ? 300 : 40)
    })
  }
})

/** The SDK's operation and structure schemas (the `X$` arrays it exports), by name. */
function sdkSchemas(sdk: object): {
  operations: Map<string, unknown>
  structures: Map<string, string[]>
} {
  const operations = new Map<string, unknown>()
  const structures = new Map<string, string[]>()
  for (const value of Object.values(sdk)) {
    if (!Array.isArray(value)) continue
    if (value[0] === 9) operations.set(value[2] as string, value)
    if (value[0] === 3) structures.set(value[2] as string, value[4] as string[])
  }
  return { operations, structures }
}

describe('model patterns', () => {
  const all = new Set<string>()
  for (const model of [iamModel(), stsModel()]) {
    for (const name of model.operationNames) {
      collectPatterns(model, name, all)
    }
  }

  it('are all covered by the examples above', () => {
    expect([...all].filter((pattern) => !(pattern in PATTERNS))).toEqual([])
  })

  it.each(Object.entries(PATTERNS))(
    'read as Java reads them: %s',
    (pattern, [accepted, refused]) => {
      expect(all.has(pattern)).toBe(true)
      const re = patternRegExp(pattern)
      expect(re.test(accepted), `accepts ${JSON.stringify(accepted)}`).toBe(true)
      expect(re.test(refused), `refuses ${JSON.stringify(refused)}`).toBe(false)
    },
  )

  it('unescapes what Java escapes and JavaScript u mode refuses, and keeps the rest', () => {
    expect(javaPatternSource('[\\w+=,.@\\:-]*')).toBe('[\\w+=,.@:-]*')
    expect(javaPatternSource('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+')).toBe(
      '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+',
    )
    expect(javaPatternSource('^o-[0-9a-z]{10,32}\\/r-')).toBe('^o-[0-9a-z]{10,32}\\/r-')
  })
})

/** Every pattern reachable from an operation's input and output. */
function collectPatterns(model: Model, operation: string, into: Set<string>): void {
  const seen = new Set<string>()
  const visit = (shape: Shape) => {
    if (seen.has(shape.name)) return
    seen.add(shape.name)
    if (shape.kind === 'string' && shape.pattern !== undefined) into.add(shape.pattern)
    if (shape.kind === 'list') visit(shape.member)
    if (shape.kind === 'map') {
      visit(shape.key)
      visit(shape.value)
    }
    if (shape.kind === 'structure') shape.members.forEach((member) => visit(member.shape))
  }
  const op = model.operation(operation)
  visit(op.input)
  if (op.output) visit(op.output)
}
