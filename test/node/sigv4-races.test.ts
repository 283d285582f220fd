import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startIamServer, type IamServer } from '../../src/server/index.js'
import { iamClient, ROOT_KEY, sdkError, useIam } from '../helpers.js'

/**
 * Requests whose signature check is held open while the store changes under them. The check is
 * asynchronous (WebCrypto), so in real runs other requests, or a reset(), run in its middle; here
 * the next check is held on purpose, until the test has made its change, so the interleaving is
 * the same on every run.
 */
const held = vi.hoisted(() => ({ next: undefined as undefined | Hold }))

interface Hold {
  /** Resolves once the held request's signature has been checked, and waits. */
  entered: () => void
  release: Promise<void>
}

vi.mock('../../src/auth/sigv4-verify.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/auth/sigv4-verify.js')>()
  return {
    ...original,
    signatureMatches: async (...args: Parameters<typeof original.signatureMatches>) => {
      const hold = held.next
      held.next = undefined
      const matches = await original.signatureMatches(...args)
      if (hold) {
        hold.entered()
        await hold.release
      }
      return matches
    },
  }
})

/** Holds the next signature check; `checked` resolves once it is held. */
function holdNextCheck(): { checked: Promise<void>; release: () => void } {
  let entered!: () => void
  let release!: () => void
  const checked = new Promise<void>((resolve) => (entered = resolve))
  held.next = { entered, release: new Promise<void>((resolve) => (release = resolve)) }
  return { checked, release }
}

const BOB_KEY = { accessKeyId: 'AKIABOBBOBBOBBOBBOB1', secretAccessKey: 'bob-fixture-secret' }
const fixtures = {
  Root: {
    AccessKeys: [{ AccessKeyId: ROOT_KEY.accessKeyId, SecretAccessKey: ROOT_KEY.secretAccessKey }],
  },
  Users: [
    {
      UserName: 'Bob',
      AccessKeys: [{ AccessKeyId: BOB_KEY.accessKeyId, SecretAccessKey: BOB_KEY.secretAccessKey }],
    },
  ],
}

const INVALID_TOKEN = {
  name: 'InvalidClientTokenId',
  message: 'The security token included in the request is invalid.',
}

describe('a store change while a signature is being checked (in-process)', () => {
  const iam = useIam({ verifySignatures: true, fixtures })
  const root = iamClient()
  const bob = iamClient(BOB_KEY)

  it('refuses a key deleted while its request was being checked, and mints nothing', async () => {
    const hold = holdNextCheck()
    const minting = sdkError(bob.send(new CreateAccessKeyCommand({})))
    await hold.checked
    await root.send(
      new DeleteAccessKeyCommand({ UserName: 'Bob', AccessKeyId: BOB_KEY.accessKeyId }),
    )
    hold.release()
    expect(await minting).toMatchObject(INVALID_TOKEN)
    expect(iam.store.user('Bob')?.AccessKeys).toEqual([])
  })

  it('refuses a key deactivated while its request was being checked', async () => {
    const hold = holdNextCheck()
    const asking = sdkError(bob.send(new GetUserCommand({})))
    await hold.checked
    await root.send(
      new UpdateAccessKeyCommand({
        UserName: 'Bob',
        AccessKeyId: BOB_KEY.accessKeyId,
        Status: 'Inactive',
      }),
    )
    hold.release()
    expect(await asking).toMatchObject(INVALID_TOKEN)
  })

  it('refuses a request whose key got another secret while it was being checked', async () => {
    const other = structuredClone(fixtures)
    other.Users[0]!.AccessKeys[0]!.SecretAccessKey = 'another-secret'
    const hold = holdNextCheck()
    const asking = sdkError(bob.send(new GetUserCommand({})))
    await hold.checked
    iam.restore(other)
    hold.release()
    expect(await asking).toMatchObject({ name: 'SignatureDoesNotMatch' })
  })

  it('refuses, after reset(), a key created since the fixture and checked across the reset', async () => {
    await root.send(new CreateUserCommand({ UserName: 'Carol' }))
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'Carol' }))
    const carol = iamClient({
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    })
    const hold = holdNextCheck()
    const asking = sdkError(carol.send(new GetUserCommand({})))
    await hold.checked
    iam.reset()
    hold.release()
    expect(await asking).toMatchObject(INVALID_TOKEN)
    expect(iam.store.user('Carol')).toBeUndefined()
  })

  it('acts on the reset state when reset() lands during a CreateAccessKey: the new key is in the store, and the quota holds', async () => {
    await root.send(new CreateAccessKeyCommand({ UserName: 'Bob' })) // Bob's second key
    const hold = holdNextCheck()
    const minting = bob.send(new CreateAccessKeyCommand({}))
    await hold.checked
    iam.reset() // Bob is back to his fixture key alone
    hold.release()
    const { AccessKey } = await minting
    expect(iam.store.user('Bob')?.AccessKeys.map((key) => key.AccessKeyId)).toEqual([
      BOB_KEY.accessKeyId,
      AccessKey!.AccessKeyId,
    ])
    const minted = iamClient({
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    })
    expect((await minted.send(new GetUserCommand({}))).User?.UserName).toBe('Bob')
    expect(await sdkError(bob.send(new CreateAccessKeyCommand({})))).toMatchObject({
      name: 'LimitExceededException',
    })
  })
})

describe('POST /_msw-iam/reset while a signature is being checked (msw-iam/server)', () => {
  let server: IamServer
  beforeAll(async () => {
    server = await startIamServer({ verifySignatures: true, fixtures })
  })
  afterAll(() => server?.close())

  it('answers the request in flight from the reset state', async () => {
    const root = iamClient(ROOT_KEY, { endpoint: server.url })
    await root.send(new CreateUserCommand({ UserName: 'Carol' }))
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'Carol' }))
    const carol = iamClient(
      { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! },
      { endpoint: server.url },
    )
    const hold = holdNextCheck()
    const minting = sdkError(carol.send(new CreateAccessKeyCommand({})))
    await hold.checked
    const reset = await fetch(`${server.url}/_msw-iam/reset`, { method: 'POST' })
    expect(reset.status).toBe(200)
    hold.release()
    expect(await minting).toMatchObject(INVALID_TOKEN)
    const state = (await (await fetch(`${server.url}/_msw-iam/state`)).json()) as {
      users: { UserName: string }[]
    }
    expect(state.users.map((user) => user.UserName)).toEqual(['Bob'])
    expect(server.mock.store.accessKey(AccessKey!.AccessKeyId!)).toBeUndefined()
  })
})
