import { CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { iamClient, rawIam, sdkError, useIam } from '../helpers.js'

useIam()
const client = iamClient()
const HOSTILE = `<a href="x">&amp;]]>'"\u0001\u0008\u000b\u001f\r\n\t</a>`

describe('values echoed into XML', () => {
  it('survive in an InvalidAction message: markup escaped, forbidden characters replaced', async () => {
    const { status, body, xml } = await rawIam({ Action: HOSTILE, Version: '2010-05-08' })
    expect(status).toBe(400)
    expect(body).not.toContain('<a href')
    expect(body).not.toContain('\u0001')
    expect(xml.ErrorResponse.Error.Message).toBe(
      `Could not find operation <a href="x">&amp;]]>'"\uFFFD\uFFFD\uFFFD\uFFFD\r\n\t</a> for version 2010-05-08`,
    )
  })

  it('survive in the Version echoed by InvalidAction', async () => {
    const { xml } = await rawIam({ Action: 'ListUsers', Version: ']]><x/>&' })
    expect(xml.ErrorResponse.Error.Message).toBe(
      'Could not find operation ListUsers for version ]]><x/>&',
    )
  })

  it('reach the SDK intact in an error message', async () => {
    const arn = `arn:aws:iam::123456789012:${HOSTILE}`
    const error = await sdkError(
      client.send(new CreateUserCommand({ UserName: 'Bob', PermissionsBoundary: arn })),
    )
    expect(error.name).toBe('InvalidInputException')
    expect(error.message).toBe(
      `ARN ${arn.replace(/[\u0001\u0008\u000b\u001f]/g, '\uFFFD')} is not valid.`,
    )
  })

  it('reach the SDK intact in a stored path', async () => {
    const path = `/<b>&"'quoted']]>/`
    await client.send(new CreateUserCommand({ UserName: 'Bob', Path: path }))
    const { User } = await client.send(new GetUserCommand({ UserName: 'Bob' }))
    expect(User?.Path).toBe(path)
    expect(User?.Arn).toBe(`arn:aws:iam::123456789012:user${path}Bob`)
  })
})
