import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { recordedFixture, Replay } from './harness.js'

/** `test_iam_oidc`: OpenID Connect providers, their client ids, thumbprints and tags. */

useIam({ fixtures: recordedFixture })

let counter = 0
const uid = () => (++counter).toString(36).padStart(8, '0')

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)

function replay(testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay('test_iam_oidc', testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

describe('test_iam_oidc, replayed', () => {
  replay('TestOIDCProviderCreate::test_create_open_id_connect_provider', async (r) => {
    const id = uid()
    await r.send('create-https', 'CreateOpenIDConnectProvider', {
      Url: `https://oidc-basic-${id}.example.com`,
      ThumbprintList: [A],
    })
    await r.send('create-with-client', 'CreateOpenIDConnectProvider', {
      Url: `https://oidc-client-${id}.example.com`,
      ThumbprintList: [B],
      ClientIDList: ['my-client-id'],
    })
    await r.send('create-with-path', 'CreateOpenIDConnectProvider', {
      Url: `https://oidc-path-${id}.example.com/oidc`,
      ThumbprintList: [A],
    })
  })

  replay('TestOIDCProviderCreateErrors::test_create_open_id_connect_provider_invalid_url', (r) =>
    r.send('invalid-url', 'CreateOpenIDConnectProvider', {
      Url: 'example.org',
      ThumbprintList: [A],
    }),
  )

  replay(
    'TestOIDCProviderCreateErrors::test_create_open_id_connect_provider_duplicate_error',
    async (r) => {
      // The recording's message names its URL literally.
      const input = { Url: 'https://oidc-dup-04669428.example.com', ThumbprintList: [A] }
      await r.send(undefined, 'CreateOpenIDConnectProvider', input)
      await r.send('duplicate-error', 'CreateOpenIDConnectProvider', input)
    },
  )

  replay(
    'TestOIDCProviderCreateErrors::test_create_open_id_connect_provider_too_many_thumbprints',
    (r) =>
      r.send('too-many-thumbprints', 'CreateOpenIDConnectProvider', {
        Url: `https://oidc-thumbs-${uid()}.example.com`,
        ThumbprintList: [...'abcdef'].map((c) => c.repeat(40)),
      }),
  )

  replay('TestOIDCProviderCreateErrors::test_create_open_id_connect_provider_quota_error', (r) =>
    r.send('quota-error', 'CreateOpenIDConnectProvider', {
      Url: `https://oidc-quota-${uid()}.example.com`,
      ThumbprintList: [A],
      ClientIDList: Array.from({ length: 101 }, (_, i) => String(i)),
    }),
  )

  replay(
    'TestOIDCProviderCreateErrors::test_create_open_id_connect_provider_validation_errors',
    (r) =>
      r.send('multiple-validation-errors', 'CreateOpenIDConnectProvider', {
        Url: 'b'.repeat(256),
        ThumbprintList: ['b'.repeat(41)],
        ClientIDList: ['b'.repeat(256)],
      }),
  )

  replay('TestOIDCProviderOperations::test_get_open_id_connect_provider', async (r) => {
    const created = await r.send(undefined, 'CreateOpenIDConnectProvider', {
      Url: `https://oidc-get-${uid()}.example.com/test`,
      ThumbprintList: [B],
      ClientIDList: ['client-id-1'],
    })
    await r.send('get-response', 'GetOpenIDConnectProvider', {
      OpenIDConnectProviderArn: created.OpenIDConnectProviderArn,
    })
  })

  replay('TestOIDCProviderOperations::test_get_open_id_connect_provider_not_found', (r) =>
    r.send('not-found-error', 'GetOpenIDConnectProvider', {
      OpenIDConnectProviderArn: 'arn:aws:iam::111111111111:oidc-provider/non-existent.example.com',
    }),
  )

  replay(
    'TestOIDCProviderOperations::test_update_open_id_connect_provider_thumbprint',
    async (r) => {
      const created = await r.send(undefined, 'CreateOpenIDConnectProvider', {
        Url: `https://oidc-update-${uid()}.example.com`,
        ThumbprintList: [B],
      })
      const arn = created.OpenIDConnectProviderArn
      await r.send(undefined, 'UpdateOpenIDConnectProviderThumbprint', {
        OpenIDConnectProviderArn: arn,
        ThumbprintList: ['c'.repeat(40), 'd'.repeat(40)],
      })
      await r.send('after-update', 'GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn })
    },
  )

  replay('TestOIDCProviderOperations::test_delete_open_id_connect_provider', async (r) => {
    const created = await r.send(undefined, 'CreateOpenIDConnectProvider', {
      Url: `https://oidc-delete-${uid()}.example.com`,
      ThumbprintList: [A],
    })
    const input = { OpenIDConnectProviderArn: created.OpenIDConnectProviderArn }
    await r.send('delete-response', 'DeleteOpenIDConnectProvider', input)
    await r.send('get-not-found-error', 'GetOpenIDConnectProvider', input)
    await r.send('deletion-not-found-error', 'DeleteOpenIDConnectProvider', input)
  })

  replay('TestOIDCProviderList::test_list_open_id_connect_providers', async (r) => {
    const id = uid()
    for (const n of [0, 1, 2]) {
      await r.send(undefined, 'CreateOpenIDConnectProvider', {
        Url: `https://oidc-list-${n}-${id}.example.com`,
        ThumbprintList: [A],
      })
    }
    const list = await r.send(undefined, 'ListOpenIDConnectProviders', {})
    r.keep(
      'list-response',
      list.OpenIDConnectProviderList.map((entry: { Arn: string }) => entry.Arn),
    )
  })

  replay('TestOIDCProviderTags::test_tag_open_id_connect_provider', async (r) => {
    const created = await r.send(undefined, 'CreateOpenIDConnectProvider', {
      Url: `https://oidc-tag-${uid()}.example.com`,
      ThumbprintList: [A],
    })
    const arn = created.OpenIDConnectProviderArn
    await r.send(undefined, 'TagOpenIDConnectProvider', {
      OpenIDConnectProviderArn: arn,
      Tags: [
        { Key: 'k1', Value: 'v1' },
        { Key: 'k2', Value: 'v2' },
      ],
    })
    const got = await r.send(undefined, 'GetOpenIDConnectProvider', {
      OpenIDConnectProviderArn: arn,
    })
    r.keep('after-tagging', { Tags: got.Tags })
  })

  replay('TestOIDCProviderTags::test_untag_open_id_connect_provider', async (r) => {
    const created = await r.send(undefined, 'CreateOpenIDConnectProvider', {
      Url: `https://oidc-untag-${uid()}.example.com`,
      ThumbprintList: [A],
    })
    const arn = created.OpenIDConnectProviderArn
    await r.send(undefined, 'TagOpenIDConnectProvider', {
      OpenIDConnectProviderArn: arn,
      Tags: [
        { Key: 'k1', Value: 'v1' },
        { Key: 'k2', Value: 'v2' },
      ],
    })
    await r.send(undefined, 'UntagOpenIDConnectProvider', {
      OpenIDConnectProviderArn: arn,
      TagKeys: ['k2'],
    })
    const got = await r.send(undefined, 'GetOpenIDConnectProvider', {
      OpenIDConnectProviderArn: arn,
    })
    r.keep('after-untagging', { Tags: got.Tags })
  })

  replay('TestOIDCProviderTags::test_list_open_id_connect_provider_tags', async (r) => {
    const created = await r.send(undefined, 'CreateOpenIDConnectProvider', {
      Url: `https://oidc-list-tags-${uid()}.example.com`,
      ThumbprintList: [A],
      Tags: [
        { Key: 'k1', Value: 'v1' },
        { Key: 'k2', Value: 'v2' },
      ],
    })
    await r.send('list-tags-response', 'ListOpenIDConnectProviderTags', {
      OpenIDConnectProviderArn: created.OpenIDConnectProviderArn,
    })
  })

  replay('TestOIDCProviderTags::test_list_open_id_connect_provider_tags_max_items', async (r) => {
    const created = await r.send(undefined, 'CreateOpenIDConnectProvider', {
      Url: `https://oidc-max-items-${uid()}.example.com`,
      ThumbprintList: [A],
      Tags: Array.from({ length: 10 }, (_, i) => ({
        Key: `k${String(i).padStart(2, '0')}`,
        Value: `v${i}`,
      })),
    })
    const arn = created.OpenIDConnectProviderArn
    const first = await r.send(undefined, 'ListOpenIDConnectProviderTags', {
      OpenIDConnectProviderArn: arn,
      MaxItems: 4,
    })
    expect(first.Tags).toHaveLength(4)
    const second = await r.send(undefined, 'ListOpenIDConnectProviderTags', {
      OpenIDConnectProviderArn: arn,
      MaxItems: 4,
      Marker: first.Marker,
    })
    expect(second.Tags).toHaveLength(4)
    const last = await r.send(undefined, 'ListOpenIDConnectProviderTags', {
      OpenIDConnectProviderArn: arn,
      Marker: second.Marker,
    })
    r.keep('final-page', { tag_count: last.Tags.length, has_marker: last.Marker !== undefined })
  })

  replay('TestOIDCProviderTags::test_open_id_connect_provider_tags_limit', async (r) => {
    const created = await r.send(undefined, 'CreateOpenIDConnectProvider', {
      Url: `https://oidc-tags-limit-${uid()}.example.com`,
      ThumbprintList: [A],
      Tags: Array.from({ length: 50 }, (_, i) => ({
        Key: `k${String(i).padStart(2, '0')}`,
        Value: `v${i}`,
      })),
    })
    await r.send('tags-limit-error', 'TagOpenIDConnectProvider', {
      OpenIDConnectProviderArn: created.OpenIDConnectProviderArn,
      Tags: [{ Key: 'string', Value: 'string' }],
    })
  })
})
