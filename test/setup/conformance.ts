import { afterEach } from 'vitest'
import { OBSERVER, type ObservedAnswer } from '../../src/pipeline.js'
import { conformanceProblems } from '../conformance.js'

/**
 * Every answer any mock gives during the suite is checked against the model's output shape
 * (test/conformance.ts); a test during which one does not conform fails, naming the problem.
 */
const found: string[] = []
;(globalThis as { [OBSERVER]?: (answer: ObservedAnswer) => void })[OBSERVER] = (answer) => {
  for (const problem of conformanceProblems(answer)) {
    found.push(`${answer.operation?.name ?? `HTTP ${answer.status}`}: ${problem}`)
  }
}

afterEach(() => {
  if (found.length === 0) return
  const problems = found.splice(0)
  throw new Error(
    `responses that do not conform to the model:\n${problems.slice(0, 20).join('\n')}`,
  )
})
