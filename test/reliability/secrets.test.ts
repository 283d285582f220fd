import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  ListVirtualMFADevicesCommand,
  UpdateLoginProfileCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
  DeleteServerCertificateCommand,
  GetServerCertificateCommand,
  ListServerCertificatesCommand,
  ListServerCertificateTagsCommand,
  TagServerCertificateCommand,
  UpdateServerCertificateCommand,
  UploadServerCertificateCommand,
  type UploadServerCertificateCommandInput,
} from '@aws-sdk/client-iam'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, ROOT_KEY } from '../helpers.js'
import { certificate } from '../keys.js'

const iam = createIamMock()
const server = setupServer(...iam.handlers)
const bodies: { action: string; body: string }[] = []
const logged: string[] = []

beforeAll(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation(
      (...args) => void logged.push(args.map(String).join(' ')),
    )
  }
  server.events.on('response:mocked', async ({ response }) => {
    const requestId = response.headers.get('x-amzn-requestid')
    const action = iam.calls.all.find((call) => call.requestId === requestId)?.action ?? ''
    bodies.push({ action, body: await response.clone().text() })
  })
  server.listen({ onUnhandledRequest: 'error' })
})
afterAll(() => {
  server.close()
  vi.restoreAllMocks()
})

it('shows no secret anywhere but in the CreateAccessKey response', async () => {
  const root = iamClient()
  const secrets = [ROOT_KEY.secretAccessKey]
  for (const UserName of ['alice', 'bob']) {
    await root.send(new CreateUserCommand({ UserName }))
    for (let i = 0; i < 2; i++) {
      const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName }))
      secrets.push(AccessKey!.SecretAccessKey!)
      const asUser = iamClient({
        accessKeyId: AccessKey!.AccessKeyId!,
        secretAccessKey: AccessKey!.SecretAccessKey!,
      })
      await asUser.send(new GetUserCommand({}))
      await asUser.send(new ListAccessKeysCommand({}))
      await root.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: AccessKey!.AccessKeyId! }))
      await root.send(
        new UpdateAccessKeyCommand({
          UserName,
          AccessKeyId: AccessKey!.AccessKeyId!,
          Status: 'Inactive',
        }),
      )
    }
    await root.send(new CreateAccessKeyCommand({ UserName })).catch(() => undefined)
    await root.send(new DeleteUserCommand({ UserName })).catch(() => undefined)
  }
  await root.send(new UpdateUserCommand({ UserName: 'bob', NewUserName: 'robert' }))
  await root.send(new ListUsersCommand({}))
  for (const key of iam.store.user('alice')!.AccessKeys) {
    await root.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: key.AccessKeyId }))
  }
  await root.send(new DeleteUserCommand({ UserName: 'alice' }))
  await root.send(new GetUserCommand({ UserName: 'alice' })).catch(() => undefined)

  const createKeyBodies = bodies.filter(
    (b) => b.action === 'CreateAccessKey' && b.body.includes('<SecretAccessKey>'),
  )
  expect(createKeyBodies).toHaveLength(4)
  const elsewhere = [
    ...bodies.filter((b) => !createKeyBodies.includes(b)).map((b) => b.body),
    ...logged,
    JSON.stringify(iam.calls.all),
    JSON.stringify(iam.store.users()),
    JSON.stringify(iam.store.rootAccessKeys()),
    JSON.stringify(
      iam.store.users().flatMap((u) => u.AccessKeys.map((k) => iam.store.accessKey(k.AccessKeyId))),
    ),
  ]
  expect(bodies.length).toBeGreaterThan(20)
  for (const secret of secrets) {
    for (const text of elsewhere) expect(text).not.toContain(secret)
  }
})

it('shows no password anywhere, and an MFA seed only in the CreateVirtualMFADevice response', async () => {
  const root = iamClient()
  const base64 = (text: string) => btoa(text)
  const passwords = ['Passw0rd-one!', 'Passw0rd-two!', 'Passw0rd-3!']
  await root.send(new CreateUserCommand({ UserName: 'carol' }))
  await root.send(new CreateLoginProfileCommand({ UserName: 'carol', Password: passwords[0] }))
  await root.send(new UpdateLoginProfileCommand({ UserName: 'carol', Password: passwords[1] }))
  await root.send(new GetLoginProfileCommand({ UserName: 'carol' }))
  // A refused password (the default policy wants three kinds of characters) is no more shown.
  await root
    .send(new UpdateLoginProfileCommand({ UserName: 'carol', Password: 'weakweakweak' }))
    .catch(() => undefined)
  await root.send(new UpdateLoginProfileCommand({ UserName: 'carol', Password: passwords[2] }))
  const { VirtualMFADevice } = await root.send(
    new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'carol-phone' }),
  )
  const seed = new TextDecoder().decode(VirtualMFADevice!.Base32StringSeed)
  await root.send(new ListVirtualMFADevicesCommand({}))
  await root.send(new GenerateCredentialReportCommand({}))
  await root.send(new GetCredentialReportCommand({}))
  const created = bodies.filter((b) => b.action === 'CreateVirtualMFADevice')
  expect(created).toHaveLength(1)
  expect(created[0]!.body).toContain(base64(seed))
  const elsewhere = [
    ...bodies.filter((b) => b.action !== 'CreateVirtualMFADevice').map((b) => b.body),
    ...logged,
    JSON.stringify(iam.calls.all),
    JSON.stringify(iam.store.users()),
    JSON.stringify(iam.store.virtualMfaDevices()),
  ]
  for (const secret of [...passwords, 'weakweakweak', seed]) {
    for (const text of elsewhere) {
      expect(text).not.toContain(secret)
      expect(text).not.toContain(base64(secret))
    }
  }
})

it('shows a server certificate’s private key nowhere: no response, log, journal entry or view', async () => {
  const root = iamClient()
  const ca = certificate('/CN=Secrets Root CA')
  const leaf = ca.sign('/CN=secrets.example.com')
  const other = certificate('/CN=other.example.com')
  const upload = (input: Partial<UploadServerCertificateCommandInput>) =>
    root
      .send(
        new UploadServerCertificateCommand({
          ServerCertificateName: 'secret-web',
          CertificateBody: leaf.certificate,
          PrivateKey: leaf.privateKey,
          ...input,
        }),
      )
      .catch(() => undefined)
  const start = bodies.length
  // Refused uploads first: another key, an unreadable one, a malformed body, a wrong chain.
  await upload({ PrivateKey: other.privateKey })
  await upload({ PrivateKey: `${leaf.privateKey}junk` })
  await upload({ CertificateBody: 'not a certificate' })
  await upload({ CertificateChain: ca.certificate })
  await upload({ ServerCertificateName: 'secret-web' })
  const name = { ServerCertificateName: 'secret-web' }
  await root.send(new GetServerCertificateCommand(name))
  await root.send(new ListServerCertificatesCommand({}))
  await root.send(new TagServerCertificateCommand({ ...name, Tags: [{ Key: 'k', Value: 'v' }] }))
  await root.send(new ListServerCertificateTagsCommand(name))
  await root.send(new UpdateServerCertificateCommand({ ...name, NewPath: '/elb/' }))
  const actions = bodies.slice(start).map((b) => b.action)
  expect(actions.filter((action) => action === 'UploadServerCertificate')).toHaveLength(5)
  const elsewhere = [
    ...bodies.slice(start).map((b) => b.body),
    ...logged,
    JSON.stringify(iam.calls.all),
    JSON.stringify(iam.store.serverCertificates()),
  ]
  // Every line of the keys' base64, so that no part of them shows.
  const lines = [leaf.privateKey, other.privateKey]
    .flatMap((key) => key.split('\n'))
    .filter((line) => line.length > 0 && !line.startsWith('-----'))
  for (const line of lines) {
    for (const text of elsewhere) expect(text).not.toContain(line)
  }
  await root.send(new DeleteServerCertificateCommand(name))
})
