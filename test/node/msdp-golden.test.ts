import { describe, expect, it } from 'vitest'
import { MSDP_ACCESS_KEY_ID_ALPHABET, MSDP_SECRET_ALPHABET } from '../../src/dialects/msdp.js'
import { parseIsoNanos } from '../../src/store/clock.js'
import { parseXml, rawIam, useIam } from '../helpers.js'

/**
 * The response samples of NetBackup's "S3 interface for MSDP" IAM pages, reproduced by the mock
 * with the clock set to each sample's RequestId (Unix nanoseconds) and ids scripted to match.
 *
 * Samples left out, and why:
 * - GetUser: the docs' sample is a copy-paste of CreateUser's (same RequestId, same user), so it
 *   documents nothing of its own (spec §1.7).
 */

let now = 0n
/** Values for `random`: each one picks one character of the next id or secret. */
let script: number[] = []

const iam = useIam({
  dialect: 'msdp',
  endpoints: ['https://msdps3.veritas.com:8443/'],
  clock: () => now,
  // Unscripted draws (user ids, which MSDP never shows) come from Math.random.
  random: () => script.shift() ?? Math.random(),
})

/** `random()` values that make the generator draw exactly `text` from `alphabet`. */
function draws(alphabet: string, text: string): number[] {
  return [...text].map((ch) => {
    const index = alphabet.indexOf(ch)
    expect(index, `${ch} is in the alphabet`).toBeGreaterThanOrEqual(0)
    return (index + 0.5) / alphabet.length
  })
}

function scriptKey(accessKeyId: string, secretAccessKey: string) {
  script = [
    ...draws(MSDP_ACCESS_KEY_ID_ALPHABET, accessKeyId),
    ...draws(MSDP_SECRET_ALPHABET, secretAccessKey),
  ]
}

/** A request as the samples show them: a GET with the parameters in the query string. */
async function sample(requestId: bigint, params: Record<string, string>) {
  now = requestId
  const { body } = await rawIam(
    { ...params, Version: '2010-05-08' },
    { url: 'https://msdps3.veritas.com:8443/', method: 'GET' },
  )
  return body
}

/**
 * The comparison "whitespace aside": runs of whitespace count as one, and none counts next to
 * `<` or `>` (the page wraps lines inside tags and before `</SecretAccessKey>`). Character
 * references are read as the characters they stand for.
 */
function normalize(xml: string): string {
  return xml
    .replace(/\s+/g, ' ')
    .replace(/ ?([<>]) ?/g, '$1')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim()
}

const USER1_CREATED = 1648191428931182703n
const FIRST_KEY = {
  id: '2PPM4XHAKMG5JHZIUPEUG',
  secret: '9TvXcpw2YRYRZXZCyrCELGVWMNBZyJYY95jhDc1xgH',
}
// The docs show this key's id and date (ListAccessKeys) but never its secret.
const SECOND_KEY = {
  id: 'GAATH0QN9N5W8TBQPSKPJ',
  secret: 'SecondKeySecretIsNotInTheDocs0000000000000',
}

async function createUser1() {
  await sample(USER1_CREATED, { Action: 'CreateUser', UserName: 'User1' })
}

async function createKeys() {
  await createUser1()
  scriptKey(FIRST_KEY.id, FIRST_KEY.secret)
  await sample(parseIsoNanos('2022-03-28T01:43:46.555152698Z'), {
    Action: 'CreateAccessKey',
    UserName: 'User1',
  })
  scriptKey(SECOND_KEY.id, SECOND_KEY.secret)
  await sample(parseIsoNanos('2022-03-28T01:53:02.000000000Z'), {
    Action: 'CreateAccessKey',
    UserName: 'User1',
  })
}

/** The sample policy: everything on bucket bkt3 (the page breaks its JSON across lines). */
const BKT3_POLICY = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": ["arn:aws:s3:::bkt3/*"]}]}`

describe('the MSDP documentation samples', () => {
  it('CreateAccessKey for User1 reproduces the seed sample exactly, whitespace aside', async () => {
    await createUser1()
    scriptKey(FIRST_KEY.id, FIRST_KEY.secret)
    const body = await sample(parseIsoNanos('2022-03-28T01:43:46.555152698Z'), {
      Action: 'CreateAccessKey',
      UserName: 'User1',
    })
    // Verbatim from the seed document (003_67151770757978f5.txt), line breaks included.
    const expected = `<?xml version="1.0" encoding="UTF-8"?>
<CreateAccessKeyResponse
xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
<ResponseMetadata>
<RequestId>1648431826555152698</RequestId>
</ResponseMetadata>
<CreateAccessKeyResult>
<AccessKey>
<AccessKeyId>2PPM4XHAKMG5JHZIUPEUG</AccessKeyId>
<CreateDate>2022-03-28T01:43:46Z</CreateDate>
<SecretAccessKey>9TvXcpw2YRYRZXZCyrCELGVWMNBZyJYY95jhDc1xgH
</SecretAccessKey>
<Status>Active</Status>
<UserName>User1</UserName>
</AccessKey>
</CreateAccessKeyResult>
</CreateAccessKeyResponse>`
    expect(normalize(body)).toBe(normalize(expected))
  })

  it('CreateUser reproduces the documented sample', async () => {
    const body = await sample(USER1_CREATED, { Action: 'CreateUser', UserName: 'User1' })
    expect(normalize(body)).toBe(
      normalize(`<?xml version="1.0" encoding="UTF-8"?>
<CreateUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ResponseMetadata><RequestId>1648191428931182703</RequestId></ResponseMetadata>
  <CreateUserResult>
    <User><CreateDate>2022-03-25T06:57:08Z</CreateDate><UserName>User1</UserName></User>
  </CreateUserResult>
</CreateUserResponse>`),
    )
  })

  it('DeleteUser reproduces the documented sample, with the root element it closes with', async () => {
    // The page opens this sample with <GetUserResponse> but closes it with </DeleteUserResponse>
    // (a copy-paste slip, spec §1.7): the mock writes DeleteUserResponse at both ends.
    await createUser1()
    const body = await sample(1648214899748730966n, { Action: 'DeleteUser', UserName: 'User1' })
    expect(normalize(body)).toBe(
      normalize(`<?xml version="1.0" encoding="UTF-8"?>
<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ResponseMetadata><RequestId>1648214899748730966</RequestId></ResponseMetadata>
</DeleteUserResponse>`),
    )
  })

  it('ListAccessKeys reproduces what is known of the truncated sample', async () => {
    await createKeys()
    const body = await sample(1648432612600646944n, { Action: 'ListAccessKeys', UserName: 'User1' })
    // The page's sample stops inside the second member: compare everything up to there.
    const known = normalize(`<?xml version="1.0" encoding="UTF-8"?>
<ListAccessKeysResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ResponseMetadata><RequestId>1648432612600646944</RequestId></ResponseMetadata>
  <ListAccessKeysResult>
    <AccessKeyMetadata>
      <member>
        <AccessKeyId>2PPM4XHAKMG5JHZIUPEUG</AccessKeyId>
        <CreateDate>2022-03-28T01:43:46Z</CreateDate>
        <Status>Active</Status>
        <UserName>User1</UserName>
      </member>
      <member>
        <AccessKeyId>GAATH0QN9N5W8TBQPSKPJ</AccessKeyId>
        <CreateDate>2022-03-28T01:53:02Z</CreateDate>
        <Status>Active</Status>
        <UserName>User1</UserName>`)
    expect(normalize(body).startsWith(known)).toBe(true)
    // Where IsTruncated goes is unknown; the mock ends the list as the model does.
    expect(normalize(body).slice(known.length)).toBe(
      '</member></AccessKeyMetadata><IsTruncated>false</IsTruncated></ListAccessKeysResult></ListAccessKeysResponse>',
    )
  })

  it('UpdateAccessKey reproduces the documented sample for its documented request', async () => {
    await createKeys()
    const body = await sample(1648451481105563455n, {
      Action: 'UpdateAccessKey',
      AccessKeyId: 'GAATH0QN9N5W8TBQPSKPJ',
      Status: 'Inactive',
      UserName: 'User1',
    })
    expect(normalize(body)).toBe(
      normalize(`<?xml version="1.0" encoding="UTF-8"?>
<UpdateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ResponseMetadata><RequestId>1648451481105563455</RequestId></ResponseMetadata>
</UpdateAccessKeyResponse>`),
    )
    expect(iam.store.accessKey('GAATH0QN9N5W8TBQPSKPJ')?.Status).toBe('Inactive')
  })

  it('DeleteAccessKey reproduces the documented sample', async () => {
    await createKeys()
    const body = await sample(1648451304149485569n, {
      Action: 'DeleteAccessKey',
      AccessKeyId: 'GAATH0QN9N5W8TBQPSKPJ',
      UserName: 'User1',
    })
    expect(normalize(body)).toBe(
      normalize(`<?xml version="1.0" encoding="UTF-8"?>
<DeleteAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ResponseMetadata><RequestId>1648451304149485569</RequestId></ResponseMetadata>
</DeleteAccessKeyResponse>`),
    )
  })

  it('PutUserPolicy reproduces the documented sample, the document sent raw in the query', async () => {
    await createUser1()
    const body = await sample(1648451612346994599n, {
      Action: 'PutUserPolicy',
      PolicyDocument: BKT3_POLICY,
      PolicyName: 'ExamplePolicy',
      UserName: 'User1',
    })
    expect(normalize(body)).toBe(
      normalize(`<?xml version="1.0" encoding="UTF-8"?>
<PutUserPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ResponseMetadata><RequestId>1648451612346994599</RequestId></ResponseMetadata>
</PutUserPolicyResponse>`),
    )
  })

  it('GetUserPolicy reproduces the documented sample: raw JSON, members not alphabetical', async () => {
    await createUser1()
    await sample(1648441417000000000n, {
      Action: 'PutUserPolicy',
      PolicyDocument: BKT3_POLICY,
      PolicyName: 'ExamplePolicy',
      UserName: 'User1',
    })
    const body = await sample(1648441417449582212n, {
      Action: 'GetUserPolicy',
      PolicyName: 'ExamplePolicy',
      UserName: 'User1',
    })
    expect(normalize(body)).toBe(
      normalize(`<?xml version="1.0" encoding="UTF-8"?>
<GetUserPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ResponseMetadata><RequestId>1648441417449582212</RequestId></ResponseMetadata>
  <GetUserPolicyResult>
    <UserName>User1</UserName>
    <PolicyName>ExamplePolicy</PolicyName>
    <PolicyDocument>${BKT3_POLICY}</PolicyDocument>
  </GetUserPolicyResult>
</GetUserPolicyResponse>`),
    )
    // Byte for byte, inside: the document comes back exactly as it was put.
    const result = parseXml(body).GetUserPolicyResponse.GetUserPolicyResult
    expect(result.PolicyDocument).toBe(BKT3_POLICY)
  })
})
