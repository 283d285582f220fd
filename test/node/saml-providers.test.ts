import {
  CreateSAMLProviderCommand,
  GetSAMLProviderCommand,
  ListSAMLProvidersCommand,
  TagSAMLProviderCommand,
  UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'
import { samlMetadata } from '../saml-idp.js'

const iam = useIam({
  fixtures: { SAMLProviders: [{ Name: 'Okta', SAMLMetadataDocument: samlMetadata() }] },
})
const client = iamClient()
const OKTA = 'arn:aws:iam::123456789012:saml-provider/Okta'

describe('SAML providers', () => {
  it('loads a fixture provider with a UUID, Allowed encryption and a long validity', async () => {
    const got = await client.send(new GetSAMLProviderCommand({ SAMLProviderArn: OKTA }))
    expect(got.SAMLProviderUUID).toMatch(/^[A-Z0-9]{32}$/)
    expect(got.AssertionEncryptionMode).toBe('Allowed')
    expect(got.PrivateKeyList).toEqual([])
    // @note inferred: a hundred years when the metadata sets no validUntil.
    expect(got.ValidUntil!.getUTCFullYear() - got.CreateDate!.getUTCFullYear()).toBe(100)
    expect(iam.store.samlProviders()).toMatchObject([{ Name: 'Okta', Arn: OKTA }])
  })

  it('takes ValidUntil from the metadata', async () => {
    const { SAMLProviderArn } = await client.send(
      new CreateSAMLProviderCommand({
        Name: 'Until',
        SAMLMetadataDocument: samlMetadata(undefined, { validUntil: '2031-02-03T04:05:06Z' }),
      }),
    )
    const { SAMLProviderList } = await client.send(new ListSAMLProvidersCommand({}))
    const entry = SAMLProviderList!.find((p) => p.Arn === SAMLProviderArn)
    expect(entry!.ValidUntil).toEqual(new Date('2031-02-03T04:05:06Z'))
  })

  it('refuses metadata that is no EntityDescriptor with InvalidInput', async () => {
    const error = await sdkError(
      client.send(
        new CreateSAMLProviderCommand({
          Name: 'Bad',
          SAMLMetadataDocument: `<html>${'x'.repeat(1000)}</html>`,
        }),
      ),
    )
    expect(error.name).toBe('InvalidInputException')
    expect(error.message).toBe('Could not parse metadata')
  })

  // @note inferred wording
  it('refuses a second provider of the same name', async () => {
    const error = await sdkError(
      client.send(
        new CreateSAMLProviderCommand({ Name: 'okta', SAMLMetadataDocument: samlMetadata() }),
      ),
    )
    expect(error.name).toBe('EntityAlreadyExistsException')
  })

  it('names a missing provider in Get’s words for updates and tags', async () => {
    const arn = 'arn:aws:iam::123456789012:saml-provider/Nobody'
    for (const send of [
      client.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn })),
      client.send(
        new TagSAMLProviderCommand({ SAMLProviderArn: arn, Tags: [{ Key: 'a', Value: 'b' }] }),
      ),
    ]) {
      const error = await sdkError(send)
      expect(error.message).toBe(`Manifest not found for arn ${arn}`)
    }
  })

  it('keeps a snapshot that loads back', () => {
    const mock = createIamMock({ fixtures: iam.snapshot() })
    expect(mock.store.samlProviders()).toEqual(iam.store.samlProviders())
  })
})
