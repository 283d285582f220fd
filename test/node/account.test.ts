import {
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  DeleteAccountAliasCommand,
  EnableMFADeviceCommand,
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListAccountAliasesCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam'
import { parse } from 'csv-parse/sync'
import { TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { iamClient, sdkError, useIam } from '../helpers.js'

let now = new Date('2024-03-01T10:00:00Z')
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

const iam = useIam({
  clock: () => now,
  fixtures: {
    Root: {
      CreateDate: '2020-01-01T00:00:00Z',
      AccessKeys: [
        {
          AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        },
      ],
    },
    PasswordPolicy: { MaxPasswordAge: 90 },
    Users: [
      {
        UserName: 'alice',
        CreateDate: '2023-01-01T00:00:00Z',
        LoginProfile: { Password: 'Secret-Pw1', CreateDate: '2023-02-01T00:00:00Z' },
        AccessKeys: [
          {
            AccessKeyId: 'AKIAALICEALICEALICE1',
            SecretAccessKey: 'alice-secret',
            CreateDate: '2023-03-01T00:00:00Z',
            LastUsed: { Date: '2024-02-02T02:02:02Z', ServiceName: 's3', Region: 'eu-west-1' },
          },
        ],
      },
      { UserName: 'bob', CreateDate: '2023-05-05T05:05:05Z' },
    ],
    VirtualMFADevices: [{ VirtualMFADeviceName: 'alice-phone', Base32StringSeed: SEED }],
  },
})
const client = iamClient()

/** Enables the fixture's device for a user, with the two codes of the mock's instant. */
async function enableMfa(UserName: string) {
  const totp = new TOTP({ secret: SEED })
  await client.send(
    new EnableMFADeviceCommand({
      UserName,
      SerialNumber: 'arn:aws:iam::123456789012:mfa/alice-phone',
      AuthenticationCode1: totp.generate({ timestamp: now.getTime() - 30_000 }),
      AuthenticationCode2: totp.generate({ timestamp: now.getTime() }),
    }),
  )
}

async function report(): Promise<Record<string, string>[]> {
  await client.send(new GenerateCredentialReportCommand({}))
  const { Content, ReportFormat } = await client.send(new GetCredentialReportCommand({}))
  expect(ReportFormat).toBe('text/csv')
  return parse(new TextDecoder().decode(Content), { columns: true })
}

describe('account alias', () => {
  it('creates, lists, replaces and deletes the alias', async () => {
    await client.send(new CreateAccountAliasCommand({ AccountAlias: 'first' }))
    // @note inferred: a second alias replaces the first.
    await client.send(new CreateAccountAliasCommand({ AccountAlias: 'second' }))
    const { AccountAliases } = await client.send(new ListAccountAliasesCommand({}))
    expect(AccountAliases).toEqual(['second'])
    const error = await sdkError(
      client.send(new DeleteAccountAliasCommand({ AccountAlias: 'first' })),
    )
    expect(error.name).toBe('NoSuchEntityException')
    await client.send(new DeleteAccountAliasCommand({ AccountAlias: 'second' }))
    expect(iam.store.accountAlias()).toBeUndefined()
  })
})

describe('account summary', () => {
  it('counts what the store holds, live', async () => {
    const before = (await client.send(new GetAccountSummaryCommand({}))).SummaryMap!
    expect(before).toMatchObject({
      Users: 2,
      Groups: 0,
      MFADevices: 1,
      MFADevicesInUse: 0,
      AccountAccessKeysPresent: 1,
      UsersQuota: 5000,
    })
    expect(Object.keys(before)).toHaveLength(34)
    await client.send(new CreateGroupCommand({ GroupName: 'g' }))
    await enableMfa('bob')
    const after = (await client.send(new GetAccountSummaryCommand({}))).SummaryMap!
    expect(after).toMatchObject({ Groups: 1, MFADevicesInUse: 1 })
  })
})

describe('credential report', () => {
  it('answers ReportNotPresent before any report was generated', async () => {
    const error = await sdkError(client.send(new GetCredentialReportCommand({})))
    expect(error.name).toBe('CredentialReportNotPresentException')
    expect(error.$metadata.httpStatusCode).toBe(410)
  })

  it('moves from STARTED to COMPLETE on the next request', async () => {
    const first = await client.send(new GenerateCredentialReportCommand({}))
    expect(first).toMatchObject({
      State: 'STARTED',
      Description: 'No report exists. Starting a new report generation task',
    })
    const second = await client.send(new GenerateCredentialReportCommand({}))
    expect(second.State).toBe('COMPLETE')
    expect(second.Description).toBeUndefined()
  })

  it('has AWS’s columns, the root row first and every column of a user with a password, keys and MFA', async () => {
    await enableMfa('alice')
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'alice' }))
    await client.send(
      new UpdateAccessKeyCommand({
        UserName: 'alice',
        AccessKeyId: 'AKIAALICEALICEALICE1',
        Status: 'Inactive',
      }),
    )
    const rows = await report()
    expect(rows.map((row) => row.user)).toEqual(['<root_account>', 'alice', 'bob'])
    expect(rows[0]).toMatchObject({
      arn: 'arn:aws:iam::123456789012:root',
      user_creation_time: '2020-01-01T00:00:00+00:00',
      password_enabled: 'not_supported',
      access_key_1_active: 'true',
      access_key_2_active: 'false',
    })
    expect(rows[1]).toEqual({
      user: 'alice',
      arn: 'arn:aws:iam::123456789012:user/alice',
      user_creation_time: '2023-01-01T00:00:00+00:00',
      password_enabled: 'true',
      password_last_used: 'no_information',
      password_last_changed: '2023-02-01T00:00:00+00:00',
      password_next_rotation: '2023-05-02T00:00:00+00:00',
      mfa_active: 'true',
      // @note inferred: the Active key first, as recorded.
      access_key_1_active: 'true',
      access_key_1_last_rotated: '2024-03-01T10:00:00+00:00',
      access_key_1_last_used_date: 'N/A',
      access_key_1_last_used_region: 'N/A',
      access_key_1_last_used_service: 'N/A',
      access_key_2_active: 'false',
      access_key_2_last_rotated: '2023-03-01T00:00:00+00:00',
      access_key_2_last_used_date: '2024-02-02T02:02:02+00:00',
      access_key_2_last_used_region: 'eu-west-1',
      access_key_2_last_used_service: 's3',
      cert_1_active: 'false',
      cert_1_last_rotated: 'N/A',
      cert_2_active: 'false',
      cert_2_last_rotated: 'N/A',
    })
    expect(AccessKey!.AccessKeyId).toBeDefined()
    expect(rows[2]).toMatchObject({
      password_enabled: 'false',
      password_last_used: 'N/A',
      password_last_changed: 'N/A',
      mfa_active: 'false',
      access_key_1_active: 'false',
      access_key_1_last_rotated: 'N/A',
    })
  })

  it('expires a report after four hours, and a new one can be generated', async () => {
    await report()
    now = new Date('2024-03-01T14:00:00Z')
    const error = await sdkError(client.send(new GetCredentialReportCommand({})))
    expect(error.name).toBe('CredentialReportExpiredException')
    const again = await client.send(new GenerateCredentialReportCommand({}))
    expect(again.State).toBe('STARTED')
    const { GeneratedTime } = await client.send(new GetCredentialReportCommand({}))
    expect(GeneratedTime).toEqual(now)
    now = new Date('2024-03-01T10:00:00Z')
  })
})
