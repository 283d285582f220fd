import { callerArn, callerSession, callerUser } from '../auth/caller.js'
import type { ActionNotes, StsActions } from './types.js'

/** Every implemented STS action, by its Query `Action` name. */
export const stsActions = {
  /**
   * Who signed the request: a user (`AIDA…` id, user ARN), the root (the account id, `…:root`)
   * or an assumed-role session (`AROA…:session`, `arn:aws:sts::…:assumed-role/Role/session`).
   */
  GetCallerIdentity(ctx) {
    const { caller, store } = ctx
    const session = callerSession(store, caller)
    const userId =
      callerUser(store, caller)?.UserId ??
      (session ? `${session.RoleId}:${session.RoleSessionName}` : store.accountId)
    return {
      UserId: userId,
      Account: store.accountId,
      Arn: callerArn(store, caller, ctx.partition),
    }
  },
} satisfies StsActions

export const stsNotes: ActionNotes<typeof stsActions> = {
  GetCallerIdentity:
    'the signing key’s user, the root, or a fixture’s role session (`AROA…:session`, `assumed-role` ARN)',
}
