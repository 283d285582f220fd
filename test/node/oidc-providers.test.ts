import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'

const iam = useIam({
  fixtures: {
    OpenIDConnectProviders: [
      {
        Url: 'https://token.actions.githubusercontent.com',
        ClientIDList: ['sts.amazonaws.com'],
        Tags: [{ Key: 'ci', Value: 'github' }],
      },
    ],
  },
})
const client = iamClient()
const GITHUB = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'

describe('OpenID Connect providers', () => {
  it('loads a fixture provider, listed by ARN and read back without https://', async () => {
    const { OpenIDConnectProviderList } = await client.send(
      new ListOpenIDConnectProvidersCommand({}),
    )
    expect(OpenIDConnectProviderList).toEqual([{ Arn: GITHUB }])
    const got = await client.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB }),
    )
    expect(got).toMatchObject({
      Url: 'token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: [],
      Tags: [{ Key: 'ci', Value: 'github' }],
    })
    expect(iam.store.openIDConnectProviders()[0]).toMatchObject({ Arn: GITHUB })
  })

  it('creates a provider without thumbprints, as AWS allows today', async () => {
    const { OpenIDConnectProviderArn } = await client.send(
      new CreateOpenIDConnectProviderCommand({ Url: 'https://gitlab.example.com' }),
    )
    expect(OpenIDConnectProviderArn).toBe(
      'arn:aws:iam::123456789012:oidc-provider/gitlab.example.com',
    )
  })

  // @note inferred: the host is compared lower-cased and a trailing slash dropped.
  it('treats a URL differing only in host case or a trailing slash as the same provider', async () => {
    const error = await sdkError(
      client.send(
        new CreateOpenIDConnectProviderCommand({
          Url: 'https://TOKEN.actions.githubusercontent.com/',
        }),
      ),
    )
    expect(error.name).toBe('EntityAlreadyExistsException')
    expect(error.message).toBe(
      'Provider with url https://TOKEN.actions.githubusercontent.com/ already exists.',
    )
  })

  // @note inferred: AWS documents https:// as required.
  it('refuses an http:// URL as an invalid provider URL', async () => {
    const error = await sdkError(
      client.send(new CreateOpenIDConnectProviderCommand({ Url: 'http://idp.example.com' })),
    )
    expect(error.message).toBe('Invalid Open ID Connect Provider URL')
    expect(error.$metadata.httpStatusCode).toBe(400)
  })

  it('adds and removes client ids idempotently', async () => {
    const input = { OpenIDConnectProviderArn: GITHUB, ClientID: 'my-app' }
    await client.send(new AddClientIDToOpenIDConnectProviderCommand(input))
    await client.send(new AddClientIDToOpenIDConnectProviderCommand(input))
    let got = await client.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB }),
    )
    expect(got.ClientIDList).toEqual(['sts.amazonaws.com', 'my-app'])
    await client.send(new RemoveClientIDFromOpenIDConnectProviderCommand(input))
    await client.send(new RemoveClientIDFromOpenIDConnectProviderCommand(input))
    got = await client.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB }),
    )
    expect(got.ClientIDList).toEqual(['sts.amazonaws.com'])
  })

  // @note inferred: the other operations name a missing provider as Get does.
  it('answers NoSuchEntity in Get’s words for a tag on a missing provider', async () => {
    const arn = 'arn:aws:iam::123456789012:oidc-provider/nobody.example.com'
    const error = await sdkError(
      client.send(
        new TagOpenIDConnectProviderCommand({
          OpenIDConnectProviderArn: arn,
          Tags: [{ Key: 'a', Value: 'b' }],
        }),
      ),
    )
    expect(error.message).toBe(`OpenIDConnect Provider not found for arn ${arn}`)
  })

  it('keeps a snapshot that loads back', () => {
    const mock = createIamMock({ fixtures: iam.snapshot() })
    expect(mock.store.openIDConnectProviders().map((p) => p.Url)).toEqual([
      'token.actions.githubusercontent.com',
    ])
  })

  it('refuses a fixture provider whose URL is not https', () => {
    expect(() =>
      createIamMock({ fixtures: { OpenIDConnectProviders: [{ Url: 'ftp://x.example.com' }] } }),
    ).toThrow('OpenIDConnectProviders[0].Url: must be an https:// URL')
  })
})
