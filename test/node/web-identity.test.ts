import { ListRolesCommand } from '@aws-sdk/client-iam'
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts'
import { fromTokenFile, fromWebToken } from '@aws-sdk/credential-providers'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createWebIdentityIssuer } from '../../src/index.js'
import { iamClient, sdkError, trustPolicy, useIam } from '../helpers.js'

/** AssumeRoleWithWebIdentity with tokens of a test issuer, signatures verified. */

const ACCOUNT = '123456789012'
const GITHUB = 'https://token.actions.githubusercontent.com'
const issuer = await createWebIdentityIssuer({ url: GITHUB })
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`

const trust = trustPolicy({
  Principal: { Federated: PROVIDER_ARN },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
    StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' },
  },
})
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/GitHubDeploy`

const iam = useIam({
  verifySignatures: true,
  fixtures: {
    AccountId: ACCOUNT,
    OpenIDConnectProviders: [issuer.provider()],
    Roles: [{ RoleName: 'GitHubDeploy', AssumeRolePolicyDocument: trust }],
  },
})

const clientConfig = { region: 'us-east-1', maxAttempts: 1 }
// No credentials: AssumeRoleWithWebIdentity is unsigned, as the SDK sends it.
const anonymous = new STSClient({
  ...clientConfig,
  credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
})

const SUB = 'repo:acme/app:ref:refs/heads/main'
const assume = (WebIdentityToken: string, RoleArn = ROLE_ARN) =>
  anonymous.send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn, RoleSessionName: 'gha-run', WebIdentityToken }),
  )

describe('AssumeRoleWithWebIdentity', () => {
  it('works through fromWebToken, whose credentials then call IAM and STS', async () => {
    const credentials = fromWebToken({
      roleArn: ROLE_ARN,
      roleSessionName: 'gha-run',
      webIdentityToken: await issuer.token({ sub: SUB }),
      clientConfig,
    })
    const { Roles } = await iamClient(undefined, { credentials }).send(new ListRolesCommand({}))
    expect(Roles!.map((role) => role.RoleName)).toEqual(['GitHubDeploy'])
    const identity = await new STSClient({ ...clientConfig, credentials }).send(
      new GetCallerIdentityCommand({}),
    )
    expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/GitHubDeploy/gha-run`)
  })

  it('works through fromTokenFile', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'msw-iam-')), 'token')
    writeFileSync(file, await issuer.token({ sub: SUB }))
    const credentials = fromTokenFile({
      roleArn: ROLE_ARN,
      roleSessionName: 'from-file',
      webIdentityTokenFile: file,
      clientConfig,
    })
    expect((await credentials()).accessKeyId).toMatch(/^ASIA/)
  })

  it('answers the subject, the provider, the audience and the assumed-role user', async () => {
    const answer = await assume(await issuer.token({ sub: SUB }))
    expect(answer).toMatchObject({
      SubjectFromWebIdentityToken: SUB,
      // @note inferred: Provider is the provider's ARN.
      Provider: PROVIDER_ARN,
      Audience: 'sts.amazonaws.com',
      AssumedRoleUser: {
        Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/GitHubDeploy/gha-run`,
        AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:gha-run$/),
      },
    })
    expect(answer.Credentials!.AccessKeyId).toMatch(/^ASIA/)
  })

  it('refuses a subject the trust policy does not allow with AccessDenied', async () => {
    const error = await sdkError(assume(await issuer.token({ sub: 'repo:evil/app:ref:x' })))
    expect(error.name).toBe('AccessDenied')
    expect(error.$metadata.httpStatusCode).toBe(403)
    expect(error.message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity')
  })

  it('refuses an issuer without an OIDC provider in the account', async () => {
    const other = await createWebIdentityIssuer({ url: 'https://gitlab.example.com' })
    const error = await sdkError(assume(await other.token({ sub: SUB })))
    expect(error.name).toBe('InvalidIdentityTokenException')
    expect(error.message).toBe(
      'No OpenIDConnect provider found in your account for https://gitlab.example.com',
    )
  })

  it('refuses an audience that is not one of the provider’s client ids', async () => {
    const error = await sdkError(assume(await issuer.token({ sub: SUB, aud: 'someone-else' })))
    expect(error.name).toBe('InvalidIdentityTokenException')
    expect(error.message).toBe('Incorrect token audience')
  })

  it('refuses an expired token with ExpiredTokenException', async () => {
    const now = new Date(Date.now() - 7200_000)
    const token = await issuer.token({ sub: SUB }, { now, expiresIn: 3600 })
    const error = await sdkError(assume(token))
    expect(error.name).toBe('ExpiredTokenException')
    expect(error.message).toMatch(
      /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/,
    )
  })

  it('refuses a token signed with another key, and one that is no JWT', async () => {
    const impostor = await createWebIdentityIssuer({ url: GITHUB })
    const forged = await sdkError(assume(await impostor.token({ sub: SUB })))
    expect(forged.name).toBe('InvalidIdentityTokenException')
    // @note inferred: the sentence for a bad signature.
    expect(forged.message).toBe('The web identity token signature is invalid.')
    const garbage = await sdkError(assume('not-a-jwt-at-all'))
    expect(garbage.name).toBe('InvalidIdentityTokenException')
  })

  it('refuses a token before its nbf', async () => {
    const nbf = Math.floor(Date.now() / 1000) + 600
    const error = await sdkError(assume(await issuer.token({ sub: SUB, nbf })))
    // @note inferred: InvalidIdentityToken, and its sentence.
    expect(error.name).toBe('InvalidIdentityTokenException')
  })

  it('refuses a role that does not exist as one whose trust policy does not allow it', async () => {
    const error = await sdkError(
      assume(await issuer.token({ sub: SUB }), `arn:aws:iam::${ACCOUNT}:role/Nope`),
    )
    expect(error.message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity')
  })
})

it('keeps the web identity token out of the journal', async () => {
  const token = await issuer.token({ sub: SUB })
  await assume(token)
  const call = iam.calls.ofAction('AssumeRoleWithWebIdentity')[0]!
  expect(call.params.WebIdentityToken).toBe('[redacted]')
  expect(JSON.stringify(iam.calls.all)).not.toContain(token)
})
