import { describe } from 'vitest'
import { useIam } from '../helpers.js'
import { certificate } from '../keys.js'
import { recordedFixture, replayer } from './harness.js'

/** `test_iam_signing_certificates`: a user's X.509 signing certificates, by id. */

useIam({ fixtures: recordedFixture })

const replay = replayer('test_iam_signing_certificates')
const UNKNOWN = 'NONEXISTENTCERTID12345678901'
const NOBODY = 'nonexistent-user'

describe('test_iam_signing_certificates, replayed', () => {
  replay('TestSigningCertificate::test_signing_certificate_lifecycle', async (r) => {
    await r.send('create-user', 'CreateUser', { UserName: 'U1' })
    const { Certificate } = await r.send('upload-certificate', 'UploadSigningCertificate', {
      UserName: 'U1',
      CertificateBody: certificate().certificate,
    })
    const id = { UserName: 'U1', CertificateId: Certificate.CertificateId }
    await r.send('list-certificates', 'ListSigningCertificates', { UserName: 'U1' })
    for (const Status of ['Inactive', 'Active'] as const) {
      const state = Status.toLowerCase()
      await r.send(`update-certificate-${state}`, 'UpdateSigningCertificate', { ...id, Status })
      await r.send(`list-certificates-after-${state}`, 'ListSigningCertificates', {
        UserName: 'U1',
      })
    }
    await r.send('delete-certificate', 'DeleteSigningCertificate', id)
    await r.send('list-certificates-after-delete', 'ListSigningCertificates', { UserName: 'U1' })
  })

  replay('TestSigningCertificate::test_signing_certificate_errors', async (r) => {
    await r.send('create-user', 'CreateUser', { UserName: 'U1' })
    const body = certificate().certificate
    await r.send('upload-nonexistent-user-error', 'UploadSigningCertificate', {
      UserName: NOBODY,
      CertificateBody: body,
    })
    await r.send('list-certificates-nonexistent-user-error', 'ListSigningCertificates', {
      UserName: NOBODY,
    })
    await r.send('delete-certificate-nonexistent-user-error', 'DeleteSigningCertificate', {
      UserName: NOBODY,
      CertificateId: UNKNOWN,
    })
    await r.send('update-certificate-nonexistent-user-error', 'UpdateSigningCertificate', {
      UserName: NOBODY,
      CertificateId: UNKNOWN,
      Status: 'Inactive',
    })
    await r.send('upload-invalid-certificate-error', 'UploadSigningCertificate', {
      UserName: 'U1',
      CertificateBody: 'invalid-certificate-body',
    })
    await r.send('update-nonexistent-certificate-error', 'UpdateSigningCertificate', {
      UserName: 'U1',
      CertificateId: UNKNOWN,
      Status: 'Inactive',
    })
    await r.send('delete-nonexistent-certificate-error', 'DeleteSigningCertificate', {
      UserName: 'U1',
      CertificateId: UNKNOWN,
    })
    for (const key of [
      'upload-certificate-1',
      'upload-certificate-2',
      'upload-exceeds-limit-error',
    ]) {
      await r.send(key, 'UploadSigningCertificate', {
        UserName: 'U1',
        CertificateBody: certificate().certificate,
      })
    }
  })
})
