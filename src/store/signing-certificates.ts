import { sha1 } from '@noble/hashes/legacy.js'
import { base32 } from '@scure/base'
import { IamError } from '../errors.js'
import { readCertificatePem, readOr } from './der.js'
import type { Entity } from './entity.js'
import { custom, date, fail, text } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'
import { ownerOf, type Owner, type UserRecord } from './users.js'

export type SigningCertificateStatus = 'Active' | 'Inactive' | 'Expired'

/** An X.509 signing certificate of a user or of the root user, under AWS's member names. */
export interface SigningCertificateRecord {
  readonly CertificateId: string
  /** The owner: a user's id, or `ROOT_ID` (the account's signing certificates). */
  readonly OwnerId: string
  /** As uploaded. */
  readonly CertificateBody: string
  readonly Status: SigningCertificateStatus
  readonly UploadDate: Date
}

/** How many signing certificates a user (or the root user) may have (AWS's quota, recorded). */
export const SIGNING_CERTIFICATES_PER_USER = 2

export const signingCertificateErrors = {
  /** Recorded (Update and Delete); @note inferred: another user's certificate is as unknown. */
  notFound: (id: string) =>
    new IamError('NoSuchEntity', `The Certificate with id ${id} cannot be found.`, 404),
  /** Recorded: the body is quoted whole. */
  malformed: (body: string) =>
    new IamError('MalformedCertificate', `Certificate ${body} is malformed.`, 400),
  /** Recorded. */
  quota: () =>
    new IamError(
      'LimitExceeded',
      `Cannot exceed quota for CertificatesPerUser: ${SIGNING_CERTIFICATES_PER_USER}`,
      409,
    ),
  /** DeleteUser's refusal while the user has one. @note Inferred wording (not recorded). */
  userConflict: () =>
    new IamError(
      'DeleteConflict',
      'Cannot delete entity, must delete signing certificates first.',
      409,
    ),
  /** @note Inferred wording (the model names the code; no recording has the message). */
  duplicate: (id: string) =>
    new IamError('DuplicateCertificate', `The Certificate with id ${id} already exists.`, 409),
}

/**
 * The id IAM gives a signing certificate: derived from the certificate, so the same certificate
 * always has the same id (and is one IAM has already seen).
 *
 * @note Inferred: the base32 of the certificate's SHA-1 digest (32 characters), as IAM's ids look
 * (`TA7SMP42TDN5Z26OBPJE7…` in AWS's examples); the recordings replace them.
 */
export function signingCertificateId(body: string): string {
  const { der } = readOr(
    () => readCertificatePem(body),
    () => signingCertificateErrors.malformed(body),
  )
  return base32.encode(sha1(der))
}

/** Signing certificates, oldest first per owner. */
export class SigningCertificates {
  readonly table: Table<SigningCertificateRecord>

  constructor(ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'signing certificates',
      id: (certificate) => certificate.CertificateId,
      group: (certificate) => certificate.OwnerId,
      order: { by: 'insertion' },
    })
  }

  of(ownerId: string): SigningCertificateRecord[] {
    return this.table.ofGroup(ownerId)
  }

  /** The owner's certificate with that id: another's is as missing as an unknown one. */
  owned(owner: Owner, id: string): SigningCertificateRecord {
    const certificate = this.table.get(id)
    if (!certificate || certificate.OwnerId !== owner.id)
      throw signingCertificateErrors.notFound(id)
    return certificate
  }

  /** @throws MalformedCertificate, DuplicateCertificate, LimitExceeded */
  upload(
    owner: Owner,
    input: { CertificateBody: string; UploadDate: Date; Status?: SigningCertificateStatus },
  ): SigningCertificateRecord {
    const id = signingCertificateId(input.CertificateBody)
    // @note Inferred: a certificate IAM already holds (anyone's) is refused before the quota.
    if (this.table.has(id)) throw signingCertificateErrors.duplicate(id)
    if (this.table.countOf(owner.id) >= SIGNING_CERTIFICATES_PER_USER) {
      throw signingCertificateErrors.quota()
    }
    return this.table.insert({
      CertificateId: id,
      OwnerId: owner.id,
      CertificateBody: input.CertificateBody,
      Status: input.Status ?? 'Active',
      UploadDate: input.UploadDate,
    })
  }

  setStatus(certificate: SigningCertificateRecord, status: SigningCertificateStatus): void {
    this.table.update(certificate.CertificateId, { Status: status })
  }

  delete(certificate: SigningCertificateRecord): void {
    this.table.delete(certificate.CertificateId)
  }
}

/** Signing certificates in fixtures: under `Users[].SigningCertificates` and `Root.SigningCertificates`. */
export const signingCertificateEntity: Entity<
  SigningCertificateRecord,
  UserRecord | Owner,
  IamStore
> = {
  fields: {
    CertificateBody: custom(
      { required: true },
      (raw, path) => {
        if (typeof raw !== 'string') fail(path, 'must be an X.509 certificate (PEM text)')
        try {
          signingCertificateId(raw)
        } catch (error) {
          if (error instanceof IamError) fail(path, 'must be one X.509 certificate in PEM')
          throw error
        }
        return raw
      },
      {
        type: 'string',
        description: 'One X.509 certificate, PEM (`BEGIN CERTIFICATE`); its id derives from it.',
      },
    ),
    Status: text('statusType', { fallback: () => 'Active' }),
    UploadDate: date(),
  },
  create: (values, parent, store) =>
    store.signingCertificates.upload(
      ownerOf(parent),
      values as unknown as Parameters<SigningCertificates['upload']>[1],
    ),
  records: (store, parent) => store.signingCertificates.of(ownerOf(parent).id),
  viewExtras: (certificate) => ({ CertificateId: certificate.CertificateId }),
}
