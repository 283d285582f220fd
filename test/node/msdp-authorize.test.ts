import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  ListAccessKeysCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { iamClient, sdkError, useIam } from '../helpers.js'

/**
 * MSDP's rule under `authorize: true`: `s3:*` is the one action that grants its IAM API, so a
 * user calls IAM only with an inline policy allowing `s3:*` on `arn:aws:s3:::*`.
 */

const ENDPOINT = 'https://msdps3.example.com:8443'
const MSDP_ROOT = {
  accessKeyId: 'MSDPROOTKEYEXAMPLE001',
  secretAccessKey: 'msdpRootSecretAccessKeyExample0123456789ab',
}
const policy = (Action: string, Resource: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] })

const iam = useIam({ dialect: 'msdp', endpoints: [`${ENDPOINT}/`], authorize: true })
const root = iamClient(MSDP_ROOT, { endpoint: ENDPOINT })

/** A user with one inline policy (or none) and a key of its own, made by the root. */
async function user(UserName: string, document?: string): Promise<IAMClient> {
  await root.send(new CreateUserCommand({ UserName }))
  if (document) {
    await root.send(
      new PutUserPolicyCommand({ UserName, PolicyName: 'p', PolicyDocument: document }),
    )
  }
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName }))
  return iamClient(
    { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! },
    { endpoint: ENDPOINT },
  )
}

describe('authorize: true in the MSDP dialect', () => {
  it('lets a user whose policy allows s3:* on every resource act as an administrator', async () => {
    const admin = await user('admin', policy('s3:*', 'arn:aws:s3:::*'))
    await admin.send(new CreateUserCommand({ UserName: 'made-by-admin' }))
    expect(iam.store.user('made-by-admin')).toBeDefined()
  })

  it('refuses every IAM call to the others, even on their own keys', async () => {
    // @note inferred: S3's AccessDenied "Access Denied" (MSDP documents no IAM refusal).
    for (const [name, document] of [
      ['bucket-admin', policy('s3:*', 'arn:aws:s3:::bkt3/*')],
      ['reader', policy('s3:Get*', 'arn:aws:s3:::*')],
      ['nobody', undefined],
    ] as const) {
      const client = await user(name, document)
      const error = await sdkError(client.send(new ListAccessKeysCommand({})))
      expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
        'AccessDenied',
        'Access Denied',
        403,
      ])
      await sdkError(client.send(new CreateUserCommand({ UserName: `${name}-made` })))
      expect(iam.store.user(`${name}-made`)).toBeUndefined()
    }
  })
})
