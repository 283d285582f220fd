import { md5 } from '@noble/hashes/legacy.js'
import { IamError } from '../errors.js'
import {
  base64Bytes,
  bytesBase64,
  CURVES,
  DerError,
  modulusBits,
  parseDer,
  pem,
  pemBlocks,
  readRsaPublicKey,
  readSpki,
  rsaSpki,
  unsigned,
  type PublicKey,
} from './der.js'
import type { Entity } from './entity.js'
import { custom, date, fail, text } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'
import type { UserRecord } from './users.js'

export type SshKeyStatus = 'Active' | 'Inactive' | 'Expired'

/** An SSH public key of a user (for CodeCommit), under AWS's member names. */
export interface SshPublicKeyRecord {
  readonly SSHPublicKeyId: string
  readonly UserId: string
  /** As uploaded (OpenSSH or PEM). */
  readonly SSHPublicKeyBody: string
  /** The MD5 digest of the key's SSH wire form, as `xx:xx:…`. */
  readonly Fingerprint: string
  readonly Status: SshKeyStatus
  readonly UploadDate: Date
}

/** How many SSH public keys a user may have (AWS's quota). */
export const SSH_KEYS_PER_USER = 5

/** The fewest bits an RSA key may have (AWS's documented minimum). */
const MIN_RSA_BITS = 2048

export const sshKeyErrors = {
  /** Recorded for Get, Update and Delete; @note inferred: a key of another user is as unknown. */
  notFound: (id: string) =>
    new IamError('NoSuchEntity', `The Public Key with id ${id} cannot be found.`, 404),
  /** @note Inferred wording (the model names the code; no recording has the message). */
  invalid: () =>
    new IamError('InvalidPublicKey', 'Key is not in valid OpenSSH public key format', 400),
  /** @note Inferred wording and condition (AWS documents a 2048-bit minimum). */
  tooShort: () =>
    new IamError(
      'InvalidPublicKey',
      `Key length must be at least ${MIN_RSA_BITS} bits for RSA keys.`,
      400,
    ),
  /** @note Inferred wording: a well-formed key of a type IAM does not take (ECDSA, Ed25519). */
  unrecognized: () =>
    new IamError(
      'UnrecognizedPublicKeyEncoding',
      'The public key encoding format is unsupported or unrecognized.',
      400,
    ),
  /** @note Inferred wording. */
  duplicate: () =>
    new IamError(
      'DuplicateSSHPublicKey',
      'The SSH public key is already associated with the specified IAM user.',
      400,
    ),
  /** @note Inferred wording, as AWS words its other per-user quotas. */
  quota: () =>
    new IamError(
      'LimitExceeded',
      `Cannot exceed quota for PublicKeysPerUser: ${SSH_KEYS_PER_USER}`,
      409,
    ),
}

/** A parsed SSH public key: its type, its key, and its OpenSSH wire blob. */
export interface SshKey {
  readonly key: PublicKey
  /** The OpenSSH key type: `ssh-rsa`, `ecdsa-sha2-nistp256`, `ssh-ed25519`… */
  readonly type: string
  readonly blob: Uint8Array
  readonly format: 'SSH' | 'PEM'
}

/**
 * Reads an OpenSSH (`ssh-rsa AAAA… comment`) or PEM (`BEGIN PUBLIC KEY` / `BEGIN RSA PUBLIC KEY`)
 * public key. @throws DerError when it is neither
 */
export function parseSshPublicKey(body: string): SshKey {
  const trimmed = body.trim()
  if (trimmed.startsWith('-----BEGIN')) {
    const blocks = pemBlocks(trimmed)
    if (blocks.length !== 1) throw new DerError('one PEM block expected')
    const { label, der } = blocks[0]!
    let key: PublicKey
    if (label === 'PUBLIC KEY') key = readSpki(parseDer(der))
    else if (label === 'RSA PUBLIC KEY') key = readRsaPublicKey(parseDer(der))
    else throw new DerError('not a public key')
    const { type, blob } = sshBlob(key)
    return { key, type, blob, format: 'PEM' }
  }
  const match = /^(\S+)\s+([A-Za-z0-9+/]+={0,2})(?:\s.*)?$/s.exec(trimmed)
  if (!match) throw new DerError('not an OpenSSH public key')
  const blob = base64Bytes(match[2]!)
  const reader = new WireReader(blob)
  const type = reader.text()
  if (type !== match[1]) throw new DerError('key type mismatch')
  let key: PublicKey
  if (type === 'ssh-rsa') {
    const e = unsigned(reader.bytes())
    key = { type: 'rsa', n: unsigned(reader.bytes()), e }
  } else if (type === 'ssh-ed25519') {
    key = { type: 'ed25519', key: reader.bytes() }
    if (key.key.length !== 32) throw new DerError('not an Ed25519 key')
  } else if (type.startsWith('ecdsa-sha2-')) {
    const curve = reader.text()
    if (`ecdsa-sha2-${curve}` !== type || !Object.values(CURVES).includes(curve)) {
      throw new DerError('unknown curve')
    }
    key = { type: 'ec', curve, point: reader.bytes() }
  } else {
    throw new DerError('unknown key type')
  }
  reader.end()
  return { key, type, blob, format: 'SSH' }
}

/** The key's OpenSSH wire blob: `string type, …` as RFC 4253 §6.6 and RFC 5656 lay them out. */
function sshBlob(key: PublicKey): { type: string; blob: Uint8Array } {
  if (key.type === 'rsa') {
    return { type: 'ssh-rsa', blob: wire(text('ssh-rsa'), mpint(key.e), mpint(key.n)) }
  }
  if (key.type === 'ec') {
    const type = `ecdsa-sha2-${key.curve}`
    return { type, blob: wire(text(type), text(key.curve), key.point) }
  }
  return { type: 'ssh-ed25519', blob: wire(text('ssh-ed25519'), key.key) }
  function text(value: string) {
    return new TextEncoder().encode(value)
  }
  function mpint(value: Uint8Array) {
    return value[0]! & 0x80 ? Uint8Array.of(0, ...value) : value
  }
}

function wire(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, part) => size + 4 + part.length, 0))
  const view = new DataView(out.buffer)
  let at = 0
  for (const part of parts) {
    view.setUint32(at, part.length)
    out.set(part, at + 4)
    at += 4 + part.length
  }
  return out
}

class WireReader {
  private at = 0
  constructor(private readonly blob: Uint8Array) {}

  bytes(): Uint8Array {
    if (this.at + 4 > this.blob.length) throw new DerError('truncated key')
    const length = new DataView(this.blob.buffer, this.blob.byteOffset).getUint32(this.at)
    const start = this.at + 4
    if (start + length > this.blob.length) throw new DerError('truncated key')
    this.at = start + length
    return this.blob.slice(start, this.at)
  }

  text(): string {
    return new TextDecoder().decode(this.bytes())
  }

  end(): void {
    if (this.at !== this.blob.length) throw new DerError('trailing bytes')
  }
}

/** The MD5 fingerprint IAM shows: the digest of the wire blob as colon-separated hex pairs. */
export function sshFingerprint(blob: Uint8Array): string {
  return [...md5(blob)].map((byte) => byte.toString(16).padStart(2, '0')).join(':')
}

/**
 * A key IAM accepts: an RSA key of at least 2048 bits, in either encoding.
 * @throws InvalidPublicKey, UnrecognizedPublicKeyEncoding
 */
export function acceptedSshKey(body: string): SshKey {
  let parsed: SshKey
  try {
    parsed = parseSshPublicKey(body)
  } catch (error) {
    if (error instanceof DerError) throw sshKeyErrors.invalid()
    throw error
  }
  // @note Inferred: IAM keys are for CodeCommit, which takes RSA keys only.
  if (parsed.key.type !== 'rsa') throw sshKeyErrors.unrecognized()
  if (modulusBits(parsed.key.n) < MIN_RSA_BITS) throw sshKeyErrors.tooShort()
  return parsed
}

/**
 * The key in the encoding GetSSHPublicKey asks for. `SSH`: `ssh-rsa <base64>` (an OpenSSH body
 * as uploaded); `PEM`: a `BEGIN PUBLIC KEY` block (a PEM body as uploaded).
 *
 * @note Inferred: how IAM converts between the encodings (what it returns for a key uploaded in
 * the other one) is not recorded.
 */
export function encodeSshKey(record: SshPublicKeyRecord, encoding: 'SSH' | 'PEM'): string {
  const parsed = parseSshPublicKey(record.SSHPublicKeyBody)
  if (parsed.format === encoding) return record.SSHPublicKeyBody
  if (encoding === 'SSH') return `${parsed.type} ${bytesBase64(parsed.blob)}`
  const key = parsed.key as Extract<PublicKey, { type: 'rsa' }>
  return pem('PUBLIC KEY', rsaSpki(key.n, key.e))
}

/** Users' SSH public keys, oldest first per user. */
export class SshPublicKeys {
  readonly table: Table<SshPublicKeyRecord>

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'ssh public keys',
      id: (key) => key.SSHPublicKeyId,
      group: (key) => key.UserId,
      order: { by: 'insertion' },
    })
  }

  of(userId: string): SshPublicKeyRecord[] {
    return this.table.ofGroup(userId)
  }

  /** The user's key with that id: another user's is as missing as an unknown one. */
  owned(user: UserRecord, id: string): SshPublicKeyRecord {
    const key = this.table.get(id)
    if (!key || key.UserId !== user.UserId) throw sshKeyErrors.notFound(id)
    return key
  }

  /** @throws InvalidPublicKey, UnrecognizedPublicKeyEncoding, DuplicateSSHPublicKey, LimitExceeded */
  upload(
    user: UserRecord,
    input: {
      SSHPublicKeyBody: string
      UploadDate: Date
      SSHPublicKeyId?: string
      Status?: SshKeyStatus
    },
  ): SshPublicKeyRecord {
    const parsed = acceptedSshKey(input.SSHPublicKeyBody)
    const fingerprint = sshFingerprint(parsed.blob)
    const keys = this.of(user.UserId)
    if (keys.some((key) => key.Fingerprint === fingerprint)) throw sshKeyErrors.duplicate()
    if (keys.length >= SSH_KEYS_PER_USER) throw sshKeyErrors.quota()
    let id = input.SSHPublicKeyId
    if (id === undefined) {
      do id = this.ctx.config.newUniqueId('APKA', 21)
      while (this.table.has(id))
    } else if (this.table.has(id)) {
      throw new IamError('EntityAlreadyExists', `Public key ${id} already exists.`, 409)
    }
    return this.table.insert({
      SSHPublicKeyId: id,
      UserId: user.UserId,
      SSHPublicKeyBody: input.SSHPublicKeyBody,
      Fingerprint: fingerprint,
      Status: input.Status ?? 'Active',
      UploadDate: input.UploadDate,
    })
  }

  setStatus(key: SshPublicKeyRecord, status: SshKeyStatus): void {
    this.table.update(key.SSHPublicKeyId, { Status: status })
  }

  delete(key: SshPublicKeyRecord): void {
    this.table.delete(key.SSHPublicKeyId)
  }
}

/** SSH keys in fixtures: under `Users[].SSHPublicKeys`. */
export const sshPublicKeyEntity: Entity<SshPublicKeyRecord, UserRecord, IamStore> = {
  fields: {
    SSHPublicKeyBody: custom(
      { required: true },
      (raw, path) => {
        if (typeof raw !== 'string') fail(path, 'must be an SSH public key (text)')
        try {
          acceptedSshKey(raw)
        } catch (error) {
          if (error instanceof IamError) fail(path, error.message)
          throw error
        }
        return raw
      },
      {
        type: 'string',
        description: 'An RSA public key (2048 bits or more), OpenSSH `ssh-rsa …` or PEM.',
      },
    ),
    SSHPublicKeyId: text('publicKeyIdType', { description: 'Default: a fresh APKA… id.' }),
    Status: text('statusType', { fallback: () => 'Active' }),
    UploadDate: date(),
  },
  create: (values, user, store) =>
    store.sshPublicKeys.upload(user, values as unknown as Parameters<SshPublicKeys['upload']>[1]),
  records: (store, user) => store.sshPublicKeys.of(user.UserId),
  viewExtras: (key) => ({ Fingerprint: key.Fingerprint }),
}
