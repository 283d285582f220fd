import type {
  EntityDetails,
  EntityInfo,
  ServiceLastAccessed,
  TrackedActionLastAccessed,
} from '@aws-sdk/client-iam'
import { IamError } from '../errors.js'
import { allowedActionTests } from '../policy/evaluate.js'
import {
  accessAdvisorErrors,
  type AccessReportJob,
  type LastAccessRecord,
  type ReportEntity,
} from '../store/access-advisor.js'
import { policyErrors } from '../store/managed-policies.js'
import type { ActionContext } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import { serviceData } from './service-data.js'
import { principalPolicies } from './simulation.js'
import type { ActionNotes, IamActions } from './types.js'

/**
 * The services whose actions an ACTION_LEVEL report tracks (`TrackedActionsLastAccessed`).
 *
 * @note inferred: AWS tracks the management actions of a list of services that grows (S3 first,
 * then EC2, IAM and Lambda, then many more); the mock tracks those four and STS, whose actions
 * it sees, with every action of theirs the policies allow.
 */
const TRACKED = new Set(['ec2', 'iam', 'lambda', 's3', 'sts'])

/** A user or role a report covers. */
interface Principal {
  readonly id: string
  readonly info: EntityInfo
}

/** What a report is about: the policies it reads and the principals whose accesses it counts. */
interface Subject {
  readonly documents: readonly string[]
  readonly principals: readonly Principal[]
}

/** The user or role `id` names, as a report covers it. */
function principalOf(ctx: ActionContext, type: 'USER' | 'ROLE', id: string): Principal | undefined {
  const { store } = ctx
  const found = type === 'USER' ? store.users.byId(id) : store.roles.byId(id)
  if (!found) return undefined
  const [name, arn] =
    'UserName' in found
      ? [found.UserName, store.users.arn(found, ctx.partition)]
      : [found.RoleName, store.roles.arn(found, ctx.partition)]
  return { id, info: { Arn: arn, Name: name, Type: type, Id: id, Path: found.Path } }
}

/**
 * The report's subject an ARN names: a user (its policies and its groups'), a group (its
 * policies; its members), a role, or a managed policy (its default version; the users and roles
 * it is attached to, a group's members for a group).
 *
 * @note inferred: an ARN of no user, group, role or policy of the account is `InvalidInput`; a
 * missing user, group or role is the family's `NoSuchEntity`, a missing policy
 * `Policy <arn> was not found.`; a policy's principals are its holders in attachment order.
 */
function subjectOf(ctx: ActionContext, arn: string): Subject {
  const { store } = ctx
  const parts = /^arn:[\w-]+:iam::(\d{12}|aws):(user|group|role|policy)\//.exec(arn)
  if (!parts || (parts[2] !== 'policy' && parts[1] !== store.accountId)) {
    throw accessAdvisorErrors.invalidArn(arn)
  }
  if (parts[2] === 'policy') {
    const resolved = store.managedPolicies.resolve(arn)
    if (!resolved) {
      if (parts[1] !== 'aws' && parts[1] !== store.accountId) {
        throw accessAdvisorErrors.invalidArn(arn)
      }
      throw policyErrors.notFound(arn)
    }
    const principals = new Map<string, Principal>()
    const add = (principal: Principal | undefined) => {
      if (principal && !principals.has(principal.id)) principals.set(principal.id, principal)
    }
    for (const holder of store.managedPolicies.holdersOf(resolved.key)) {
      if (holder.HolderType === 'user') add(principalOf(ctx, 'USER', holder.HolderId))
      else if (holder.HolderType === 'role') add(principalOf(ctx, 'ROLE', holder.HolderId))
      else {
        const group = store.groups.byId(holder.HolderId)!
        for (const user of store.groups.membersOf(group, (id) => store.users.byId(id))) {
          add(principalOf(ctx, 'USER', user.UserId))
        }
      }
    }
    return {
      documents: [store.managedPolicies.defaultDocumentOfKey(resolved.key)],
      principals: [...principals.values()],
    }
  }
  let found: ReturnType<typeof principalPolicies>
  try {
    found = principalPolicies(ctx, arn)
  } catch (error) {
    if (error instanceof IamError && error.code === 'InvalidInput') {
      throw accessAdvisorErrors.invalidArn(arn)
    }
    throw error
  }
  const documents = found.policies.map((policy) => policy.document)
  const name = arn.slice(arn.lastIndexOf('/') + 1)
  if (parts[2] === 'user') {
    return { documents, principals: [principalOf(ctx, 'USER', store.users.get(name).UserId)!] }
  }
  if (parts[2] === 'role') {
    return { documents, principals: [principalOf(ctx, 'ROLE', store.roles.get(name).RoleId)!] }
  }
  const group = store.groups.get(name)
  const members = store.groups.membersOf(group, (id) => store.users.byId(id))
  return { documents, principals: members.map((user) => principalOf(ctx, 'USER', user.UserId)!) }
}

/** The latest of two accesses. */
function later<T extends { at: Date }>(a: T | undefined, b: T): T {
  return a && a.at >= b.at ? a : b
}

interface Access {
  readonly at: Date
  readonly region: string
  readonly principal: Principal
}

/**
 * The report of a subject: each service its policies allow (an Allow statement names one of its
 * actions, conditions and resources aside), in namespace order, with the last access of the
 * principals it covers; for ACTION_LEVEL, each allowed action of the tracked services.
 *
 * @note inferred: Deny statements do not take a service off the report (it lists what the
 * permissions policies allow; ListPoliciesGrantingServiceAccess reads them the same way); a
 * service never reached has `TotalAuthenticatedEntities` 0 and nothing else, as AWS's
 * documented example shows.
 */
function report(
  subject: Subject,
  actionLevel: boolean,
  lastAccess: (principalId: string) => readonly LastAccessRecord[],
): Pick<AccessReportJob, 'Services' | 'Entities'> {
  const tests = subject.documents.flatMap((document) => allowedActionTests(document))
  // Per service: the last access of each principal, and per action the latest of any.
  const byService = new Map<string, Map<string, Access>>()
  const byAction = new Map<string, Access>()
  for (const principal of subject.principals) {
    for (const record of lastAccess(principal.id)) {
      const access = {
        at: record.LastAuthenticated,
        region: record.LastAuthenticatedRegion,
        principal,
      }
      let principals = byService.get(record.ServiceNamespace)
      if (!principals) byService.set(record.ServiceNamespace, (principals = new Map()))
      principals.set(principal.id, later(principals.get(principal.id), access))
      if (record.ActionName) {
        const key = `${record.ServiceNamespace}:${record.ActionName}`
        byAction.set(key, later(byAction.get(key), access))
      }
    }
  }
  const services: ServiceLastAccessed[] = []
  for (const service of serviceData()) {
    const allows = (action: string) => tests.some((test) => test(`${service.namespace}:${action}`))
    const tracked = actionLevel && TRACKED.has(service.namespace)
    const allowed = tracked ? service.actions.filter(allows) : service.actions.some(allows)
    if (tracked ? (allowed as string[]).length === 0 : !allowed) continue
    const accesses = [...(byService.get(service.namespace)?.values() ?? [])]
    const last = accesses.reduce<Access | undefined>((a, b) => later(a, b), undefined)
    services.push({
      ServiceName: service.name,
      ServiceNamespace: service.namespace,
      ...(last && {
        LastAuthenticated: last.at,
        LastAuthenticatedEntity: last.principal.info.Arn,
        LastAuthenticatedRegion: last.region,
      }),
      TotalAuthenticatedEntities: accesses.length,
      ...(tracked && {
        TrackedActionsLastAccessed: (allowed as string[]).map(
          (action): TrackedActionLastAccessed => {
            const used = byAction.get(`${service.namespace}:${action}`)
            return {
              ActionName: action,
              ...(used && {
                LastAccessedEntity: used.principal.info.Arn,
                LastAccessedTime: used.at,
                LastAccessedRegion: used.region,
              }),
            }
          },
        ),
      }),
    })
  }
  const listed = new Set(services.map((service) => service.ServiceNamespace))
  const entities: ReportEntity[] = subject.principals.map((principal) => {
    const last: Record<string, Date> = {}
    for (const [namespace, accesses] of byService) {
      const access = accesses.get(principal.id)
      if (access && listed.has(namespace)) last[namespace] = access.at
    }
    return { EntityInfo: principal.info, LastAuthenticated: last }
  })
  return { Services: services, Entities: entities }
}

/** What every answer about a job carries: its status and dates (no completion date until done). */
function jobMembers(job: AccessReportJob) {
  return {
    JobStatus: job.JobStatus,
    JobCreationDate: job.JobCreationDate,
    JobCompletionDate: job.JobCompletionDate,
  }
}

/**
 * The entities of a job's report for one service, most recent access first, then those that
 * never reached it (in the report's order).
 *
 * @note inferred: a service the report does not list has no entities; ties keep the report's order.
 */
function entitiesFor(job: AccessReportJob, namespace: string): EntityDetails[] {
  const accessed = job.Entities.filter((entity) => entity.LastAuthenticated[namespace])
  accessed.sort(
    (a, b) => b.LastAuthenticated[namespace]!.getTime() - a.LastAuthenticated[namespace]!.getTime(),
  )
  const listed = job.Services.some((service) => service.ServiceNamespace === namespace)
  const rest = listed ? job.Entities.filter((entity) => !entity.LastAuthenticated[namespace]) : []
  return [...accessed, ...rest].map((entity) => ({
    EntityInfo: { ...entity.EntityInfo },
    ...(entity.LastAuthenticated[namespace] && {
      LastAuthenticated: entity.LastAuthenticated[namespace],
    }),
  }))
}

/**
 * The standalone account's answer to the Organizations reports: it belongs to no organization.
 *
 * @note inferred: AWS Organizations' words for an account outside an organization
 * (`AWSOrganizationsNotInUseException`), as IAM's `InvalidInput`; no recording shows IAM's.
 */
const notInOrganization = () =>
  new IamError('InvalidInput', 'Your account is not a member of an organization.', 400)

export const accessAdvisorActions = {
  GenerateServiceLastAccessedDetails(ctx, input) {
    const subject = subjectOf(ctx, input.Arn)
    const granularity = input.Granularity ?? 'SERVICE_LEVEL'
    const advisor = ctx.store.accessAdvisor
    const JobId = ctx.store.config.newUuid()
    advisor.start({
      JobId,
      JobType: granularity,
      JobCreationDate: ctx.now,
      JobStatus: 'IN_PROGRESS',
      ...report(subject, granularity === 'ACTION_LEVEL', (id) => advisor.of(id)),
    })
    return { JobId }
  },

  GetServiceLastAccessedDetails(ctx, input) {
    const job = ctx.store.accessAdvisor.read(input.JobId, ctx.now)
    const done = job.JobStatus === 'COMPLETED'
    const page = pageOf(
      done ? job.Services : [],
      (service) => service.ServiceNamespace!,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      ...jobMembers(job),
      JobType: job.JobType,
      ServicesLastAccessed: page.items.map((service) => structuredClone(service)),
      ...pageMembers(page.marker),
    }
  },

  GetServiceLastAccessedDetailsWithEntities(ctx, input) {
    const job = ctx.store.accessAdvisor.read(input.JobId, ctx.now)
    const done = job.JobStatus === 'COMPLETED'
    const page = pageOf(
      done ? entitiesFor(job, input.ServiceNamespace) : [],
      (entity) => entity.EntityInfo!.Id!,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      ...jobMembers(job),
      EntityDetailsList: page.items,
      ...pageMembers(page.marker),
    }
  },

  GenerateOrganizationsAccessReport() {
    throw notInOrganization()
  },

  /** @note inferred: no job can exist for an account outside an organization. */
  GetOrganizationsAccessReport(_ctx, input) {
    throw accessAdvisorErrors.noSuchJob(input.JobId)
  },
} satisfies IamActions

export const accessAdvisorNotes: ActionNotes<typeof accessAdvisorActions> = {
  GenerateServiceLastAccessedDetails:
    'a report on a user (its groups’ policies too), group, role or managed policy: every service its policies allow, from the Service Authorization Reference (loaded on first use)',
  GetServiceLastAccessedDetails:
    '`IN_PROGRESS` on the first read, then `COMPLETED`; the last IAM and STS request of the users and roles the report covers (and what a fixture records), paged; `ACTION_LEVEL` tracks actions of IAM, STS, S3, EC2 and Lambda',
  GetServiceLastAccessedDetailsWithEntities:
    'the users and roles of the report for one service, most recent access first, paged',
  GenerateOrganizationsAccessReport:
    'the mock’s account belongs to no organization: `InvalidInput`, in AWS Organizations’ words',
  GetOrganizationsAccessReport: '`NoSuchEntity`: no report can exist outside an organization',
}
