import { describe, expect, it } from 'vitest'
import { IamError } from '../../src/errors.js'
import { iamModel, stsModel } from '../../src/model/load.js'
import { readInput } from '../../src/wire/read.js'
import { javaHashMapOrder } from '../../src/wire/validate.js'
import { rawIam, useIam } from '../helpers.js'

/**
 * The generic Query reader: nested lists and structures, maps, indexes, and what it refuses.
 * Unit tests beside the SDK ones, because most operations that take these shapes are not
 * implemented yet — they are read and validated all the same.
 */

const IAM = { quoteValues: false, iamSentences: true }
const STS = { quoteValues: true, iamSentences: false }

function read(operation: string, params: Record<string, string> | [string, string][], sts = false) {
  const model = sts ? stsModel() : iamModel()
  const entries = Array.isArray(params) ? params : Object.entries(params)
  return readInput(model.operation(operation), entries, sts ? STS : IAM)
}

function refusal(run: () => unknown): IamError {
  try {
    run()
  } catch (error) {
    if (error instanceof IamError) return error
    throw error
  }
  throw new Error('expected the input to be refused')
}

describe('reading Query parameters', () => {
  it('reads lists of structures holding lists, at any depth', () => {
    const input = read('SimulateCustomPolicy', {
      'PolicyInputList.member.1': '{"Version":"2012-10-17"}',
      'ActionNames.member.1': 'iam:GetUser',
      'ActionNames.member.2': 'iam:ListUsers',
      'ContextEntries.member.1.ContextKeyName': 'aws:username',
      'ContextEntries.member.1.ContextKeyType': 'stringList',
      'ContextEntries.member.1.ContextKeyValues.member.1': 'alice',
      'ContextEntries.member.1.ContextKeyValues.member.2': 'bob',
      'ContextEntries.member.2.ContextKeyName': 'aws:MultiFactorAuthPresent',
      'ContextEntries.member.2.ContextKeyType': 'boolean',
      'ContextEntries.member.2.ContextKeyValues.member.1': 'true',
      MaxItems: '20',
    })
    expect(input).toEqual({
      PolicyInputList: ['{"Version":"2012-10-17"}'],
      ActionNames: ['iam:GetUser', 'iam:ListUsers'],
      ContextEntries: [
        {
          ContextKeyName: 'aws:username',
          ContextKeyType: 'stringList',
          ContextKeyValues: ['alice', 'bob'],
        },
        {
          ContextKeyName: 'aws:MultiFactorAuthPresent',
          ContextKeyType: 'boolean',
          ContextKeyValues: ['true'],
        },
      ],
      MaxItems: 20,
    })
  })

  it('reads booleans in any case, and refuses other words (inferred)', () => {
    expect(
      read('CreatePolicyVersion', {
        PolicyArn: 'arn:aws:iam::123456789012:policy/p',
        PolicyDocument: '{}',
        SetAsDefault: 'TRUE',
      }),
    ).toMatchObject({ SetAsDefault: true })
    expect(
      refusal(() =>
        read('CreatePolicyVersion', {
          PolicyArn: 'arn:aws:iam::123456789012:policy/p',
          PolicyDocument: '{}',
          SetAsDefault: 'yes',
        }),
      ).message,
    ).toBe(
      "1 validation error detected: Value at 'setAsDefault' failed to satisfy constraint: Member must be a boolean",
    )
  })

  it('reads maps from entry.N.key and entry.N.value', () => {
    expect(
      read('PutAccountProperties', {
        'Properties.entry.1.key': 'a',
        'Properties.entry.1.value': '1',
        'Properties.entry.2.key': 'b',
        'Properties.entry.2.value': '2',
      }),
    ).toEqual({ Properties: { a: '1', b: '2' } })
  })

  it('takes items in index order, closes gaps and ignores indexes that are not positive integers (inferred)', () => {
    const input = read('UntagUser', [
      ['UserName', 'Bob'],
      ['TagKeys.member.10', 'ten'],
      ['TagKeys.member.2', 'two'],
      ['TagKeys.member.0', 'zero'],
      ['TagKeys.member.-1', 'minus'],
      ['TagKeys.member.x', 'letter'],
      ['TagKeys.member.2', 'again'],
    ])
    expect(input).toEqual({ UserName: 'Bob', TagKeys: ['two', 'ten'] })
  })

  it('reads a bare list name as the empty list, as the JS SDK sends one', () => {
    expect(read('UntagUser', { UserName: 'Bob', TagKeys: '' })).toEqual({
      UserName: 'Bob',
      TagKeys: [],
    })
  })

  it('keeps the first of a repeated parameter and ignores names the shape does not have', () => {
    expect(
      read('GetUser', [
        ['UserName', 'first'],
        ['UserName', 'second'],
        ['userName', 'wrong case'],
        ['UserName.member.1', 'not a list'],
      ]),
    ).toEqual({ UserName: 'first' })
  })

  it('describes a bad item of a list of scalars with every constraint of its member', () => {
    const error = refusal(() =>
      read('UntagUser', { UserName: 'Bob', 'TagKeys.member.1': 'NOWAY!' }),
    )
    expect(error.message).toBe(
      "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]",
    )
    // ClientIDList's members are described without "must not be null" (recorded).
    const ids = refusal(() =>
      read('CreateOpenIDConnectProvider', {
        Url: 'https://example.com',
        'ClientIDList.member.1': 'x'.repeat(256),
      }),
    )
    expect(ids.message).toBe(
      "1 validation error detected: Value at 'clientIDList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 1]",
    )
  })

  it('names a nested member by its path: tags.1.member.key', () => {
    const error = refusal(() =>
      read('TagUser', {
        UserName: 'Bob',
        'Tags.member.1.Key': 'k'.repeat(129),
        'Tags.member.1.Value': 'v',
      }),
    )
    expect(error.message).toBe(
      "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
    )
    const missing = refusal(() => read('TagUser', { UserName: 'Bob', 'Tags.member.1.Value': 'v' }))
    expect(missing.message).toBe(
      "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must not be null",
    )
  })

  it('stops a list at one item past its maximum, and says so', () => {
    const params: [string, string][] = [['UserName', 'Bob']]
    for (let i = 1; i <= 5000; i++)
      params.push([`Tags.member.${i}.Key`, `k${i}`], [`Tags.member.${i}.Value`, 'v'])
    expect(refusal(() => read('TagUser', params)).message).toBe(
      "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    )
  })

  it('quotes values in STS messages, as STS does (recorded)', () => {
    const error = refusal(() =>
      read(
        'AssumeRole',
        { RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'Session1:2' },
        true,
      ),
    )
    expect(error.message).toBe(
      "1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    )
    expect(refusal(() => read('AssumeRole', {}, true)).message).toContain(
      "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    )
  })

  it('answers IAM’s own sentence for a bad name only when nothing else is wrong', () => {
    expect(refusal(() => read('GetUser', { UserName: 'bad name' })).message).toBe(
      'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
    )
    expect(
      refusal(() => read('CreateUser', { UserName: 'bad name', Path: 'x'.repeat(513) })).message,
    ).toBe(
      "1 validation error detected: Value at 'path' failed to satisfy constraint: Member must have length less than or equal to 512",
    )
  })
})

describe('the order of several validation errors', () => {
  // @note inferred: both multi-error answers AWS recorded follow a Java HashMap keyed by path.
  it('follows both recorded answers: CreateOpenIDConnectProvider and UpdateAccountPasswordPolicy', () => {
    const oidc = refusal(() =>
      read('CreateOpenIDConnectProvider', {
        Url: 'u'.repeat(256),
        'ClientIDList.member.1': 'c'.repeat(256),
        'ThumbprintList.member.1': 't'.repeat(41),
      }),
    )
    expect(oidc.message).toBe(
      "3 validation errors detected: Value at 'clientIDList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 1]; Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]; Value at 'url' failed to satisfy constraint: Member must have length less than or equal to 255",
    )
    const password = refusal(() =>
      read('UpdateAccountPasswordPolicy', {
        MaxPasswordAge: '1096',
        MinimumPasswordLength: '129',
        PasswordReusePrevention: '25',
      }),
    )
    expect(password.message).toBe(
      "3 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy constraint: Member must have value less than or equal to 128; Value at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24; Value at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095",
    )
  })

  it('keeps the order entries were found within one bucket, and grows the table past 12', () => {
    const paths = Array.from({ length: 20 }, (_, i) => ({ path: `member${i}` }))
    const ordered = javaHashMapOrder(paths)
    expect(new Set(ordered)).toEqual(new Set(paths))
    expect(ordered).toHaveLength(20)
  })
})

describe('a flood of list items', () => {
  useIam()

  it('answers a 1 MiB request of 44,000 tag keys with the list-length ValidationError', async () => {
    const parts = ['Action=TagUser', 'Version=2010-05-08', 'UserName=Bob']
    for (let i = 1; i <= 44_000; i++) parts.push(`Tags.member.${i}.Key=k`)
    const body = parts.join('&')
    expect(body.length).toBeGreaterThan(900_000)
    const { status, xml } = await rawIam(body)
    expect(status).toBe(400)
    expect(xml.ErrorResponse.Error.Message).toBe(
      "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    )
  })
})
