import { CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { iamClient, rawIam, ROOT_KEY, sdkError, useIam } from '../helpers.js'

const iam = useIam({ endpoints: ['https://iam.example.test:8443'] })
const client = iamClient()
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('transport', () => {
  it('answers GET requests with the parameters in the query string (the documented sample form)', async () => {
    const { status, xml } = await rawIam(
      { Action: 'CreateUser', UserName: 'Bob', Version: '2010-05-08' },
      { method: 'GET' },
    )
    expect(status).toBe(200)
    expect(xml.CreateUserResponse.CreateUserResult.User.UserName).toBe('Bob')
    expect(iam.store.user('Bob')).toBeDefined()
  })

  it("accepts the CLI's form content type with a charset", async () => {
    const { status } = await rawIam(
      { Action: 'CreateUser', Version: '2010-05-08', UserName: 'Cli' },
      { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } },
    )
    expect(status).toBe(200)
    expect(iam.store.user('Cli')).toBeDefined()
  })

  it('decodes + and %20 alike and keeps RFC 3986 escapes', async () => {
    await rawIam('Action=CreateUser&Version=2010-05-08&UserName=a%2Bb%40c&Path=%2Fx%2F')
    expect(iam.store.user('a+b@c')?.Path).toBe('/x/')
  })

  it('ignores a body that is not a form', async () => {
    const response = await fetch('https://iam.amazonaws.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Action: 'ListUsers', Version: '2010-05-08' }),
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('<Code>MissingAction</Code>')
  })

  it('serves the extra endpoints passed as options', async () => {
    const custom = iamClient(ROOT_KEY, {
      endpoint: 'https://iam.example.test:8443',
      region: 'eu-west-1',
    })
    const { User } = await custom.send(new CreateUserCommand({ UserName: 'Custom' }))
    expect(User?.Arn).toBe('arn:aws:iam::123456789012:user/Custom')
  })

  it('serves the FIPS endpoint', async () => {
    const fips = iamClient(ROOT_KEY, { useFipsEndpoint: true })
    await expect(fips.send(new GetUserCommand({}))).resolves.toBeDefined()
  })
})

describe('partitions', () => {
  it('writes aws-cn ARNs on the China endpoint', async () => {
    const cn = iamClient(ROOT_KEY, { region: 'cn-north-1' })
    const { User } = await cn.send(new CreateUserCommand({ UserName: 'Li', Path: '/cn/' }))
    expect(User?.Arn).toBe('arn:aws-cn:iam::123456789012:user/cn/Li')
    const root = await cn.send(new GetUserCommand({}))
    expect(root.User?.Arn).toBe('arn:aws-cn:iam::123456789012:root')
  })

  it('writes aws-us-gov ARNs on the GovCloud endpoint', async () => {
    const gov = iamClient(ROOT_KEY, { region: 'us-gov-east-1' })
    const { User } = await gov.send(new CreateUserCommand({ UserName: 'Gov' }))
    expect(User?.Arn).toBe('arn:aws-us-gov:iam::123456789012:user/Gov')
  })
})

describe('responses', () => {
  it('carry text/xml and an x-amzn-RequestId UUID equal to the body RequestId', async () => {
    const { status, headers, body, xml } = await rawIam({
      Action: 'ListUsers',
      Version: '2010-05-08',
    })
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('text/xml')
    const requestId = headers.get('x-amzn-requestid')
    expect(requestId).toMatch(UUID)
    expect(xml.ListUsersResponse.ResponseMetadata.RequestId).toBe(requestId)
    expect(xml.ListUsersResponse['@_xmlns']).toBe('https://iam.amazonaws.com/doc/2010-05-08/')
    expect(body.startsWith('<ListUsersResponse')).toBe(true)
    expect(body).toContain('<Users/>')
    expect(body).toContain('<IsTruncated>false</IsTruncated>')
    expect(body).not.toContain('<Marker>')
  })

  it('give the SDK the header RequestId as $metadata.requestId', async () => {
    const output = await client.send(new GetUserCommand({}))
    expect(output.$metadata.requestId).toMatch(UUID)
  })

  it('put the Result before ResponseMetadata and omit the Result for actions without output', async () => {
    const created = await rawIam({ Action: 'CreateUser', Version: '2010-05-08', UserName: 'Bob' })
    expect(created.body.indexOf('<CreateUserResult>')).toBeLessThan(
      created.body.indexOf('<ResponseMetadata>'),
    )
    const deleted = await rawIam({ Action: 'DeleteUser', Version: '2010-05-08', UserName: 'Bob' })
    expect(deleted.status).toBe(200)
    expect(Object.keys(deleted.xml.DeleteUserResponse)).toEqual(['ResponseMetadata', '@_xmlns'])
  })

  it('write timestamps in whole seconds with Z', async () => {
    const { body } = await rawIam({ Action: 'CreateUser', Version: '2010-05-08', UserName: 'T' })
    expect(body).toMatch(/<CreateDate>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z<\/CreateDate>/)
  })

  it('escape values echoed into XML', async () => {
    const path = `/a&b<c>"'d]]>/`
    const { body, xml } = await rawIam({
      Action: 'CreateUser',
      Version: '2010-05-08',
      UserName: 'esc',
      Path: path,
    })
    expect(body).toContain('<Path>/a&amp;b&lt;c&gt;&quot;&apos;d]]&gt;/</Path>')
    expect(xml.CreateUserResponse.CreateUserResult.User.Path).toBe(path)
    expect(xml.CreateUserResponse.CreateUserResult.User.Arn).toBe(
      `arn:aws:iam::123456789012:user${path}esc`,
    )
    const { User } = await client.send(new GetUserCommand({ UserName: 'esc' }))
    expect(User?.Path).toBe(path)
  })
})

describe('errors', () => {
  it('use the ErrorResponse envelope with Type, Code, Message and RequestId', async () => {
    const { status, headers, body, xml } = await rawIam({
      Action: 'GetUser',
      Version: '2010-05-08',
      UserName: 'bob',
    })
    expect(status).toBe(404)
    expect(headers.get('content-type')).toBe('text/xml')
    expect(xml.ErrorResponse).toEqual({
      '@_xmlns': 'https://iam.amazonaws.com/doc/2010-05-08/',
      Error: {
        Type: 'Sender',
        Code: 'NoSuchEntity',
        Message: 'The user with name bob cannot be found.',
      },
      RequestId: headers.get('x-amzn-requestid'),
    })
    expect(body).not.toContain('<?xml')
  })

  it('answer a request without Action with MissingAction', async () => {
    const { status, xml } = await rawIam({ Version: '2010-05-08' })
    expect(status).toBe(400)
    // @note IAM's wording for a missing Action is not captured anywhere; the code is documented.
    expect(xml.ErrorResponse.Error.Code).toBe('MissingAction')
  })

  it('answer an unknown action with InvalidAction', async () => {
    const { status, xml } = await rawIam({ Action: 'CreateWidget', Version: '2010-05-08' })
    expect(status).toBe(400)
    expect(xml.ErrorResponse.Error).toEqual({
      Type: 'Sender',
      Code: 'InvalidAction',
      Message: 'Could not find operation CreateWidget for version 2010-05-08',
    })
  })

  it('answer a wrong Version with the same InvalidAction form', async () => {
    const { xml } = await rawIam({ Action: 'ListUsers', Version: '2011-06-15' })
    expect(xml.ErrorResponse.Error.Message).toBe(
      'Could not find operation ListUsers for version 2011-06-15',
    )
  })

  it('answer a missing Version as AWS does, naming NO_VERSION_SPECIFIED', async () => {
    // @note Inferred from other AWS Query services; IAM requires Version.
    const { status, xml } = await rawIam({ Action: 'ListUsers' })
    expect(status).toBe(400)
    expect(xml.ErrorResponse.Error.Message).toBe(
      'Could not find operation ListUsers for version NO_VERSION_SPECIFIED',
    )
  })

  it('reach the SDK as unmodeled errors with the raw code as name', async () => {
    const error = await sdkError(client.send(new CreateUserCommand({ UserName: '' })))
    expect(error.name).toBe('ValidationError')
    expect(error.Code).toBe('ValidationError')
    expect(error.Type).toBe('Sender')
    expect(error.message).toBe(
      "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    )
  })

  it('keep XML well-formed when the action name carries markup and control characters', async () => {
    const { status, body, xml } = await rawIam({ Action: 'X<y>&\u0001]]>', Version: '2010-05-08' })
    expect(status).toBe(400)
    expect(body).toContain('X&lt;y&gt;&amp;\uFFFD]]&gt;')
    expect(xml.ErrorResponse.Error.Message).toBe(
      'Could not find operation X<y>&\uFFFD]]> for version 2010-05-08',
    )
  })
})
