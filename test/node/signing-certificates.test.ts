import { createHash, X509Certificate } from 'node:crypto'
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  DeleteSigningCertificateCommand,
  DeleteUserCommand,
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListSigningCertificatesCommand,
  PutUserPolicyCommand,
  UpdateSigningCertificateCommand,
  UploadSigningCertificateCommand,
} from '@aws-sdk/client-iam'
import { base32 } from '@scure/base'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { createIamMock, type FixtureSigningCertificate } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'
import { certificate, sshKey } from '../keys.js'

const one = certificate('/CN=signing-one.example.com')
const two = certificate('/CN=signing-two.example.com', { key: 'ec' })
const three = certificate('/CN=signing-three.example.com')
const ALICE_KEY = { accessKeyId: 'AKIAALICEALICEALICE1', secretAccessKey: 'alice-secret' }
const iam = useIam({
  fixtures: {
    Users: [
      {
        UserName: 'alice',
        AccessKeys: [
          { ...{ AccessKeyId: ALICE_KEY.accessKeyId }, SecretAccessKey: ALICE_KEY.secretAccessKey },
        ],
      },
      { UserName: 'bob' },
    ],
  },
})
const client = iamClient()

const upload = (body: string, UserName: string | null = 'alice', as = client) =>
  as.send(
    new UploadSigningCertificateCommand({ UserName: UserName ?? undefined, CertificateBody: body }),
  )

/** The base32 of the certificate's SHA-1, as node:crypto reads the PEM. */
const idOf = (pem: string) =>
  base32.encode(createHash('sha1').update(new X509Certificate(pem).raw).digest())

async function report(): Promise<Record<string, string>[]> {
  await client.send(new GenerateCredentialReportCommand({}))
  const { Content } = await client.send(new GetCredentialReportCommand({}))
  return parse(new TextDecoder().decode(Content), { columns: true })
}

describe('signing certificates', () => {
  it('uploads a PEM certificate under an id derived from it, Active', async () => {
    const { Certificate } = await upload(one.certificate)
    // @note inferred: the id is the base32 of the certificate's SHA-1.
    expect(Certificate).toEqual({
      UserName: 'alice',
      CertificateId: idOf(one.certificate),
      CertificateBody: one.certificate,
      Status: 'Active',
      UploadDate: expect.any(Date),
    })
    expect(Certificate!.CertificateId).toMatch(/^[A-Z2-7]{32}$/)
  })

  it('takes EC certificates as well as RSA ones', async () => {
    const { Certificate } = await upload(two.certificate)
    expect(Certificate!.CertificateId).toBe(idOf(two.certificate))
  })

  it('lists bodies, oldest first, updates the status and deletes', async () => {
    await upload(one.certificate)
    await upload(two.certificate)
    const id = idOf(one.certificate)
    await client.send(
      new UpdateSigningCertificateCommand({
        UserName: 'alice',
        CertificateId: id,
        Status: 'Inactive',
      }),
    )
    const { Certificates } = await client.send(
      new ListSigningCertificatesCommand({ UserName: 'alice' }),
    )
    expect(Certificates!.map((c) => [c.CertificateId, c.Status, c.CertificateBody])).toEqual([
      [id, 'Inactive', one.certificate],
      [idOf(two.certificate), 'Active', two.certificate],
    ])
    await client.send(new DeleteSigningCertificateCommand({ UserName: 'alice', CertificateId: id }))
    const after = await client.send(new ListSigningCertificatesCommand({ UserName: 'alice' }))
    expect(after.Certificates!.map((c) => c.CertificateId)).toEqual([idOf(two.certificate)])
  })

  it('refuses what is not one PEM certificate with MalformedCertificate quoting the body', async () => {
    // @note inferred: two certificates, or text around one, are malformed too.
    for (const body of [
      sshKey().openssh,
      one.privateKey,
      one.certificate + two.certificate,
      `subject=CN=signing-one.example.com\n${one.certificate}`,
      one.certificate
        .split('\n')
        .filter((_, i) => i !== 3)
        .join('\n'),
    ]) {
      const error = await sdkError(upload(body))
      expect(error.name).toBe('MalformedCertificateException')
      expect(error.message).toBe(`Certificate ${body} is malformed.`)
      expect(error.$metadata.httpStatusCode).toBe(400)
    }
  })

  it('refuses a certificate IAM already holds, for the same user or another, as DuplicateCertificate', async () => {
    await upload(one.certificate)
    for (const user of ['alice', 'bob']) {
      const error = await sdkError(upload(one.certificate, user))
      // @note inferred: the wording, and that it comes before the quota.
      expect(error.name).toBe('DuplicateCertificateException')
      expect(error.message).toBe(`The Certificate with id ${idOf(one.certificate)} already exists.`)
      expect(error.$metadata.httpStatusCode).toBe(409)
    }
  })

  it('holds two certificates per user', async () => {
    await upload(one.certificate)
    await upload(two.certificate)
    const error = await sdkError(upload(three.certificate))
    expect(error.name).toBe('LimitExceededException')
    expect(error.message).toBe('Cannot exceed quota for CertificatesPerUser: 2')
    await upload(three.certificate, 'bob')
  })

  it("answers NoSuchEntity for another user's certificate", async () => {
    await upload(one.certificate)
    const error = await sdkError(
      client.send(
        new DeleteSigningCertificateCommand({
          UserName: 'bob',
          CertificateId: idOf(one.certificate),
        }),
      ),
    )
    expect(error.name).toBe('NoSuchEntityException')
    expect(error.message).toBe(`The Certificate with id ${idOf(one.certificate)} cannot be found.`)
  })

  it("acts on the calling user's certificates when UserName is left out", async () => {
    const alice = iamClient(ALICE_KEY)
    const { Certificate } = await upload(one.certificate, null, alice)
    expect(Certificate!.UserName).toBe('alice')
    const { Certificates } = await alice.send(new ListSigningCertificatesCommand({}))
    expect(Certificates!.map((c) => c.CertificateId)).toEqual([idOf(one.certificate)])
  })

  it("keeps the root user's certificates as the account's: in the summary and the report", async () => {
    const summary = async () =>
      (await client.send(new GetAccountSummaryCommand({}))).SummaryMap!
        .AccountSigningCertificatesPresent
    expect(await summary()).toBe(0)
    const { Certificate } = await upload(one.certificate, null)
    // @note inferred: the root's certificates carry the account id as their UserName.
    expect(Certificate!.UserName).toBe('123456789012')
    expect((await client.send(new ListSigningCertificatesCommand({}))).Certificates).toHaveLength(1)
    expect(
      (await client.send(new ListSigningCertificatesCommand({ UserName: 'alice' }))).Certificates,
    ).toEqual([])
    expect(await summary()).toBe(1)
    const [root] = await report()
    expect(root).toMatchObject({
      user: '<root_account>',
      cert_1_active: 'true',
      cert_2_active: 'false',
      cert_2_last_rotated: 'N/A',
    })
    expect(iam.store.rootSigningCertificates().map((c) => c.CertificateId)).toEqual([
      idOf(one.certificate),
    ])
  })

  it("fills the credential report's cert columns, Active certificates first", async () => {
    await upload(one.certificate)
    await upload(two.certificate)
    await client.send(
      new UpdateSigningCertificateCommand({
        UserName: 'alice',
        CertificateId: idOf(one.certificate),
        Status: 'Inactive',
      }),
    )
    const alice = (await report()).find((row) => row.user === 'alice')!
    // @note inferred: as for access keys, the Active one is cert_1.
    expect(alice.cert_1_active).toBe('true')
    expect(alice.cert_2_active).toBe('false')
    expect(alice.cert_1_last_rotated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/)
    expect(alice.cert_2_last_rotated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/)
  })

  it('refuses to delete a user while it has a signing certificate, after its access keys', async () => {
    await upload(one.certificate, 'bob')
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'bob' }))
    await client.send(
      new PutUserPolicyCommand({
        UserName: 'bob',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }],
        }),
      }),
    )
    const deleteBob = () => sdkError(client.send(new DeleteUserCommand({ UserName: 'bob' })))
    expect((await deleteBob()).message).toBe('Cannot delete entity, must delete access keys first.')
    await client.send(
      new DeleteAccessKeyCommand({ UserName: 'bob', AccessKeyId: AccessKey!.AccessKeyId }),
    )
    const error = await deleteBob()
    // @note inferred: the wording, and its place after access keys, before policies.
    expect(error.name).toBe('DeleteConflictException')
    expect(error.message).toBe('Cannot delete entity, must delete signing certificates first.')
  })

  it('loads certificates from a fixture (for users and root), views and snapshots them', () => {
    const mock = createIamMock({
      fixtures: {
        Root: { SigningCertificates: [{ CertificateBody: three.certificate }] },
        Users: [
          {
            UserName: 'carol',
            SigningCertificates: [
              {
                CertificateBody: one.certificate,
                Status: 'Inactive',
                UploadDate: '2024-01-31T12:00:00Z',
              },
            ],
          },
        ],
      },
    })
    const view = mock.store.user('carol')!.SigningCertificates
    expect(view).toEqual([
      {
        CertificateId: idOf(one.certificate),
        CertificateBody: one.certificate,
        Status: 'Inactive',
        UploadDate: new Date('2024-01-31T12:00:00Z'),
      },
    ])
    const copy = createIamMock({ fixtures: mock.snapshot() })
    expect(copy.store.user('carol')!.SigningCertificates).toEqual(view)
    expect(copy.store.rootSigningCertificates()).toEqual(mock.store.rootSigningCertificates())
  })

  it('reports a fixture certificate that is not one, or one too many', () => {
    const load = (certificates: FixtureSigningCertificate[]) => () =>
      createIamMock({
        fixtures: { Users: [{ UserName: 'carol', SigningCertificates: certificates }] },
      })
    expect(load([{ CertificateBody: 'x' }])).toThrow(
      'Invalid msw-iam fixture: Users[0].SigningCertificates[0].CertificateBody: must be one X.509 certificate in PEM',
    )
    expect(
      load([{ CertificateBody: one.certificate }, { CertificateBody: one.certificate }]),
    ).toThrow(
      `Invalid msw-iam fixture: Users[0].SigningCertificates[1]: The Certificate with id ${idOf(one.certificate)} already exists.`,
    )
  })
})
