import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { boolean, date, integer, list, plain, record, text, type Field } from './fields.js'
import type { IamStore, Partition, StoreContext } from './store.js'
import { Table } from './table.js'

/** A delegation request's states (the model's `stateType`). */
export type DelegationState =
  'UNASSIGNED' | 'ASSIGNED' | 'PENDING_APPROVAL' | 'ACCEPTED' | 'FINALIZED' | 'REJECTED' | 'EXPIRED'

/** One parameter of a delegation's policy template, as the partner filled it in. */
export interface PolicyParameterRecord {
  readonly Name?: string
  readonly Values?: readonly string[]
  readonly Type?: 'string' | 'stringList'
}

/** The permissions a delegation request asks for: a partner's policy template and its values. */
export interface DelegationPermissionRecord {
  readonly PolicyTemplateArn?: string
  readonly Parameters?: readonly PolicyParameterRecord[]
}

/** A request for temporary delegated access, under AWS's member names. */
export interface DelegationRequestRecord {
  readonly DelegationRequestId: string
  /** The account the partner targeted it to, or (once associated) the owner's account. */
  readonly OwnerAccountId?: string
  readonly Description: string
  readonly RequestMessage?: string
  readonly Permissions: DelegationPermissionRecord
  readonly RequestorWorkflowId: string
  readonly RedirectUrl?: string
  readonly NotificationChannel: string
  readonly SessionDuration: number
  readonly OnlySendByOwner: boolean
  /** The ARN of the identity that associated the request. */
  readonly OwnerId?: string
  /** The ARN of the identity that accepted it. */
  readonly ApproverId?: string
  readonly State: DelegationState
  readonly ExpirationTime: Date
  /** The partner's account: the account that created it. */
  readonly RequestorId: string
  readonly RequestorName?: string
  readonly CreateDate: Date
  readonly UpdatedTime: Date
  readonly Notes?: string
  readonly RejectionReason?: string
}

const DAY_MS = 24 * 3600_000

/**
 * How long a request waits in each state before it expires.
 *
 * @note Inferred: AWS documents 7 days for a rejected request only; the mock gives every state
 * before FINALIZED the same 7 days from its last change. A FINALIZED request expires when its
 * delegated session does (SessionDuration after the token was sent, when the delegation period
 * begins).
 */
export const DELEGATION_REQUEST_LIFETIME_MS = 7 * DAY_MS

export const delegationErrors = {
  /** @note Inferred wording (as IAM's other `… cannot be found.`). */
  notFound: (id: string) =>
    new IamError('NoSuchEntity', `The delegation request with id ${id} cannot be found.`, 404),
  /** @note Inferred wording. */
  workflowExists: (workflowId: string) =>
    new IamError(
      'EntityAlreadyExists',
      `A delegation request with RequestorWorkflowId ${workflowId} already exists.`,
      409,
    ),
  /** @note Inferred wording: an operation the request's state does not allow. */
  state: (id: string, state: DelegationState, operation: string) =>
    new IamError(
      'InvalidInput',
      `Delegation request ${id} is in state ${state}; ${operation} is not allowed in this state.`,
      400,
    ),
  /** @note Inferred wording. */
  otherAccount: (id: string, account: string) =>
    new IamError(
      'InvalidInput',
      `Delegation request ${id} can only be associated with an identity of account ${account}.`,
      400,
    ),
  /** @note Inferred wording. */
  notOwner: (id: string) =>
    new IamError(
      'InvalidInput',
      `Only the owner of delegation request ${id} can send its delegation token.`,
      400,
    ),
  /** @note Inferred wording. */
  notificationChannel: (channel: string) =>
    new IamError(
      'InvalidInput',
      `NotificationChannel ${channel} is not an Amazon SNS topic ARN.`,
      400,
    ),
}

/** An SNS topic ARN: the only notification channel AWS accepts today. */
const SNS_TOPIC = /^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}(?:\.fifo)?$/

/** The account's delegation requests (those it created, and those sent to it), by id. */
export class DelegationRequests {
  readonly table: Table<DelegationRequestRecord>

  constructor(private readonly ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'delegation requests',
      id: (request) => request.DelegationRequestId,
      // IAM keeps a partner's workflow ids unique across its requests.
      unique: (request) => `${request.RequestorId}\n${request.RequestorWorkflowId}`,
      order: { by: 'insertion' },
    })
  }

  /** `arn:{partition}:iam::{requestor}:delegation-request/{id}` (the Service Authorization Reference). */
  arn(request: DelegationRequestRecord, partition: Partition = this.ctx.config.partition): string {
    return `arn:${partition}:iam::${request.RequestorId}:delegation-request/${request.DelegationRequestId}`
  }

  /**
   * Whether this account may see a request: its own (it created or owns it), or one no account
   * has claimed and none or this one was targeted by.
   */
  visible(request: DelegationRequestRecord): boolean {
    const account = this.ctx.config.accountId
    return (
      request.RequestorId === account ||
      request.OwnerAccountId === undefined ||
      request.OwnerAccountId === account
    )
  }

  /** The request as it is at `now`: past its ExpirationTime, EXPIRED. */
  at(request: DelegationRequestRecord, now: Date): DelegationRequestRecord {
    return request.State !== 'EXPIRED' && now.getTime() > request.ExpirationTime.getTime()
      ? { ...request, State: 'EXPIRED' }
      : request
  }

  /** @throws NoSuchEntity for an id the account does not have or may not see */
  get(id: string, now: Date): DelegationRequestRecord {
    const request = this.table.get(id)
    if (!request || !this.visible(request)) throw delegationErrors.notFound(id)
    return this.at(request, now)
  }

  /** @throws EntityAlreadyExists (workflow id), InvalidInput (notification channel) */
  create(
    input: Omit<DelegationRequestRecord, 'DelegationRequestId'> & {
      DelegationRequestId?: string
    },
  ): DelegationRequestRecord {
    if (!SNS_TOPIC.test(input.NotificationChannel)) {
      throw delegationErrors.notificationChannel(input.NotificationChannel)
    }
    if (this.table.find(`${input.RequestorId}\n${input.RequestorWorkflowId}`)) {
      throw delegationErrors.workflowExists(input.RequestorWorkflowId)
    }
    const record: DelegationRequestRecord = {
      ...input,
      DelegationRequestId: input.DelegationRequestId ?? this.newId(),
    }
    if (this.table.has(record.DelegationRequestId)) {
      throw new IamError(
        'EntityAlreadyExists',
        `A delegation request with id ${record.DelegationRequestId} already exists.`,
        409,
      )
    }
    return this.table.insert(record)
  }

  /**
   * Moves a request to a new state (the caller checked the move is allowed), restarting its
   * expiry clock.
   */
  move(
    request: DelegationRequestRecord,
    State: DelegationState,
    now: Date,
    change: Partial<DelegationRequestRecord> = {},
  ): DelegationRequestRecord {
    return this.table.update(request.DelegationRequestId, {
      ExpirationTime: new Date(now.getTime() + DELEGATION_REQUEST_LIFETIME_MS),
      ...change,
      State,
      UpdatedTime: now,
    })
  }

  /**
   * A delegation request id.
   *
   * @note Inferred: AWS's format is not published (the model: 16–128 of `[\w-]`); a UUID.
   */
  newId(): string {
    return this.ctx.config.newUuid()
  }
}

/** Delegation requests in fixtures: a partner's request sent to the account, or the account's own. */
export const delegationRequestEntity: Entity<DelegationRequestRecord, undefined, IamStore> = {
  fields: {
    DelegationRequestId: text('delegationRequestIdType', { description: 'Default: a fresh one.' }),
    OwnerAccountId: text('accountIdType'),
    Description: text('delegationRequestDescriptionType', { required: true }),
    RequestMessage: text('requestMessageType'),
    Permissions: record(
      {
        PolicyTemplateArn: text('arnType'),
        Parameters: list(
          record({
            Name: text('policyParameterNameType'),
            Values: list(text('policyParameterValueType')),
            Type: text('PolicyParameterTypeEnum'),
          }),
        ),
      },
      { required: true, description: 'The policy template and its parameters.' },
    ) as unknown as Field<DelegationPermissionRecord>,
    RequestorWorkflowId: text('requestorWorkflowIdType', { required: true }),
    RedirectUrl: text('redirectUrlType'),
    NotificationChannel: text('notificationChannelType', { required: true }),
    SessionDuration: integer(300, 43200, { required: true }),
    OnlySendByOwner: boolean({ fallback: () => false }),
    OwnerId: text('ownerIdType'),
    ApproverId: plain(),
    State: text('stateType', { fallback: () => 'UNASSIGNED' }) as Field<DelegationState>,
    CreateDate: date(),
    UpdatedTime: date({ fallback: undefined, description: 'Default: CreateDate.' }),
    ExpirationTime: date({
      fallback: undefined,
      description: 'Default: 7 days after UpdatedTime.',
    }),
    RequestorId: text('accountIdType', { description: "Default: the fixture's account." }),
    RequestorName: text('requestorNameType'),
    Notes: text('notesType'),
    RejectionReason: text('notesType'),
  },
  create(values, _parent, store) {
    const v = values as unknown as DelegationRequestRecord
    const updated = v.UpdatedTime ?? v.CreateDate
    return store.delegationRequests.create({
      ...v,
      RequestorId: v.RequestorId ?? store.accountId,
      UpdatedTime: updated,
      ExpirationTime:
        v.ExpirationTime ?? new Date(updated.getTime() + DELEGATION_REQUEST_LIFETIME_MS),
    })
  },
  records: (store) => store.delegationRequests.table.ofGroup(),
  viewExtras: (request, store) => ({ Arn: store.delegationRequests.arn(request) }),
}
