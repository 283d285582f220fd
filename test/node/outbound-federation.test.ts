import {
  DisableOutboundWebIdentityFederationCommand,
  EnableOutboundWebIdentityFederationCommand,
  GetAccountSummaryCommand,
  GetOutboundWebIdentityFederationInfoCommand,
  SetSecurityTokenServicePreferencesCommand,
} from '@aws-sdk/client-iam'
import { GetWebIdentityTokenCommand, STSClient } from '@aws-sdk/client-sts'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, ROOT_KEY, sdkError, useIam } from '../helpers.js'

const ACCOUNT = '123456789012'
const ALICE = { accessKeyId: 'AKIAALICEOUTBOUND001', secretAccessKey: 'alice-secret' }
const SESSION = {
  accessKeyId: 'ASIAOUTBOUNDSESSION1',
  secretAccessKey: 'session-secret',
  sessionToken: 'session-token',
}

const iam = useIam({
  fixtures: {
    AccountId: ACCOUNT,
    Users: [
      {
        UserName: 'alice',
        Tags: [{ Key: 'team', Value: 'data' }],
        AccessKeys: [{ AccessKeyId: ALICE.accessKeyId, SecretAccessKey: ALICE.secretAccessKey }],
      },
    ],
    Roles: [{ RoleName: 'Worker' }],
    RoleSessions: [
      {
        AccessKeyId: SESSION.accessKeyId,
        SecretAccessKey: SESSION.secretAccessKey,
        SessionToken: SESSION.sessionToken,
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/Worker`,
        RoleSessionName: 'job',
        Expiration: new Date(Date.now() + 600_000).toISOString(),
      },
    ],
  },
})
const root = iamClient()
const sts = (credentials: typeof ALICE = ROOT_KEY) =>
  new STSClient({ region: 'eu-west-1', maxAttempts: 1, credentials })
const token = (credentials: typeof ALICE, input: object = {}) =>
  sts(credentials).send(
    new GetWebIdentityTokenCommand({
      Audience: ['https://api.example.com'],
      SigningAlgorithm: 'ES384',
      ...input,
    }),
  )

describe('outbound web identity federation', () => {
  it('is off until the account enables it, and cannot be enabled twice', async () => {
    const off = await sdkError(token(ALICE))
    expect([off.name, off.$metadata.httpStatusCode]).toEqual([
      'OutboundWebIdentityFederationDisabledException',
      403,
    ])
    // @note inferred: FeatureDisabled until first enabled.
    const info = await sdkError(root.send(new GetOutboundWebIdentityFederationInfoCommand({})))
    expect([info.name, info.Code, info.$metadata.httpStatusCode]).toEqual([
      'FeatureDisabledException',
      'FeatureDisabled',
      404,
    ])
    const { IssuerIdentifier } = await root.send(new EnableOutboundWebIdentityFederationCommand({}))
    expect(IssuerIdentifier).toMatch(/^https:\/\/[0-9a-f-]{36}\.tokens\.sts\.global\.api\.aws$/)
    const twice = await sdkError(root.send(new EnableOutboundWebIdentityFederationCommand({})))
    expect([twice.name, twice.Code, twice.$metadata.httpStatusCode]).toEqual([
      'FeatureEnabledException',
      'FeatureEnabled',
      409,
    ])
  })

  it('signs tokens an external service verifies against the issuer’s JWKS', async () => {
    const { IssuerIdentifier } = await root.send(new EnableOutboundWebIdentityFederationCommand({}))
    const issuer = IssuerIdentifier!
    const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()
    expect(discovery.jwks_uri).toBe(`${issuer}/.well-known/jwks.json`)
    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri))
    for (const alg of ['ES384', 'RS256']) {
      const answer = await token(ALICE, {
        SigningAlgorithm: alg,
        DurationSeconds: 600,
        Tags: [{ Key: 'job', Value: '7' }],
      })
      const { payload, protectedHeader } = await jwtVerify(answer.WebIdentityToken!, jwks, {
        issuer,
        audience: 'https://api.example.com',
      })
      expect(protectedHeader.alg).toBe(alg)
      expect(payload.sub).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`)
      expect(payload.exp! - payload.iat!).toBe(600)
      expect(answer.Expiration!.getTime() / 1000).toBe(payload.exp)
      expect(payload['https://sts.amazonaws.com/']).toEqual({
        aws_account: ACCOUNT,
        source_region: 'eu-west-1',
        principal_tags: { team: 'data' },
        request_tags: { job: '7' },
      })
    }
  })

  it('names a role session by its role, and keeps its token within the session', async () => {
    await root.send(new EnableOutboundWebIdentityFederationCommand({}))
    const answer = await token(SESSION)
    const claims = JSON.parse(
      atob(answer.WebIdentityToken!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')),
    )
    expect(claims.sub).toBe(`arn:aws:iam::${ACCOUNT}:role/Worker`)
    const longer = await sdkError(token(SESSION, { DurationSeconds: 3600 }))
    expect([longer.name, longer.$metadata.httpStatusCode]).toEqual([
      'SessionDurationEscalationException',
      403,
    ])
  })

  it('refuses an algorithm it does not sign with', async () => {
    // @note inferred: STS's validation sentence for a value outside RS256 and ES384.
    await root.send(new EnableOutboundWebIdentityFederationCommand({}))
    const error = await sdkError(token(ALICE, { SigningAlgorithm: 'HS256' }))
    expect([error.name, error.message]).toEqual([
      'ValidationError',
      "1 validation error detected: Value 'HS256' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]",
    ])
  })

  it('turns off and on again with the same issuer, and survives a snapshot', async () => {
    // @note inferred: the issuer is kept when the feature is enabled again.
    const { IssuerIdentifier } = await root.send(new EnableOutboundWebIdentityFederationCommand({}))
    await root.send(new DisableOutboundWebIdentityFederationCommand({}))
    expect(await root.send(new GetOutboundWebIdentityFederationInfoCommand({}))).toMatchObject({
      IssuerIdentifier,
      JwtVendingEnabled: false,
    })
    expect((await sdkError(token(ALICE))).name).toBe(
      'OutboundWebIdentityFederationDisabledException',
    )
    const again = await sdkError(root.send(new DisableOutboundWebIdentityFederationCommand({})))
    expect(again.Code).toBe('FeatureDisabled')
    const snapshot = iam.snapshot()
    expect(snapshot.OutboundWebIdentityFederation).toEqual({
      IssuerIdentifier,
      JwtVendingEnabled: false,
    })
    const copy = createIamMock({ fixtures: snapshot })
    expect(copy.snapshot().OutboundWebIdentityFederation).toEqual(
      snapshot.OutboundWebIdentityFederation,
    )
    const back = await root.send(new EnableOutboundWebIdentityFederationCommand({}))
    expect(back.IssuerIdentifier).toBe(IssuerIdentifier)
  })
})

describe('SetSecurityTokenServicePreferences', () => {
  it('sets the token version GetAccountSummary reports', async () => {
    const version = async () =>
      (await root.send(new GetAccountSummaryCommand({}))).SummaryMap!.GlobalEndpointTokenVersion
    expect(await version()).toBe(1)
    await root.send(
      new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }),
    )
    expect(await version()).toBe(2)
    expect(iam.snapshot().SecurityTokenServicePreferences).toEqual({
      GlobalEndpointTokenVersion: 'v2Token',
    })
  })
})
