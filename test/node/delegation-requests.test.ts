import {
  AcceptDelegationRequestCommand,
  AssociateDelegationRequestCommand,
  CreateDelegationRequestCommand,
  CreateUserCommand,
  CreateAccessKeyCommand,
  GetDelegationRequestCommand,
  GetHumanReadableSummaryCommand,
  ListDelegationRequestsCommand,
  RejectDelegationRequestCommand,
  SendDelegationTokenCommand,
  UpdateDelegationRequestCommand,
  type CreateDelegationRequestCommandInput,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'

const PARTNER = '210987654321'
const iam = useIam({
  fixtures: {
    DelegationRequests: [
      {
        DelegationRequestId: 'partner-request-0001',
        RequestorId: PARTNER,
        RequestorName: 'Example Partner',
        Description: 'Monitoring setup',
        Permissions: { PolicyTemplateArn: 'arn:aws:iam::210987654321:policy-template/monitor' },
        RequestorWorkflowId: 'wf-partner-1',
        NotificationChannel: 'arn:aws:sns:us-east-1:210987654321:delegations',
        SessionDuration: 3600,
        CreateDate: '2030-01-01T00:00:00Z',
      },
      {
        DelegationRequestId: 'partner-request-other',
        RequestorId: PARTNER,
        OwnerAccountId: '333333333333',
        Description: 'For someone else',
        Permissions: {},
        RequestorWorkflowId: 'wf-partner-2',
        NotificationChannel: 'arn:aws:sns:us-east-1:210987654321:delegations',
        SessionDuration: 3600,
      },
    ],
  },
})
const client = iamClient()
const ROOT_ARN = 'arn:aws:iam::123456789012:root'

function input(overrides: Partial<CreateDelegationRequestCommandInput> = {}) {
  return {
    Description: 'Read access to the logs bucket',
    Permissions: {
      PolicyTemplateArn: 'arn:aws:iam::123456789012:policy-template/s3-read',
      Parameters: [
        { Name: 'BucketName', Values: ['logs'], Type: 'string' as const },
        { Name: 'Regions', Values: ['us-east-1', 'eu-west-1'], Type: 'stringList' as const },
      ],
    },
    RequestorWorkflowId: 'workflow-0001',
    NotificationChannel: 'arn:aws:sns:us-east-1:123456789012:delegation-updates',
    SessionDuration: 7200,
    ...overrides,
  }
}

async function create(overrides: Partial<CreateDelegationRequestCommandInput> = {}) {
  const out = await client.send(new CreateDelegationRequestCommand(input(overrides)))
  return out.DelegationRequestId!
}

async function get(id: string) {
  const out = await client.send(new GetDelegationRequestCommand({ DelegationRequestId: id }))
  return out.DelegationRequest!
}

describe('delegation requests', () => {
  it('creates an UNASSIGNED request with an id and a console link', async () => {
    const out = await client.send(new CreateDelegationRequestCommand(input()))
    // @note inferred: a UUID id and the console's address.
    expect(out.DelegationRequestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(out.ConsoleDeepLink).toBe(
      `https://console.aws.amazon.com/iam/home#/delegation-requests/${out.DelegationRequestId}`,
    )
    const request = await get(out.DelegationRequestId!)
    expect(request).toMatchObject({
      State: 'UNASSIGNED',
      RequestorId: '123456789012',
      SessionDuration: 7200,
      OnlySendByOwner: false,
      Permissions: { Parameters: [{ Name: 'BucketName', Values: ['logs'], Type: 'string' }, {}] },
    })
    expect(request.OwnerId).toBeUndefined()
    // @note inferred: 7 days to act on it.
    expect(request.ExpirationTime!.getTime() - request.CreateDate!.getTime()).toBe(7 * 86400_000)
    expect(iam.store.delegationRequests().at(-1)!.Arn).toBe(
      `arn:aws:iam::123456789012:delegation-request/${out.DelegationRequestId}`,
    )
  })

  it('walks the approval path: associate, update, accept, send the token', async () => {
    const id = await create({ OnlySendByOwner: true })
    await client.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }))
    expect(await get(id)).toMatchObject({
      State: 'ASSIGNED',
      OwnerId: ROOT_ARN,
      OwnerAccountId: '123456789012',
    })
    await client.send(
      new UpdateDelegationRequestCommand({ DelegationRequestId: id, Notes: 'Please approve' }),
    )
    expect(await get(id)).toMatchObject({ State: 'PENDING_APPROVAL', Notes: 'Please approve' })
    await client.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }))
    expect(await get(id)).toMatchObject({ State: 'ACCEPTED', ApproverId: ROOT_ARN })
    await client.send(new SendDelegationTokenCommand({ DelegationRequestId: id }))
    const finalized = await get(id)
    expect(finalized.State).toBe('FINALIZED')
    // @note inferred: the request expires with the delegated session.
    expect(finalized.ExpirationTime!.getTime() - finalized.UpdatedTime!.getTime()).toBe(7200_000)
    const again = await sdkError(
      client.send(new RejectDelegationRequestCommand({ DelegationRequestId: id })),
    )
    expect(again.name).toBe('InvalidInputException')
  })

  it('rejects an accepted request before its token is sent, with the notes as reason', async () => {
    const id = await create()
    await client.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }))
    await client.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }))
    await client.send(
      new RejectDelegationRequestCommand({ DelegationRequestId: id, Notes: 'Too broad' }),
    )
    const request = await get(id)
    expect(request).toMatchObject({ State: 'REJECTED', RejectionReason: 'Too broad' })
    expect(request.ExpirationTime!.getTime() - request.UpdatedTime!.getTime()).toBe(7 * 86400_000)
    // @note inferred wording
    const error = await sdkError(
      client.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id })),
    )
    expect(error.name).toBe('InvalidInputException')
    expect(error.message).toBe(
      `Delegation request ${id} is in state REJECTED; AcceptDelegationRequest is not allowed in this state.`,
    )
  })

  it('refuses to accept or send a token before the request is associated', async () => {
    const id = await create()
    for (const command of [
      new AcceptDelegationRequestCommand({ DelegationRequestId: id }),
      new SendDelegationTokenCommand({ DelegationRequestId: id }),
      new UpdateDelegationRequestCommand({ DelegationRequestId: id }),
    ]) {
      const error = await sdkError(client.send(command as never))
      expect(error.name).toBe('InvalidInputException')
    }
  })

  it('lets only the owner send the token when OnlySendByOwner is set', async () => {
    const id = await create({ OnlySendByOwner: true })
    await client.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }))
    await client.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }))
    await client.send(new CreateUserCommand({ UserName: 'approver' }))
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'approver' }))
    const approver = iamClient({
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    })
    // @note inferred: InvalidInput, in the mock's words.
    const error = await sdkError(
      approver.send(new SendDelegationTokenCommand({ DelegationRequestId: id })),
    )
    expect(error.name).toBe('InvalidInputException')
    expect(error.message).toBe(
      `Only the owner of delegation request ${id} can send its delegation token.`,
    )
  })

  it('creates a request targeted to another account, which this account cannot associate', async () => {
    const id = await create({ OwnerAccountId: '444455556666' })
    expect(await get(id)).toMatchObject({ State: 'UNASSIGNED', OwnerAccountId: '444455556666' })
    const listed = await client.send(new ListDelegationRequestsCommand({}))
    expect(listed.DelegationRequests!.map((r) => r.DelegationRequestId)).toContain(id)
    // @note inferred: InvalidInput.
    const error = await sdkError(
      client.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id })),
    )
    expect(error.name).toBe('InvalidInputException')
  })

  it("sees a partner's untargeted request, lists it only once it owns it", async () => {
    const before = await client.send(new ListDelegationRequestsCommand({}))
    expect(before.DelegationRequests).toEqual([])
    expect(before.isTruncated).toBe(false)
    expect((await get('partner-request-0001')).RequestorName).toBe('Example Partner')
    await client.send(
      new AssociateDelegationRequestCommand({ DelegationRequestId: 'partner-request-0001' }),
    )
    const after = await client.send(new ListDelegationRequestsCommand({ OwnerId: ROOT_ARN }))
    expect(after.DelegationRequests!.map((r) => r.DelegationRequestId)).toEqual([
      'partner-request-0001',
    ])
  })

  it("answers NoSuchEntity for an unknown id and for another account's request", async () => {
    for (const id of ['no-such-request-00', 'partner-request-other']) {
      const error = await sdkError(
        client.send(new GetDelegationRequestCommand({ DelegationRequestId: id })),
      )
      expect(error.name).toBe('NoSuchEntityException')
      // @note inferred wording
      expect(error.message).toBe(`The delegation request with id ${id} cannot be found.`)
    }
  })

  it('pages the list with Marker and isTruncated', async () => {
    const ids = []
    for (let i = 0; i < 5; i++) ids.push(await create({ RequestorWorkflowId: `workflow-${i}0000` }))
    const seen: string[] = []
    let Marker: string | undefined
    do {
      const page = await client.send(new ListDelegationRequestsCommand({ MaxItems: 2, Marker }))
      seen.push(...page.DelegationRequests!.map((r) => r.DelegationRequestId!))
      expect(page.DelegationRequests!.length).toBeLessThanOrEqual(2)
      Marker = page.isTruncated ? page.Marker : undefined
    } while (Marker)
    expect(seen).toEqual(ids)
  })

  it('refuses a workflow id already used, and a channel that is no SNS topic', async () => {
    await create()
    // @note inferred wording
    const duplicate = await sdkError(client.send(new CreateDelegationRequestCommand(input())))
    expect(duplicate.name).toBe('EntityAlreadyExistsException')
    const channel = await sdkError(
      client.send(
        new CreateDelegationRequestCommand(
          input({ RequestorWorkflowId: 'workflow-other', NotificationChannel: 'my-queue' }),
        ),
      ),
    )
    expect(channel.name).toBe('InvalidInputException')
  })

  it('checks the model constraints (SessionDuration at least 300 seconds)', async () => {
    const error = await sdkError(
      client.send(new CreateDelegationRequestCommand(input({ SessionDuration: 60 }))),
    )
    expect(error.name).toBe('ValidationError')
  })

  it('reads EXPIRED once ExpirationTime has passed', async () => {
    let now = new Date('2030-01-01T00:00:00Z')
    const clocked = createIamMock({ clock: () => now })
    const direct = iamClient(undefined, { requestHandler: clocked.requestHandler })
    const { DelegationRequestId } = await direct.send(new CreateDelegationRequestCommand(input()))
    now = new Date('2030-01-09T00:00:00Z')
    const { DelegationRequest } = await direct.send(
      new GetDelegationRequestCommand({ DelegationRequestId }),
    )
    expect(DelegationRequest!.State).toBe('EXPIRED')
  })

  it('runs a permission check on request', async () => {
    const id = await create()
    const out = await client.send(
      new GetDelegationRequestCommand({ DelegationRequestId: id, DelegationPermissionCheck: true }),
    )
    // @note inferred: complete at once, ALLOWED for root.
    expect(out.PermissionCheckStatus).toBe('COMPLETE')
    expect(out.PermissionCheckResult).toBe('ALLOWED')
  })

  it('summarizes a request in English', async () => {
    const id = await create()
    const out = await client.send(
      new GetHumanReadableSummaryCommand({
        EntityArn: `arn:aws:iam::123456789012:delegation-request/${id}`,
      }),
    )
    // @note inferred: the mock's fixed wording.
    expect(out).toMatchObject({ Locale: 'en-US', SummaryState: 'AVAILABLE' })
    expect(out.SummaryContent).toBe(
      [
        'Account 123456789012 requests temporary access to your account for 2 hours.',
        'Purpose: Read access to the logs bucket',
        'Permissions: the policy template arn:aws:iam::123456789012:policy-template/s3-read.',
        '- BucketName: logs',
        '- Regions: us-east-1, eu-west-1',
      ].join('\n'),
    )
    const german = await client.send(
      new GetHumanReadableSummaryCommand({
        EntityArn: `arn:aws:iam::123456789012:delegation-request/${id}`,
        Locale: 'de-DE',
      }),
    )
    expect(german).toMatchObject({ Locale: 'de-DE', SummaryState: 'NOT_AVAILABLE' })
  })

  it('refuses to summarize anything but a delegation request', async () => {
    const error = await sdkError(
      client.send(
        new GetHumanReadableSummaryCommand({ EntityArn: 'arn:aws:iam::123456789012:role/Admin' }),
      ),
    )
    expect(error.name).toBe('InvalidInputException')
    const missing = await sdkError(
      client.send(
        new GetHumanReadableSummaryCommand({
          EntityArn: 'arn:aws:iam::123456789012:delegation-request/no-such-request-00',
        }),
      ),
    )
    expect(missing.name).toBe('NoSuchEntityException')
  })

  it('refuses a fixture request with a channel that is no SNS topic, or an id used twice', () => {
    const request = {
      DelegationRequestId: 'fixture-request-0001',
      Description: 'd',
      Permissions: {},
      RequestorWorkflowId: 'wf-0001',
      NotificationChannel: 'arn:aws:sns:us-east-1:123456789012:t',
      SessionDuration: 900,
    }
    expect(() =>
      createIamMock({
        fixtures: { DelegationRequests: [{ ...request, NotificationChannel: 'queue' }] },
      }),
    ).toThrow(/DelegationRequests\[0\]: NotificationChannel queue is not an Amazon SNS topic ARN/)
    expect(() =>
      createIamMock({
        fixtures: { DelegationRequests: [request, { ...request, RequestorWorkflowId: 'wf-0002' }] },
      }),
    ).toThrow(/DelegationRequests\[1\].*already exists/)
  })

  it('puts the requests back on reset and round-trips them through a snapshot', async () => {
    const id = await create()
    const snapshot = iam.snapshot()
    iam.reset()
    expect(iam.store.delegationRequests().map((r) => r.DelegationRequestId)).toEqual([
      'partner-request-0001',
      'partner-request-other',
    ])
    iam.restore(snapshot)
    expect((await get(id)).State).toBe('UNASSIGNED')
  })
})
