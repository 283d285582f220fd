import {
  AssumeRootCommand,
  DecodeAuthorizationMessageCommand,
  GetDelegatedAccessTokenCommand,
  GetWebIdentityTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { ROOT_KEY, sdkError, useIam } from '../helpers.js'

/** STS operations that need what a standalone account (every mock) does not have. */

useIam({
  fixtures: {
    AccountId: '123456789012',
    Root: {
      AccessKeys: [
        { AccessKeyId: ROOT_KEY.accessKeyId, SecretAccessKey: ROOT_KEY.secretAccessKey },
      ],
    },
  },
})

const sts = new STSClient({ region: 'us-east-1', maxAttempts: 1, credentials: ROOT_KEY })

describe('STS in a standalone account', () => {
  it('refuses AssumeRoot: no AWS Organizations centralized root access', async () => {
    const error = await sdkError(
      sts.send(
        new AssumeRootCommand({
          TargetPrincipal: '210987654321',
          TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' },
        }),
      ),
    )
    expect(error.name).toBe('AccessDenied')
    expect(error.$metadata.httpStatusCode).toBe(403)
    // @note inferred: AWS's answer for a standalone account.
    expect(error.message).toBe(
      'User: arn:aws:iam::123456789012:root is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::210987654321:root',
    )
  })

  it('cannot decode an authorization message: the mock encodes none', async () => {
    const error = await sdkError(
      sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'bm90LWEtbWVzc2FnZQ==' })),
    )
    // @note inferred: the sentence.
    expect(error.name).toBe('InvalidAuthorizationMessageException')
    expect(error.$metadata.httpStatusCode).toBe(400)
  })

  it('refuses GetDelegatedAccessToken: the mock issues no trade-in tokens', async () => {
    const error = await sdkError(
      sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: 'trade-in-token-123' })),
    )
    // @note inferred: the sentence.
    expect(error.name).toBe('ExpiredTradeInTokenException')
  })

  it('refuses GetWebIdentityToken: outbound web identity federation is off', async () => {
    const error = await sdkError(
      sts.send(
        new GetWebIdentityTokenCommand({
          Audience: ['https://api.example.com'],
          SigningAlgorithm: 'RS256',
        }),
      ),
    )
    expect(error.name).toBe('OutboundWebIdentityFederationDisabledException')
    expect(error.$metadata.httpStatusCode).toBe(403)
  })
})
