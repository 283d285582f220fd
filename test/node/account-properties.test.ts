import { GetAccountPropertiesCommand, PutAccountPropertiesCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, rawIam, sdkError, useIam } from '../helpers.js'

const iam = useIam({ fixtures: { AccountProperties: { 'RoleManager/Enabled': 'true' } } })
const client = iamClient()

describe('account properties', () => {
  it('returns the fixture’s properties', async () => {
    const out = await client.send(new GetAccountPropertiesCommand({}))
    expect(out.Properties).toEqual({ 'RoleManager/Enabled': 'true' })
    expect(iam.store.accountProperties()).toEqual({ 'RoleManager/Enabled': 'true' })
  })

  it('puts properties of one namespace and keeps the others, until reset', async () => {
    await client.send(
      new PutAccountPropertiesCommand({
        Properties: { 'Features/Alpha': 'on', 'Features/Beta': 'off' },
      }),
    )
    await client.send(
      new PutAccountPropertiesCommand({ Properties: { 'RoleManager/Enabled': 'false' } }),
    )
    const out = await client.send(new GetAccountPropertiesCommand({}))
    expect(out.Properties).toEqual({
      'Features/Alpha': 'on',
      'Features/Beta': 'off',
      'RoleManager/Enabled': 'false',
    })
    const snapshot = iam.snapshot()
    expect(snapshot.AccountProperties).toEqual(out.Properties)
    iam.reset()
    expect(iam.store.accountProperties()).toEqual({ 'RoleManager/Enabled': 'true' })
    iam.restore(snapshot)
    expect(iam.store.accountProperties()).toEqual(out.Properties)
  })

  // @note inferred wording
  it('refuses keys of two namespaces, or not of the form Namespace/PropertyName', async () => {
    const mixed = await sdkError(
      client.send(new PutAccountPropertiesCommand({ Properties: { 'A/x': '1', 'B/y': '2' } })),
    )
    expect(mixed.name).toBe('InvalidInputException')
    expect(mixed.message).toBe('All properties must belong to the same namespace (got A, B).')
    for (const key of ['NoSlash', 'A/b/c', 'A/', '1A/b', 'A/b c']) {
      const error = await sdkError(
        client.send(new PutAccountPropertiesCommand({ Properties: { [key]: 'v' } })),
      )
      expect(error.name).toBe('InvalidInputException')
    }
    const none = await rawIam('Action=PutAccountProperties&Version=2010-05-08&Properties=')
    expect(none.status).toBe(400)
    expect(none.xml.ErrorResponse.Error.Code).toBe('InvalidInput')
    expect(iam.store.accountProperties()).toEqual({ 'RoleManager/Enabled': 'true' })
  })

  // @note inferred: an account that set none has none.
  it('starts empty without a fixture', async () => {
    const bare = createIamMock()
    const direct = iamClient(undefined, { requestHandler: bare.requestHandler })
    const out = await direct.send(new GetAccountPropertiesCommand({}))
    expect(out.Properties ?? {}).toEqual({})
  })

  it('refuses a fixture key that is not Namespace/PropertyName', () => {
    expect(() => createIamMock({ fixtures: { AccountProperties: { bad: 'v' } } })).toThrow(
      /AccountProperties\.bad/,
    )
  })
})
