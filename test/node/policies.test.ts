import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetUserPolicyCommand,
  ListUserPoliciesCommand,
  PutUserPolicyCommand,
  paginateListUserPolicies,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock, FixtureError, type IamFixture } from '../../src/index.js'
import { iamClient, rawIam, sdkError, useIam } from '../helpers.js'

const iam = useIam()
const client = iamClient()

const READ_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }],
})

async function user(UserName = 'Bob') {
  await client.send(new CreateUserCommand({ UserName }))
}

function put(PolicyName: string, PolicyDocument: string, UserName = 'Bob') {
  return client.send(new PutUserPolicyCommand({ UserName, PolicyName, PolicyDocument }))
}

/** A policy with one statement, for the grammar table. */
function policy(statement: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement], ...top })
}

describe('PutUserPolicy and GetUserPolicy', () => {
  it('store a document that GetUserPolicy returns URL-encoded per RFC 3986, as IAM does', async () => {
    await user()
    const document = `{"Version": "2012-10-17", "Statement": {"Sid": "a!b'c(d)e*f~g", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}`
    await put('Reader', document)
    const output = await client.send(
      new GetUserPolicyCommand({ UserName: 'Bob', PolicyName: 'Reader' }),
    )
    expect(output.UserName).toBe('Bob')
    expect(output.PolicyName).toBe('Reader')
    expect(output.PolicyDocument).toContain('%7B%22Version%22%3A%20%222012-10-17%22')
    expect(output.PolicyDocument).toContain('a%21b%27c%28d%29e%2Af~g')
    expect(output.PolicyDocument).not.toMatch(/[ "{}!'()*]/)
    expect(decodeURIComponent(output.PolicyDocument!)).toBe(document)
  })

  it('replace a policy of the same name', async () => {
    await user()
    await put('P', READ_ONLY)
    const wider = policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })
    await put('P', wider)
    const { PolicyDocument } = await client.send(
      new GetUserPolicyCommand({ UserName: 'Bob', PolicyName: 'P' }),
    )
    expect(decodeURIComponent(PolicyDocument!)).toBe(wider)
    expect(iam.store.user('Bob')?.PolicyNames).toEqual(['P'])
  })

  it('answer NoSuchEntity for a policy the user does not have', async () => {
    await user()
    const error = await sdkError(
      client.send(new GetUserPolicyCommand({ UserName: 'Bob', PolicyName: 'Missing' })),
    )
    expect(error.name).toBe('NoSuchEntityException')
    expect(error.$metadata.httpStatusCode).toBe(404)
    expect(error.message).toBe('The user policy with name Missing cannot be found.')
  })

  it('answer NoSuchEntity for an unknown user', async () => {
    const putError = await sdkError(put('P', READ_ONLY, 'nobody'))
    expect(putError.name).toBe('NoSuchEntityException')
    expect(putError.message).toBe('The user with name nobody cannot be found.')
    const getError = await sdkError(
      client.send(new GetUserPolicyCommand({ UserName: 'nobody', PolicyName: 'P' })),
    )
    expect(getError.message).toBe('The user with name nobody cannot be found.')
  })

  it('know no user called root: the account root is not an IAM user in AWS', async () => {
    const error = await sdkError(put('P', READ_ONLY, 'root'))
    expect(error.name).toBe('NoSuchEntityException')
    expect(error.message).toBe('The user with name root cannot be found.')
  })

  it('find the user case-insensitively, as IAM names are', async () => {
    await user('Bob')
    await put('P', READ_ONLY, 'bob')
    const { UserName } = await client.send(
      new GetUserPolicyCommand({ UserName: 'BOB', PolicyName: 'P' }),
    )
    expect(UserName).toBe('Bob')
  })
})

describe('ListUserPolicies', () => {
  it('lists the names in name order with IsTruncated false', async () => {
    await user()
    for (const name of ['zeta', 'Alpha', 'beta']) await put(name, READ_ONLY)
    const output = await client.send(new ListUserPoliciesCommand({ UserName: 'Bob' }))
    expect(output.PolicyNames).toEqual(['Alpha', 'beta', 'zeta'])
    expect(output.IsTruncated).toBe(false)
    expect(output.Marker).toBeUndefined()
  })

  it('answers an empty list for a user without policies', async () => {
    await user()
    const { body } = await rawIam({
      Action: 'ListUserPolicies',
      Version: '2010-05-08',
      UserName: 'Bob',
    })
    expect(body).toContain('<PolicyNames/>')
    expect(body).toContain('<IsTruncated>false</IsTruncated>')
  })

  it('pages with MaxItems and Marker through the SDK paginator', async () => {
    await user()
    const names = ['p1', 'p2', 'p3', 'p4', 'p5']
    for (const name of names) await put(name, READ_ONLY)
    const pages = []
    for await (const page of paginateListUserPolicies({ client, pageSize: 2 }, { UserName: 'Bob' }))
      pages.push(page)
    expect(pages.map((p) => p.PolicyNames)).toEqual([['p1', 'p2'], ['p3', 'p4'], ['p5']])
    expect(pages.map((p) => p.IsTruncated)).toEqual([true, true, false])
  })

  it('refuses a Marker it did not issue', async () => {
    await user()
    const error = await sdkError(
      client.send(new ListUserPoliciesCommand({ UserName: 'Bob', Marker: 'bogus' })),
    )
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe('Invalid Marker.')
  })

  it('answers NoSuchEntity for an unknown user', async () => {
    const error = await sdkError(client.send(new ListUserPoliciesCommand({ UserName: 'ghost' })))
    expect(error.message).toBe('The user with name ghost cannot be found.')
  })
})

describe('DeleteUserPolicy', () => {
  it('removes the policy; a second delete answers NoSuchEntity', async () => {
    await user()
    await put('P', READ_ONLY)
    await client.send(new DeleteUserPolicyCommand({ UserName: 'Bob', PolicyName: 'P' }))
    expect(iam.store.user('Bob')?.PolicyNames).toEqual([])
    const error = await sdkError(
      client.send(new DeleteUserPolicyCommand({ UserName: 'Bob', PolicyName: 'P' })),
    )
    expect(error.name).toBe('NoSuchEntityException')
    expect(error.message).toBe('The user policy with name P cannot be found.')
  })

  it('answers NoSuchEntity for an unknown user', async () => {
    const error = await sdkError(
      client.send(new DeleteUserPolicyCommand({ UserName: 'ghost', PolicyName: 'P' })),
    )
    expect(error.message).toBe('The user with name ghost cannot be found.')
  })
})

describe('DeleteUser', () => {
  it('refuses a user with inline policies with DeleteConflict until they are deleted', async () => {
    await user()
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
    await put('P', READ_ONLY)
    await client.send(
      new DeleteAccessKeyCommand({ UserName: 'Bob', AccessKeyId: AccessKey!.AccessKeyId }),
    )
    const error = await sdkError(client.send(new DeleteUserCommand({ UserName: 'Bob' })))
    expect(error.name).toBe('DeleteConflictException')
    expect(error.$metadata.httpStatusCode).toBe(409)
    expect(error.message).toBe('Cannot delete entity, must delete policies first.')
    await client.send(new DeleteUserPolicyCommand({ UserName: 'Bob', PolicyName: 'P' }))
    await client.send(new DeleteUserCommand({ UserName: 'Bob' }))
    expect(iam.store.user('Bob')).toBeUndefined()
  })
})

describe('the policy grammar', () => {
  const cases: [string, string, string][] = [
    ['text that is not JSON', 'This is not a json document', 'Syntax errors in policy.'],
    ['a JSON array', '[]', 'Syntax errors in policy.'],
    [
      'an unknown top-level element',
      policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Extra: 1 }),
      'Syntax errors in policy.',
    ],
    [
      'an unknown statement element',
      policy({ Effect: 'Allow', Action: 's3:*', Resource: '*', Foo: 'x' }),
      'Syntax errors in policy.',
    ],
    [
      'a statement without Effect',
      policy({ Action: 's3:*', Resource: '*' }),
      'Syntax errors in policy.',
    ],
    [
      'an effect other than Allow or Deny',
      policy({ Effect: 'Maybe', Action: 's3:*', Resource: '*' }),
      'Syntax errors in policy.',
    ],
    [
      'both Action and NotAction',
      policy({ Effect: 'Allow', Action: 's3:*', NotAction: 'iam:*', Resource: '*' }),
      'Syntax errors in policy.',
    ],
    [
      'a condition value that is an object',
      policy({
        Effect: 'Allow',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:username': { a: 1 } } },
      }),
      'Syntax errors in policy.',
    ],
    [
      'a condition operator IAM does not know',
      policy({
        Effect: 'Allow',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringSortOf: { 'aws:username': 'x' } },
      }),
      'Syntax errors in policy.',
    ],
    [
      'a Date condition that is not a date',
      policy({
        Effect: 'Allow',
        Action: 's3:*',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:CurrentTime': '2026-13-01T00:00:00Z' } },
      }),
      'The policy failed legacy parsing',
    ],
    [
      'an Action that is a number',
      policy({ Effect: 'Allow', Action: 3, Resource: '*' }),
      'Syntax errors in policy.',
    ],
    [
      'an empty Statement list',
      JSON.stringify({ Version: '2012-10-17', Statement: [] }),
      'Syntax errors in policy.',
    ],
    [
      'no Version',
      JSON.stringify({ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }),
      'Policy document must be version 2012-10-17 or greater.',
    ],
    [
      'Version 2008-10-17',
      JSON.stringify({
        Version: '2008-10-17',
        Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      }),
      'Policy document must be version 2012-10-17 or greater.',
    ],
    [
      'a Principal',
      policy({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }),
      'Policy document should not specify a principal.',
    ],
    [
      'a lowercase effect',
      policy({ Effect: 'allow', Action: 's3:*', Resource: '*' }),
      'The policy failed legacy parsing',
    ],
    [
      'a short ARN with ::',
      policy({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3::bucket' }),
      'The policy failed legacy parsing',
    ],
    [
      'two statements with the same Sid',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'A', Effect: 'Allow', Action: 's3:*', Resource: '*' },
          { Sid: 'A', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
        ],
      }),
      'Statement IDs (SID) in a single policy must be unique.',
    ],
    [
      'no Action',
      policy({ Effect: 'Allow', Resource: '*' }),
      'Policy statement must contain actions.',
    ],
    [
      'an empty Action list',
      policy({ Effect: 'Allow', Action: [], Resource: '*' }),
      'Policy statement must contain actions.',
    ],
    [
      'a resource that is not an ARN',
      policy({ Effect: 'Allow', Action: 's3:*', Resource: 'bucket' }),
      'Resource bucket must be in ARN format or "*".',
    ],
    [
      'an unknown partition',
      policy({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:mars:s3:::bucket' }),
      'Partition "mars" is not valid for resource "arn:mars:s3:::bucket".',
    ],
    [
      'an S3 resource with a region',
      policy({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:us-east-1::bucket' }),
      'Resource arn:aws:s3:us-east-1::bucket can not contain region information.',
    ],
    [
      'an IAM resource with a region',
      policy({ Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam:us-east-1::user/x' }),
      'IAM resource arn:aws:iam:us-east-1::user/x cannot contain region information.',
    ],
    [
      'an action without a vendor',
      policy({ Effect: 'Allow', Action: 'GetObject', Resource: '*' }),
      'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    ],
    [
      'an action with two colons',
      policy({ Effect: 'Allow', Action: 's3:Get:Object', Resource: '*' }),
      'Actions/Condition can contain only one colon.',
    ],
    [
      'a vendor with a bad character',
      policy({ Effect: 'Allow', Action: 's_3:GetObject', Resource: '*' }),
      'Vendor s_3 is not valid',
    ],
    [
      'no Resource',
      policy({ Effect: 'Allow', Action: 's3:*' }),
      'Policy statement must contain resources.',
    ],
  ]

  it.each(cases)(
    'refuses %s with MalformedPolicyDocument and stores nothing',
    async (_name, document, message) => {
      await user()
      const error = await sdkError(put('P', document))
      expect(error.name).toBe('MalformedPolicyDocumentException')
      expect(error.$metadata.httpStatusCode).toBe(400)
      expect(error.message).toBe(message)
      expect(iam.store.user('Bob')?.PolicyNames).toEqual([])
    },
  )

  it('accepts Deny, NotAction, NotResource, conditions and a single statement object', async () => {
    await user()
    const document = JSON.stringify({
      Version: '2012-10-17',
      Id: 'doc',
      Statement: {
        Sid: 'DenyOutsideEu',
        Effect: 'Deny',
        NotAction: ['iam:*', 'sts:GetCallerIdentity'],
        NotResource: 'arn:aws:s3:::eu-bucket/*',
        Condition: {
          StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] },
          DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
          'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'team*' },
          Bool: { 'aws:MultiFactorAuthPresent': true },
          NumericLessThan: { 's3:max-keys': 10 },
        },
      },
    })
    await put('Guard', document)
    expect(iam.store.user('Bob')?.PolicyNames).toEqual(['Guard'])
  })
})

describe('the inline policy size quota', () => {
  /** A valid policy of exactly `size` non-whitespace characters. */
  function sized(size: number): string {
    const base = policy({ Sid: '', Effect: 'Allow', Action: 's3:*', Resource: '*' })
    return base.replace('"Sid":""', `"Sid":"${'a'.repeat(size - base.length)}"`)
  }

  it('accepts policies that together hold 2,048 non-whitespace characters', async () => {
    await user()
    await put('A', sized(1024))
    await put('B', sized(1024))
    expect(iam.store.user('Bob')?.PolicyNames).toEqual(['A', 'B'])
  })

  it('refuses one more character with LimitExceeded (409)', async () => {
    await user()
    await put('A', sized(1024))
    const error = await sdkError(put('B', sized(1025)))
    expect(error.name).toBe('LimitExceededException')
    expect(error.$metadata.httpStatusCode).toBe(409)
    expect(error.message).toBe('Maximum policy size of 2048 bytes exceeded for user Bob')
    expect(iam.store.user('Bob')?.PolicyNames).toEqual(['A'])
  })

  it('does not count whitespace', async () => {
    await user()
    const spaced = sized(2048).replace(/,/g, ',\n' + ' '.repeat(400))
    expect(spaced.length).toBeGreaterThan(2048)
    await put('Spaced', spaced)
    const { PolicyDocument } = await client.send(
      new GetUserPolicyCommand({ UserName: 'Bob', PolicyName: 'Spaced' }),
    )
    expect(decodeURIComponent(PolicyDocument!)).toBe(spaced)
  })

  it('counts a replaced policy out', async () => {
    await user()
    await put('A', sized(2048))
    await put('A', sized(2000))
    expect(iam.store.user('Bob')?.PolicyNames).toEqual(['A'])
  })
})

describe('input validation', () => {
  it('answers IAM’s name sentence for a bad policy name', async () => {
    await user()
    const error = await sdkError(put('bad name', READ_ONLY))
    expect(error.name).toBe('ValidationError')
    expect(error.$metadata.httpStatusCode).toBe(400)
    expect(error.message).toBe(
      'The specified value for policyName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
    )
  })

  it('answers a Coral length error for a 129-character policy name', async () => {
    await user()
    const error = await sdkError(
      client.send(new GetUserPolicyCommand({ UserName: 'Bob', PolicyName: 'p'.repeat(129) })),
    )
    expect(error.message).toBe(
      "1 validation error detected: Value at 'policyName' failed to satisfy constraint: Member must have length less than or equal to 128",
    )
  })

  it('refuses characters a policy document may not carry', async () => {
    await user()
    const error = await sdkError(put('P', READ_ONLY.replace('iam:ListUsers', 'iam:Līst')))
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(
      "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
    )
  })

  // @note inferred: AWS's order is that of a Java HashMap keyed by member path (see
  // javaHashMapOrder), which two recorded multi-error answers follow.
  it('lists every missing required member, in the order AWS reports them', async () => {
    const { status, xml } = await rawIam({ Action: 'PutUserPolicy', Version: '2010-05-08' })
    expect(status).toBe(400)
    expect(xml.ErrorResponse.Error.Message).toBe(
      "3 validation errors detected: Value at 'policyDocument' failed to satisfy constraint: Member must not be null; Value at 'policyName' failed to satisfy constraint: Member must not be null; Value at 'userName' failed to satisfy constraint: Member must not be null",
    )
  })
})

describe('fixtures with inline policies', () => {
  const fixture: IamFixture = {
    Users: [
      {
        UserName: 'alice',
        Policies: {
          AsText: READ_ONLY,
          AsObject: {
            Version: '2012-10-17',
            Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' },
          },
        },
      },
    ],
  }

  it('load documents given as text or as objects and export them in snapshots', () => {
    const mock = createIamMock({ fixtures: fixture })
    expect(mock.store.user('alice')?.PolicyNames).toEqual(['AsText', 'AsObject'])
    expect(mock.snapshot().Users?.[0]?.Policies).toEqual({
      AsText: READ_ONLY,
      AsObject:
        '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}',
    })
  })

  it('come back after reset()', async () => {
    const mock = createIamMock({ fixtures: fixture })
    const request = (params: Record<string, string>) =>
      mock.handle(
        new Request('https://iam.amazonaws.com/', {
          method: 'POST',
          body: new URLSearchParams({ Version: '2010-05-08', ...params }),
        }),
      )
    await request({ Action: 'DeleteUserPolicy', UserName: 'alice', PolicyName: 'AsText' })
    expect(mock.store.user('alice')?.PolicyNames).toEqual(['AsObject'])
    mock.reset()
    expect(mock.store.user('alice')?.PolicyNames).toEqual(['AsText', 'AsObject'])
  })

  const bad: [string, IamFixture, string][] = [
    [
      'a malformed document',
      { Users: [{ UserName: 'u', Policies: { P: '{"Version":"2012-10-17"}' } }] },
      'Users[0].Policies.P: Syntax errors in policy.',
    ],
    [
      'a bad policy name',
      { Users: [{ UserName: 'u', Policies: { 'bad name': READ_ONLY } }] },
      'Users[0].Policies.bad name: must satisfy regular expression pattern',
    ],
    [
      'a document that is a number',
      { Users: [{ UserName: 'u', Policies: { P: 3 as never } }] },
      'Users[0].Policies.P: must be a policy document',
    ],
    [
      'policies over the size quota',
      {
        Users: [
          {
            UserName: 'u',
            Policies: {
              A: policy({ Sid: 'a'.repeat(1000), Effect: 'Allow', Action: 's3:*', Resource: '*' }),
              B: policy({ Sid: 'b'.repeat(1000), Effect: 'Allow', Action: 's3:*', Resource: '*' }),
            },
          },
        ],
      },
      'Users[0].Policies.B: Maximum policy size of 2048 bytes exceeded for user u',
    ],
  ]

  it.each(bad)('refuse %s with a FixtureError naming the field', (_name, fixture, message) => {
    let error: unknown
    try {
      createIamMock({ fixtures: fixture })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(FixtureError)
    expect((error as Error).message).toContain(`Invalid msw-iam fixture: ${message}`)
  })
})
