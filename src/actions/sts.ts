import type { Credentials, Tag } from '@aws-sdk/client-sts'
import { callerArn, callerSession, callerToken, callerUser } from '../auth/caller.js'
import {
  OUTBOUND_ALGORITHMS,
  signOutboundToken,
  type OutboundAlgorithm,
} from '../auth/outbound-token.js'
import { callerFacts, requestTimeKeys } from '../auth/principal.js'
import { IamError } from '../errors.js'
import { evaluatePolicy, type ContextValue, type RequestPrincipal } from '../policy/evaluate.js'
import {
  verifyWebIdentityToken,
  webIdentityErrors,
  type VerifiedToken,
} from '../auth/web-identity-token.js'
import {
  nameQualifier,
  readSamlAssertion,
  samlAssertionErrors,
  type SamlAssertion,
} from '../auth/saml-assertion.js'
import { BASE32 } from '../store/ids.js'
import type { RoleRecord } from '../store/roles.js'
import type { SessionTokenRecord } from '../store/session-tokens.js'
import { ROOT_ID } from '../store/users.js'
import type { ActionContext } from './context.js'
import type { ActionNotes, Completion, Preparation, StsActions } from './types.js'

/** STS's errors, with AWS's wording. */
export const stsErrors = {
  /** `User: <caller> is not authorized to perform: sts:AssumeRole on resource: <role>` (403). */
  notAuthorized(callerArn: string, action: string, resource: string): IamError {
    return new IamError(
      'AccessDenied',
      `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`,
      403,
    )
  },
  /** Recorded: a RoleArn that is no ARN (too few fields, an empty partition, service or resource). */
  invalidArn(arn: string): IamError {
    return new IamError('ValidationError', `${arn} is invalid`, 400)
  },
  durationOverMax(): IamError {
    return new IamError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      400,
    )
  },
  chainedDuration(): IamError {
    return new IamError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      400,
    )
  },
  /** Recorded. */
  duplicateTagKeys(): IamError {
    return new IamError(
      'InvalidParameterValue',
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      400,
    )
  },
  /** Recorded. */
  transitiveKeyNotInTags(): IamError {
    return new IamError(
      'InvalidParameterValue',
      'The specified transitive tag key must be included in the requested tags.',
      400,
    )
  },
  /** Recorded (also when the keys differ only in case). */
  transitiveConflict(): IamError {
    return new IamError(
      'InvalidParameterValue',
      "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
      400,
    )
  },
  /** GetSessionToken and GetFederationToken refuse temporary credentials. */
  /**
   * A `SerialNumber` + `TokenCode` that do not authenticate the caller: GetSessionToken's text is
   * AWS's; @note inferred: AssumeRole's (AWS's other MFA text, seen in its CLI's output).
   */
  mfaFailed(operation: 'GetSessionToken' | 'AssumeRole'): IamError {
    return new IamError(
      'AccessDenied',
      operation === 'GetSessionToken'
        ? 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.'
        : 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
      403,
    )
  },
  sessionCredentials(operation: 'GetSessionToken' | 'GetFederationToken'): IamError {
    return new IamError('AccessDenied', `Cannot call ${operation} with session credentials`, 403)
  },
  /** AWS's two sentences (the IAM User Guide's PackedPolicyTooLarge article). */
  packedPolicyTooLarge(percent: number, tags: boolean): IamError {
    return new IamError(
      'PackedPolicyTooLarge',
      tags
        ? `Packed size of session tags consumes ${percent}% of allotted space.`
        : `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`,
      400,
    )
  },
  /**
   * @note Inferred: AWS's sentence for a changed source identity is not recorded; its docs say
   * only that a source identity, once set, cannot be changed.
   */
  sourceIdentityChanged(): IamError {
    return new IamError(
      'InvalidParameterValue',
      'The source identity of the calling session cannot be changed.',
      400,
    )
  },
  /** @note Inferred: the sentence (the code is the model's). */
  undecodableMessage(): IamError {
    return new IamError(
      'InvalidAuthorizationMessageException',
      'The encoded authorization message is invalid.',
      400,
    )
  },
  /** @note Inferred: the sentence (the code is the model's). */
  tradeInToken(): IamError {
    return new IamError(
      'ExpiredTradeInTokenException',
      'The trade-in token is expired or invalid.',
      400,
    )
  },
  /** @note Inferred: the sentence (the code and status are the model's). */
  /** The model's documentation of the error, as its message. @note inferred */
  durationEscalation(): IamError {
    return new IamError(
      'SessionDurationEscalationException',
      'The requested token duration would extend the session beyond its original expiration time.',
      403,
    )
  },
  outboundFederationDisabled(): IamError {
    return new IamError(
      'OutboundWebIdentityFederationDisabledException',
      'Outbound web identity federation is disabled for this account.',
      403,
    )
  },
  /** @note Inferred: the sentence for an access key id that encodes no account. */
  invalidAccessKeyId(accessKeyId: string): IamError {
    return new IamError(
      'InvalidParameterValue',
      `${accessKeyId} is not a valid access key id.`,
      400,
    )
  },
}

/** A role assumed by a role session lasts at most an hour (role chaining). */
const CHAINED_MAX_SECONDS = 3600
/** Temporary credentials of the root last at most an hour; longer requests get an hour. */
const ROOT_MAX_SECONDS = 3600
const DEFAULT_ROLE_SECONDS = 3600
const DEFAULT_TOKEN_SECONDS = 43200

/** Every implemented STS action, by its Query `Action` name. */
export const stsActions = {
  /**
   * Who signed the request: a user (`AIDA…` id, user ARN), the root (the account id, `…:root`),
   * an assumed-role session (`AROA…:session`, `arn:aws:sts::…:assumed-role/Role/session`) or a
   * federated user (`account:Name`, `…:federated-user/Name`). GetSessionToken's credentials act
   * as the user (or root) that asked for them.
   */
  GetCallerIdentity(ctx) {
    const { caller, store } = ctx
    const session = callerSession(store, caller)
    const token = callerToken(store, caller)
    const userId =
      callerUser(store, caller)?.UserId ??
      (session
        ? `${session.RoleId}:${session.RoleSessionName}`
        : token?.Kind === 'federated'
          ? `${store.accountId}:${token.FederatedName}`
          : store.accountId)
    return {
      UserId: userId,
      Account: store.accountId,
      Arn: callerArn(store, caller, ctx.partition),
    }
  },

  /**
   * Temporary credentials of a role, when its trust policy lets the caller assume it; they
   * become a role session of the store, which signs later calls as `assumed-role/Role/Session`.
   */
  AssumeRole(ctx, input) {
    const { store } = ctx
    checkArn(input.RoleArn)
    const facts = callerFacts(store, ctx.caller, ctx.partition, ctx.now)
    const tags = input.Tags ?? []
    const transitiveKeys = input.TransitiveTagKeys ?? []
    checkSessionTags(tags, transitiveKeys)
    const inherited = facts.transitiveTags
    const inheritedKeys = new Set(inherited.map((tag) => tag.Key.toLowerCase()))
    if (tags.some((tag) => inheritedKeys.has(tag.Key.toLowerCase()))) {
      throw stsErrors.transitiveConflict()
    }
    const packed = packedPolicySize(ctx, input.Policy, input.PolicyArns, tags)
    const role = store.roles.byArn(input.RoleArn)
    const arn = callerArn(store, ctx.caller, ctx.partition)
    const mfa = facts.mfa || mfaCode(ctx, input, 'AssumeRole')
    const context: Record<string, ContextValue | undefined> = {
      ...facts.context,
      'sts:ExternalId': input.ExternalId,
      'sts:RoleSessionName': input.RoleSessionName,
      'sts:SourceIdentity': input.SourceIdentity,
      'sts:TransitiveTagKeys': input.TransitiveTagKeys,
      'aws:TagKeys': tags.length > 0 ? tags.map((tag) => tag.Key) : undefined,
      'aws:MultiFactorAuthPresent': mfa ? 'true' : facts.context['aws:MultiFactorAuthPresent'],
      ...(mfa && { 'aws:MultiFactorAuthAge': '0' }),
    }
    for (const tag of tags) context[`aws:RequestTag/${tag.Key}`] = tag.Value
    const trusts = (action: string) =>
      role !== undefined && trustAllows(role, action, facts.principal, context)
    // @note A role that does not exist is refused as one that does not trust the caller: STS
    // does not tell who may assume what.
    // @note Inferred: a federated user (GetFederationToken's credentials) may call no STS
    // operation but GetCallerIdentity, as AWS documents; refused as the trust policy refuses.
    if (ctx.caller.kind === 'federated' || !trusts('sts:AssumeRole')) {
      throw stsErrors.notAuthorized(arn, 'sts:AssumeRole', input.RoleArn)
    }
    if (tags.length > 0 && !trusts('sts:TagSession')) {
      throw stsErrors.notAuthorized(arn, 'sts:TagSession', input.RoleArn)
    }
    if (input.SourceIdentity !== undefined) {
      if (facts.sourceIdentity !== undefined && facts.sourceIdentity !== input.SourceIdentity) {
        throw stsErrors.sourceIdentityChanged()
      }
      if (!trusts('sts:SetSourceIdentity')) {
        throw stsErrors.notAuthorized(arn, 'sts:SetSourceIdentity', input.RoleArn)
      }
    }
    const seconds = input.DurationSeconds ?? DEFAULT_ROLE_SECONDS
    if (facts.roleSession && seconds > CHAINED_MAX_SECONDS) throw stsErrors.chainedDuration()
    if (seconds > role!.MaxSessionDuration) throw stsErrors.durationOverMax()
    const sourceIdentity = input.SourceIdentity ?? facts.sourceIdentity
    const issued = issueRoleSession(ctx, role!, {
      policy: input.Policy,
      policyArns: input.PolicyArns,
      RoleSessionName: input.RoleSessionName,
      duration: seconds,
      tags: [...inherited, ...tags],
      transitiveKeys: [...inherited.map((tag) => tag.Key), ...transitiveKeys],
      sourceIdentity,
      mfa,
      chained: facts.roleSession,
    })
    return {
      ...issued,
      ...(packed !== undefined && { PackedPolicySize: packed }),
      ...(sourceIdentity !== undefined && { SourceIdentity: sourceIdentity }),
    }
  },

  /**
   * Temporary credentials of the calling user (or root), optionally with MFA: they act as that
   * user. Refused for temporary credentials.
   */
  GetSessionToken(ctx, input) {
    const { issued, expiration } = issueSessionToken(
      ctx,
      'GetSessionToken',
      input.DurationSeconds,
      () => ({
        Kind: 'session',
        MfaAuthenticated: mfaCode(ctx, input, 'GetSessionToken'),
        Tags: [],
      }),
    )
    return { Credentials: credentials(issued, expiration) }
  },

  /**
   * Temporary credentials of a federated user of the account (`federated-user/Name`), limited
   * by the session policies given. Refused for temporary credentials.
   */
  GetFederationToken(ctx, input) {
    const tags = input.Tags ?? []
    checkSessionTags(tags, [])
    const packed = packedPolicySize(ctx, input.Policy, input.PolicyArns, tags) ?? 0
    const { issued, expiration } = issueSessionToken(
      ctx,
      'GetFederationToken',
      input.DurationSeconds,
      () => ({
        Kind: 'federated',
        FederatedName: input.Name,
        MfaAuthenticated: false,
        Tags: tags.map(({ Key, Value }) => ({ Key: Key!, Value: Value ?? '' })),
        ...(input.Policy !== undefined && { Policy: input.Policy }),
        ...(input.PolicyArns?.length && {
          PolicyArns: input.PolicyArns.flatMap((p) => (p.arn ? [p.arn] : [])),
        }),
      }),
    )
    const { store } = ctx
    return {
      Credentials: credentials(issued, expiration),
      FederatedUser: {
        FederatedUserId: `${store.accountId}:${input.Name}`,
        Arn: store.sessionTokens.federatedArn(input.Name, ctx.partition),
      },
      PackedPolicySize: packed,
    }
  },

  /**
   * The account an access key id belongs to: the mock's for every key it issued, otherwise the
   * account encoded in the id (as in every `AKIA…`/`ASIA…` id AWS issues since 2019).
   */
  GetAccessKeyInfo(ctx, input) {
    const { store } = ctx
    const id = input.AccessKeyId
    if (store.accessKeys.has(id) || store.sessions.has(id) || store.sessionTokens.table.has(id)) {
      return { Account: store.accountId }
    }
    return { Account: encodedAccount(id) }
  },

  /**
   * Temporary credentials of a role for a web identity (an OIDC provider's JWT): the token
   * verified (its signature by the preparation), its audience, subject and times checked, and
   * the role's trust policy evaluated against its claims (`<provider>:sub`, `:aud`, `:amr`).
   */
  AssumeRoleWithWebIdentity(ctx, input) {
    const { store } = ctx
    checkArn(input.RoleArn)
    const verified = ctx.prepared as VerifiedToken
    // The provider, and the key that verified the token, as the store holds them now.
    const provider = store.oidcProviders.byIssuer(verified.issuer)
    if (!provider || provider.Url !== verified.providerUrl) {
      throw webIdentityErrors.noProvider(verified.issuer)
    }
    if (!(provider.Keys ?? []).some((key) => JSON.stringify(key) === verified.key)) {
      throw webIdentityErrors.noKeys()
    }
    const { claims } = verified
    const audiences = strings(claims.aud)
    if (audiences.length === 0) throw webIdentityErrors.missingClaim('aud')
    const audience = audiences.find((aud) => provider.ClientIDList.includes(aud))
    if (audience === undefined) throw webIdentityErrors.audience()
    if (typeof claims.sub !== 'string') throw webIdentityErrors.missingClaim('sub')
    if (typeof claims.exp !== 'number') throw webIdentityErrors.missingClaim('exp')
    const seconds = Math.floor(ctx.now.getTime() / 1000)
    if (seconds >= claims.exp) throw webIdentityErrors.expired(seconds, claims.exp)
    if (typeof claims.nbf === 'number' && seconds < claims.nbf) {
      throw webIdentityErrors.notYetValid(seconds, claims.nbf)
    }
    const { tags, transitiveKeys } = tokenTags(claims)
    checkSessionTags(tags, transitiveKeys)
    const packed = packedPolicySize(ctx, input.Policy, input.PolicyArns, tags)
    const role = store.roles.byArn(input.RoleArn)
    const providerArn = store.oidcProviders.arn(provider)
    const url = provider.Url
    const context = federatedContext(ctx, tags, {
      [`${url}:sub`]: claims.sub,
      [`${url}:aud`]: audience,
      [`${url}:azp`]: typeof claims.azp === 'string' ? claims.azp : undefined,
      [`${url}:amr`]: claims.amr === undefined ? undefined : strings(claims.amr),
      'aws:FederatedProvider': providerArn,
      'sts:RoleSessionName': input.RoleSessionName,
    })
    const trusts = federatedTrust(role, providerArn, context)
    if (!trusts('sts:AssumeRoleWithWebIdentity')) throw webIdentityErrors.notAuthorized()
    // @note Inferred: session tags from the token without sts:TagSession in the trust policy
    // get the same AccessDenied sentence as the assumption itself.
    if (tags.length > 0 && !trusts('sts:TagSession')) throw webIdentityErrors.notAuthorized()
    const duration = input.DurationSeconds ?? DEFAULT_ROLE_SECONDS
    if (duration > role!.MaxSessionDuration) throw stsErrors.durationOverMax()
    const issued = issueRoleSession(ctx, role!, {
      policy: input.Policy,
      policyArns: input.PolicyArns,
      RoleSessionName: input.RoleSessionName,
      duration,
      tags,
      transitiveKeys,
      mfa: false,
    })
    return {
      ...issued,
      SubjectFromWebIdentityToken: claims.sub,
      ...(packed !== undefined && { PackedPolicySize: packed }),
      // @note Inferred: the provider's ARN, as AWS CLI output for EKS and GitHub tokens shows it
      // (the API reference says the token's `iss`).
      Provider: store.oidcProviders.arn(provider, ctx.partition),
      Audience: audience,
    }
  },

  /**
   * Temporary credentials of a role for a SAML assertion: its issuer must be the provider's
   * entity id, its Role attribute must pair the role with the provider, it must not have expired
   * (`NotOnOrAfter`), and the role's trust policy must allow the provider on its claims
   * (`SAML:aud`, `SAML:sub`…). The XML signature is not verified.
   */
  AssumeRoleWithSAML(ctx, input) {
    const { store } = ctx
    checkArn(input.RoleArn)
    checkArn(input.PrincipalArn)
    const { assertion, qualifier } = ctx.prepared as PreparedSaml
    const provider = store.samlProviders.find(input.PrincipalArn)
    if (!provider) throw samlAssertionErrors.noProvider()
    if (provider.ValidUntil.getTime() <= ctx.now.getTime()) {
      throw samlAssertionErrors.providerExpired()
    }
    if (assertion.issuer !== provider.EntityId) throw samlAssertionErrors.wrongIssuer()
    if (assertion.notOnOrAfter && assertion.notOnOrAfter.getTime() <= ctx.now.getTime()) {
      throw samlAssertionErrors.expired()
    }
    const paired = assertion.roles.some(
      (pair) => pair.roleArn === input.RoleArn && pair.providerArn === input.PrincipalArn,
    )
    if (!paired) throw samlAssertionErrors.notAuthorized()
    const sessionName = assertion.sessionName
    if (sessionName === undefined || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw samlAssertionErrors.noSessionName()
    }
    const tags = [...assertion.tags]
    checkSessionTags(tags, assertion.transitiveKeys)
    const packed = packedPolicySize(ctx, input.Policy, input.PolicyArns, tags)
    const role = store.roles.byArn(input.RoleArn)
    const providerArn = store.samlProviders.arn(provider)
    const context = federatedContext(ctx, tags, {
      'SAML:aud': assertion.recipient,
      'SAML:sub': assertion.nameId,
      'SAML:sub_type': assertion.nameIdFormat,
      'SAML:iss': assertion.issuer,
      'SAML:namequalifier': qualifier,
      'SAML:doc': `${store.accountId}/${provider.Name}`,
      'aws:FederatedProvider': providerArn,
      'sts:RoleSessionName': sessionName,
      'sts:SourceIdentity': assertion.sourceIdentity,
    })
    const trusts = federatedTrust(role, providerArn, context)
    if (!trusts('sts:AssumeRoleWithSAML')) throw samlAssertionErrors.notAuthorized()
    // @note Inferred: tags or a source identity the trust policy does not allow get the same
    // AccessDenied sentence as the assumption itself.
    if (tags.length > 0 && !trusts('sts:TagSession')) throw samlAssertionErrors.notAuthorized()
    if (assertion.sourceIdentity !== undefined && !trusts('sts:SetSourceIdentity')) {
      throw samlAssertionErrors.notAuthorized()
    }
    const duration = input.DurationSeconds ?? assertion.sessionDuration ?? DEFAULT_ROLE_SECONDS
    if (duration > role!.MaxSessionDuration) throw stsErrors.durationOverMax()
    const issued = issueRoleSession(ctx, role!, {
      policy: input.Policy,
      policyArns: input.PolicyArns,
      RoleSessionName: sessionName,
      duration,
      tags,
      transitiveKeys: assertion.transitiveKeys,
      sourceIdentity: assertion.sourceIdentity,
      mfa: false,
    })
    return {
      ...issued,
      ...(packed !== undefined && { PackedPolicySize: packed }),
      ...(assertion.nameId !== undefined && { Subject: assertion.nameId }),
      ...(assertion.nameIdFormat !== undefined && { SubjectType: assertion.nameIdFormat }),
      Issuer: assertion.issuer,
      ...(assertion.recipient !== undefined && { Audience: assertion.recipient }),
      NameQualifier: qualifier,
      ...(assertion.sourceIdentity !== undefined && { SourceIdentity: assertion.sourceIdentity }),
    }
  },

  /**
   * Decodes the encoded authorization message of an AccessDenied answer. The mock's answers
   * carry no encoded messages, so there is none it could decode.
   */
  DecodeAuthorizationMessage() {
    throw stsErrors.undecodableMessage()
  },

  /**
   * Root sessions on a member account need AWS Organizations with centralized root access; a
   * standalone account (as every mock is) has none, so the caller is not authorized.
   */
  AssumeRoot(ctx, input) {
    const target = /^\d{12}$/.test(input.TargetPrincipal)
      ? `arn:${ctx.partition}:iam::${input.TargetPrincipal}:root`
      : input.TargetPrincipal
    throw stsErrors.notAuthorized(
      callerArn(ctx.store, ctx.caller, ctx.partition),
      'sts:AssumeRoot',
      target,
    )
  },

  /** Trade-in tokens come from IAM delegation requests, which the mock does not issue. */
  GetDelegatedAccessToken() {
    throw stsErrors.tradeInToken()
  },

  /**
   * A JWT of the caller's identity for an external service, once the account has enabled outbound
   * web identity federation (IAM's EnableOutboundWebIdentityFederation): `iss` the account's
   * issuer, `sub` the principal (a role session's role), `aud`, `iat`, `exp`, `jti`, and AWS's
   * claims under `https://sts.amazonaws.com/` (account, region, principal and request tags). Its
   * signature is the completion's (WebCrypto is asynchronous).
   */
  GetWebIdentityToken(ctx, input) {
    const { store } = ctx
    const outbound = store.stsSettings.outbound
    if (!outbound?.JwtVendingEnabled) throw stsErrors.outboundFederationDisabled()
    const alg = input.SigningAlgorithm
    if (!(OUTBOUND_ALGORITHMS as readonly string[]).includes(alg)) {
      throw IamError.validation([
        `Value '${alg}' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [${OUTBOUND_ALGORITHMS.join(', ')}]`,
      ])
    }
    const seconds = input.DurationSeconds ?? DEFAULT_WEB_IDENTITY_TOKEN_SECONDS
    const expiration = new Date(ctx.now.getTime() + seconds * 1000)
    const session = callerSession(store, ctx.caller) ?? callerToken(store, ctx.caller)
    if (session?.Expiration && expiration > session.Expiration) throw stsErrors.durationEscalation()
    const facts = callerFacts(store, ctx.caller, ctx.partition, ctx.now)
    const tagsOf = (prefix: string, entries: [string, unknown][]) =>
      Object.fromEntries(
        entries
          .filter(([key]) => key.startsWith(prefix))
          .map(([k, v]) => [k.slice(prefix.length), v]),
      )
    const principalTags = tagsOf('aws:PrincipalTag/', Object.entries(facts.context))
    const requestTags = Object.fromEntries((input.Tags ?? []).map((tag) => [tag.Key, tag.Value]))
    const issuedAt = Math.floor(ctx.now.getTime() / 1000)
    const claims = {
      iss: outbound.IssuerIdentifier,
      // @note inferred: one audience as a string, several as an array (as JWTs carry them).
      aud: input.Audience.length === 1 ? input.Audience[0] : input.Audience,
      sub: facts.context['aws:PrincipalArn'],
      iat: issuedAt,
      exp: issuedAt + seconds,
      jti: store.config.newUuid(),
      'https://sts.amazonaws.com/': {
        aws_account: store.accountId,
        // @note inferred: the region the request was signed for (us-east-1 when unsigned).
        source_region: ctx.region ?? 'us-east-1',
        ...(Object.keys(principalTags).length > 0 && { principal_tags: principalTags }),
        ...(Object.keys(requestTags).length > 0 && { request_tags: requestTags }),
      },
    }
    const output = { WebIdentityToken: '', Expiration: expiration }
    return Object.assign(output, { [UNSIGNED]: { alg, claims } })
  },
} satisfies StsActions

/** GetWebIdentityToken's default lifetime (the API reference: five minutes). */
const DEFAULT_WEB_IDENTITY_TOKEN_SECONDS = 300

/** Where GetWebIdentityToken's answer carries the claims its completion signs. */
const UNSIGNED = Symbol('unsigned token')

/** The asynchronous ends of STS actions (see `Completion`). */
export const stsCompletions = {
  GetWebIdentityToken: async (store, output) => {
    const { [UNSIGNED]: unsigned, ...answer } = output as {
      [UNSIGNED]: { alg: OutboundAlgorithm; claims: Record<string, unknown> }
    } & Record<string, unknown>
    return {
      ...answer,
      WebIdentityToken: await signOutboundToken(store, unsigned.alg, unsigned.claims),
    }
  },
} satisfies Partial<Record<keyof typeof stsActions, Completion>>

/** STS operations that take unsigned requests: the caller proves itself with a token. */
export const STS_ANONYMOUS: ReadonlySet<string> = new Set([
  'AssumeRoleWithWebIdentity',
  'AssumeRoleWithSAML',
])

/** The asynchronous halves of STS actions (see `Preparation`). */
export const stsPreparations = {
  AssumeRoleWithWebIdentity: (store, input) =>
    verifyWebIdentityToken(store, input.WebIdentityToken as string),
  AssumeRoleWithSAML: async (store, input): Promise<PreparedSaml> => {
    const assertion = readSamlAssertion(input.SAMLAssertion as string)
    const providerName = String(input.PrincipalArn).replace(/^.*:saml-provider\//, '')
    return {
      assertion,
      qualifier: await nameQualifier(assertion.issuer, store.accountId, providerName),
    }
  },
} satisfies Partial<Record<keyof typeof stsActions, Preparation>>

/** What AssumeRoleWithSAML's preparation read: the assertion, and its NameQualifier (SHA-1). */
interface PreparedSaml {
  readonly assertion: SamlAssertion
  readonly qualifier: string
}

export const stsNotes: ActionNotes<typeof stsActions> = {
  DecodeAuthorizationMessage:
    '`InvalidAuthorizationMessageException`: the mock’s answers carry no encoded messages',
  AssumeRoot:
    'AccessDenied, as for a standalone account (no AWS Organizations centralized root access)',
  GetDelegatedAccessToken:
    '`ExpiredTradeInTokenException`: the mock issues no trade-in tokens (no delegation requests)',
  GetWebIdentityToken:
    'a JWT signed RS256 or ES384 with the account’s key (its JWKS served at the issuer), AWS’s claims (`sub` the principal, `https://sts.amazonaws.com/` account, region, principal and request tags), 5 minutes by default; `OutboundWebIdentityFederationDisabledException` (403) until IAM’s EnableOutboundWebIdentityFederation, `SessionDurationEscalationException` past the caller’s session',
  AssumeRoleWithSAML:
    'the assertion’s `Issuer` against the provider’s entity id, the Role attribute’s role/provider pair, `NotOnOrAfter`, RoleSessionName/SessionDuration/PrincipalTag attributes, the trust policy on `SAML:aud`, `SAML:sub`…; `NameQualifier` as AWS computes it; the XML signature is not verified; unsigned',
  AssumeRoleWithWebIdentity:
    'the JWT verified with `jose` against the OIDC provider’s `Keys` (issuer, signature, audience in its client ids, `exp`/`nbf`), the trust policy on its claims (`<provider>:sub`, `:aud`, `:amr`), session tags from its `https://aws.amazon.com/tags`; AWS’s `InvalidIdentityToken`, `ExpiredTokenException`, AccessDenied; unsigned',
  GetCallerIdentity:
    'every principal: users, the root, role sessions (`AROA…:session`, `assumed-role` ARN), federated users, GetSessionToken’s credentials',
  AssumeRole:
    'trust policy evaluated (principals, conditions incl. `sts:ExternalId`, `aws:PrincipalArn`, MFA), AWS’s AccessDenied; `SerialNumber` + `TokenCode` checked against the caller’s virtual MFA device; durations, role chaining (1 hour), session policies (`PackedPolicySize`), tags and transitive tags, `SourceIdentity`; the credentials sign later calls',
  GetSessionToken:
    'users and root (root: at most 1 hour); refused for temporary credentials; `SerialNumber` + `TokenCode` checked against the user’s enabled virtual MFA device (RFC 6238, one step either way), AWS’s AccessDenied otherwise; IAM takes the credentials only with MFA (`InvalidClientTokenId` without)',
  GetFederationToken:
    '`federated-user` ARN, session policies (`PackedPolicySize`), tags; refused for temporary credentials; IAM refuses the credentials (`InvalidClientTokenId`), as AWS does',
  GetAccessKeyInfo: 'the mock’s account for its keys, otherwise the account encoded in the key id',
}

/**
 * Mints a role's temporary credentials and records them as a role session of the store; answers
 * them with the session's assumed-role user.
 */
function issueRoleSession(
  ctx: ActionContext,
  role: RoleRecord,
  options: {
    RoleSessionName: string
    duration: number
    tags: readonly Tag[]
    transitiveKeys: readonly string[]
    sourceIdentity?: string | undefined
    mfa: boolean
    chained?: boolean
    policy?: string | undefined
    policyArns?: readonly { arn?: string }[] | undefined
  },
) {
  const { store } = ctx
  const issued = store.config.newTemporaryCredentials()
  const expiration = new Date(ctx.now.getTime() + options.duration * 1000)
  const session = store.sessions.add({
    AccessKeyId: issued.accessKeyId,
    SecretAccessKey: issued.secretAccessKey,
    SessionToken: issued.sessionToken,
    RoleArn: store.roles.arn(role),
    RoleId: role.RoleId,
    RoleSessionName: options.RoleSessionName,
    Expiration: expiration,
    Tags: options.tags.map(({ Key, Value }) => ({ Key: Key!, Value: Value ?? '' })),
    TransitiveTagKeys: [...options.transitiveKeys],
    ...(options.sourceIdentity !== undefined && { SourceIdentity: options.sourceIdentity }),
    MfaAuthenticated: options.mfa,
    Chained: options.chained ?? false,
    ...(options.policy !== undefined && { Policy: options.policy }),
    ...(options.policyArns !== undefined &&
      options.policyArns.length > 0 && {
        PolicyArns: options.policyArns.flatMap(({ arn }) => (arn === undefined ? [] : [arn])),
      }),
  })
  return {
    Credentials: credentials(issued, expiration),
    AssumedRoleUser: {
      AssumedRoleId: `${session.RoleId}:${session.RoleSessionName}`,
      Arn: store.sessions.arn(session, ctx.partition),
    },
  }
}

/** A claim's string values (a string, or the strings of a list). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

/**
 * Session tags a web identity token carries (`https://aws.amazon.com/tags`:
 * `principal_tags` of one value each, `transitive_tag_keys`), as AWS documents the claim.
 */
function tokenTags(claims: Readonly<Record<string, unknown>>): {
  tags: { Key: string; Value: string }[]
  transitiveKeys: string[]
} {
  const claim = claims['https://aws.amazon.com/tags'] as
    { principal_tags?: Record<string, unknown>; transitive_tag_keys?: unknown } | undefined
  if (typeof claim !== 'object' || claim === null) return { tags: [], transitiveKeys: [] }
  const tags = Object.entries(claim.principal_tags ?? {}).flatMap(([Key, value]) => {
    const [Value] = strings(value)
    return Value === undefined ? [] : [{ Key, Value }]
  })
  return { tags, transitiveKeys: strings(claim.transitive_tag_keys) }
}

function credentials(
  issued: { accessKeyId: string; secretAccessKey: string; sessionToken: string },
  expiration: Date,
): Required<Pick<Credentials, 'AccessKeyId' | 'SecretAccessKey' | 'SessionToken' | 'Expiration'>> {
  return {
    AccessKeyId: issued.accessKeyId,
    SecretAccessKey: issued.secretAccessKey,
    SessionToken: issued.sessionToken,
    Expiration: expiration,
  }
}

/**
 * A RoleArn must be an ARN: six colon-separated fields, with a partition, a service and a
 * resource (recorded sentences); whether it names a role of this account is the trust check's.
 */
function checkArn(arn: string): void {
  const fields = arn.split(':')
  if (
    fields.length < 6 ||
    fields[0] !== 'arn' ||
    fields[1] === '' ||
    fields[2] === '' ||
    fields.slice(5).join(':') === ''
  ) {
    throw stsErrors.invalidArn(arn)
  }
}

/** Tag keys are unique regardless of case; each transitive key names one of the tags. */
function checkSessionTags(tags: readonly Tag[], transitiveKeys: readonly string[]): void {
  const keys = new Set<string>()
  for (const tag of tags) {
    const key = tag.Key!.toLowerCase()
    if (keys.has(key)) throw stsErrors.duplicateTagKeys()
    keys.add(key)
  }
  if (transitiveKeys.some((key) => !keys.has(key.toLowerCase()))) {
    throw stsErrors.transitiveKeyNotInTags()
  }
}

/**
 * The request's condition keys for a federated assumption (web identity, SAML): the provider's
 * `keys`, the session tags asked for, the time and TLS.
 */
function federatedContext(
  ctx: ActionContext,
  tags: readonly { Key: string; Value: string }[],
  keys: Record<string, ContextValue | undefined>,
): Record<string, ContextValue | undefined> {
  const context: Record<string, ContextValue | undefined> = {
    ...keys,
    ...requestTimeKeys(ctx.now),
    'aws:SecureTransport': 'true',
    'aws:TagKeys': tags.length > 0 ? tags.map((tag) => tag.Key) : undefined,
  }
  for (const tag of tags) context[`aws:RequestTag/${tag.Key}`] = tag.Value
  return context
}

/** Whether the role's trust policy allows an action to a federated provider's principal. */
function federatedTrust(
  role: RoleRecord | undefined,
  providerArn: string,
  context: Record<string, ContextValue | undefined>,
): (action: string) => boolean {
  return (action) =>
    role !== undefined &&
    trustAllows(role, action, { arns: [], account: '', federated: providerArn }, context)
}

function trustAllows(
  role: RoleRecord,
  action: string,
  principal: RequestPrincipal,
  context: Record<string, ContextValue | undefined>,
): boolean {
  try {
    return evaluatePolicy(role.AssumeRolePolicyDocument, { action, principal, context }) === 'Allow'
  } catch {
    return false
  }
}

/**
 * Mints GetSessionToken's or GetFederationToken's credentials for the calling user (or root) and
 * records them; refused for temporary credentials.
 */
function issueSessionToken(
  ctx: ActionContext,
  operation: 'GetSessionToken' | 'GetFederationToken',
  requestedSeconds: number | undefined,
  /** Called once the caller may have such credentials (its checks come after that one). */
  record: () => Pick<
    SessionTokenRecord,
    'Kind' | 'MfaAuthenticated' | 'Tags' | 'FederatedName' | 'Policy' | 'PolicyArns'
  >,
) {
  const { store } = ctx
  const facts = callerFacts(store, ctx.caller, ctx.partition, ctx.now)
  if (facts.temporary) throw stsErrors.sessionCredentials(operation)
  const fields = record()
  const user = callerUser(store, ctx.caller)
  const seconds = tokenSeconds(requestedSeconds, user === undefined)
  const issued = store.config.newTemporaryCredentials()
  const expiration = new Date(ctx.now.getTime() + seconds * 1000)
  store.sessionTokens.add({
    ...fields,
    AccessKeyId: issued.accessKeyId,
    SecretAccessKey: issued.secretAccessKey,
    SessionToken: issued.sessionToken,
    Expiration: expiration,
    OwnerId: user?.UserId ?? ROOT_ID,
  })
  return { issued, expiration }
}

/**
 * Whether a request's `SerialNumber` + `TokenCode` authenticate its caller with MFA (false when it
 * gives neither): the serial must name a virtual MFA device of the store enabled for the calling
 * user and the code be that device's current one. @throws AccessDenied otherwise.
 * @note Inferred: the root's MFA device lives outside the store (AWS enables it in the console
 * only), so the root's serial is taken as given unless it names a device of the store; a role
 * session or federated user has no device of its own.
 */
function mfaCode(
  ctx: ActionContext,
  input: { SerialNumber?: string; TokenCode?: string },
  operation: 'GetSessionToken' | 'AssumeRole',
): boolean {
  const { SerialNumber: serial, TokenCode: code } = input
  if (serial === undefined && code === undefined) return false
  const devices = ctx.store.mfaDevices
  const user = callerUser(ctx.store, ctx.caller)
  const accepted =
    serial !== undefined &&
    code !== undefined &&
    (user !== undefined
      ? devices.acceptsCode(serial, code, user.UserId, ctx.now)
      : ctx.caller.kind === 'root' && !devices.holds(serial))
  if (!accepted) throw stsErrors.mfaFailed(operation)
  return true
}

/** A session's length: GetSessionToken's and GetFederationToken's default, the root's cap. */
function tokenSeconds(requested: number | undefined, root: boolean): number {
  const seconds = requested ?? DEFAULT_TOKEN_SECONDS
  return root ? Math.min(seconds, ROOT_MAX_SECONDS) : seconds
}

/**
 * The session policies and tags, checked, and how much of the packed space they take, in
 * percent; undefined when none are given.
 *
 * @note Inferred: AWS's packing (a compressed binary form) is not published. The mock counts
 * the policy's non-whitespace characters, the policy ARNs and the tags' keys and values against
 * 1,000 characters, which gives the recorded 16 for the recording's 153-character policy.
 * @throws MalformedPolicyDocument (the dialect's policy grammar), PackedPolicyTooLarge
 */
function packedPolicySize(
  ctx: ActionContext,
  policy: string | undefined,
  policyArns: readonly { arn?: string }[] | undefined,
  tags: readonly Tag[],
): number | undefined {
  if (policy === undefined && (policyArns ?? []).length === 0 && tags.length === 0) {
    return undefined
  }
  if (policy !== undefined) checkSessionPolicy(ctx, policy)
  const policyChars =
    (policy?.replace(/\s/g, '').length ?? 0) +
    (policyArns ?? []).reduce((sum, { arn }) => sum + (arn?.length ?? 0), 0)
  const tagChars = tags.reduce((sum, tag) => sum + tag.Key!.length + (tag.Value ?? '').length, 0)
  const percent = Math.ceil(((policyChars + tagChars) * 100) / PACKED_SPACE)
  if (percent > 100) throw stsErrors.packedPolicyTooLarge(percent, tagChars > policyChars)
  return percent
}

const PACKED_SPACE = 1000

/**
 * @note Inferred: a session policy is checked with the dialect's identity-policy grammar (and
 * its sentences); STS's own wording for a malformed session policy is not recorded.
 */
function checkSessionPolicy(ctx: ActionContext, policy: string): void {
  ctx.store.config.checkPolicyDocument(policy)
}

/**
 * The account in an access key id: base32 after the 4-character prefix; of its first 48 bits,
 * bits 46 to 7 are the account id.
 */
function encodedAccount(accessKeyId: string): string {
  const chars = accessKeyId.slice(4, 14).toUpperCase()
  let bits = 0n
  for (const char of chars) {
    const value = BASE32.indexOf(char)
    if (value < 0 || chars.length < 10) throw stsErrors.invalidAccessKeyId(accessKeyId)
    bits = (bits << 5n) | BigInt(value)
  }
  const first48 = bits >> 2n
  const account = (first48 & 0x7fffffffff80n) >> 7n
  return account.toString().padStart(12, '0')
}
