import { CreateAccessKeyCommand, CreateUserCommand, DeleteUserCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { iamClient, useIam } from '../helpers.js'
import { checkInvariants } from './invariants.js'

const iam = useIam()
const client = iamClient()

/** How each of a batch of concurrent SDK calls ended: 'ok' or the SDK error name. */
async function outcomes(calls: Promise<unknown>[]): Promise<Record<string, number>> {
  const settled = await Promise.allSettled(calls)
  const counts: Record<string, number> = {}
  for (const result of settled) {
    const key = result.status === 'fulfilled' ? 'ok' : (result.reason as Error).name
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

describe('under concurrency', () => {
  it('lets exactly 2 of 1,000 parallel CreateAccessKey calls for one user succeed', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    const counts = await outcomes(
      Array.from({ length: 1000 }, () =>
        client.send(new CreateAccessKeyCommand({ UserName: 'Bob' })),
      ),
    )
    expect(counts).toEqual({ ok: 2, LimitExceededException: 998 })
    expect(iam.store.user('Bob')?.AccessKeys).toHaveLength(2)
    checkInvariants(iam)
  }, 60_000)

  it('lets exactly one of 500 parallel CreateUser calls on one name (in any case) succeed', async () => {
    const counts = await outcomes(
      Array.from({ length: 500 }, (_, i) =>
        client.send(new CreateUserCommand({ UserName: i % 2 ? 'racer' : 'RACER' })),
      ),
    )
    expect(counts).toEqual({ ok: 1, EntityAlreadyExistsException: 499 })
    expect(iam.store.users()).toHaveLength(1)
    checkInvariants(iam)
  }, 60_000)

  it('never leaves a key owned by a deleted user when DeleteUser and CreateAccessKey interleave', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `victim${i}`)
    for (const UserName of names) await client.send(new CreateUserCommand({ UserName }))
    const calls = names.flatMap((UserName) => [
      client.send(new DeleteUserCommand({ UserName })),
      client.send(new CreateAccessKeyCommand({ UserName })),
      client.send(new DeleteUserCommand({ UserName })),
    ])
    const counts = await outcomes(calls)
    // Every user either went first (deleted: the key call finds no user) or got a key first
    // (kept: DeleteUser conflicts); never both, never neither.
    const kept = iam.store.users()
    expect(kept.every((user) => user.AccessKeys.length === 1)).toBe(true)
    expect(counts.DeleteConflictException ?? 0).toBeGreaterThanOrEqual(kept.length)
    expect(
      (counts.ok ?? 0) +
        (counts.NoSuchEntityException ?? 0) +
        (counts.DeleteConflictException ?? 0),
    ).toBe(150)
    checkInvariants(iam)
  }, 60_000)
})
