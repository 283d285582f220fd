import { describe } from 'vitest'
import { useIam } from '../helpers.js'
import { certificate } from '../keys.js'
import { recordedFixture, replayer, type Replay } from './harness.js'

/**
 * `test_iam_server_certificates`: server certificates by name, with a fresh self-signed root CA
 * (RSA-2048, SHA-256, ten years, BasicConstraints CA) and its traditional OpenSSL key, as the
 * recording's.
 */

useIam({ fixtures: recordedFixture })

const replay = replayer('test_iam_server_certificates')

const upload = (r: Replay, key: string, input: object = {}) => {
  const ca = certificate('/CN=test-root-ca.example.com')
  return r.send(key, 'UploadServerCertificate', {
    ServerCertificateName: 'C1',
    CertificateBody: ca.certificate,
    PrivateKey: ca.privateKey,
    ...input,
  })
}

describe('test_iam_server_certificates, replayed', () => {
  for (const path of [undefined, '/', '/test-path/']) {
    replay(
      `TestServerCertificate::test_server_certificate_lifecycle[${path ?? 'None'}]`,
      async (r) => {
        await upload(r, 'upload-certificate', path === undefined ? {} : { Path: path })
        const { ServerCertificateMetadataList } = await r.send(undefined, 'ListServerCertificates')
        r.keep('list-certificates', {
          ...r.boto3(
            {
              $metadata: { httpStatusCode: 200 },
              IsTruncated: false,
              ServerCertificateMetadataList: ServerCertificateMetadataList.filter(
                (c: { ServerCertificateName: string }) => c.ServerCertificateName === 'C1',
              ),
            },
            'ListServerCertificates',
          ),
        })
        if (path === '/test-path/') {
          await r.send('list-certificates-with-path', 'ListServerCertificates', {
            PathPrefix: path,
          })
        }
        await r.send('get-certificate', 'GetServerCertificate', { ServerCertificateName: 'C1' })
        await r.send('delete-certificate', 'DeleteServerCertificate', {
          ServerCertificateName: 'C1',
        })
        await r.send('get-deleted-certificate-error', 'GetServerCertificate', {
          ServerCertificateName: 'C1',
        })
      },
    )
  }

  replay('TestServerCertificate::test_server_certificate_with_chain', async (r) => {
    const root = certificate('/CN=test-root-ca.example.com')
    const leaf = root.sign('/CN=test-leaf.example.com')
    await r.send('upload-certificate-with-chain', 'UploadServerCertificate', {
      ServerCertificateName: 'C1',
      CertificateBody: leaf.certificate,
      PrivateKey: leaf.privateKey,
      CertificateChain: root.certificate,
    })
    await r.send('get-certificate-with-chain', 'GetServerCertificate', {
      ServerCertificateName: 'C1',
    })
  })

  replay('TestServerCertificate::test_server_certificate_errors', async (r) => {
    const missing = { ServerCertificateName: 'nonexistent-certificate' }
    await r.send('get-nonexistent-certificate-error', 'GetServerCertificate', missing)
    await r.send('delete-nonexistent-certificate-error', 'DeleteServerCertificate', missing)
    await upload(r, 'upload-certificate')
    await upload(r, 'upload-duplicate-certificate-error')
  })
})
