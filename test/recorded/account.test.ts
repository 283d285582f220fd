import { parse } from 'csv-parse/sync'
import { TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { certificate } from '../keys.js'
import { samlMetadata } from '../saml-idp.js'
import { recordedFixture, Replay } from './harness.js'

/** `test_iam_account_aliases`, `test_iam_account_summary`, `test_iam_credential_report`. */

useIam({ fixtures: recordedFixture })

let counter = 0
const uid = () => (++counter).toString(36).padStart(8, '0')

function replay(file: string, testId: string, steps: (r: Replay) => Promise<void>) {
  it(`${file}::${testId}`, async () => {
    const r = new Replay(file, testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

/** The counters AWS's summary depends on the account for: placeholders in the recording. */
const COUNTERS = [
  'AccountPasswordPresent',
  'Groups',
  'InstanceProfiles',
  'MFADevices',
  'MFADevicesInUse',
  'Policies',
  'PolicyVersionsInUse',
  'Providers',
  'Roles',
  'ServerCertificates',
  'Users',
] as const

const TRUST_EC2 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
})
const LB_STAR = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'elasticloadbalancing:*', Resource: '*' }],
})

describe('account, replayed', () => {
  replay(
    'test_iam_account_aliases',
    'TestIAMAccountAliases::test_account_alias_lifecycle',
    async (r) => {
      const AccountAlias = `alias-${uid()}`
      const listed = async () => (await r.send(undefined, 'ListAccountAliases')).AccountAliases
      expect(await listed()).not.toContain(AccountAlias)
      await r.send('create-alias', 'CreateAccountAlias', { AccountAlias })
      expect(await listed()).toContain(AccountAlias)
      await r.send('delete-alias', 'DeleteAccountAlias', { AccountAlias })
      expect(await listed()).not.toContain(AccountAlias)
    },
  )

  replay(
    'test_iam_account_summary',
    'TestGetAccountSummary::test_get_account_summary_format',
    async (r) => {
      await r.send('transformed-summary', 'GetAccountSummary')
      r.ignore(
        new RegExp(`^transformed-summary\\.SummaryMap\\.(${COUNTERS.join('|')})$`),
        'the recording replaced these counters by their names',
      )
      r.ignore(
        /^transformed-summary\.SummaryMap\.AccountAccessKeysPresent$/,
        'the replay signs with a root access key; the recorded account had none',
      )
    },
  )

  replay(
    'test_iam_account_summary',
    'TestGetAccountSummary::test_get_account_summary_with_resources',
    async (r) => {
      const before = (await r.send(undefined, 'GetAccountSummary')).SummaryMap
      const UserName = `user-${uid()}`
      await r.send(undefined, 'CreateUser', { UserName })
      await r.send(undefined, 'CreateGroup', { GroupName: `group-${uid()}` })
      const RoleName = `role-${uid()}`
      await r.send(undefined, 'CreateRole', { RoleName, AssumeRolePolicyDocument: TRUST_EC2 })
      const { Policy } = await r.send(undefined, 'CreatePolicy', {
        PolicyName: `policy-${uid()}`,
        PolicyDocument: LB_STAR,
      })
      await r.send(undefined, 'AttachRolePolicy', { RoleName, PolicyArn: Policy.Arn })
      await r.send(undefined, 'CreateInstanceProfile', { InstanceProfileName: `ip-${uid()}` })
      await r.send(undefined, 'CreateOpenIDConnectProvider', {
        Url: `https://oidc-${uid()}.example.com`,
        ThumbprintList: ['a'.repeat(40)],
      })
      await r.send(undefined, 'CreateSAMLProvider', {
        Name: `saml-${uid()}`,
        SAMLMetadataDocument: samlMetadata(),
      })
      const { VirtualMFADevice } = await r.send(undefined, 'CreateVirtualMFADevice', {
        VirtualMFADeviceName: `mfa-${uid()}`,
      })
      const totp = new TOTP({ secret: new TextDecoder().decode(VirtualMFADevice.Base32StringSeed) })
      await r.send(undefined, 'EnableMFADevice', {
        UserName,
        SerialNumber: VirtualMFADevice.SerialNumber,
        AuthenticationCode1: totp.generate({ timestamp: Date.now() - 30_000 }),
        AuthenticationCode2: totp.generate(),
      })
      // A self-signed root CA, as the recording's (see server_certificates in INDEX.md).
      const ca = certificate('/CN=test-root-ca.example.com')
      await r.send(undefined, 'UploadServerCertificate', {
        ServerCertificateName: `cert-${uid()}`,
        CertificateBody: ca.certificate,
        PrivateKey: ca.privateKey,
      })
      const after = (await r.send(undefined, 'GetAccountSummary')).SummaryMap
      r.keep(
        'resource-deltas',
        Object.fromEntries(COUNTERS.map((key) => [key, after[key] - before[key]])),
      )
    },
  )

  replay(
    'test_iam_credential_report',
    'TestIAMCredentialReport::test_get_credential_report_before_generated',
    (r) => r.send('get-credential-report-without-generate-error', 'GetCredentialReport'),
  )

  replay(
    'test_iam_credential_report',
    'TestIAMCredentialReport::test_credential_report',
    async (r) => {
      const UserName = `user-${uid()}`
      await r.send('create-user', 'CreateUser', { UserName })
      await r.send('create-login-profile', 'CreateLoginProfile', {
        UserName,
        Password: 'TestPassword123!',
        PasswordResetRequired: false,
      })
      const { AccessKey } = await r.send('create-access-key-1', 'CreateAccessKey', { UserName })
      await r.send(undefined, 'UpdateAccessKey', {
        UserName,
        AccessKeyId: AccessKey.AccessKeyId,
        Status: 'Inactive',
      })
      await r.send('create-access-key-2', 'CreateAccessKey', { UserName })
      await r.send('initial-generate-response', 'GenerateCredentialReport')
      let state = 'STARTED'
      for (let polls = 0; state !== 'COMPLETE' && polls < 10; polls++) {
        state = (await r.send('generate-completed-response', 'GenerateCredentialReport')).State
      }
      const { Content } = await r.send(undefined, 'GetCredentialReport')
      const text = new TextDecoder().decode(Content)
      const rows: Record<string, string>[] = parse(text, { columns: true })
      r.keep('credentials-report', {
        field_names: text.slice(0, text.indexOf('\n')).split(','),
        users: rows.filter((row) => row.user === UserName),
      })
    },
  )
})
