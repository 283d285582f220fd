import type { DelegationRequest } from '@aws-sdk/client-iam'
import { callerArn } from '../auth/caller.js'
import { IamError } from '../errors.js'
import {
  DELEGATION_REQUEST_LIFETIME_MS,
  delegationErrors,
  type DelegationRequestRecord,
  type DelegationState,
} from '../store/delegation-requests.js'
import type { Partition } from '../store/store.js'
import type { ActionContext } from './context.js'
import { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker } from './paging.js'
import type { ActionNotes, IamActions } from './types.js'

/** A delegation request in AWS's shape, as it is at the request's time. */
function toDelegationRequest(
  ctx: ActionContext,
  record: DelegationRequestRecord,
): DelegationRequest {
  const request = ctx.store.delegationRequests.at(record, ctx.now)
  return {
    DelegationRequestId: request.DelegationRequestId,
    OwnerAccountId: request.OwnerAccountId,
    Description: request.Description,
    RequestMessage: request.RequestMessage,
    Permissions: {
      PolicyTemplateArn: request.Permissions.PolicyTemplateArn,
      ...(request.Permissions.Parameters && {
        Parameters: request.Permissions.Parameters.map((p) => ({
          Name: p.Name,
          Values: p.Values && [...p.Values],
          Type: p.Type,
        })),
      }),
    },
    OwnerId: request.OwnerId,
    ApproverId: request.ApproverId,
    State: request.State,
    ExpirationTime: request.ExpirationTime,
    RequestorId: request.RequestorId,
    RequestorName: request.RequestorName,
    CreateDate: request.CreateDate,
    SessionDuration: request.SessionDuration,
    RedirectUrl: request.RedirectUrl,
    Notes: request.Notes,
    RejectionReason: request.RejectionReason,
    OnlySendByOwner: request.OnlySendByOwner,
    UpdatedTime: request.UpdatedTime,
  }
}

/** Each lifecycle operation: the states it may start from, and the state it leaves. */
const TRANSITIONS = {
  AssociateDelegationRequest: { from: ['UNASSIGNED'], to: 'ASSIGNED' },
  UpdateDelegationRequest: { from: ['ASSIGNED', 'PENDING_APPROVAL'], to: 'PENDING_APPROVAL' },
  AcceptDelegationRequest: { from: ['ASSIGNED', 'PENDING_APPROVAL'], to: 'ACCEPTED' },
  RejectDelegationRequest: { from: ['ASSIGNED', 'PENDING_APPROVAL', 'ACCEPTED'], to: 'REJECTED' },
  SendDelegationToken: { from: ['ACCEPTED'], to: 'FINALIZED' },
} as const satisfies Record<string, { from: readonly DelegationState[]; to: DelegationState }>

type Transition = keyof typeof TRANSITIONS

/** A request `operation` may move on. @throws NoSuchEntity, InvalidInput (its state) */
function movable(ctx: ActionContext, id: string, operation: Transition): DelegationRequestRecord {
  const request = ctx.store.delegationRequests.get(id, ctx.now)
  const from: readonly DelegationState[] = TRANSITIONS[operation].from
  if (!from.includes(request.State)) throw delegationErrors.state(id, request.State, operation)
  return request
}

/** Moves a request as `operation` does (its expiry clock restarted), with `change`. */
function advance(
  ctx: ActionContext,
  request: DelegationRequestRecord,
  operation: Transition,
  change: Partial<DelegationRequestRecord> = {},
): void {
  ctx.store.delegationRequests.move(request, TRANSITIONS[operation].to, ctx.now, change)
}

/** Moves the request an id names as `operation` does. */
function transition(
  ctx: ActionContext,
  id: string,
  operation: Transition,
  change: Partial<DelegationRequestRecord> = {},
): void {
  advance(ctx, movable(ctx, id, operation), operation, change)
}

/**
 * The console page a partner sends the customer to.
 *
 * @note Inferred: the console's address for the request (AWS's link is not published).
 */
function consoleDeepLink(partition: Partition, id: string): string {
  const host =
    partition === 'aws-cn'
      ? 'console.amazonaws.cn'
      : partition === 'aws-us-gov'
        ? 'console.amazonaws-us-gov.com'
        : 'console.aws.amazon.com'
  return `https://${host}/iam/home#/delegation-requests/${id}`
}

/**
 * The locales of the console (its supported languages): a summary is written in English only.
 */
const CONSOLE_LOCALES = new Set([
  'de-DE',
  'en-GB',
  'en-US',
  'es-ES',
  'fr-FR',
  'id-ID',
  'it-IT',
  'ja-JP',
  'ko-KR',
  'pt-BR',
  'tr-TR',
  'zh-CN',
  'zh-TW',
])

/**
 * The English summary of what a delegation request would grant.
 *
 * @note Inferred: AWS writes it with a language model; the mock's is a fixed sentence built from
 * the request's partner, target account, duration, policy template and parameters, so a test
 * can assert it.
 */
export function delegationSummary(request: DelegationRequestRecord): string {
  const hours = request.SessionDuration / 3600
  const duration = Number.isInteger(hours)
    ? `${hours} hour${hours === 1 ? '' : 's'}`
    : `${request.SessionDuration} seconds`
  const target = request.OwnerAccountId ? `account ${request.OwnerAccountId}` : 'your account'
  const lines = [
    `Account ${request.RequestorId} requests temporary access to ${target} for ${duration}.`,
    `Purpose: ${request.Description}`,
  ]
  const template = request.Permissions.PolicyTemplateArn
  lines.push(
    template
      ? `Permissions: the policy template ${template}.`
      : 'Permissions: no policy template is named.',
  )
  for (const parameter of request.Permissions.Parameters ?? []) {
    lines.push(`- ${parameter.Name ?? '(unnamed)'}: ${(parameter.Values ?? []).join(', ')}`)
  }
  if (request.OnlySendByOwner) {
    lines.push('Only the owner of the request can release the access token to the partner.')
  }
  return lines.join('\n')
}

export const delegationRequestActions = {
  CreateDelegationRequest(ctx, input) {
    const request = ctx.store.delegationRequests.create({
      ...(input.OwnerAccountId !== undefined && { OwnerAccountId: input.OwnerAccountId }),
      Description: input.Description,
      ...(input.RequestMessage !== undefined && { RequestMessage: input.RequestMessage }),
      Permissions: {
        ...(input.Permissions.PolicyTemplateArn !== undefined && {
          PolicyTemplateArn: input.Permissions.PolicyTemplateArn,
        }),
        ...(input.Permissions.Parameters !== undefined && {
          Parameters: input.Permissions.Parameters.map((p) => ({
            ...(p.Name !== undefined && { Name: p.Name }),
            ...(p.Values !== undefined && { Values: [...p.Values] }),
            ...(p.Type !== undefined && { Type: p.Type }),
          })),
        }),
      },
      RequestorWorkflowId: input.RequestorWorkflowId,
      ...(input.RedirectUrl !== undefined && { RedirectUrl: input.RedirectUrl }),
      NotificationChannel: input.NotificationChannel,
      SessionDuration: input.SessionDuration,
      OnlySendByOwner: input.OnlySendByOwner ?? false,
      State: 'UNASSIGNED',
      RequestorId: ctx.store.accountId,
      CreateDate: ctx.now,
      UpdatedTime: ctx.now,
      ExpirationTime: new Date(ctx.now.getTime() + DELEGATION_REQUEST_LIFETIME_MS),
    })
    return {
      ConsoleDeepLink: consoleDeepLink(ctx.partition, request.DelegationRequestId),
      DelegationRequestId: request.DelegationRequestId,
    }
  },

  /**
   * @note Inferred: a permission check completes at once; root's result is ALLOWED, anyone
   * else's UNSURE (the mock does not hold the partners' policy templates).
   */
  GetDelegationRequest(ctx, input) {
    const request = ctx.store.delegationRequests.get(input.DelegationRequestId, ctx.now)
    return {
      DelegationRequest: toDelegationRequest(ctx, request),
      ...(input.DelegationPermissionCheck === true && {
        PermissionCheckStatus: 'COMPLETE' as const,
        PermissionCheckResult:
          ctx.caller.kind === 'root' ? ('ALLOWED' as const) : ('UNSURE' as const),
      }),
    }
  },

  /**
   * @note Inferred: the account's own requests and those it owns, oldest first; a request sent
   * to the account but not yet associated is not listed (as documented).
   */
  ListDelegationRequests(ctx, input) {
    const account = ctx.store.accountId
    const cursor = input.Marker === undefined ? undefined : decodeMarker(input.Marker)
    const page = ctx.store.delegationRequests.table.page(
      '',
      cursor,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
      (request) =>
        (input.OwnerId === undefined || request.OwnerId === input.OwnerId) &&
        (request.RequestorId === account ||
          (request.OwnerId !== undefined && request.OwnerAccountId === account)),
    )
    if (!page) throw IamError.invalidMarker()
    return {
      DelegationRequests: page.items.map((request) => toDelegationRequest(ctx, request)),
      ...(page.next === undefined
        ? { isTruncated: false }
        : { isTruncated: true, Marker: encodeMarker(page.next) }),
    }
  },

  /** The caller becomes the owner; an untargeted request takes the caller's account. */
  AssociateDelegationRequest(ctx, input) {
    const id = input.DelegationRequestId
    const request = movable(ctx, id, 'AssociateDelegationRequest')
    const account = ctx.store.accountId
    if (request.OwnerAccountId !== undefined && request.OwnerAccountId !== account) {
      throw delegationErrors.otherAccount(id, request.OwnerAccountId)
    }
    advance(ctx, request, 'AssociateDelegationRequest', {
      OwnerAccountId: account,
      OwnerId: callerArn(ctx.store, ctx.caller, ctx.partition),
    })
  },

  /** Notes for an administrator: the request waits in PENDING_APPROVAL. */
  UpdateDelegationRequest(ctx, input) {
    transition(ctx, input.DelegationRequestId, 'UpdateDelegationRequest', {
      ...(input.Notes !== undefined && { Notes: input.Notes }),
    })
  },

  /** The caller is recorded as the approver: the identity the delegated credential maps to. */
  AcceptDelegationRequest(ctx, input) {
    transition(ctx, input.DelegationRequestId, 'AcceptDelegationRequest', {
      ApproverId: callerArn(ctx.store, ctx.caller, ctx.partition),
    })
  },

  /** Up to the token's release; a rejected request expires 7 days later (documented). */
  RejectDelegationRequest(ctx, input) {
    transition(ctx, input.DelegationRequestId, 'RejectDelegationRequest', {
      ...(input.Notes !== undefined && { RejectionReason: input.Notes }),
    })
  },

  /** FINALIZED, for good: the delegated session's time starts now. */
  SendDelegationToken(ctx, input) {
    const id = input.DelegationRequestId
    const request = movable(ctx, id, 'SendDelegationToken')
    if (
      request.OnlySendByOwner &&
      request.OwnerId !== callerArn(ctx.store, ctx.caller, ctx.partition)
    ) {
      throw delegationErrors.notOwner(id)
    }
    advance(ctx, request, 'SendDelegationToken', {
      ExpirationTime: new Date(ctx.now.getTime() + request.SessionDuration * 1000),
    })
  },

  /**
   * @note Inferred: an English summary for English locales (default `en-US`); other console
   * locales NOT_AVAILABLE, unknown ones NOT_SUPPORTED, both with empty content.
   */
  GetHumanReadableSummary(ctx, input) {
    const match = /^arn:[\w-]+:iam::(\d{12}):delegation-request\/([\w-]+)$/.exec(input.EntityArn)
    if (!match) {
      throw new IamError(
        'InvalidInput',
        `Invalid EntityArn ${input.EntityArn}: only delegation-request ARNs can be summarized.`,
        400,
      )
    }
    const request = ctx.store.delegationRequests.get(match[2]!, ctx.now)
    if (request.RequestorId !== match[1]) throw delegationErrors.notFound(match[2]!)
    const locale = input.Locale ?? 'en-US'
    if (!/^en(?:[-_]|$)/.test(locale)) {
      const state = CONSOLE_LOCALES.has(locale) ? 'NOT_AVAILABLE' : 'NOT_SUPPORTED'
      return { SummaryContent: '', Locale: locale, SummaryState: state }
    }
    return {
      SummaryContent: delegationSummary(request),
      Locale: locale,
      SummaryState: 'AVAILABLE' as const,
    }
  },
} satisfies IamActions

export const delegationRequestNotes: ActionNotes<typeof delegationRequestActions> = {
  CreateDelegationRequest:
    'UNASSIGNED, with a UUID id and a console link; `OwnerAccountId` may name another account; `NotificationChannel` must be an SNS topic ARN; `RequestorWorkflowId` unique (`EntityAlreadyExists`)',
  GetDelegationRequest:
    'every member, EXPIRED once past `ExpirationTime`; `DelegationPermissionCheck` completes at once (root `ALLOWED`, others `UNSURE`)',
  ListDelegationRequests:
    "the account's own and those it owns, oldest first, by `OwnerId`; paged (`isTruncated`, as the model spells it)",
  UpdateDelegationRequest: 'ASSIGNED or PENDING_APPROVAL → PENDING_APPROVAL, with `Notes`',
  AcceptDelegationRequest:
    'ASSIGNED or PENDING_APPROVAL → ACCEPTED; the caller is the `ApproverId`',
  RejectDelegationRequest:
    'ASSIGNED, PENDING_APPROVAL or ACCEPTED → REJECTED, `Notes` as `RejectionReason`; expires 7 days later',
  AssociateDelegationRequest:
    'UNASSIGNED → ASSIGNED: the caller is the `OwnerId`; a request targeted to another account is `InvalidInput`',
  SendDelegationToken:
    'ACCEPTED → FINALIZED (only by the owner with `OnlySendByOwner`); expires `SessionDuration` later',
  GetHumanReadableSummary:
    'a delegation request ARN only; a fixed English summary (partner, account, duration, template, parameters)',
}
