import type { SigningCertificate } from '@aws-sdk/client-iam'
import type { SigningCertificateRecord } from '../store/signing-certificates.js'
import type { Owner } from '../store/users.js'
import type { ActionContext } from './context.js'
import { ownerName, targetOwner } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import type { ActionNotes, IamActions } from './types.js'

/**
 * A signing certificate in AWS's shape. The root user's (the account's signing certificates)
 * carry the dialect's name for root, or else the account id.
 *
 * @note Inferred: the model requires a UserName, which the root user does not have; the account
 * id stands for it, as CloudTrail names the root by its account id.
 */
function signingCertificate(
  ctx: ActionContext,
  owner: Owner,
  certificate: SigningCertificateRecord,
): SigningCertificate {
  return {
    UserName: ownerName(ctx, owner) ?? ctx.store.accountId,
    CertificateId: certificate.CertificateId,
    CertificateBody: certificate.CertificateBody,
    Status: certificate.Status,
    UploadDate: certificate.UploadDate,
  }
}

export const signingCertificateActions = {
  UploadSigningCertificate(ctx, input) {
    const owner = targetOwner(ctx, input.UserName)
    const certificate = ctx.store.signingCertificates.upload(owner, {
      CertificateBody: input.CertificateBody,
      UploadDate: ctx.now,
    })
    return { Certificate: signingCertificate(ctx, owner, certificate) }
  },

  /** @note Inferred: oldest first, paged by certificate id. */
  ListSigningCertificates(ctx, input) {
    const owner = targetOwner(ctx, input.UserName)
    const page = pageOf(
      ctx.store.signingCertificates.of(owner.id),
      (certificate) => certificate.CertificateId,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      Certificates: page.items.map((certificate) => signingCertificate(ctx, owner, certificate)),
      ...pageMembers(page.marker),
    }
  },

  UpdateSigningCertificate(ctx, input) {
    const owner = targetOwner(ctx, input.UserName)
    const certificate = ctx.store.signingCertificates.owned(owner, input.CertificateId)
    ctx.store.signingCertificates.setStatus(certificate, input.Status)
  },

  DeleteSigningCertificate(ctx, input) {
    const owner = targetOwner(ctx, input.UserName)
    const certificates = ctx.store.signingCertificates
    certificates.delete(certificates.owned(owner, input.CertificateId))
  },
} satisfies IamActions

export const signingCertificateNotes: ActionNotes<typeof signingCertificateActions> = {
  UploadSigningCertificate:
    'one PEM X.509 certificate (else `MalformedCertificate`, quoting the body); its id derives from the certificate (base32 of its SHA-1), so the same certificate twice is `DuplicateCertificate`; 2 per user; without `UserName`: the caller’s (root: the account’s)',
  ListSigningCertificates:
    'with their bodies, oldest first; without `UserName`: the caller’s; paged',
  UpdateSigningCertificate: '`Active` / `Inactive`',
  DeleteSigningCertificate: '',
}
