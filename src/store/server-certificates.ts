import { IamError } from '../errors.js'
import {
  DerError,
  pemOnly,
  privateKeyPublicKey,
  readCertificate,
  readCertificatePem,
  readOr,
  sameBytes,
  samePublicKey,
  type X509Certificate,
} from './der.js'
import type { Entity } from './entity.js'
import { date, identifier, nonEmpty, tags, text, type Tag } from './fields.js'
import type { IamStore, Partition, StoreContext } from './store.js'
import { Table } from './table.js'

/** A server certificate (for ELB, CloudFront…), under AWS's member names. */
export interface ServerCertificateRecord {
  readonly ServerCertificateId: string
  readonly ServerCertificateName: string
  readonly Path: string
  readonly CertificateBody: string
  /** Never in a response, the view, the journal or an error: only in snapshots, to restore it. */
  readonly PrivateKey: string
  readonly CertificateChain?: string
  readonly UploadDate: Date
  /** The certificate's `notAfter`. */
  readonly Expiration: Date
  readonly Tags: readonly Tag[]
}

/** An upload: the record but what the store derives (the id may be a fixture's choice). */
export type NewServerCertificate = Omit<
  ServerCertificateRecord,
  'ServerCertificateId' | 'Expiration' | 'Tags'
> & {
  readonly Tags?: readonly Tag[]
  /** Fixtures choose their ids; otherwise the store mints an `ASCA…` one. */
  readonly ServerCertificateId?: string
}

/** How many server certificates an account may hold (AWS's quota, `ServerCertificatesQuota`). */
export const SERVER_CERTIFICATES_QUOTA = 20

export const serverCertificateErrors = {
  /** Recorded (Get, Delete). */
  notFound: (name: string) =>
    new IamError('NoSuchEntity', `The Server Certificate with name ${name} cannot be found.`, 404),
  /** Recorded (Upload). */
  exists: (name: string) =>
    new IamError(
      'EntityAlreadyExists',
      `The Server Certificate with name ${name} already exists.`,
      409,
    ),
  /** AWS's words, as users report them (not recorded). */
  malformedBody: () =>
    new IamError(
      'MalformedCertificate',
      'Unable to parse certificate. Please ensure the certificate is in PEM format.',
      400,
    ),
  /** @note Inferred wording, after the certificate's: it never quotes the key. */
  malformedKey: () =>
    new IamError(
      'MalformedCertificate',
      'Unable to parse private key. Please ensure the private key is in PEM format.',
      400,
    ),
  /** @note Inferred wording (the model names the code; no recording has the message). */
  mismatch: () =>
    new IamError(
      'KeyPairMismatch',
      'The private key does not match the public key in the certificate.',
      400,
    ),
  /** AWS's words, as users report them (not recorded); `index` counts from 0 in the chain. */
  chain: (index: number) =>
    new IamError(
      'MalformedCertificate',
      'Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. ' +
        `The index within the chain of the invalid certificate is: ${index}`,
      400,
    ),
  /** @note Inferred wording, as AWS words its other quotas. */
  quota: () =>
    new IamError(
      'LimitExceeded',
      `Cannot exceed quota for ServerCertificatesPerAccount: ${SERVER_CERTIFICATES_QUOTA}`,
      409,
    ),
}

/**
 * The certificate of an upload, checked as IAM checks it: the body is one PEM certificate, the
 * private key an unencrypted PEM key (RSA or EC) whose public key is the certificate's, and the
 * chain PEM certificates in order, each issuing the one before it.
 *
 * @note Inferred: the checks' order (body, key, match, chain); chain order is checked by issuer
 * and subject names (signatures are not verified: actions stay synchronous); Ed25519 keys and EC
 * keys without their public point are refused as unparseable; an expired certificate is taken.
 *
 * @throws MalformedCertificate, KeyPairMismatch
 */
export function checkServerCertificate(input: {
  CertificateBody: string
  PrivateKey: string
  CertificateChain?: string
}): X509Certificate {
  const certificate = readOr(
    () => readCertificatePem(input.CertificateBody),
    serverCertificateErrors.malformedBody,
  )
  const key = readOr(() => {
    // OpenSSL's `ecparam -genkey` writes the curve's parameters ahead of the key.
    const blocks = pemOnly(input.PrivateKey).filter((block) => block.label !== 'EC PARAMETERS')
    if (blocks.length !== 1) throw new DerError('one private key expected')
    return privateKeyPublicKey(blocks[0]!)
  }, serverCertificateErrors.malformedKey)
  if (!samePublicKey(key, certificate.key)) throw serverCertificateErrors.mismatch()
  if (input.CertificateChain !== undefined) checkChain(certificate, input.CertificateChain)
  return certificate
}

function checkChain(certificate: X509Certificate, chain: string): void {
  const blocks = readOr(
    () => pemOnly(chain),
    () => serverCertificateErrors.chain(0),
  )
  if (blocks.length === 0) throw serverCertificateErrors.chain(0)
  let issued = certificate
  blocks.forEach((block, index) => {
    const refused = () => serverCertificateErrors.chain(index)
    const issuer = readOr(() => {
      if (block.label !== 'CERTIFICATE') throw new DerError('not a certificate')
      return readCertificate(block.der)
    }, refused)
    if (!sameBytes(issuer.subject, issued.issuer)) throw refused()
    issued = issuer
  })
}

/** The account's server certificates, by name (unique under the dialect's case rule). */
export class ServerCertificates {
  readonly table: Table<ServerCertificateRecord>

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'server certificates',
      id: (certificate) => certificate.ServerCertificateId,
      unique: (certificate) => ctx.nameKey(certificate.ServerCertificateName),
      order: { by: 'key', key: (certificate) => ctx.nameKey(certificate.ServerCertificateName) },
    })
  }

  find(name: string): ServerCertificateRecord | undefined {
    return this.table.find(this.ctx.nameKey(name))
  }

  /** @throws NoSuchEntity */
  get(name: string): ServerCertificateRecord {
    const certificate = this.find(name)
    if (!certificate) throw serverCertificateErrors.notFound(name)
    return certificate
  }

  /**
   * @throws EntityAlreadyExists, MalformedCertificate, KeyPairMismatch, LimitExceeded
   *
   * @note Inferred: the name is checked before the certificate, the quota last.
   */
  upload(input: NewServerCertificate): ServerCertificateRecord {
    if (this.find(input.ServerCertificateName)) {
      throw serverCertificateErrors.exists(input.ServerCertificateName)
    }
    const certificate = checkServerCertificate(input)
    if (this.table.size >= SERVER_CERTIFICATES_QUOTA) throw serverCertificateErrors.quota()
    let id = input.ServerCertificateId
    if (id === undefined) {
      do id = this.ctx.config.newUniqueId('ASCA', 21)
      while (this.table.has(id))
    } else if (this.table.has(id)) {
      throw new IamError('EntityAlreadyExists', `Server certificate with id ${id} already exists.`)
    }
    return this.table.insert({
      ServerCertificateId: id,
      ServerCertificateName: input.ServerCertificateName,
      Path: input.Path,
      // @note Inferred: trailing whitespace is dropped from the body (moto does the same).
      CertificateBody: input.CertificateBody.trimEnd(),
      PrivateKey: input.PrivateKey,
      ...(input.CertificateChain !== undefined && { CertificateChain: input.CertificateChain }),
      UploadDate: input.UploadDate,
      Expiration: certificate.notAfter,
      Tags: input.Tags ?? [],
    })
  }

  /** Renames and/or moves a certificate. @throws EntityAlreadyExists */
  update(
    certificate: ServerCertificateRecord,
    change: Partial<Pick<ServerCertificateRecord, 'ServerCertificateName' | 'Path' | 'Tags'>>,
  ): void {
    const name = change.ServerCertificateName
    if (name !== undefined) {
      const holder = this.find(name)
      if (holder && holder.ServerCertificateId !== certificate.ServerCertificateId) {
        throw serverCertificateErrors.exists(name)
      }
    }
    this.table.update(certificate.ServerCertificateId, change)
  }

  delete(certificate: ServerCertificateRecord): void {
    this.table.delete(certificate.ServerCertificateId)
  }

  /** One page of certificates whose Path starts with `pathPrefix`, in name order, from a cursor. */
  list(pathPrefix: string, cursor: string | undefined, maxItems: number) {
    return this.table.page('', cursor, maxItems, (c) => c.Path.startsWith(pathPrefix))!
  }

  /** `arn:{partition}:iam::{account}:server-certificate{path}{name}` (recorded) */
  arn(
    certificate: ServerCertificateRecord,
    partition: Partition = this.ctx.config.partition,
  ): string {
    return `arn:${partition}:iam::${this.ctx.config.accountId}:server-certificate${certificate.Path}${certificate.ServerCertificateName}`
  }
}

/** Server certificates in fixtures: `ServerCertificates: [{ ServerCertificateName, … }]`. */
export const serverCertificateEntity: Entity<ServerCertificateRecord, undefined, IamStore> = {
  fields: {
    ServerCertificateName: text('serverCertificateNameType', { required: true }),
    Path: text('pathType', { fallback: () => '/' }),
    ServerCertificateId: identifier({ description: 'Default: a fresh ASCA… id.' }),
    CertificateBody: text('certificateBodyType', {
      required: true,
      description: 'The X.509 certificate, PEM (`BEGIN CERTIFICATE`).',
    }),
    // Not `text(privateKeyType)`: its errors quote the value.
    PrivateKey: nonEmpty({
      required: true,
      secret: true,
      description:
        'Its unencrypted private key, PEM (PKCS #1, SEC 1 or PKCS #8; RSA or EC). Never in a response or the view.',
    }),
    CertificateChain: text('certificateChainType', {
      description: 'The certificates that issued it, PEM, the immediate issuer first.',
    }),
    UploadDate: date(),
    Tags: tags(),
  },
  create: (values, _parent, store) =>
    store.serverCertificates.upload(values as unknown as NewServerCertificate),
  records: (store) => store.serverCertificates.table.ofGroup(),
  viewExtras: (certificate, store) => ({
    Arn: store.serverCertificates.arn(certificate),
    Expiration: new Date(certificate.Expiration),
  }),
}
