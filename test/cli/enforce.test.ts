import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect } from 'vitest'
import { ROOT_KEY } from '../helpers.js'
import { AWS, awsCli, isolatedAwsEnv, itWith, run, serve } from './helpers.js'

// Enforcement through the real AWS CLI against `msw-iam serve --enforce` (and MSW_IAM_ENFORCE).
const withCli = itWith(awsCli)
const env = isolatedAwsEnv()
const BOB = { accessKeyId: 'AKIABOBBOBBOBBOBBOB1', secretAccessKey: 'bob-secret' }
const as = (key: { accessKeyId: string; secretAccessKey: string }) =>
  env({ AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey })

const fixture = {
  AccountId: '123456789012',
  Root: {
    AccessKeys: [{ AccessKeyId: ROOT_KEY.accessKeyId, SecretAccessKey: ROOT_KEY.secretAccessKey }],
  },
  Users: [
    {
      UserName: 'bob',
      AccessKeys: [{ AccessKeyId: BOB.accessKeyId, SecretAccessKey: BOB.secretAccessKey }],
      Policies: {
        read: {
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: 'iam:Get*', Resource: '*' },
        },
      },
    },
  ],
  Roles: [
    {
      RoleName: 'Deployer',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: '123456789012' },
          Action: 'sts:AssumeRole',
        },
      },
    },
  ],
}

describe('msw-iam serve --enforce', () => {
  withCli(
    "refuses what a user's policies do not allow, from the flag and from MSW_IAM_ENFORCE",
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'msw-iam-enforce-')), 'fixture.json')
      writeFileSync(file, JSON.stringify(fixture))
      for (const [args, extraEnv] of [
        [['serve', '--port', '0', '--quiet', '--fixtures', file, '--enforce'], {}],
        [['serve', '--port', '0', '--quiet', '--fixtures', file], { MSW_IAM_ENFORCE: '1' }],
      ] as const) {
        const running = serve(args, extraEnv)
        const url = await running.url
        const iam = (cmd: string[], key = BOB) =>
          run(AWS, ['--endpoint-url', url, '--output', 'json', 'iam', ...cmd], { env: as(key) })
        const got = await iam(['get-user', '--user-name', 'bob'])
        expect([got.code, JSON.parse(got.stdout).User.UserName]).toEqual([0, 'bob'])
        const refused = await iam(['create-user', '--user-name', 'mallory'])
        expect(refused.code).toBe(254)
        expect(refused.stderr.trim()).toBe(
          'An error occurred (AccessDenied) when calling the CreateUser operation: User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/mallory because no identity-based policy allows the iam:CreateUser action',
        )
        const root = await iam(['create-user', '--user-name', 'mallory'], ROOT_KEY)
        expect(root.code).toBe(0)
        const role = 'arn:aws:iam::123456789012:role/Deployer'
        const assume = await run(
          AWS,
          [
            '--endpoint-url',
            url,
            'sts',
            'assume-role',
            '--role-arn',
            role,
            '--role-session-name',
            's1',
          ],
          { env: as(BOB) },
        )
        expect(assume.stderr.trim()).toBe(
          `An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:AssumeRole on resource: ${role} because no identity-based policy allows the sts:AssumeRole action`,
        )
        running.child.kill('SIGTERM')
        await running.exited
      }
    },
    60_000,
  )

  withCli(
    "refuses the root user what an organization's SCP denies, in AWS's words",
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'msw-iam-enforce-')), 'fixture.json')
      const deny = { Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' }
      writeFileSync(
        file,
        JSON.stringify({
          ...fixture,
          Organization: {
            ServiceControlPolicies: [
              {
                PolicyName: 'FullAWSAccess',
                Document: {
                  Version: '2012-10-17',
                  Statement: { Effect: 'Allow', Action: '*', Resource: '*' },
                },
              },
              { PolicyName: 'NoDeletes', Document: { Version: '2012-10-17', Statement: deny } },
            ],
          },
        }),
      )
      const running = serve(['serve', '--port', '0', '--quiet', '--fixtures', file, '--enforce'])
      const url = await running.url
      const refused = await run(
        AWS,
        ['--endpoint-url', url, '--output', 'json', 'iam', 'delete-user', '--user-name', 'bob'],
        { env: as(ROOT_KEY) },
      )
      expect(refused.code).toBe(254)
      expect(refused.stderr.trim()).toBe(
        'An error occurred (AccessDenied) when calling the DeleteUser operation: User: arn:aws:iam::123456789012:root is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::123456789012:user/bob with an explicit deny in a service control policy',
      )
      running.child.kill('SIGTERM')
      await running.exited
    },
    60_000,
  )
})
