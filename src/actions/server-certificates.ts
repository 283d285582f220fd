import type { ServerCertificateMetadata } from '@aws-sdk/client-iam'
import type { ServerCertificateRecord } from '../store/server-certificates.js'
import type { ActionContext } from './context.js'
import { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker, pageMembers } from './paging.js'
import { mergeTags, tagPage, withoutTags } from './roles.js'
import { checkTags } from './tags.js'
import type { ActionNotes, IamActions } from './types.js'

/** A server certificate's metadata, as every operation writes it (never its private key). */
function metadata(
  ctx: ActionContext,
  certificate: ServerCertificateRecord,
): ServerCertificateMetadata {
  return {
    Path: certificate.Path,
    ServerCertificateName: certificate.ServerCertificateName,
    ServerCertificateId: certificate.ServerCertificateId,
    Arn: ctx.store.serverCertificates.arn(certificate, ctx.partition),
    UploadDate: certificate.UploadDate,
    Expiration: certificate.Expiration,
  }
}

export const serverCertificateActions = {
  UploadServerCertificate(ctx, input) {
    const tags = input.Tags ?? []
    checkTags(tags)
    const certificate = ctx.store.serverCertificates.upload({
      ServerCertificateName: input.ServerCertificateName,
      Path: input.Path ?? '/',
      CertificateBody: input.CertificateBody,
      PrivateKey: input.PrivateKey,
      CertificateChain: input.CertificateChain,
      UploadDate: ctx.now,
      Tags: tags,
    })
    // @note Inferred: Tags only when some were given, as CreateInstanceProfile answers (recorded).
    return {
      ServerCertificateMetadata: metadata(ctx, certificate),
      ...(tags.length > 0 && { Tags: tags.map((tag) => ({ ...tag })) }),
    }
  },

  /** Tags even when there are none (recorded). */
  GetServerCertificate(ctx, input) {
    const certificate = ctx.store.serverCertificates.get(input.ServerCertificateName)
    return {
      ServerCertificate: {
        ServerCertificateMetadata: metadata(ctx, certificate),
        CertificateBody: certificate.CertificateBody,
        ...(certificate.CertificateChain !== undefined && {
          CertificateChain: certificate.CertificateChain,
        }),
        Tags: certificate.Tags.map((tag) => ({ ...tag })),
      },
    }
  },

  ListServerCertificates(ctx, input) {
    const cursor = input.Marker === undefined ? undefined : decodeMarker(input.Marker)
    const page = ctx.store.serverCertificates.list(
      input.PathPrefix ?? '/',
      cursor,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      ServerCertificateMetadataList: page.items.map((certificate) => metadata(ctx, certificate)),
      ...pageMembers(page.next === undefined ? undefined : encodeMarker(page.next)),
    }
  },

  UpdateServerCertificate(ctx, input) {
    const certificate = ctx.store.serverCertificates.get(input.ServerCertificateName)
    ctx.store.serverCertificates.update(certificate, {
      ...(input.NewServerCertificateName !== undefined && {
        ServerCertificateName: input.NewServerCertificateName,
      }),
      ...(input.NewPath !== undefined && { Path: input.NewPath }),
    })
  },

  DeleteServerCertificate(ctx, input) {
    const certificates = ctx.store.serverCertificates
    certificates.delete(certificates.get(input.ServerCertificateName))
  },

  TagServerCertificate(ctx, input) {
    const certificate = ctx.store.serverCertificates.get(input.ServerCertificateName)
    ctx.store.serverCertificates.update(certificate, {
      Tags: mergeTags(certificate.Tags, input.Tags, 'TagsPerServerCertificate'),
    })
  },

  UntagServerCertificate(ctx, input) {
    const certificate = ctx.store.serverCertificates.get(input.ServerCertificateName)
    ctx.store.serverCertificates.update(certificate, {
      Tags: withoutTags(certificate.Tags, input.TagKeys),
    })
  },

  ListServerCertificateTags(ctx, input) {
    return tagPage(ctx.store.serverCertificates.get(input.ServerCertificateName).Tags, input)
  },
} satisfies IamActions

export const serverCertificateNotes: ActionNotes<typeof serverCertificateActions> = {
  UploadServerCertificate:
    'real PEM parsing: the body one X.509 certificate, the private key unencrypted PEM (PKCS #1, SEC 1 or PKCS #8; RSA or EC) matching its public key (`KeyPairMismatch`), the chain issuer by issuer (`MalformedCertificate` with AWS’s texts); `Expiration` from the certificate; `Path`, `Tags`; `ASCA…` ids; 20 per account; the private key is never returned, listed, journaled or put in an error',
  GetServerCertificate: 'body, chain and tags (`[]` when none); never the private key',
  ListServerCertificates: '`PathPrefix`, paged; ordered by name',
  UpdateServerCertificate: 'rename and/or move (`NewServerCertificateName`, `NewPath`)',
  DeleteServerCertificate: '',
  TagServerCertificate: 'up to 50 tags, keys unique case-insensitively',
  UntagServerCertificate: '',
  ListServerCertificateTags: 'in the order they were added; paged',
}
