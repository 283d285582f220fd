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

it('exports msw-iam/policy, which evaluates a policy without a mock', async () => {
  const { evaluate } = await import('msw-iam/policy')
  const result = evaluate({
    policies: [{ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*' } }],
    request: { action: 's3:GetObject' },
  })
  expect(result.decision).toBe('allowed')
  expect(import.meta.resolve('msw-iam/policy')).toMatch(/\/dist\/policy\/index\.js$/)
})
