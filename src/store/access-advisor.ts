import type { EntityInfo, ServiceLastAccessed } from '@aws-sdk/client-iam'
import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { date, plain, text } from './fields.js'
import type { RoleRecord } from './roles.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'
import type { UserRecord } from './users.js'

/**
 * The last authenticated request of a user or a role (through its sessions) to one action of a
 * service, as access advisor reports it: what the mock saw of IAM and STS, or what a fixture
 * records for any service (with or without an action).
 */
export interface LastAccessRecord {
  /** The user's or the role's id. */
  readonly PrincipalId: string
  /** `iam`, `sts`, `s3`… */
  readonly ServiceNamespace: string
  /** `ListUsers`…; absent in a fixture's record of the service alone. */
  readonly ActionName?: string
  readonly LastAuthenticated: Date
  readonly LastAuthenticatedRegion: string
}

/** One principal of a report, and when it last reached each service the report lists. */
export interface ReportEntity {
  readonly EntityInfo: EntityInfo
  /** Service namespace → the principal's last access to it (services it never reached: absent). */
  readonly LastAuthenticated: Readonly<Record<string, Date>>
}

/**
 * A GenerateServiceLastAccessedDetails job and the report it made, computed when it was created
 * (plain data, so the undo log can put it back).
 */
export interface AccessReportJob {
  readonly JobId: string
  readonly JobType: 'SERVICE_LEVEL' | 'ACTION_LEVEL'
  readonly JobCreationDate: Date
  /** IN_PROGRESS until the first request that reads the job, then COMPLETED. */
  readonly JobStatus: 'IN_PROGRESS' | 'COMPLETED'
  readonly JobCompletionDate?: Date
  /** The services the entity's policies allow, in namespace order. */
  readonly Services: readonly ServiceLastAccessed[]
  /** The users and roles the report covers (the entity, a group's members, a policy's holders). */
  readonly Entities: readonly ReportEntity[]
}

export const accessAdvisorErrors = {
  /** @note inferred: IAM's wording for an entity it cannot find. */
  noSuchJob: (jobId: string) =>
    new IamError('NoSuchEntity', `The job with ID ${jobId} cannot be found.`, 404),
  /** @note inferred: the ARN names no user, group, role or managed policy of the account. */
  invalidArn: (arn: string) => new IamError('InvalidInput', `Invalid ARN: ${arn}`, 400),
}

/** A last access's key: one record per principal, service and action (`''`: the service alone). */
function lastAccessId(principalId: string, namespace: string, action: string): string {
  return `${principalId} ${namespace}:${action}`
}

/** Access advisor's state: the principals' last accesses, and the report jobs. */
export class AccessAdvisor {
  readonly lastAccess: Table<LastAccessRecord>
  readonly jobs: Table<AccessReportJob>

  constructor(ctx: StoreContext) {
    this.lastAccess = new Table(ctx.log, {
      name: 'last access',
      id: (r) => lastAccessId(r.PrincipalId, r.ServiceNamespace, r.ActionName ?? ''),
      group: (r) => r.PrincipalId,
      order: { by: 'insertion' },
    })
    this.jobs = new Table(ctx.log, {
      name: 'access advisor jobs',
      id: (job) => job.JobId,
      order: { by: 'insertion' },
    })
  }

  /**
   * Records an authenticated request of a principal to `namespace:action`, at `when` (whole
   * seconds) from `region`.
   *
   * @note The hot path (every request a user or role signs): one lookup, and a new record only
   * when the second or the region changed — nothing under a fixed clock.
   */
  accessed(
    principalId: string,
    namespace: string,
    action: string,
    when: Date,
    region: string,
  ): void {
    const id = lastAccessId(principalId, namespace, action)
    const current = this.lastAccess.get(id)
    if (!current) {
      this.lastAccess.insert({
        PrincipalId: principalId,
        ServiceNamespace: namespace,
        ActionName: action,
        LastAuthenticated: when,
        LastAuthenticatedRegion: region,
      })
    } else if (
      current.LastAuthenticated.getTime() !== when.getTime() ||
      current.LastAuthenticatedRegion !== region
    ) {
      this.lastAccess.update(id, { LastAuthenticated: when, LastAuthenticatedRegion: region })
    }
  }

  /** A principal's last accesses, oldest record first. */
  of(principalId: string): LastAccessRecord[] {
    return this.lastAccess.ofGroup(principalId)
  }

  /** A fixture's record (one per service and action). @throws EntityAlreadyExists for a repeat */
  put(record: LastAccessRecord): LastAccessRecord {
    if (
      this.lastAccess.has(
        lastAccessId(record.PrincipalId, record.ServiceNamespace, record.ActionName ?? ''),
      )
    ) {
      throw new IamError(
        'EntityAlreadyExists',
        `${record.ServiceNamespace}${record.ActionName ? `:${record.ActionName}` : ''} appears twice.`,
        409,
      )
    }
    return this.lastAccess.insert(record)
  }

  /** @throws NoSuchEntity for a job this account never made */
  job(jobId: string): AccessReportJob {
    const job = this.jobs.get(jobId)
    if (!job) throw accessAdvisorErrors.noSuchJob(jobId)
    return job
  }

  /**
   * The job as a request that reads it sees it: one IN_PROGRESS is answered so once, and is
   * COMPLETED from then on (completed at that request's time).
   *
   * @note inferred: AWS takes seconds to minutes; the mock moves the job by requests, not time,
   * so a client's polling loop sees IN_PROGRESS once and ends deterministically, whatever the
   * clock — as the credential report moves from STARTED to COMPLETE.
   */
  read(jobId: string, now: Date): AccessReportJob {
    const job = this.job(jobId)
    if (job.JobStatus === 'IN_PROGRESS') {
      this.jobs.update(jobId, { JobStatus: 'COMPLETED', JobCompletionDate: now })
    }
    return job
  }

  start(job: AccessReportJob): void {
    this.jobs.insert(job)
  }
}

/**
 * A user's or role's last accesses in fixtures: `LastAccessed: [{ ServiceNamespace,
 * ActionName?, LastAuthenticated, LastAuthenticatedRegion }]`, what access advisor reports of
 * services the mock never sees.
 */
export function lastAccessEntity<P extends UserRecord | RoleRecord>(
  idOf: (parent: P) => string,
): Entity<LastAccessRecord, P, IamStore> {
  return {
    fields: {
      ServiceNamespace: text('serviceNamespaceType', { required: true }),
      ActionName: plain({
        description: 'The action (`GetObject`), for ACTION_LEVEL reports; absent: the service.',
      }),
      LastAuthenticated: date({ required: true }),
      LastAuthenticatedRegion: plain({ required: true }),
    },
    create: (values, parent, store) =>
      store.accessAdvisor.put({
        ...(values as unknown as Omit<LastAccessRecord, 'PrincipalId'>),
        PrincipalId: idOf(parent),
      }),
    records: (store, parent) =>
      store.accessAdvisor
        .of(idOf(parent))
        .map(({ PrincipalId: _principal, ...record }) => record as LastAccessRecord),
  }
}
