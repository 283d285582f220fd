import { callerArn } from '../auth/caller.js'
import type { StsActionName } from '../model/sts-operations.js'
import type { Action } from './context.js'

/** GetCallerIdentity's result (the model's members, all present). */
export interface CallerIdentity {
  UserId: string
  Account: string
  Arn: string
}

/**
 * Who signed the request: a user (`AIDA…` id, user ARN), the root (the account id, `…:root`) or
 * an assumed-role session (`AROA…:session`, `arn:aws:sts::…:assumed-role/Role/session`).
 */
export const getCallerIdentity: Action<Record<string, never>, CallerIdentity> = (ctx) => {
  const { caller, store } = ctx
  const userId =
    caller.kind === 'user'
      ? caller.user.userId
      : caller.kind === 'role'
        ? `${caller.session.roleId}:${caller.session.roleSessionName}`
        : store.accountId
  return { UserId: userId, Account: store.accountId, Arn: callerArn(store, caller, ctx.partition) }
}

/** Every implemented STS action, by its Query `Action` name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const stsActions: Record<StsActionName, Action<any, unknown>> = {
  GetCallerIdentity: getCallerIdentity,
}
