/** A program some tests need from the machine (`/usr/bin/aws`, Debian's boto3, Chromium). */
export interface Tool {
  readonly name: string
  readonly present: boolean
  /** How to install it, as `.ci/run` does. */
  readonly install: string
}

/**
 * Whether the tests needing `tool` can run. They never skip under CI (`CI` set): a missing tool
 * throws there, failing the test file. Elsewhere a missing tool skips them, loudly.
 */
export function canRunWith(tool: Tool): boolean {
  if (tool.present) return true
  const message = `${tool.name} is not installed. Install it with: ${tool.install}`
  if (process.env['CI']) throw new Error(`${message} (CI must run the tests that need it)`)
  const bar = '!'.repeat(78)
  console.warn(
    `\n${bar}\n!! SKIPPING the tests that need ${tool.name}: ${message}\n!! (Under CI they fail instead of skipping.)\n${bar}\n`,
  )
  return false
}
