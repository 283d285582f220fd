import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GetAccountAuthorizationDetailsCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
  type IAMClient,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { iamClient, rawIam, sdkError, useIam } from '../helpers.js'

const ENDPOINT = 'https://msdps3.example.com:8443'
const MSDP_ROOT = {
  accessKeyId: 'MSDPROOTKEYEXAMPLE001',
  secretAccessKey: 'msdpRootSecretAccessKeyExample0123456789ab',
}

const iam = useIam({ dialect: 'msdp', endpoints: [`${ENDPOINT}/`] })
/** NetBackup client code: the real SDK with MSDP's endpoint and the root keys. */
const client = iamClient(MSDP_ROOT, { endpoint: ENDPOINT })

/** The documented sample policy: everything on bucket bkt3. */
const BKT3 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::bkt3/*'] }],
})

function msdp(params: Record<string, string>, method: 'GET' | 'POST' = 'POST') {
  return rawIam(params, { url: `${ENDPOINT}/`, method })
}

async function userWithKey(UserName: string) {
  await client.send(new CreateUserCommand({ UserName }))
  const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName }))
  return AccessKey!
}

function clientFor(key: { AccessKeyId?: string; SecretAccessKey?: string }): IAMClient {
  return iamClient(
    { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
    { endpoint: ENDPOINT },
  )
}

describe('MSDP responses', () => {
  it('start with the XML declaration and put ResponseMetadata before the Result', async () => {
    const { status, body } = await msdp({ Action: 'CreateUser', UserName: 'User1' })
    expect(status).toBe(200)
    expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<CreateUserResponse')).toBe(
      true,
    )
    expect(body).toContain('xmlns="https://iam.amazonaws.com/doc/2010-05-08/"')
    expect(body.indexOf('<ResponseMetadata>')).toBeLessThan(body.indexOf('<CreateUserResult>'))
  })

  it('carry a 19-digit RequestId: the request time in Unix nanoseconds, also in the header', async () => {
    const before = BigInt(Date.now()) * 1_000_000n
    const first = await msdp({ Action: 'ListUsers' })
    const second = await msdp({ Action: 'ListUsers' })
    const after = BigInt(Date.now() + 1) * 1_000_000n
    const ids = [first, second].map((r) => r.xml.ListUsersResponse.ResponseMetadata.RequestId)
    for (const id of ids) expect(id).toMatch(/^\d{19}$/)
    expect(BigInt(ids[0])).toBeGreaterThanOrEqual(before)
    expect(BigInt(ids[1])).toBeGreaterThan(BigInt(ids[0]))
    expect(BigInt(ids[1])).toBeLessThanOrEqual(after)
    expect(first.headers.get('x-amzn-requestid')).toBe(ids[0])
  })

  it('write a User with only CreateDate and UserName', async () => {
    const { body, xml } = await msdp({ Action: 'CreateUser', UserName: 'User1' })
    expect(Object.keys(xml.CreateUserResponse.CreateUserResult.User)).toEqual([
      'CreateDate',
      'UserName',
    ])
    expect(body).toMatch(/<CreateDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/CreateDate>/)
  })

  it('write AccessKey members alphabetically, with a 21-char id and a 42-char secret', async () => {
    await client.send(new CreateUserCommand({ UserName: 'User1' }))
    const { xml } = await msdp({ Action: 'CreateAccessKey', UserName: 'User1' })
    const key = xml.CreateAccessKeyResponse.CreateAccessKeyResult.AccessKey
    expect(Object.keys(key)).toEqual([
      'AccessKeyId',
      'CreateDate',
      'SecretAccessKey',
      'Status',
      'UserName',
    ])
    expect(key.AccessKeyId).toMatch(/^[A-Z0-9]{21}$/)
    expect(key.SecretAccessKey).toMatch(/^[A-Za-z0-9]{42}$/)
  })

  it('write AccessKeyMetadata members alphabetically', async () => {
    const { xml } = await msdp({ Action: 'ListAccessKeys', UserName: 'root' })
    const list = xml.ListAccessKeysResponse.ListAccessKeysResult
    expect(Object.keys(list)).toEqual(['AccessKeyMetadata', 'IsTruncated'])
    expect(Object.keys(list.AccessKeyMetadata.member[0])).toEqual([
      'AccessKeyId',
      'CreateDate',
      'Status',
      'UserName',
    ])
  })

  it('keep GetUserPolicyResult in the order UserName, PolicyName, PolicyDocument', async () => {
    await client.send(new CreateUserCommand({ UserName: 'User1' }))
    await client.send(
      new PutUserPolicyCommand({
        UserName: 'User1',
        PolicyName: 'ExamplePolicy',
        PolicyDocument: BKT3,
      }),
    )
    const { xml } = await msdp({
      Action: 'GetUserPolicy',
      UserName: 'User1',
      PolicyName: 'ExamplePolicy',
    })
    expect(Object.keys(xml.GetUserPolicyResponse.GetUserPolicyResult)).toEqual([
      'UserName',
      'PolicyName',
      'PolicyDocument',
    ])
  })

  it('accept requests without Version, as MSDP documents it optional', async () => {
    const { status } = await msdp({ Action: 'CreateUser', UserName: 'NoVersion' }, 'GET')
    expect(status).toBe(200)
    expect(iam.store.user('NoVersion')).toBeDefined()
  })

  it('answer errors in AWS’s ErrorResponse envelope, with the XML declaration', async () => {
    const { status, body, headers, xml } = await msdp({ Action: 'GetUser', UserName: 'nobody' })
    expect(status).toBe(404)
    expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse')).toBe(true)
    expect(xml.ErrorResponse).toEqual({
      '@_xmlns': 'https://iam.amazonaws.com/doc/2010-05-08/',
      Error: {
        Type: 'Sender',
        Code: 'NoSuchEntity',
        Message: 'The user with name nobody cannot be found.',
      },
      RequestId: headers.get('x-amzn-requestid'),
    })
    expect(xml.ErrorResponse.RequestId).toMatch(/^\d{19}$/)
  })
})

describe('MSDP actions', () => {
  it.each([
    [
      'GetAccessKeyLastUsed',
      new GetAccessKeyLastUsedCommand({ AccessKeyId: MSDP_ROOT.accessKeyId }),
    ],
    ['UpdateUser', new UpdateUserCommand({ UserName: 'a', NewUserName: 'b' })],
    ['TagUser', new TagUserCommand({ UserName: 'a', Tags: [{ Key: 'k', Value: 'v' }] })],
    ['UntagUser', new UntagUserCommand({ UserName: 'a', TagKeys: ['k'] })],
    ['ListUserTags', new ListUserTagsCommand({ UserName: 'a' })],
    // MSDP has inline user policies only: no managed policies, groups or roles.
    ['CreatePolicy', new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: '{}' })],
    [
      'AttachUserPolicy',
      new AttachUserPolicyCommand({
        UserName: 'a',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    ],
    ['CreateGroup', new CreateGroupCommand({ GroupName: 'g' })],
    ['CreateRole', new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: '{}' })],
    ['GetAccountAuthorizationDetails', new GetAccountAuthorizationDetailsCommand({})],
  ] as const)(
    'answer %s, which MSDP does not have, with InvalidAction',
    async (action, command) => {
      const error = await sdkError(client.send(command as never))
      expect(error.name).toBe('InvalidAction')
      expect(error.$metadata.httpStatusCode).toBe(400)
      expect(error.message).toBe(`Could not find operation ${action} for version 2010-05-08`)
    },
  )
})

describe('MSDP users', () => {
  it('creates a user and returns only its CreateDate and UserName', async () => {
    const { User } = await client.send(new CreateUserCommand({ UserName: 'User1' }))
    expect(User).toEqual({ UserName: 'User1', CreateDate: expect.any(Date) })
    expect(User!.CreateDate!.getMilliseconds()).toBe(0)
  })

  it('keeps user names case-sensitive: Bob and bob are two users', async () => {
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    await client.send(new CreateUserCommand({ UserName: 'bob' }))
    const error = await sdkError(client.send(new CreateUserCommand({ UserName: 'Bob' })))
    expect(error.name).toBe('EntityAlreadyExistsException')
    expect(error.$metadata.httpStatusCode).toBe(409)
    expect(error.message).toBe('User with name Bob already exists.')
    await expect(client.send(new GetUserCommand({ UserName: 'BOB' }))).rejects.toThrow(
      'The user with name BOB cannot be found.',
    )
  })

  it('lists users in case-sensitive name order, without root', async () => {
    for (const UserName of ['bob', 'alice', 'Bob']) {
      await client.send(new CreateUserCommand({ UserName }))
    }
    const { Users, IsTruncated } = await client.send(new ListUsersCommand({}))
    expect(Users?.map((u) => u.UserName)).toEqual(['Bob', 'alice', 'bob'])
    expect(Users?.[0]).toEqual({ UserName: 'Bob', CreateDate: expect.any(Date) })
    expect(IsTruncated).toBe(false)
  })

  it('caps UserName at 64 characters on every action, not only CreateUser', async () => {
    const name = 'a'.repeat(65)
    for (const command of [
      new GetUserCommand({ UserName: name }),
      new DeleteUserCommand({ UserName: name }),
      new CreateAccessKeyCommand({ UserName: name }),
      new ListUserPoliciesCommand({ UserName: name }),
    ]) {
      const error = await sdkError(client.send(command as never))
      expect(error.name).toBe('ValidationError')
      expect(error.message).toBe(
        "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64",
      )
    }
  })

  it('answers IAM’s sentence for a name with characters outside [\\w+=,.@-]', async () => {
    const error = await sdkError(client.send(new CreateUserCommand({ UserName: 'User 1' })))
    expect(error.message).toBe(
      'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
    )
  })

  it('gets a user by name, and the signing user without a name', async () => {
    const key = await userWithKey('User1')
    const named = await client.send(new GetUserCommand({ UserName: 'User1' }))
    expect(named.User).toEqual({ UserName: 'User1', CreateDate: expect.any(Date) })
    const self = await clientFor(key).send(new GetUserCommand({}))
    expect(self.User?.UserName).toBe('User1')
  })

  it('deletes a user without keys or policies; NoSuchEntity afterwards', async () => {
    await client.send(new CreateUserCommand({ UserName: 'User1' }))
    await client.send(new DeleteUserCommand({ UserName: 'User1' }))
    const error = await sdkError(client.send(new DeleteUserCommand({ UserName: 'User1' })))
    expect(error.name).toBe('NoSuchEntityException')
    expect(error.message).toBe('The user with name User1 cannot be found.')
  })

  it('refuses to delete a user with keys, then with policies, with DeleteConflict', async () => {
    const key = await userWithKey('User1')
    await client.send(
      new PutUserPolicyCommand({ UserName: 'User1', PolicyName: 'P', PolicyDocument: BKT3 }),
    )
    const keys = await sdkError(client.send(new DeleteUserCommand({ UserName: 'User1' })))
    expect(keys.name).toBe('DeleteConflictException')
    expect(keys.message).toBe('Cannot delete entity, must delete access keys first.')
    await client.send(
      new DeleteAccessKeyCommand({ UserName: 'User1', AccessKeyId: key.AccessKeyId }),
    )
    const policies = await sdkError(client.send(new DeleteUserCommand({ UserName: 'User1' })))
    expect(policies.message).toBe('Cannot delete entity, must delete policies first.')
  })
})

describe('MSDP access keys', () => {
  it('creates an Active key: 21 chars of [A-Z0-9], a 42-char alphanumeric secret', async () => {
    await client.send(new CreateUserCommand({ UserName: 'User1' }))
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'User1' }))
    expect(AccessKey).toEqual({
      UserName: 'User1',
      AccessKeyId: expect.stringMatching(/^[A-Z0-9]{21}$/),
      Status: 'Active',
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9]{42}$/),
      CreateDate: expect.any(Date),
    })
  })

  it('refuses a third key with LimitExceeded (409)', async () => {
    await userWithKey('User1')
    await client.send(new CreateAccessKeyCommand({ UserName: 'User1' }))
    const error = await sdkError(client.send(new CreateAccessKeyCommand({ UserName: 'User1' })))
    expect(error.name).toBe('LimitExceededException')
    expect(error.$metadata.httpStatusCode).toBe(409)
    expect(error.message).toBe('Cannot exceed quota for AccessKeysPerUser: 2')
  })

  it('acts on the signing user when UserName is omitted', async () => {
    const key = await userWithKey('User1')
    const own = clientFor(key)
    const { AccessKey } = await own.send(new CreateAccessKeyCommand({}))
    expect(AccessKey?.UserName).toBe('User1')
    const { AccessKeyMetadata } = await own.send(new ListAccessKeysCommand({}))
    expect(AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([
      key.AccessKeyId,
      AccessKey!.AccessKeyId,
    ])
  })

  it('lists keys without secrets and without paging: MaxItems is not honoured', async () => {
    await userWithKey('User1')
    await client.send(new CreateAccessKeyCommand({ UserName: 'User1' }))
    const output = await client.send(new ListAccessKeysCommand({ UserName: 'User1', MaxItems: 1 }))
    expect(output.AccessKeyMetadata).toHaveLength(2)
    expect(output.IsTruncated).toBe(false)
    expect(output.Marker).toBeUndefined()
    expect(JSON.stringify(output.AccessKeyMetadata)).not.toMatch(/Secret/)
  })

  it('updates a key to Inactive and back', async () => {
    const key = await userWithKey('User1')
    for (const Status of ['Inactive', 'Active'] as const) {
      await client.send(
        new UpdateAccessKeyCommand({ UserName: 'User1', AccessKeyId: key.AccessKeyId, Status }),
      )
      expect(iam.store.accessKey(key.AccessKeyId!)?.Status).toBe(Status)
    }
  })

  it('knows only the statuses Active and Inactive', async () => {
    const key = await userWithKey('User1')
    const error = await sdkError(
      client.send(
        new UpdateAccessKeyCommand({
          UserName: 'User1',
          AccessKeyId: key.AccessKeyId,
          Status: 'Expired',
        }),
      ),
    )
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(
      "1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set",
    )
  })

  it('answers NoSuchEntity for a key the user does not own', async () => {
    await client.send(new CreateUserCommand({ UserName: 'User1' }))
    const error = await sdkError(
      client.send(
        new DeleteAccessKeyCommand({ UserName: 'User1', AccessKeyId: MSDP_ROOT.accessKeyId }),
      ),
    )
    expect(error.name).toBe('NoSuchEntityException')
    expect(error.message).toBe(`The Access Key with id ${MSDP_ROOT.accessKeyId} cannot be found.`)
  })

  it('deletes a key', async () => {
    const key = await userWithKey('User1')
    await client.send(
      new DeleteAccessKeyCommand({ UserName: 'User1', AccessKeyId: key.AccessKeyId }),
    )
    expect(iam.store.user('User1')?.AccessKeys).toEqual([])
  })
})

describe('the MSDP root user', () => {
  it('comes from the fixture and reports the UserName root, with or without the name', async () => {
    const self = await client.send(new GetUserCommand({}))
    expect(self.User).toEqual({ UserName: 'root', CreateDate: expect.any(Date) })
    const named = await client.send(new GetUserCommand({ UserName: 'root' }))
    expect(named.User).toEqual(self.User)
    const { AccessKeyMetadata } = await client.send(new ListAccessKeysCommand({}))
    expect(AccessKeyMetadata).toEqual([
      {
        UserName: 'root',
        AccessKeyId: MSDP_ROOT.accessKeyId,
        Status: 'Active',
        CreateDate: expect.any(Date),
      },
    ])
  })

  it('holds its name: CreateUser root is EntityAlreadyExists, but Root is another user', async () => {
    const error = await sdkError(client.send(new CreateUserCommand({ UserName: 'root' })))
    expect(error.name).toBe('EntityAlreadyExistsException')
    expect(error.message).toBe('User with name root already exists.')
    await client.send(new CreateUserCommand({ UserName: 'Root' }))
    expect(iam.store.user('Root')).toBeDefined()
  })

  it('cannot be deleted (DeleteConflict, inferred)', async () => {
    // @note Inferred: MSDP documents no error for this; IAM refuses such deletes with DeleteConflict.
    const error = await sdkError(client.send(new DeleteUserCommand({ UserName: 'root' })))
    expect(error.name).toBe('DeleteConflictException')
    expect(error.$metadata.httpStatusCode).toBe(409)
    expect(error.message).toBe('Cannot delete the root user.')
  })

  it('keeps its last Active key: DeleteAccessKey answers DeleteConflict (inferred)', async () => {
    // @note Inferred: MSDP documents the rule, not the error; IAM answers DeleteConflict (409)
    // when a delete would break an invariant, e.g. deleting a policy's default version.
    const error = await sdkError(
      client.send(new DeleteAccessKeyCommand({ AccessKeyId: MSDP_ROOT.accessKeyId })),
    )
    expect(error.name).toBe('DeleteConflictException')
    expect(error.$metadata.httpStatusCode).toBe(409)
    expect(error.message).toBe('Cannot delete the last active access key of the root user.')
    expect(iam.store.rootAccessKeys()).toHaveLength(1)
  })

  it('may delete a key while another one stays Active, and Inactive keys at any time', async () => {
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'root' }))
    expect(AccessKey?.UserName).toBe('root')
    const second = clientFor(AccessKey!)
    await second.send(new DeleteAccessKeyCommand({ AccessKeyId: MSDP_ROOT.accessKeyId }))
    const { AccessKey: third } = await second.send(new CreateAccessKeyCommand({}))
    await second.send(
      new UpdateAccessKeyCommand({ AccessKeyId: third!.AccessKeyId, Status: 'Inactive' }),
    )
    await second.send(new DeleteAccessKeyCommand({ AccessKeyId: third!.AccessKeyId }))
    const last = await sdkError(
      second.send(new DeleteAccessKeyCommand({ AccessKeyId: AccessKey!.AccessKeyId })),
    )
    expect(last.message).toBe('Cannot delete the last active access key of the root user.')
    expect(iam.store.rootAccessKeys().map((k) => k.AccessKeyId)).toEqual([AccessKey!.AccessKeyId])
  })

  it('cannot have policies: PutUserPolicy answers UnmodifiableEntity (inferred)', async () => {
    // @note Inferred: MSDP documents that a policy cannot be attached to root, not the error.
    // IAM's error for an entity it protects from changes is UnmodifiableEntity (400).
    const error = await sdkError(
      client.send(
        new PutUserPolicyCommand({ UserName: 'root', PolicyName: 'P', PolicyDocument: BKT3 }),
      ),
    )
    expect(error.name).toBe('UnmodifiableEntityException')
    expect(error.$metadata.httpStatusCode).toBe(400)
    expect(error.message).toBe(
      'Cannot perform the operation on the protected user root: policies cannot be attached to the root user.',
    )
    const { PolicyNames } = await client.send(new ListUserPoliciesCommand({ UserName: 'root' }))
    expect(PolicyNames).toEqual([])
    const get = await sdkError(
      client.send(new GetUserPolicyCommand({ UserName: 'root', PolicyName: 'P' })),
    )
    expect(get.message).toBe('The user policy with name P cannot be found.')
    const del = await sdkError(
      client.send(new DeleteUserPolicyCommand({ UserName: 'root', PolicyName: 'P' })),
    )
    expect(del.message).toBe('The user policy with name P cannot be found.')
  })
})

describe('MSDP inline policies', () => {
  it('stores the documented sample policy and returns it raw, not URL-encoded', async () => {
    await client.send(new CreateUserCommand({ UserName: 'User1' }))
    await client.send(
      new PutUserPolicyCommand({
        UserName: 'User1',
        PolicyName: 'ExamplePolicy',
        PolicyDocument: BKT3,
      }),
    )
    const output = await client.send(
      new GetUserPolicyCommand({ UserName: 'User1', PolicyName: 'ExamplePolicy' }),
    )
    expect(output.UserName).toBe('User1')
    expect(output.PolicyName).toBe('ExamplePolicy')
    expect(output.PolicyDocument).toBe(BKT3)
    const { PolicyNames } = await client.send(new ListUserPoliciesCommand({ UserName: 'User1' }))
    expect(PolicyNames).toEqual(['ExamplePolicy'])
    await client.send(
      new DeleteUserPolicyCommand({ UserName: 'User1', PolicyName: 'ExamplePolicy' }),
    )
    expect(iam.store.user('User1')?.PolicyNames).toEqual([])
  })

  it('accepts the sample request as sent: the document raw in a GET query string', async () => {
    await client.send(new CreateUserCommand({ UserName: 'User1' }))
    const { status } = await msdp(
      { Action: 'PutUserPolicy', UserName: 'User1', PolicyName: 'P', PolicyDocument: BKT3 },
      'GET',
    )
    expect(status).toBe(200)
    const { PolicyDocument } = await client.send(
      new GetUserPolicyCommand({ UserName: 'User1', PolicyName: 'P' }),
    )
    expect(PolicyDocument).toBe(BKT3)
  })

  it('accepts each documented action and both resource forms', async () => {
    await client.send(new CreateUserCommand({ UserName: 'User1' }))
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::*' },
        {
          Effect: 'Allow',
          Action: ['s3:Put*', 's3:Get*', 's3:List*'],
          Resource: ['arn:aws:s3:::bkt3/*', 'arn:aws:s3:::my.bucket-2/*'],
        },
      ],
    })
    await client.send(
      new PutUserPolicyCommand({ UserName: 'User1', PolicyName: 'P', PolicyDocument: document }),
    )
    expect(iam.store.user('User1')?.PolicyNames).toEqual(['P'])
  })

  const statement = (s: Record<string, unknown>) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [s] })
  const allow = { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bkt3/*' }
  const cases: [string, string, string][] = [
    ['text that is not JSON', 'not json', 'Syntax errors in policy.'],
    [
      'Version 2008-10-17',
      JSON.stringify({ Version: '2008-10-17', Statement: [allow] }),
      'Policy document must be version 2012-10-17.',
    ],
    [
      'no Version',
      JSON.stringify({ Statement: [allow] }),
      'Policy document must be version 2012-10-17.',
    ],
    [
      'a Deny statement',
      statement({ ...allow, Effect: 'Deny' }),
      'Effect Deny is not supported; the only effect is Allow.',
    ],
    [
      'an iam: action',
      statement({ ...allow, Action: 'iam:CreateUser' }),
      'Action iam:CreateUser is not supported; use s3:*, s3:Put*, s3:Get*, s3:List*.',
    ],
    [
      'a single S3 action',
      statement({ ...allow, Action: ['s3:GetObject'] }),
      'Action s3:GetObject is not supported; use s3:*, s3:Put*, s3:Get*, s3:List*.',
    ],
    [
      'a bucket without /*',
      statement({ ...allow, Resource: 'arn:aws:s3:::bkt3' }),
      'Resource arn:aws:s3:::bkt3 is not supported; use arn:aws:s3:::* or arn:aws:s3:::<bucket>/*.',
    ],
    [
      'an object prefix',
      statement({ ...allow, Resource: 'arn:aws:s3:::bkt3/logs/*' }),
      'Resource arn:aws:s3:::bkt3/logs/* is not supported; use arn:aws:s3:::* or arn:aws:s3:::<bucket>/*.',
    ],
    [
      'a bare *',
      statement({ ...allow, Resource: '*' }),
      'Resource * is not supported; use arn:aws:s3:::* or arn:aws:s3:::<bucket>/*.',
    ],
    [
      'a Condition',
      statement({ ...allow, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
      'Statement element Condition is not supported.',
    ],
    [
      'NotAction',
      statement({ Effect: 'Allow', NotAction: 's3:*', Resource: 'arn:aws:s3:::*' }),
      'Statement element NotAction is not supported.',
    ],
    [
      'no Action',
      statement({ Effect: 'Allow', Resource: 'arn:aws:s3:::*' }),
      'Policy statement must contain actions.',
    ],
    [
      'no Resource',
      statement({ Effect: 'Allow', Action: 's3:*' }),
      'Policy statement must contain resources.',
    ],
  ]

  it.each(cases)(
    'refuses %s with MalformedPolicyDocument (400) and stores nothing',
    async (_name, document, message) => {
      // @note MSDP documents the grammar, not the error for a policy outside it nor its
      // wording: MalformedPolicyDocument as in IAM, with IAM's sentences where they apply.
      await client.send(new CreateUserCommand({ UserName: 'User1' }))
      const error = await sdkError(
        client.send(
          new PutUserPolicyCommand({
            UserName: 'User1',
            PolicyName: 'P',
            PolicyDocument: document,
          }),
        ),
      )
      expect(error.name).toBe('MalformedPolicyDocumentException')
      expect(error.$metadata.httpStatusCode).toBe(400)
      expect(error.message).toBe(message)
      expect(iam.store.user('User1')?.PolicyNames).toEqual([])
    },
  )

  it('refuses inline policies beyond 2,048 characters per user, as IAM does', async () => {
    // @note MSDP documents no LimitExceeded for PutUserPolicy; IAM's quota is kept in both dialects.
    await client.send(new CreateUserCommand({ UserName: 'User1' }))
    const buckets = Array.from({ length: 40 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`)
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: buckets }],
    })
    expect(big.length).toBeGreaterThan(1024)
    await client.send(
      new PutUserPolicyCommand({ UserName: 'User1', PolicyName: 'A', PolicyDocument: big }),
    )
    const error = await sdkError(
      client.send(
        new PutUserPolicyCommand({ UserName: 'User1', PolicyName: 'B', PolicyDocument: big }),
      ),
    )
    expect(error.name).toBe('LimitExceededException')
    expect(error.message).toBe('Maximum policy size of 2048 bytes exceeded for user User1')
    expect(iam.store.user('User1')?.PolicyNames).toEqual(['A'])
  })

  it('answers NoSuchEntity for an unknown user or policy', async () => {
    const user = await sdkError(
      client.send(
        new PutUserPolicyCommand({ UserName: 'ghost', PolicyName: 'P', PolicyDocument: BKT3 }),
      ),
    )
    expect(user.name).toBe('NoSuchEntityException')
    expect(user.message).toBe('The user with name ghost cannot be found.')
    await client.send(new CreateUserCommand({ UserName: 'User1' }))
    const policy = await sdkError(
      client.send(new GetUserPolicyCommand({ UserName: 'User1', PolicyName: 'Nope' })),
    )
    expect(policy.message).toBe('The user policy with name Nope cannot be found.')
  })
})
