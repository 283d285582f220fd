import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { samlMetadata } from '../saml-idp.js'
import { recordedFixture, Replay } from './harness.js'

/** `test_iam_saml_providers`: SAML providers, their metadata, UUID and validity. */

useIam({ fixtures: recordedFixture })

let counter = 0
const providerName = () => `TestSAMLProvider-${(++counter).toString(36).padStart(8, '0')}`
const MISSING = 'arn:aws:iam::111111111111:saml-provider/NonExistentProvider'

function replay(testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay('test_iam_saml_providers', testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

const create = (r: Replay, key: string | undefined, name = providerName()) =>
  r.send(key, 'CreateSAMLProvider', { Name: name, SAMLMetadataDocument: samlMetadata() })

describe('test_iam_saml_providers, replayed', () => {
  replay('TestSAMLProviders::test_create_saml_provider', async (r) => {
    await create(r, 'create-response')
  })

  replay('TestSAMLProviders::test_get_saml_provider', async (r) => {
    const { SAMLProviderArn } = await create(r, undefined)
    await r.send('get-response', 'GetSAMLProvider', { SAMLProviderArn })
  })

  replay('TestSAMLProviders::test_get_saml_provider_not_found', (r) =>
    r.send('get-not-found', 'GetSAMLProvider', { SAMLProviderArn: MISSING }),
  )

  replay('TestSAMLProviders::test_update_saml_provider', async (r) => {
    const { SAMLProviderArn } = await create(r, undefined)
    await r.send('update-response', 'UpdateSAMLProvider', {
      SAMLProviderArn,
      SAMLMetadataDocument: samlMetadata('https://updated-idp.example.com/saml'),
    })
    await r.send('get-after-update', 'GetSAMLProvider', { SAMLProviderArn })
  })

  replay('TestSAMLProviders::test_list_saml_providers', async (r) => {
    const name = providerName()
    await create(r, undefined, name)
    const list = await r.send(undefined, 'ListSAMLProviders', {})
    r.keep(
      'list-response',
      list.SAMLProviderList.filter((entry: { Arn: string }) => entry.Arn.includes(name)),
    )
  })

  replay('TestSAMLProviders::test_delete_saml_provider', async (r) => {
    const { SAMLProviderArn } = await create(r, undefined)
    await r.send(undefined, 'ListSAMLProviders', {})
    await r.send('delete-response', 'DeleteSAMLProvider', { SAMLProviderArn })
  })

  replay('TestSAMLProviders::test_delete_saml_provider_not_found', (r) =>
    r.send('delete-not-found', 'DeleteSAMLProvider', { SAMLProviderArn: MISSING }),
  )
})
