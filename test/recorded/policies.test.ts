import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { useIam } from '../helpers.js'
import { RECORDED_ACCOUNT, recordedFixture, Replay } from './harness.js'

/** `test_iam_policies`: customer managed policies, their versions, tags and the grammar matrix. */

useIam({ fixtures: recordedFixture })

let counter = 0
const name = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(8, '0')}`

/** `SAMPLE1`…`SAMPLE3` of INDEX.md: one statement allowing one action on everything. */
const sample = (action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'Statement1', Effect: 'Allow', Action: [action], Resource: '*' }],
  })
const SAMPLE1 = sample('iam:ListUsers')
const SAMPLE2 = sample('s3:ListBucket')
const SAMPLE3 = sample('ec2:DescribeInstances')

const MISSING = `arn:aws:iam::${RECORDED_ACCOUNT}:policy/TestNonExistingPolicy`

/** The documents of the grammar matrix, as recorded beside the answers. */
const documents = JSON.parse(
  readFileSync(new URL('./aws/policy_documents.json', import.meta.url), 'utf8'),
) as Record<'invalid' | 'valid', { document: unknown }[]>
const text = (document: unknown) =>
  typeof document === 'string' ? document : JSON.stringify(document)

function replay(testId: string, steps: (r: Replay) => Promise<void>) {
  it(testId, async () => {
    const r = new Replay('test_iam_policies', testId)
    await steps(r)
    expect(r.problems()).toEqual([])
  })
}

const tags = (...pairs: [string, string][]) => pairs.map(([Key, Value]) => ({ Key, Value }))

describe('test_iam_policies, replayed', () => {
  for (const path of ['/test/path/', '/', undefined]) {
    replay(`TestPolicies::test_policy_lifecycle[${path ?? 'None'}]`, async (r) => {
      const policy = name('policy')
      const created = await r.send('create-policy-response', 'CreatePolicy', {
        PolicyName: policy,
        PolicyDocument: SAMPLE1,
        ...(path && { Path: path }),
      })
      const PolicyArn = created.Policy.Arn
      await r.send('get-policy-response', 'GetPolicy', { PolicyArn })
      const list = await r.send(undefined, 'ListPolicies')
      r.keep(
        'filtered-policy-list',
        list.Policies.filter((p: { PolicyName: string }) => p.PolicyName === policy),
      )
      await r.send('delete-policy-response', 'DeletePolicy', { PolicyArn })
    })
  }

  replay('TestPolicies::test_policy_errors', async (r) => {
    const policy = name('policy')
    await r.send('create-policy-response', 'CreatePolicy', {
      PolicyName: policy,
      PolicyDocument: SAMPLE1,
    })
    await r.send('policy-already-exists', 'CreatePolicy', {
      PolicyName: policy,
      PolicyDocument: SAMPLE1,
    })
  })

  replay('TestPolicies::test_policy_version_lifecycle', async (r) => {
    const created = await r.send('create-policy', 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: SAMPLE1,
    })
    const PolicyArn = created.Policy.Arn
    await r.send('create-version-v2', 'CreatePolicyVersion', {
      PolicyArn,
      PolicyDocument: SAMPLE2,
      SetAsDefault: true,
    })
    await r.send('get-version-v2', 'GetPolicyVersion', { PolicyArn, VersionId: 'v2' })
    await r.send(undefined, 'DeletePolicyVersion', { PolicyArn, VersionId: 'v1' })
    await r.send('create-version-v3', 'CreatePolicyVersion', { PolicyArn, PolicyDocument: SAMPLE3 })
    await r.send('get-version-v3', 'GetPolicyVersion', { PolicyArn, VersionId: 'v3' })
    await r.send('list-versions', 'ListPolicyVersions', { PolicyArn })
  })

  replay('TestPolicies::test_policy_version_set_default', async (r) => {
    const created = await r.send(undefined, 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: SAMPLE1,
    })
    const PolicyArn = created.Policy.Arn
    for (const PolicyDocument of [SAMPLE2, SAMPLE3])
      await r.send(undefined, 'CreatePolicyVersion', {
        PolicyArn,
        PolicyDocument,
        SetAsDefault: true,
      })
    await r.send('list-after-create', 'ListPolicyVersions', { PolicyArn })
    await r.send('set-default-v1', 'SetDefaultPolicyVersion', { PolicyArn, VersionId: 'v1' })
    await r.send('list-after-set-default', 'ListPolicyVersions', { PolicyArn })
  })

  replay('TestPolicies::test_policy_version_limit', async (r) => {
    const created = await r.send(undefined, 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: SAMPLE1,
    })
    const PolicyArn = created.Policy.Arn
    for (let i = 0; i < 4; i++)
      await r.send(undefined, 'CreatePolicyVersion', { PolicyArn, PolicyDocument: SAMPLE2 })
    await r.send('err-version-limit-exceeded', 'CreatePolicyVersion', {
      PolicyArn,
      PolicyDocument: SAMPLE2,
    })
    await r.send('list-versions-at-limit', 'ListPolicyVersions', { PolicyArn })
    await r.send(undefined, 'DeletePolicyVersion', { PolicyArn, VersionId: 'v5' })
    await r.send('create-version-after-delete', 'CreatePolicyVersion', {
      PolicyArn,
      PolicyDocument: SAMPLE2,
    })
  })

  replay('TestPolicies::test_policy_version_errors', async (r) => {
    const created = await r.send('create-policy', 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: SAMPLE1,
    })
    const PolicyArn = created.Policy.Arn
    await r.send(undefined, 'CreatePolicyVersion', { PolicyArn, PolicyDocument: SAMPLE2 })
    await r.send('err-get-version-nonexistent-policy', 'GetPolicyVersion', {
      PolicyArn: MISSING,
      VersionId: 'v1',
    })
    await r.send('err-get-nonexistent-version', 'GetPolicyVersion', { PolicyArn, VersionId: 'v9' })
    await r.send('err-delete-default-version', 'DeletePolicyVersion', {
      PolicyArn,
      VersionId: 'v1',
    })
    await r.send('err-delete-nonexistent-version', 'DeletePolicyVersion', {
      PolicyArn,
      VersionId: 'v9',
    })
    await r.send('err-set-default-nonexistent-policy', 'SetDefaultPolicyVersion', {
      PolicyArn: MISSING,
      VersionId: 'v1',
    })
    await r.send('err-set-default-invalid-version-format', 'SetDefaultPolicyVersion', {
      PolicyArn,
      VersionId: 'wrong_version_id',
    })
    await r.send('err-set-default-nonexistent-version', 'SetDefaultPolicyVersion', {
      PolicyArn,
      VersionId: 'v4',
    })
    await r.send(undefined, 'DeletePolicyVersion', { PolicyArn, VersionId: 'v2' })
    await r.send('list-after-delete', 'ListPolicyVersions', { PolicyArn })
  })

  replay('TestPolicyTags::test_policy_tag_lifecycle', async (r) => {
    const first = await r.send('create-with-tags', 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: SAMPLE1,
      Tags: tags(['somekey', 'somevalue'], ['someotherkey', 'someothervalue']),
      Description: 'testing',
    })
    await r.send('get-with-tags', 'GetPolicy', { PolicyArn: first.Policy.Arn })
    await r.send('list-created-tags', 'ListPolicyTags', { PolicyArn: first.Policy.Arn })
    const empty = await r.send('create-with-empty-tag-value', 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: SAMPLE1,
      Tags: tags(['somekey', '']),
    })
    await r.send('list-empty-tag-value', 'ListPolicyTags', { PolicyArn: empty.Policy.Arn })
    const none = await r.send(undefined, 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: SAMPLE1,
    })
    await r.send('get-without-tags', 'GetPolicy', { PolicyArn: none.Policy.Arn })
    const cased = await r.send('create-with-case-sensitive-tags', 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: SAMPLE1,
      Tags: tags(['a', 'lowercase'], ['A', 'uppercase']),
    })
    await r.send('list-case-sensitive-tags', 'ListPolicyTags', { PolicyArn: cased.Policy.Arn })
  })

  replay('TestPolicyTags::test_policy_tag_operations', async (r) => {
    const created = await r.send('create-policy', 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: SAMPLE1,
    })
    const PolicyArn = created.Policy.Arn
    const tag = (Tags: object[]) => r.send(undefined, 'TagPolicy', { PolicyArn, Tags })
    const untag = (TagKeys: string[]) => r.send(undefined, 'UntagPolicy', { PolicyArn, TagKeys })
    const list = (key: string, more = {}) => r.send(key, 'ListPolicyTags', { PolicyArn, ...more })
    await tag(tags(['somekey', 'somevalue'], ['someotherkey', 'someothervalue']))
    await r.send('get-after-tag', 'GetPolicy', { PolicyArn })
    await list('list-tags')
    const page = await list('list-tags-page1', { MaxItems: 1 })
    await list('list-tags-page2', { Marker: page.Marker })
    await tag(tags(['somekey', 'somenewvalue']))
    await list('list-after-update')
    await tag(tags(['somekey', '']))
    await list('list-after-update-empty')
    await untag(['somekey'])
    await list('list-after-untag-one')
    await untag(['someotherkey'])
    await list('list-after-untag-all')
    await tag(tags(['a', 'lowercase'], ['A', 'uppercase']))
    await list('list-case-sensitive-tags')
    await untag(['a'])
    await list('list-after-untag-lowercase')
  })

  replay('TestPolicyTags::test_policy_tag_order', async (r) => {
    const created = await r.send('create-with-case-sensitive-tags', 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: SAMPLE1,
      Tags: tags(['abc', 'first'], ['b', 'second'], ['z', 'third'], ['a', 'fourth']),
    })
    await r.send('list-tags', 'ListPolicyTags', { PolicyArn: created.Policy.Arn })
  })

  /** The five bad tag sets of the tag error tests, in their order. */
  const badTags = [
    Array.from({ length: 51 }, (_, i) => ({ Key: `${i}`, Value: `${i}` })),
    tags(['0', ''], ['0', '']),
    tags(['0'.repeat(129), '']),
    tags(['0', '0'.repeat(257)]),
    tags(['NOWAY!', '']),
  ]

  replay('TestPolicyTags::test_policy_tag_create_errors', async (r) => {
    const keys = [
      'too-many-tags',
      'duplicate-keys',
      'large-key',
      'large-value',
      'invalid-character',
    ]
    for (const [i, Tags] of badTags.entries())
      await r.send(`err-${keys[i]}`, 'CreatePolicy', {
        PolicyName: name('policy'),
        PolicyDocument: SAMPLE1,
        Tags,
      })
  })

  replay('TestPolicyTags::test_policy_tag_update_errors', async (r) => {
    const created = await r.send(undefined, 'CreatePolicy', {
      PolicyName: name('policy'),
      PolicyDocument: SAMPLE1,
    })
    const PolicyArn = created.Policy.Arn
    await r.send(undefined, 'TagPolicy', {
      PolicyArn,
      Tags: tags(['somekey', 'somevalue'], ['someotherkey', 'someothervalue']),
    })
    const keys = ['too-many', 'duplicate-keys', 'large-key', 'large-value', 'invalid-character']
    for (const [i, Tags] of badTags.entries())
      await r.send(`err-tag-${keys[i]}`, 'TagPolicy', { PolicyArn, Tags })
    const missing = `arn:aws:iam::${RECORDED_ACCOUNT}:policy/NotAPolicy`
    await r.send('err-tag-nonexistent-policy', 'TagPolicy', {
      PolicyArn: missing,
      Tags: tags(['some', 'value']),
    })
    const untag = (key: string, TagKeys: string[], arn = PolicyArn) =>
      r.send(key, 'UntagPolicy', { PolicyArn: arn, TagKeys })
    await untag(
      'err-untag-too-many-keys',
      Array.from({ length: 51 }, (_, i) => `${i}`),
    )
    await untag('err-untag-large-key', ['0'.repeat(129)])
    await untag('err-untag-invalid-character', ['NOWAY!'])
    await untag('err-untag-nonexistent-policy', ['somevalue'], missing)
  })

  for (const [n, { document }] of documents.invalid.entries()) {
    replay(`TestPolicyDocumentValidity::test_create_policy_invalid_document[invalid-${n}]`, (r) =>
      r.send('error', 'CreatePolicy', {
        PolicyName: name('policy'),
        PolicyDocument: text(document),
      }),
    )
  }

  for (const [n, { document }] of documents.valid.entries()) {
    replay(`TestPolicyDocumentValidity::test_create_policy_valid_document[valid-${n}]`, (r) =>
      r.send('response', 'CreatePolicy', {
        PolicyName: name('policy'),
        PolicyDocument: text(document),
      }),
    )
  }

  replay('TestListEntitiesForPolicy::test_list_entities_for_policy_errors', async (r) => {
    await r.send('err-nonexistent-policy', 'ListEntitiesForPolicy', {
      PolicyArn: `arn:aws:iam::${RECORDED_ACCOUNT}:policy/NonExistentPolicy`,
    })
  })
})
