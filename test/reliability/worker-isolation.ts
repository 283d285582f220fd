import { CreateUserCommand, ListUsersCommand, TagUserCommand } from '@aws-sdk/client-iam'
import { expect, it } from 'vitest'
import { useIamMock } from '../../src/vitest/index.js'
import { iamClient } from '../helpers.js'

/**
 * The body of worker-a and worker-b: two files Vitest runs in parallel workers, creating the same
 * user names at the same time. Each must see only its own mock's state.
 */
export function isolationTest(worker: string): void {
  const iam = useIamMock()
  const client = iamClient()

  it(`keeps worker ${worker} state to itself`, async () => {
    for (let i = 0; i < 30; i++) {
      await client.send(new CreateUserCommand({ UserName: `shared-${i}` }))
      await client.send(
        new TagUserCommand({ UserName: `shared-${i}`, Tags: [{ Key: 'worker', Value: worker }] }),
      )
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    const { Users } = await client.send(new ListUsersCommand({}))
    expect(Users).toHaveLength(30)
    expect(iam.store.users().every((user) => user.Tags[0]?.Value === worker)).toBe(true)
  })
}
