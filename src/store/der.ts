import * as asn1js from 'asn1js'

/**
 * PEM and DER as IAM's key and certificate families read them: PEM blocks, ASN.1 through
 * `asn1js` (synchronous and browser-safe, so actions stay synchronous), and the public key that
 * a certificate, a private key or an SSH key holds, in one comparable form.
 */

/** Input that is not the PEM, DER or key it should be; each family turns it into its IamError. */
export class DerError extends Error {
  override readonly name = 'DerError'
}

/** A public key, as comparable across encodings (a certificate's, a private key's, an SSH key's). */
export type PublicKey =
  | { readonly type: 'rsa'; readonly n: Uint8Array; readonly e: Uint8Array }
  | { readonly type: 'ec'; readonly curve: string; readonly point: Uint8Array }
  | { readonly type: 'ed25519'; readonly key: Uint8Array }

export interface PemBlock {
  readonly label: string
  readonly der: Uint8Array
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n?-----END \1-----/g

/** Every PEM block of `text`, in order. @throws DerError when a block's base64 is broken */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = []
  for (const match of text.matchAll(PEM_BLOCK)) {
    const body = match[2]!
    // Encrypted traditional keys carry headers (`Proc-Type: 4,ENCRYPTED`): not base64.
    if (/^[\w-]+:/m.test(body)) throw new DerError(`${match[1]} has headers`)
    blocks.push({ label: match[1]!, der: base64Bytes(body.replace(/\s+/g, '')) })
  }
  return blocks
}

/** @throws DerError */
export function base64Bytes(text: string): Uint8Array {
  if (text === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new DerError('not base64')
  }
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0))
  } catch {
    throw new DerError('not base64')
  }
}

export function bytesBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** A PEM block of `label` for `der`, 64 characters a line, as OpenSSL writes it. */
export function pem(label: string, der: Uint8Array): string {
  const lines = bytesBase64(der).match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/** One DER value that fills `der` exactly. @throws DerError */
export function parseDer(der: Uint8Array): asn1js.AsnType {
  const parsed = asn1js.fromBER(der)
  if (parsed.offset === -1 || parsed.offset !== der.length || parsed.result.error) {
    throw new DerError('not DER')
  }
  return parsed.result
}

/** The items of a SEQUENCE, SET or explicitly tagged value. @throws DerError */
export function items(node: asn1js.AsnType | undefined, least = 0): asn1js.AsnType[] {
  const value = (node as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock?.value
  if (!Array.isArray(value) || value.length < least) throw new DerError('not a sequence')
  return value as asn1js.AsnType[]
}

/** An INTEGER's magnitude, without leading zero bytes. @throws DerError */
export function integer(node: asn1js.AsnType | undefined): Uint8Array {
  if (!(node instanceof asn1js.Integer)) throw new DerError('not an integer')
  return unsigned(node.valueBlock.valueHexView)
}

export function unsigned(bytes: Uint8Array): Uint8Array {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  return bytes.slice(start)
}

/** @throws DerError */
export function oid(node: asn1js.AsnType | undefined): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw new DerError('not an object identifier')
  return node.valueBlock.toString()
}

/** A BIT STRING's bytes (whole bytes only). @throws DerError */
export function bitString(node: asn1js.AsnType | undefined): Uint8Array {
  if (!(node instanceof asn1js.BitString) || node.valueBlock.unusedBits !== 0) {
    throw new DerError('not a bit string')
  }
  return node.valueBlock.valueHexView
}

/** @throws DerError */
export function octetString(node: asn1js.AsnType | undefined): Uint8Array {
  if (!(node instanceof asn1js.OctetString)) throw new DerError('not an octet string')
  return node.valueBlock.valueHexView
}

/** A UTCTime or GeneralizedTime. @throws DerError */
export function time(node: asn1js.AsnType | undefined): Date {
  if (!(node instanceof asn1js.UTCTime)) throw new DerError('not a time')
  const date = node.toDate()
  if (Number.isNaN(date.getTime())) throw new DerError('not a time')
  return date
}

/** A context-specific tag `[n]` (explicit or implicit). */
export function isTagged(node: asn1js.AsnType | undefined, n: number): boolean {
  return node?.idBlock.tagClass === 3 && node.idBlock.tagNumber === n
}

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
} as const

/** The named curves IAM's keys may use, by OID, as OpenSSH names them. */
export const CURVES: Readonly<Record<string, string>> = {
  '1.2.840.10045.3.1.7': 'nistp256',
  '1.3.132.0.34': 'nistp384',
  '1.3.132.0.35': 'nistp521',
}

/** A SubjectPublicKeyInfo's key. @throws DerError for an algorithm it cannot read */
export function readSpki(node: asn1js.AsnType | undefined): PublicKey {
  const [algorithm, key] = items(node, 2)
  const [id, parameters] = items(algorithm, 1)
  const bits = bitString(key)
  switch (oid(id)) {
    case OID.rsaEncryption:
      return readRsaPublicKey(parseDer(bits))
    case OID.ecPublicKey: {
      const curve = CURVES[oid(parameters)]
      if (!curve) throw new DerError('unknown curve')
      return { type: 'ec', curve, point: bits }
    }
    case OID.ed25519:
      if (bits.length !== 32) throw new DerError('not an Ed25519 key')
      return { type: 'ed25519', key: bits }
    default:
      throw new DerError('unknown key algorithm')
  }
}

/** PKCS #1 RSAPublicKey: `SEQUENCE { n, e }`. @throws DerError */
export function readRsaPublicKey(node: asn1js.AsnType): PublicKey {
  const [n, e] = items(node, 2)
  return { type: 'rsa', n: integer(n), e: integer(e) }
}

/** A SubjectPublicKeyInfo for an RSA key (what `BEGIN PUBLIC KEY` holds). */
export function rsaSpki(n: Uint8Array, e: Uint8Array): Uint8Array {
  const positive = (bytes: Uint8Array) =>
    new asn1js.Integer({
      valueHex: (bytes[0]! & 0x80 ? Uint8Array.of(0, ...bytes) : bytes).slice().buffer,
    })
  const rsaKey = new asn1js.Sequence({ value: [positive(n), positive(e)] }).toBER()
  return new Uint8Array(
    new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [new asn1js.ObjectIdentifier({ value: OID.rsaEncryption }), new asn1js.Null()],
        }),
        new asn1js.BitString({ valueHex: rsaKey }),
      ],
    }).toBER(),
  )
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

export function samePublicKey(a: PublicKey, b: PublicKey): boolean {
  if (a.type === 'rsa' && b.type === 'rsa') return sameBytes(a.n, b.n) && sameBytes(a.e, b.e)
  if (a.type === 'ec' && b.type === 'ec') return a.curve === b.curve && sameBytes(a.point, b.point)
  if (a.type === 'ed25519' && b.type === 'ed25519') return sameBytes(a.key, b.key)
  return false
}

/** The size of an RSA modulus in bits. */
export function modulusBits(n: Uint8Array): number {
  if (n.length === 0 || n[0] === 0) return 0
  return (n.length - 1) * 8 + (32 - Math.clz32(n[0]!))
}

/** The parts of an X.509 certificate IAM reads. */
export interface X509Certificate {
  /** The whole certificate's DER. */
  readonly der: Uint8Array
  /** The issuer's and the subject's Name, as DER (compared byte for byte along a chain). */
  readonly issuer: Uint8Array
  readonly subject: Uint8Array
  readonly notBefore: Date
  readonly notAfter: Date
  readonly key: PublicKey
}

/**
 * RFC 5280's `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }`.
 * @throws DerError
 */
export function readCertificate(der: Uint8Array): X509Certificate {
  const [tbs, algorithm, signature] = items(parseDer(der), 3)
  items(algorithm, 1)
  bitString(signature)
  const fields = items(tbs, 6)
  // `version [0] EXPLICIT` is left out for v1 certificates.
  const at = isTagged(fields[0], 0) ? 1 : 0
  const [serial, , issuer, validity, subject, spki] = fields.slice(at)
  integer(serial)
  const [notBefore, notAfter] = items(validity, 2)
  return {
    der,
    issuer: encoded(issuer, 'issuer'),
    subject: encoded(subject, 'subject'),
    notBefore: time(notBefore),
    notAfter: time(notAfter),
    key: readSpki(spki),
  }
}

function encoded(node: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1js.Sequence)) throw new DerError(`no ${what}`)
  return node.valueBeforeDecodeView
}

/**
 * The public half of an unencrypted private key: PKCS #1 (`BEGIN RSA PRIVATE KEY`), SEC 1
 * (`BEGIN EC PRIVATE KEY`, with the public point OpenSSL writes into it) or PKCS #8
 * (`BEGIN PRIVATE KEY`) holding either.
 *
 * @throws DerError for anything else: an encrypted key, Ed25519 (whose public key would have to
 * be computed), an EC key without its public point
 */
export function privateKeyPublicKey(block: PemBlock): PublicKey {
  const node = parseDer(block.der)
  if (block.label === 'RSA PRIVATE KEY') return rsaPrivateKey(node)
  if (block.label === 'EC PRIVATE KEY') return ecPrivateKey(node)
  if (block.label !== 'PRIVATE KEY') throw new DerError('not an unencrypted private key')
  const [version, algorithm, key] = items(node, 3)
  integer(version)
  const [id, parameters] = items(algorithm, 1)
  const inner = parseDer(octetString(key))
  switch (oid(id)) {
    case OID.rsaEncryption:
      return rsaPrivateKey(inner)
    case OID.ecPublicKey:
      return ecPrivateKey(inner, CURVES[oid(parameters)])
    default:
      throw new DerError('unsupported private key algorithm')
  }
}

/** `RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv }` */
function rsaPrivateKey(node: asn1js.AsnType): PublicKey {
  const [, n, e] = items(node, 9)
  return { type: 'rsa', n: integer(n), e: integer(e) }
}

/** `ECPrivateKey ::= SEQUENCE { version 1, privateKey, [0] parameters, [1] publicKey }` */
function ecPrivateKey(node: asn1js.AsnType, curve?: string): PublicKey {
  const [version, secret, ...tagged] = items(node, 2)
  integer(version)
  octetString(secret)
  const parameters = tagged.find((item) => isTagged(item, 0))
  const named = parameters ? CURVES[oid(items(parameters, 1)[0])] : curve
  const publicKey = tagged.find((item) => isTagged(item, 1))
  if (!named) throw new DerError('unknown curve')
  if (!publicKey) throw new DerError('no public key')
  return { type: 'ec', curve: named, point: bitString(items(publicKey, 1)[0]) }
}

/**
 * The PEM blocks of a text that holds nothing else (whitespace aside).
 * @throws DerError when other text surrounds them
 */
export function pemOnly(text: string): PemBlock[] {
  if (text.replace(PEM_BLOCK, '').trim() !== '') throw new DerError('text outside PEM blocks')
  return pemBlocks(text)
}

/**
 * The one certificate of a PEM text (`BEGIN CERTIFICATE`, nothing else around it).
 * @throws DerError
 */
export function readCertificatePem(text: string): X509Certificate {
  const blocks = pemOnly(text)
  if (blocks.length !== 1 || blocks[0]!.label !== 'CERTIFICATE') {
    throw new DerError('one certificate expected')
  }
  return readCertificate(blocks[0]!.der)
}

/** `read()`, with a DerError turned into the family's own refusal. */
export function readOr<T>(read: () => T, refusal: () => Error): T {
  try {
    return read()
  } catch (error) {
    throw error instanceof DerError ? refusal() : error
  }
}
