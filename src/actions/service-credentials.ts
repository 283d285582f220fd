import type {
  ServiceSpecificCredential,
  ServiceSpecificCredentialMetadata,
} from '@aws-sdk/client-iam'
import {
  checkCredentialService,
  type ServiceCredentialRecord,
} from '../store/service-credentials.js'
import type { ActionContext } from './context.js'
import { DEFAULT_MAX_ITEMS, pageMembers, pageOf } from './paging.js'
import { credentialUser } from './ssh-public-keys.js'
import type { ActionNotes, IamActions } from './types.js'

function metadata(
  ctx: ActionContext,
  credential: ServiceCredentialRecord,
): ServiceSpecificCredentialMetadata {
  return {
    UserName: ctx.store.users.byId(credential.UserId)!.UserName,
    Status: credential.Status,
    ServiceUserName: credential.ServiceUserName,
    CreateDate: credential.CreateDate,
    ServiceSpecificCredentialId: credential.ServiceSpecificCredentialId,
    ServiceName: credential.ServiceName,
  }
}

/** The credential with its password: only Create and Reset answer with it. */
function withPassword(
  ctx: ActionContext,
  credential: ServiceCredentialRecord,
): ServiceSpecificCredential {
  return {
    CreateDate: credential.CreateDate,
    ServiceName: credential.ServiceName,
    ServiceUserName: credential.ServiceUserName,
    ServicePassword: credential.ServicePassword,
    ServiceSpecificCredentialId: credential.ServiceSpecificCredentialId,
    UserName: ctx.store.users.byId(credential.UserId)!.UserName,
    Status: credential.Status,
  }
}

export const serviceCredentialActions = {
  /** The user is checked before the service (recorded). */
  CreateServiceSpecificCredential(ctx, input) {
    const user = ctx.store.users.get(input.UserName)
    // @note Inferred: CredentialAgeDays (for Bedrock's keys) is ignored for these services.
    const credential = ctx.store.serviceCredentials.create(user, {
      ServiceName: input.ServiceName,
      CreateDate: ctx.now,
    })
    return { ServiceSpecificCredential: withPassword(ctx, credential) }
  },

  /**
   * @note Inferred: oldest first; with `AllUsers`, every user's (UserName is then ignored).
   */
  ListServiceSpecificCredentials(ctx, input) {
    if (input.ServiceName !== undefined) checkCredentialService(input.ServiceName)
    let credentials: ServiceCredentialRecord[]
    if (input.AllUsers) credentials = ctx.store.serviceCredentials.all()
    else {
      const user = credentialUser(ctx, input.UserName)
      credentials = user ? ctx.store.serviceCredentials.of(user.UserId) : []
    }
    if (input.ServiceName !== undefined) {
      credentials = credentials.filter((c) => c.ServiceName === input.ServiceName)
    }
    const page = pageOf(
      credentials,
      (c) => c.ServiceSpecificCredentialId,
      input.Marker,
      input.MaxItems ?? DEFAULT_MAX_ITEMS,
    )
    return {
      ServiceSpecificCredentials: page.items.map((c) => metadata(ctx, c)),
      ...pageMembers(page.marker),
    }
  },

  UpdateServiceSpecificCredential(ctx, input) {
    const user = credentialUser(ctx, input.UserName)
    const credential = ctx.store.serviceCredentials.owned(user, input.ServiceSpecificCredentialId)
    ctx.store.serviceCredentials.setStatus(credential, input.Status)
  },

  ResetServiceSpecificCredential(ctx, input) {
    const user = credentialUser(ctx, input.UserName)
    const credential = ctx.store.serviceCredentials.owned(user, input.ServiceSpecificCredentialId)
    return {
      ServiceSpecificCredential: withPassword(ctx, ctx.store.serviceCredentials.reset(credential)),
    }
  },

  DeleteServiceSpecificCredential(ctx, input) {
    const user = credentialUser(ctx, input.UserName)
    ctx.store.serviceCredentials.delete(
      ctx.store.serviceCredentials.owned(user, input.ServiceSpecificCredentialId),
    )
  },
} satisfies IamActions

export const serviceCredentialNotes: ActionNotes<typeof serviceCredentialActions> = {
  CreateServiceSpecificCredential:
    '`codecommit.amazonaws.com` and `cassandra.amazonaws.com` (others: `NoSuchEntity` `No such service … is supported…`); `ServiceUserName` `<user>-at-<account>`, kept through renames; the password only here and on Reset; 2 per service per user; `ACCA…` ids',
  ListServiceSpecificCredentials:
    'without passwords, oldest first; `ServiceName` filter (checked), `AllUsers`; without `UserName`: the caller’s; paged',
  UpdateServiceSpecificCredential: '`Active` / `Inactive`',
  ResetServiceSpecificCredential: 'a new password; the status stays',
  DeleteServiceSpecificCredential: '',
}
