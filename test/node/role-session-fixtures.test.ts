import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { sdkError, useIam } from '../helpers.js'

/** A fixture's role sessions with what AssumeRole records: expiry, tags, chaining. */

const base = {
  RoleArn: 'arn:aws:iam::123456789012:role/Auditor',
  RoleSessionName: 'audit',
}
const expired = {
  ...base,
  AccessKeyId: 'ASIAEXPIREDEXPIRED23',
  SecretAccessKey: 'expired-secret',
  SessionToken: 'expired-token',
  Expiration: '2020-01-01T00:00:00Z',
}
const current = {
  ...base,
  AccessKeyId: 'ASIACURRENTCURRENT23',
  SecretAccessKey: 'current-secret',
  SessionToken: 'current-token',
  Expiration: '2099-01-01T00:00:00Z',
  Tags: [{ Key: 'team', Value: 'red' }],
  TransitiveTagKeys: ['team'],
  Chained: true,
}

const iam = useIam({
  verifySignatures: true,
  fixtures: { AccountId: '123456789012', RoleSessions: [expired, current] },
})

const sts = (session: typeof expired) =>
  new STSClient({
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: {
      accessKeyId: session.AccessKeyId,
      secretAccessKey: session.SecretAccessKey,
      sessionToken: session.SessionToken,
    },
  })

describe('role sessions of a fixture', () => {
  it('are refused with ExpiredToken once past their Expiration', async () => {
    const error = await sdkError(sts(expired).send(new GetCallerIdentityCommand({})))
    expect(error.name).toBe('ExpiredToken')
    expect(error.message).toBe('The security token included in the request is expired')
  })

  it('work until their Expiration', async () => {
    const identity = await sts(current).send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toBe('arn:aws:sts::123456789012:assumed-role/Auditor/audit')
  })

  it('keep their expiry, tags and chaining in snapshots', () => {
    const sessions = iam.snapshot().RoleSessions!
    expect(sessions[1]).toMatchObject({
      Expiration: '2099-01-01T00:00:00Z',
      Tags: [{ Key: 'team', Value: 'red' }],
      TransitiveTagKeys: ['team'],
      Chained: true,
    })
  })
})
