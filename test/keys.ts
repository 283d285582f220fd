import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Keys and certificates made at test time by the real tools (`ssh-keygen`, `openssl`), so the
 * mock is checked against what they write and compute, not against itself.
 */

export interface SshKeyPair {
  /** `ssh-rsa AAAA… comment`, as ssh-keygen writes `id_rsa.pub`. */
  readonly openssh: string
  /** The same key as `BEGIN PUBLIC KEY` (ssh-keygen -e -m PKCS8). */
  readonly spki: string
  /** The same key as `BEGIN RSA PUBLIC KEY` (ssh-keygen -e -m PEM). */
  readonly pkcs1: string
  /** `aa:bb:…`, as `ssh-keygen -l -E md5` prints it. */
  readonly md5: string
}

function inTemp<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'msw-iam-keys-'))
  try {
    return work(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const run = (command: string, args: string[], input?: string) =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], input })

/** A fresh SSH key of `type` (`rsa`, `ecdsa`, `ed25519`) in every form IAM may be given. */
export function sshKey(type: 'rsa' | 'ecdsa' | 'ed25519' = 'rsa', bits = 2048): SshKeyPair {
  return inTemp((dir) => {
    const file = join(dir, 'key')
    run('ssh-keygen', [
      '-q',
      '-t',
      type,
      ...(type === 'ed25519' ? [] : ['-b', String(bits)]),
      '-N',
      '',
      '-C',
      'test@example.com',
      '-f',
      file,
    ])
    const pub = `${file}.pub`
    const openssh = readFileSync(pub, 'utf8').trim()
    const exported = (format: string) =>
      type === 'ed25519' ? '' : run('ssh-keygen', ['-e', '-m', format, '-f', pub])
    const md5 = /MD5:([0-9a-f:]+)/.exec(run('ssh-keygen', ['-l', '-E', 'md5', '-f', pub]))![1]!
    return { openssh, spki: exported('PKCS8'), pkcs1: exported('PEM'), md5 }
  })
}

export interface CertificateAndKey {
  /** The certificate, PEM. */
  readonly certificate: string
  /** Its private key, traditional (`BEGIN RSA PRIVATE KEY`) or SEC1 (`BEGIN EC PRIVATE KEY`). */
  readonly privateKey: string
  /** The same key as PKCS #8 (`BEGIN PRIVATE KEY`). */
  readonly pkcs8: string
  /** `notAfter`, as openssl reads it. */
  readonly notAfter: Date
  /** The key file, for signing other certificates. */
  readonly sign: (subject: string, days?: number) => CertificateAndKey
}

/**
 * A fresh self-signed certificate (RSA-2048 or P-256, SHA-256), as `openssl req -x509` makes it,
 * able to sign others.
 */
export function certificate(
  subject = '/CN=test.example.com',
  options: { days?: number; key?: 'rsa' | 'ec' } = {},
): CertificateAndKey {
  return inTemp((dir) => {
    const key = join(dir, 'key.pem')
    if (options.key === 'ec') {
      run('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key])
    } else {
      run('openssl', ['genrsa', '-traditional', '-out', key, '2048'])
    }
    const cert = join(dir, 'cert.pem')
    run('openssl', [
      'req',
      '-x509',
      '-new',
      '-key',
      key,
      '-sha256',
      '-days',
      String(options.days ?? 3650),
      '-subj',
      subject,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-out',
      cert,
    ])
    return described(key, cert)
  })
}

function described(key: string, cert: string): CertificateAndKey {
  const certificate = readFileSync(cert, 'utf8')
  const privateKey = readFileSync(key, 'utf8')
  const pkcs8 = run('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', key])
  const notAfter = new Date(
    run('openssl', ['x509', '-noout', '-enddate', '-in', cert]).trim().replace('notAfter=', ''),
  )
  return {
    certificate,
    privateKey,
    pkcs8,
    notAfter,
    sign: (subject, days = 365) =>
      inTemp((inner) => {
        const caKey = join(inner, 'ca-key.pem')
        const caCert = join(inner, 'ca.pem')
        run('openssl', ['pkey', '-out', caKey], privateKey)
        run('openssl', ['x509', '-out', caCert], certificate)
        const leafKey = join(inner, 'key.pem')
        run('openssl', ['genrsa', '-traditional', '-out', leafKey, '2048'])
        const csr = join(inner, 'leaf.csr')
        run('openssl', ['req', '-new', '-key', leafKey, '-subj', subject, '-out', csr])
        const leaf = join(inner, 'cert.pem')
        run('openssl', [
          'x509',
          '-req',
          '-in',
          csr,
          '-CA',
          caCert,
          '-CAkey',
          caKey,
          '-CAcreateserial',
          '-sha256',
          '-days',
          String(days),
          '-out',
          leaf,
        ])
        return described(leafKey, leaf)
      }),
  }
}
