import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam'
import { setupServer } from 'msw/node'
import { expect, it } from 'vitest'

it('is importable by its package name after the build (self-reference) and serves the SDK', async () => {
  const { createIamMock } = await import('msw-iam')
  const iam = createIamMock()
  const server = setupServer(...iam.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  try {
    const client = new IAMClient({
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
    })
    await client.send(new CreateUserCommand({ UserName: 'Bob' }))
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: 'Bob' }))
    expect(AccessKey?.UserName).toBe('Bob')
    expect(import.meta.resolve('msw-iam')).toMatch(/\/dist\/index\.js$/)
  } finally {
    server.close()
  }
})
