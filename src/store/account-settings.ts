import { IamError } from '../errors.js'
import { isoSeconds } from './clock.js'
import type { Entity } from './entity.js'
import { text } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'
import { ROOT_ID } from './users.js'

/** The account's alias (at most one). */
export interface AccountAliasRecord {
  readonly AccountAlias: string
}

/** The account's latest credential report: the CSV as it was when generation started. */
export interface CredentialReportRecord {
  readonly id: 'report'
  readonly GeneratedTime: Date
  readonly Content: string
  /** STARTED until the next request that asks about it, then COMPLETE. */
  readonly State: 'STARTED' | 'COMPLETE'
}

/** How long a credential report stays current (AWS: four hours). */
export const REPORT_LIFETIME_MS = 4 * 3600_000

export const accountErrors = {
  /** @note inferred */
  noSuchAlias: (alias: string) =>
    new IamError('NoSuchEntity', `The account alias ${alias} cannot be found.`, 404),
  /** Recorded: no Message element at all. */
  reportNotPresent: () => IamError.withoutMessage('ReportNotPresent', 410),
  /** @note inferred */
  reportExpired: () =>
    new IamError(
      'ReportExpired',
      'The credential report has expired. Generate a new one with GenerateCredentialReport.',
      410,
    ),
}

/** The account's alias and its credential report. */
export class AccountSettings {
  readonly aliases: Table<AccountAliasRecord>
  readonly reports: Table<CredentialReportRecord>

  constructor(ctx: StoreContext) {
    this.aliases = new Table(ctx.log, {
      name: 'account aliases',
      id: (alias) => alias.AccountAlias,
      order: { by: 'insertion' },
    })
    this.reports = new Table(ctx.log, {
      name: 'credential report',
      id: (report) => report.id,
      order: { by: 'insertion' },
    })
  }

  get alias(): string | undefined {
    return this.aliases.ofGroup()[0]?.AccountAlias
  }

  /**
   * Sets the alias: an account has one, so a new one replaces the old.
   *
   * @note inferred: AWS documents one alias per account, not what a second CreateAccountAlias does;
   * replacing it is what the console's "Edit" does through this operation.
   */
  setAlias(alias: string): void {
    const current = this.alias
    if (current === alias) return
    if (current !== undefined) this.aliases.delete(current)
    this.aliases.insert({ AccountAlias: alias })
  }

  /** @throws NoSuchEntity when the account has no such alias */
  deleteAlias(alias: string): void {
    if (this.alias !== alias) throw accountErrors.noSuchAlias(alias)
    this.aliases.delete(alias)
  }

  get report(): CredentialReportRecord | undefined {
    return this.reports.get('report')
  }

  startReport(content: string, now: Date): void {
    const record: CredentialReportRecord = {
      id: 'report',
      GeneratedTime: now,
      Content: content,
      State: 'STARTED',
    }
    if (this.reports.has('report')) this.reports.update('report', record)
    else this.reports.insert(record)
  }

  /**
   * The report as the next request sees it: one that was STARTED is COMPLETE from then on.
   *
   * @note inferred: AWS takes seconds to generate a report; the mock finishes it by the next
   * request, so polling GenerateCredentialReport ends deterministically, whatever the clock.
   */
  settle(): CredentialReportRecord | undefined {
    const report = this.report
    if (report?.State === 'STARTED') return this.reports.update('report', { State: 'COMPLETE' })
    return report
  }
}

/** The account alias in fixtures: `AccountAliases: ["my-company"]`, at most one. */
export const accountAliasEntity: Entity<AccountAliasRecord, undefined, IamStore> = {
  fields: { AccountAlias: text('accountAliasType', { required: true }) },
  create(values, _parent, store) {
    if (store.accountSettings.alias !== undefined) {
      throw new IamError(
        'LimitExceeded',
        'Cannot exceed quota for AccountAliasesPerAccount: 1',
        409,
      )
    }
    store.accountSettings.setAlias(values.AccountAlias as string)
    return { AccountAlias: values.AccountAlias as string }
  },
  records: (store) => store.accountSettings.aliases.ofGroup(),
}

/** The columns of AWS's credential report, in AWS's order (recorded). */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const

/** A credential-report timestamp: ISO 8601 to the second with `+00:00`, as AWS writes them. */
function stamp(date: Date | undefined): string {
  return date === undefined ? 'N/A' : isoSeconds(date).replace(/Z$/, '+00:00')
}

/** A CSV field, quoted only when it must be (a user name may hold a comma). */
function field(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/**
 * The credential report's CSV: the root user's row, then each user's, in name order.
 *
 * @note inferred: the keys' columns list Active keys before Inactive ones, each oldest first (the
 * recording shows the Active key as `access_key_1` though it was created second), and signing
 * certificates' likewise (`cert_N_last_rotated` is the upload date); users in name order; the
 * root's `password_last_used` is `no_information`.
 */
export function credentialReportCsv(store: IamStore): string {
  const rows: string[][] = []
  const keyColumns = (ownerId: string): string[] => {
    const keys = activeFirst(store.accessKeys.of(ownerId))
    const out: string[] = []
    for (let n = 0; n < 2; n++) {
      const key = keys[n]
      out.push(
        key ? String(key.Status === 'Active') : 'false',
        stamp(key?.CreateDate),
        stamp(key?.LastUsed?.Date),
        key?.LastUsed?.Region ?? 'N/A',
        key?.LastUsed?.ServiceName ?? 'N/A',
      )
    }
    return out
  }
  const certColumns = (ownerId: string): string[] => {
    const certificates = activeFirst(store.signingCertificates.of(ownerId))
    return [0, 1].flatMap((n) => {
      const certificate = certificates[n]
      return [String(certificate?.Status === 'Active'), stamp(certificate?.UploadDate)]
    })
  }
  rows.push([
    '<root_account>',
    store.rootArn(),
    stamp(store.account.root.CreateDate),
    'not_supported',
    'no_information',
    'not_supported',
    'not_supported',
    'false',
    ...keyColumns(ROOT_ID),
    ...certColumns(ROOT_ID),
  ])
  for (const user of store.users.table.ofGroup()) {
    const profile = store.passwords.find(user.UserId)
    rows.push([
      user.UserName,
      store.users.arn(user),
      stamp(user.CreateDate),
      String(profile !== undefined),
      // The mock never sees a console sign-in.
      profile ? 'no_information' : 'N/A',
      stamp(profile?.PasswordLastChanged),
      stamp(profile && store.passwords.expiresAt(profile)),
      String(store.mfaDevices.of(user.UserId).length > 0),
      ...keyColumns(user.UserId),
      ...certColumns(user.UserId),
    ])
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((row) => row.map(field).join(','))].join(
    '\n',
  )
}

/** Active credentials before the others, each oldest first: the report's columns 1 and 2. */
function activeFirst<T extends { readonly Status: string }>(list: readonly T[]): T[] {
  const rank = (item: T) => (item.Status === 'Active' ? 0 : 1)
  return list
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i)
    .map(({ item }) => item)
}
