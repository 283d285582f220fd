import {
  GenerateOrganizationsAccessReportCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetOrganizationsAccessReportCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  ListUsersCommand,
  type GetServiceLastAccessedDetailsCommandOutput,
  type IAMClient,
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { iamClient, sdkError, useIam } from '../helpers.js'

let now = new Date('2024-03-01T10:00:00Z')
const ACCOUNT = '123456789012'
const ALICE_KEY = { accessKeyId: 'AKIAALICEALICEALICE1', secretAccessKey: 'alice-secret' }
const BOB_KEY = { accessKeyId: 'AKIABOBBOBBOBBOBBOB1', secretAccessKey: 'bob-secret' }
const SESSION = {
  accessKeyId: 'ASIADEPLOYDEPLOYDEP1',
  secretAccessKey: 'deploy-secret',
  sessionToken: 'deploy-token',
}
const allow = (Action: string | string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource: '*' }],
})

const iam = useIam({
  clock: () => now,
  fixtures: {
    Policies: [{ PolicyName: 'ReadS3', Document: allow('s3:Get*') }],
    Users: [
      {
        UserName: 'alice',
        AccessKeys: [{ AccessKeyId: ALICE_KEY.accessKeyId, SecretAccessKey: 'alice-secret' }],
        Policies: { Admin: allow(['iam:*', 'sts:GetCallerIdentity']) },
        AttachedPolicies: [`arn:aws:iam::${ACCOUNT}:policy/ReadS3`],
      },
      {
        UserName: 'bob',
        AccessKeys: [{ AccessKeyId: BOB_KEY.accessKeyId, SecretAccessKey: 'bob-secret' }],
        LastAccessed: [
          {
            ServiceNamespace: 's3',
            ActionName: 'GetObject',
            LastAuthenticated: '2024-02-01T08:00:00Z',
            LastAuthenticatedRegion: 'eu-west-1',
          },
        ],
      },
    ],
    Groups: [
      { GroupName: 'devs', Users: ['alice', 'bob'], Policies: { List: allow('iam:List*') } },
    ],
    Roles: [{ RoleName: 'deploy', Policies: { Who: allow('sts:*') } }],
    RoleSessions: [
      {
        AccessKeyId: SESSION.accessKeyId,
        SecretAccessKey: SESSION.secretAccessKey,
        SessionToken: SESSION.sessionToken,
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/deploy`,
        RoleSessionName: 'ci',
      },
    ],
  },
})
const client = iamClient()

/** Generates a report on `Arn` and reads it until it is COMPLETED (as a client polls). */
async function reportOn(
  Arn: string,
  options: { Granularity?: 'SERVICE_LEVEL' | 'ACTION_LEVEL'; MaxItems?: number } = {},
): Promise<GetServiceLastAccessedDetailsCommandOutput & { JobId: string }> {
  const { JobId } = await client.send(
    new GenerateServiceLastAccessedDetailsCommand({ Arn, Granularity: options.Granularity }),
  )
  for (;;) {
    const answer = await client.send(
      new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: options.MaxItems }),
    )
    if (answer.JobStatus === 'COMPLETED') return { ...answer, JobId: JobId! }
  }
}

function service(answer: GetServiceLastAccessedDetailsCommandOutput, namespace: string) {
  return answer.ServicesLastAccessed?.find((s) => s.ServiceNamespace === namespace)
}

async function at(time: string, call: (client: IAMClient) => Promise<unknown>, key = ALICE_KEY) {
  now = new Date(time)
  await call(iamClient(key))
}

describe('GenerateServiceLastAccessedDetails and GetServiceLastAccessedDetails', () => {
  it('moves the job from IN_PROGRESS to COMPLETED, with its dates and type', async () => {
    now = new Date('2024-03-01T10:00:00Z')
    const { JobId } = await client.send(
      new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/alice` }),
    )
    expect(JobId).toMatch(/^[0-9a-f-]{36}$/)
    now = new Date('2024-03-01T10:00:05Z')
    // @note inferred: IN_PROGRESS on the first read, COMPLETED (at that read) from the next on.
    const first = await client.send(new GetServiceLastAccessedDetailsCommand({ JobId }))
    expect(first).toMatchObject({
      JobStatus: 'IN_PROGRESS',
      JobType: 'SERVICE_LEVEL',
      JobCreationDate: new Date('2024-03-01T10:00:00Z'),
      IsTruncated: false,
    })
    expect(first.JobCompletionDate).toBeUndefined()
    expect(first.ServicesLastAccessed ?? []).toEqual([])
    now = new Date('2024-03-01T10:00:09Z')
    const second = await client.send(new GetServiceLastAccessedDetailsCommand({ JobId }))
    expect(second).toMatchObject({
      JobStatus: 'COMPLETED',
      JobCreationDate: new Date('2024-03-01T10:00:00Z'),
      JobCompletionDate: new Date('2024-03-01T10:00:05Z'),
    })
  })

  it('lists the services a user’s policies allow, with the last IAM request the mock saw', async () => {
    await at('2024-03-01T11:00:00Z', (alice) => alice.send(new ListUsersCommand({})))
    now = new Date('2024-03-01T12:00:00Z')
    const answer = await reportOn(`arn:aws:iam::${ACCOUNT}:user/alice`)
    expect(answer.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual([
      'iam',
      's3',
      'sts',
    ])
    // @note inferred: the Reference's name without its trailing `(IAM)`.
    expect(service(answer, 'iam')).toEqual({
      ServiceName: 'AWS Identity and Access Management',
      ServiceNamespace: 'iam',
      LastAuthenticated: new Date('2024-03-01T11:00:00Z'),
      LastAuthenticatedEntity: `arn:aws:iam::${ACCOUNT}:user/alice`,
      LastAuthenticatedRegion: 'us-east-1',
      TotalAuthenticatedEntities: 1,
    })
    // Allowed (by the attached policy) but never used: no last access.
    expect(service(answer, 's3')).toEqual({
      ServiceName: 'Amazon S3',
      ServiceNamespace: 's3',
      TotalAuthenticatedEntities: 0,
    })
    expect(answer.IsTruncated).toBe(false)
  })

  it('counts a group’s members’ requests for the group, and STS requests as sts', async () => {
    await at('2024-03-01T11:00:00Z', (bob) => bob.send(new ListUsersCommand({})), BOB_KEY)
    now = new Date('2024-03-01T11:30:00Z')
    await new STSClient({ region: 'eu-central-1', credentials: ALICE_KEY, maxAttempts: 1 }).send(
      new GetCallerIdentityCommand({}),
    )
    const group = await reportOn(`arn:aws:iam::${ACCOUNT}:group/devs`)
    // The group's policy allows IAM only; bob's request counts for the group's report.
    expect(group.ServicesLastAccessed).toEqual([
      expect.objectContaining({
        ServiceNamespace: 'iam',
        LastAuthenticatedEntity: `arn:aws:iam::${ACCOUNT}:user/bob`,
        TotalAuthenticatedEntities: 1,
      }),
    ])
    const alice = await reportOn(`arn:aws:iam::${ACCOUNT}:user/alice`)
    expect(service(alice, 'sts')).toMatchObject({
      ServiceName: 'AWS Security Token Service',
      LastAuthenticated: new Date('2024-03-01T11:30:00Z'),
      LastAuthenticatedRegion: 'eu-central-1',
    })
  })

  it('records a role’s sessions as the role', async () => {
    now = new Date('2024-03-02T09:00:00Z')
    await new STSClient({ region: 'us-west-2', credentials: SESSION, maxAttempts: 1 }).send(
      new GetCallerIdentityCommand({}),
    )
    const answer = await reportOn(`arn:aws:iam::${ACCOUNT}:role/deploy`)
    expect(answer.ServicesLastAccessed).toEqual([
      {
        ServiceName: 'AWS Security Token Service',
        ServiceNamespace: 'sts',
        LastAuthenticated: new Date('2024-03-02T09:00:00Z'),
        LastAuthenticatedEntity: `arn:aws:iam::${ACCOUNT}:role/deploy`,
        LastAuthenticatedRegion: 'us-west-2',
        TotalAuthenticatedEntities: 1,
      },
    ])
  })

  it('tracks actions at ACTION_LEVEL', async () => {
    await at('2024-03-01T11:00:00Z', (alice) => alice.send(new ListUsersCommand({})))
    const answer = await reportOn(`arn:aws:iam::${ACCOUNT}:user/alice`, {
      Granularity: 'ACTION_LEVEL',
    })
    expect(answer.JobType).toBe('ACTION_LEVEL')
    // @note inferred: every allowed action of IAM, STS, S3, EC2 and Lambda is tracked.
    const actions = service(answer, 'iam')!.TrackedActionsLastAccessed!
    expect(actions.find((a) => a.ActionName === 'ListUsers')).toEqual({
      ActionName: 'ListUsers',
      LastAccessedEntity: `arn:aws:iam::${ACCOUNT}:user/alice`,
      LastAccessedTime: new Date('2024-03-01T11:00:00Z'),
      LastAccessedRegion: 'us-east-1',
    })
    expect(actions.find((a) => a.ActionName === 'CreateUser')).toEqual({ ActionName: 'CreateUser' })
    // Only the actions the policies allow: sts:GetCallerIdentity of STS's.
    expect(service(answer, 'sts')!.TrackedActionsLastAccessed).toEqual([
      { ActionName: 'GetCallerIdentity' },
    ])
    expect(service(answer, 's3')!.TrackedActionsLastAccessed!.map((a) => a.ActionName)).toContain(
      'GetObject',
    )
    const serviceLevel = await reportOn(`arn:aws:iam::${ACCOUNT}:user/alice`)
    expect(service(serviceLevel, 'iam')!.TrackedActionsLastAccessed).toBeUndefined()
  })

  it('reports what a fixture records of other services', async () => {
    const answer = await reportOn(`arn:aws:iam::${ACCOUNT}:policy/ReadS3`, {
      Granularity: 'ACTION_LEVEL',
    })
    expect(answer.ServicesLastAccessed).toHaveLength(1)
    // ReadS3 is alice's; bob's fixture record is his, and he does not hold the policy.
    expect(service(answer, 's3')).toMatchObject({ TotalAuthenticatedEntities: 0 })
    const bob = iam.snapshot().Users!.find((user) => user.UserName === 'bob')!
    expect(bob.LastAccessed).toEqual([
      {
        ServiceNamespace: 's3',
        ActionName: 'GetObject',
        LastAuthenticated: '2024-02-01T08:00:00Z',
        LastAuthenticatedRegion: 'eu-west-1',
      },
    ])
  })

  it('pages a policy that allows every service', async () => {
    const arn = 'arn:aws:iam::aws:policy/AdministratorAccess'
    const { JobId } = await client.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn }))
    await client.send(new GetServiceLastAccessedDetailsCommand({ JobId }))
    const seen: string[] = []
    let Marker: string | undefined
    do {
      const page = await client.send(
        new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 100, Marker }),
      )
      seen.push(...page.ServicesLastAccessed!.map((s) => s.ServiceNamespace!))
      Marker = page.Marker
      expect(page.IsTruncated).toBe(Marker !== undefined)
    } while (Marker)
    expect(seen.length).toBeGreaterThan(300)
    expect(seen).toEqual([...seen].sort())
    expect(seen).toContain('ec2')
  })
})

describe('state', () => {
  it('takes last accesses and jobs back on reset(), and keeps last accesses in a snapshot', async () => {
    await at('2024-03-01T11:00:00Z', (alice) => alice.send(new ListUsersCommand({})))
    const recorded = {
      ServiceNamespace: 'iam',
      ActionName: 'ListUsers',
      LastAuthenticated: new Date('2024-03-01T11:00:00Z'),
      LastAuthenticatedRegion: 'us-east-1',
    }
    expect(iam.store.user('alice')?.LastAccessed).toEqual([recorded])
    const snapshot = iam.snapshot()
    const { JobId } = await reportOn(`arn:aws:iam::${ACCOUNT}:user/alice`)
    iam.reset()
    expect(iam.store.user('alice')?.LastAccessed).toEqual([])
    const gone = await sdkError(client.send(new GetServiceLastAccessedDetailsCommand({ JobId })))
    expect(gone.name).toBe('NoSuchEntityException')
    iam.restore(snapshot)
    expect(iam.store.user('alice')?.LastAccessed).toEqual([recorded])
  })
})

describe('GetServiceLastAccessedDetailsWithEntities', () => {
  // @note inferred: those that never reached the service come after, in the report's order.
  it('lists a group’s members, most recent access first', async () => {
    await at('2024-03-01T11:00:00Z', (alice) => alice.send(new ListUsersCommand({})))
    await at('2024-03-01T11:05:00Z', (bob) => bob.send(new ListUsersCommand({})), BOB_KEY)
    const { JobId } = await reportOn(`arn:aws:iam::${ACCOUNT}:group/devs`)
    const answer = await client.send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'iam' }),
    )
    expect(answer.JobStatus).toBe('COMPLETED')
    expect(answer.EntityDetailsList).toEqual([
      {
        EntityInfo: expect.objectContaining({ Name: 'bob', Type: 'USER', Path: '/' }),
        LastAuthenticated: new Date('2024-03-01T11:05:00Z'),
      },
      {
        EntityInfo: expect.objectContaining({
          Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
          Name: 'alice',
          Type: 'USER',
          Id: expect.stringMatching(/^AIDA/),
        }),
        LastAuthenticated: new Date('2024-03-01T11:00:00Z'),
      },
    ])
    const paged = await client.send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({
        JobId,
        ServiceNamespace: 'iam',
        MaxItems: 1,
      }),
    )
    expect(paged.EntityDetailsList!.map((e) => e.EntityInfo!.Name)).toEqual(['bob'])
    expect(paged.IsTruncated).toBe(true)
    const rest = await client.send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({
        JobId,
        ServiceNamespace: 'iam',
        Marker: paged.Marker,
      }),
    )
    expect(rest.EntityDetailsList!.map((e) => e.EntityInfo!.Name)).toEqual(['alice'])
  })
})

describe('errors', () => {
  // @note inferred: the unknown job's and the bad ARN's codes and sentences.
  it('refuses an unknown job, a bad ARN and a missing entity', async () => {
    const JobId = '00000000-0000-0000-0000-000000000000'
    const unknown = await sdkError(client.send(new GetServiceLastAccessedDetailsCommand({ JobId })))
    expect(unknown.name).toBe('NoSuchEntityException')
    expect(unknown.$metadata.httpStatusCode).toBe(404)
    const bad = await sdkError(
      client.send(
        new GenerateServiceLastAccessedDetailsCommand({ Arn: 'arn:aws:s3:::bucket-name' }),
      ),
    )
    expect(bad.name).toBe('InvalidInputException')
    const missing = await sdkError(
      client.send(
        new GenerateServiceLastAccessedDetailsCommand({
          Arn: `arn:aws:iam::${ACCOUNT}:user/nobody`,
        }),
      ),
    )
    expect(missing.name).toBe('NoSuchEntityException')
    expect(missing.message).toBe('The user with name nobody cannot be found.')
  })

  // @note inferred: AWS Organizations' words for an account outside an organization.
  it('answers the Organizations reports as a standalone account', async () => {
    const generate = await sdkError(
      client.send(
        new GenerateOrganizationsAccessReportCommand({
          EntityPath: 'o-a1b2c3d4e5/r-f6g7h8i9j0example/ou-1a2b3c-k9l8m7n6o5example',
        }),
      ),
    )
    expect(generate.name).toBe('InvalidInputException')
    expect(generate.message).toBe('Your account is not a member of an organization.')
    const get = await sdkError(
      client.send(
        new GetOrganizationsAccessReportCommand({ JobId: '00000000-0000-0000-0000-000000000000' }),
      ),
    )
    expect(get.name).toBe('NoSuchEntityException')
  })
})
