import { execFileSync } from 'node:child_process'
import {
  DeleteServerCertificateCommand,
  GetAccountSummaryCommand,
  GetServerCertificateCommand,
  ListServerCertificateTagsCommand,
  ListServerCertificatesCommand,
  TagServerCertificateCommand,
  UntagServerCertificateCommand,
  UpdateServerCertificateCommand,
  UploadServerCertificateCommand,
  type UploadServerCertificateCommandInput,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock, type FixtureServerCertificate } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'
import { certificate } from '../keys.js'

const root = certificate('/CN=Test Root CA')
const intermediate = root.sign('/CN=Test Intermediate CA')
const leaf = intermediate.sign('/CN=www.example.com')
const ec = certificate('/CN=ec.example.com', { key: 'ec' })
const other = certificate('/CN=other.example.com')
const iam = useIam({ journalLimit: 100 })
const client = iamClient()

const upload = (input: Partial<UploadServerCertificateCommandInput> = {}) =>
  client.send(
    new UploadServerCertificateCommand({
      ServerCertificateName: 'web',
      CertificateBody: root.certificate,
      PrivateKey: root.privateKey,
      ...input,
    }),
  )

const openssl = (args: string[], input?: string) =>
  execFileSync('openssl', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] })

/** The key's base64 (no PEM armour), to look for anywhere it must not be. */
const secretOf = (pem: string) => pem.split('\n')[1]!

describe('server certificates', () => {
  it('uploads a certificate with an ASCA id, its path in the ARN and its notAfter as Expiration', async () => {
    const { ServerCertificateMetadata, Tags } = await upload({ Path: '/cloudfront/' })
    expect(ServerCertificateMetadata).toEqual({
      Path: '/cloudfront/',
      ServerCertificateName: 'web',
      ServerCertificateId: expect.stringMatching(/^ASCA[A-Z2-7]{17}$/),
      Arn: 'arn:aws:iam::123456789012:server-certificate/cloudfront/web',
      UploadDate: expect.any(Date),
      Expiration: root.notAfter,
    })
    expect(Tags).toBeUndefined()
  })

  it('reads an Expiration past 2049, which X.509 writes as a GeneralizedTime', async () => {
    const lasting = certificate('/CN=lasting.example.com', { days: 365 * 40 })
    expect(lasting.notAfter.getUTCFullYear()).toBeGreaterThan(2049)
    const { ServerCertificateMetadata } = await upload({
      CertificateBody: lasting.certificate,
      PrivateKey: lasting.privateKey,
    })
    expect(ServerCertificateMetadata!.Expiration).toEqual(lasting.notAfter)
  })

  it('returns the body, the chain and the tags, never the private key', async () => {
    await upload({
      CertificateBody: leaf.certificate,
      PrivateKey: leaf.privateKey,
      CertificateChain: intermediate.certificate + root.certificate,
      Tags: [{ Key: 'team', Value: 'web' }],
    })
    const { ServerCertificate } = await client.send(
      new GetServerCertificateCommand({ ServerCertificateName: 'web' }),
    )
    expect(ServerCertificate).toMatchObject({
      // @note inferred: the body is kept without its trailing newline.
      CertificateBody: leaf.certificate.trimEnd(),
      CertificateChain: intermediate.certificate + root.certificate,
      Tags: [{ Key: 'team', Value: 'web' }],
    })
    expect(ServerCertificate!.ServerCertificateMetadata!.Expiration).toEqual(leaf.notAfter)
    const listed = await client.send(new ListServerCertificatesCommand({}))
    for (const output of [ServerCertificate, listed]) {
      expect(JSON.stringify(output)).not.toContain(secretOf(leaf.privateKey))
    }
    expect(JSON.stringify(iam.store.serverCertificates())).not.toContain(secretOf(leaf.privateKey))
    expect(iam.store.serverCertificate('web')).not.toHaveProperty('PrivateKey')
    const call = iam.calls.all.find((c) => c.action === 'UploadServerCertificate')!
    expect(call.params.PrivateKey).toBe('[redacted]')
  })

  it('takes PKCS #8 keys, EC keys and SEC 1 keys behind their EC PARAMETERS', async () => {
    // @note inferred: IAM takes EC keys as well as RSA ones.
    await upload({ ServerCertificateName: 'pkcs8', PrivateKey: root.pkcs8 })
    await upload({
      ServerCertificateName: 'ec',
      CertificateBody: ec.certificate,
      PrivateKey: ec.privateKey,
    })
    await upload({
      ServerCertificateName: 'ec8',
      CertificateBody: ec.certificate,
      PrivateKey: ec.pkcs8,
    })
    const parameters = openssl(['ecparam', '-name', 'prime256v1'])
    await upload({
      ServerCertificateName: 'ec-params',
      CertificateBody: ec.certificate,
      PrivateKey: parameters + ec.privateKey,
    })
  })

  it('refuses a private key that is not the certificate’s with KeyPairMismatch, naming no key', async () => {
    for (const PrivateKey of [other.privateKey, other.pkcs8, ec.privateKey]) {
      const error = await sdkError(upload({ PrivateKey }))
      // @note inferred: the wording.
      expect(error.name).toBe('KeyPairMismatchException')
      expect(error.message).toBe(
        'The private key does not match the public key in the certificate.',
      )
      expect(error.$metadata.httpStatusCode).toBe(400)
    }
  })

  it('refuses a body that is not one PEM certificate, in AWS’s words', async () => {
    for (const CertificateBody of [
      'not a certificate',
      root.privateKey,
      root.certificate + leaf.certificate,
    ]) {
      const error = await sdkError(upload({ CertificateBody }))
      expect(error.name).toBe('MalformedCertificateException')
      expect(error.message).toBe(
        'Unable to parse certificate. Please ensure the certificate is in PEM format.',
      )
    }
  })

  it('refuses a private key it cannot read (encrypted, or no key) without quoting it', async () => {
    const encrypted = openssl(
      ['rsa', '-aes256', '-traditional', '-passout', 'pass:secret'],
      root.privateKey,
    )
    const encrypted8 = openssl(['pkcs8', '-topk8', '-passout', 'pass:secret'], root.privateKey)
    for (const PrivateKey of [encrypted, encrypted8, root.certificate, 'x']) {
      const error = await sdkError(upload({ PrivateKey }))
      // @note inferred: the wording.
      expect(error.name).toBe('MalformedCertificateException')
      expect(error.message).toBe(
        'Unable to parse private key. Please ensure the private key is in PEM format.',
      )
    }
  })

  it('checks that the chain starts with the issuer, followed by its issuers in order', async () => {
    // @note inferred: order is checked by names (no signature), and the index is the first chain
    // certificate out of order (0 for text around the blocks).
    const chainError = (index: number) =>
      `Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: ${index}`
    const withChain = (CertificateChain: string) =>
      sdkError(
        upload({
          CertificateBody: leaf.certificate,
          PrivateKey: leaf.privateKey,
          CertificateChain,
        }),
      )
    expect((await withChain(root.certificate)).message).toBe(chainError(0))
    expect((await withChain(root.certificate + intermediate.certificate)).message).toBe(
      chainError(0),
    )
    expect((await withChain(intermediate.certificate + other.certificate)).message).toBe(
      chainError(1),
    )
    expect((await withChain(intermediate.certificate + 'junk')).message).toBe(chainError(0))
    const error = await withChain(intermediate.certificate + root.privateKey)
    expect(error.name).toBe('MalformedCertificateException')
    expect(error.message).toBe(chainError(1))
    expect(error.message).not.toContain(secretOf(root.privateKey))
    await upload({
      CertificateBody: leaf.certificate,
      PrivateKey: leaf.privateKey,
      CertificateChain: intermediate.certificate,
    })
  })

  it('refuses a name taken, whatever its case', async () => {
    // @note inferred: names are unique case-insensitively, as IAM's other names.
    await upload()
    const error = await sdkError(upload({ ServerCertificateName: 'WEB' }))
    expect(error.name).toBe('EntityAlreadyExistsException')
    expect(error.message).toBe('The Server Certificate with name WEB already exists.')
  })

  it('holds 20 server certificates per account, as the summary counts them', async () => {
    for (let i = 0; i < 20; i++) await upload({ ServerCertificateName: `c${i}` })
    const error = await sdkError(upload({ ServerCertificateName: 'c20' }))
    // @note inferred: the quota's name.
    expect(error.name).toBe('LimitExceededException')
    expect(error.message).toBe('Cannot exceed quota for ServerCertificatesPerAccount: 20')
    const { SummaryMap } = await client.send(new GetAccountSummaryCommand({}))
    expect(SummaryMap).toMatchObject({ ServerCertificates: 20, ServerCertificatesQuota: 20 })
  })

  it('lists by name, filtered by PathPrefix and paged', async () => {
    // @note inferred: name order, as ListInstanceProfiles.
    await upload({ ServerCertificateName: 'b', Path: '/elb/' })
    await upload({ ServerCertificateName: 'a', Path: '/cloudfront/' })
    await upload({ ServerCertificateName: 'c', Path: '/cloudfront/test/' })
    const names = async (input: object) =>
      (
        await client.send(new ListServerCertificatesCommand(input))
      ).ServerCertificateMetadataList!.map((c) => c.ServerCertificateName)
    expect(await names({})).toEqual(['a', 'b', 'c'])
    expect(await names({ PathPrefix: '/cloudfront/' })).toEqual(['a', 'c'])
    const first = await client.send(new ListServerCertificatesCommand({ MaxItems: 2 }))
    expect(first).toMatchObject({ IsTruncated: true })
    expect(await names({ Marker: first.Marker })).toEqual(['c'])
  })

  it('renames and moves a certificate; its old name is gone', async () => {
    await upload()
    await upload({ ServerCertificateName: 'api' })
    const taken = await sdkError(
      client.send(
        new UpdateServerCertificateCommand({
          ServerCertificateName: 'web',
          NewServerCertificateName: 'api',
        }),
      ),
    )
    expect(taken.name).toBe('EntityAlreadyExistsException')
    await client.send(
      new UpdateServerCertificateCommand({
        ServerCertificateName: 'web',
        NewServerCertificateName: 'www',
        NewPath: '/cloudfront/',
      }),
    )
    const { ServerCertificate } = await client.send(
      new GetServerCertificateCommand({ ServerCertificateName: 'www' }),
    )
    expect(ServerCertificate!.ServerCertificateMetadata!.Arn).toBe(
      'arn:aws:iam::123456789012:server-certificate/cloudfront/www',
    )
    const gone = await sdkError(
      client.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' })),
    )
    expect(gone.message).toBe('The Server Certificate with name web cannot be found.')
  })

  it('tags, untags and lists tags; deletes', async () => {
    await upload({ Tags: [{ Key: 'a', Value: '1' }] })
    const name = { ServerCertificateName: 'web' }
    await client.send(
      new TagServerCertificateCommand({ ...name, Tags: [{ Key: 'b', Value: '2' }] }),
    )
    await client.send(new UntagServerCertificateCommand({ ...name, TagKeys: ['A'] }))
    const { Tags } = await client.send(new ListServerCertificateTagsCommand(name))
    expect(Tags).toEqual([{ Key: 'b', Value: '2' }])
    await client.send(new DeleteServerCertificateCommand(name))
    const error = await sdkError(client.send(new ListServerCertificateTagsCommand(name)))
    expect(error.name).toBe('NoSuchEntityException')
  })

  it('loads certificates from a fixture, keeps their keys in snapshots only', () => {
    const fixture: FixtureServerCertificate = {
      ServerCertificateName: 'web',
      Path: '/elb/',
      CertificateBody: leaf.certificate,
      PrivateKey: leaf.privateKey,
      CertificateChain: intermediate.certificate,
      UploadDate: '2024-01-31T12:00:00Z',
      Tags: [{ Key: 'team', Value: 'web' }],
    }
    const mock = createIamMock({ fixtures: { ServerCertificates: [fixture] } })
    const [view] = mock.store.serverCertificates()
    expect(view).toEqual({
      ServerCertificateName: 'web',
      Path: '/elb/',
      ServerCertificateId: expect.stringMatching(/^ASCA/),
      Arn: 'arn:aws:iam::123456789012:server-certificate/elb/web',
      CertificateBody: leaf.certificate.trimEnd(),
      CertificateChain: intermediate.certificate,
      UploadDate: new Date('2024-01-31T12:00:00Z'),
      Expiration: leaf.notAfter,
      Tags: [{ Key: 'team', Value: 'web' }],
    })
    const snapshot = mock.snapshot()
    expect(snapshot.ServerCertificates![0]!.PrivateKey).toBe(leaf.privateKey)
    expect(createIamMock({ fixtures: snapshot }).store.serverCertificates()).toEqual([view])
  })

  it('reports a fixture certificate whose key does not match, without the key', () => {
    const load = () =>
      createIamMock({
        fixtures: {
          ServerCertificates: [
            {
              ServerCertificateName: 'web',
              CertificateBody: root.certificate,
              PrivateKey: other.privateKey,
            },
          ],
        },
      })
    expect(load).toThrow(
      'Invalid msw-iam fixture: ServerCertificates[0]: The private key does not match the public key in the certificate.',
    )
  })
})
