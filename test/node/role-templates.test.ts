import {
  AcquireRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetRoleTemplateVersionCommand,
  ListAttachedRolePoliciesCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createIamMock } from '../../src/index.js'
import { iamClient, sdkError, useIam } from '../helpers.js'

const TEMPLATE = 'arn:aws:iam::aws:role-template/lambda.amazonaws.com/FunctionExecution:1'
const DISABLED = 'arn:aws:iam::aws:role-template/ec2.amazonaws.com/Retired:2'

const iam = useIam({
  fixtures: {
    RoleTemplates: [
      {
        TemplateArn: TEMPLATE,
        Description: 'Execution role for a function',
        Versions: [
          {
            MinorVersion: 1,
            RoleNamePattern: 'old-@{FunctionName}',
            ParametersDefinition: [{ Name: 'FunctionName', Type: 'String', IsRequired: true }],
            AssumeRolePolicyDocumentTemplate: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'lambda.amazonaws.com' },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
          },
          {
            MinorVersion: 2,
            RoleNamePattern: 'fn-@{FunctionName}',
            RolePathPattern: '/functions/',
            RoleDescriptionPattern: 'Runs @{FunctionName}',
            AssumeRolePolicyDocumentTemplate: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'lambda.amazonaws.com' },
                  Action: 'sts:AssumeRole',
                },
              ],
            }),
            InlinePolicyTemplates: [
              {
                PolicyName: 'Buckets',
                PolicyDocument: JSON.stringify({
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '@{Buckets}' }],
                }),
              },
            ],
            ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
            ParametersDefinition: [
              { Name: 'FunctionName', Type: 'String', IsRequired: true },
              { Name: 'Buckets', Type: 'ArnList', DefaultValue: 'arn:aws:s3:::default/*' },
            ],
            RoleTagsTemplate: [{ Key: 'function', Value: '@{FunctionName}' }],
            MaxSessionDuration: 7200,
            CreateTimestamp: '2026-01-01T00:00:00Z',
          },
        ],
      },
      {
        TemplateArn: DISABLED,
        Enabled: false,
        Versions: [
          {
            MinorVersion: 0,
            RoleNamePattern: 'retired',
            AssumeRolePolicyDocumentTemplate: '{"Version":"2012-10-17","Statement":[]}',
          },
        ],
      },
    ],
  },
})
const client = iamClient()

describe('role templates', () => {
  it('returns the default (highest) minor version of a template', async () => {
    const { RoleTemplateVersion } = await client.send(
      new GetRoleTemplateVersionCommand({ TemplateArn: TEMPLATE }),
    )
    expect(RoleTemplateVersion).toMatchObject({
      TemplateArn: TEMPLATE,
      TemplateName: 'FunctionExecution',
      MajorVersion: 1,
      MinorVersion: 2,
      DefaultMinorVersion: 2,
      // @note inferred: the service principal manages it; the version id is major.minor.
      ManagedByType: 'Service',
      ManagedByValue: 'lambda.amazonaws.com',
      TemplateVersionId: '1.2',
      Enabled: true,
      VersionEnabled: true,
      RoleNamePattern: 'fn-@{FunctionName}',
      MaxSessionDuration: 7200,
      CreateTimestamp: new Date('2026-01-01T00:00:00Z'),
    })
    const old = await client.send(
      new GetRoleTemplateVersionCommand({ TemplateArn: TEMPLATE, MinorVersion: 1 }),
    )
    expect(old.RoleTemplateVersion!.RolePathPattern).toBe('/')
  })

  // @note inferred wording
  it('answers NoSuchEntity for an unknown template or version, InvalidInput for another ARN', async () => {
    const unknown = await sdkError(
      client.send(
        new GetRoleTemplateVersionCommand({
          TemplateArn: 'arn:aws:iam::aws:role-template/lambda.amazonaws.com/Nope:1',
        }),
      ),
    )
    expect(unknown.name).toBe('NoSuchEntityException')
    const version = await sdkError(
      client.send(new GetRoleTemplateVersionCommand({ TemplateArn: TEMPLATE, MinorVersion: 9 })),
    )
    expect(version.name).toBe('NoSuchEntityException')
    expect(version.message).toBe(
      `Minor version 9 of the role template ${TEMPLATE} cannot be found.`,
    )
    const other = await sdkError(
      client.send(
        new GetRoleTemplateVersionCommand({ TemplateArn: 'arn:aws:iam::123456789012:role/x' }),
      ),
    )
    expect(other.name).toBe('InvalidInputException')
  })

  it('acquires a role from the template, placeholders replaced', async () => {
    const { Role } = await client.send(
      new AcquireRoleCommand({
        TemplateArn: TEMPLATE,
        ReplacementValues: {
          FunctionName: { Values: ['resize'] },
          Buckets: { Values: ['arn:aws:s3:::images/*', 'arn:aws:s3:::thumbs/*'] },
        },
      }),
    )
    expect(Role).toMatchObject({
      RoleName: 'fn-resize',
      Path: '/functions/',
      Arn: 'arn:aws:iam::123456789012:role/functions/fn-resize',
      Description: 'Runs resize',
      MaxSessionDuration: 7200,
      Tags: [{ Key: 'function', Value: 'resize' }],
      SourceRoleTemplate: { TemplateArn: TEMPLATE, TemplateMinorVersion: 2 },
    })
    const got = await client.send(new GetRoleCommand({ RoleName: 'fn-resize' }))
    expect(got.Role!.SourceRoleTemplate).toEqual({ TemplateArn: TEMPLATE, TemplateMinorVersion: 2 })
    const attached = await client.send(
      new ListAttachedRolePoliciesCommand({ RoleName: 'fn-resize' }),
    )
    expect(attached.AttachedPolicies!.map((p) => p.PolicyName)).toEqual(['ReadOnlyAccess'])
    const inline = await client.send(
      new GetRolePolicyCommand({ RoleName: 'fn-resize', PolicyName: 'Buckets' }),
    )
    // @note inferred: a list parameter that is a whole JSON string becomes a JSON array.
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!)).Statement[0].Resource).toEqual([
      'arn:aws:s3:::images/*',
      'arn:aws:s3:::thumbs/*',
    ])
    expect(iam.store.role('fn-resize')?.SourceRoleTemplate).toEqual({
      TemplateArn: TEMPLATE,
      TemplateMinorVersion: 2,
    })
  })

  it('uses a named minor version and a parameter’s default', async () => {
    const { Role } = await client.send(
      new AcquireRoleCommand({
        TemplateArn: TEMPLATE,
        TemplateMinorVersion: 1,
        ReplacementValues: { FunctionName: { Values: ['ingest'] } },
      }),
    )
    expect(Role).toMatchObject({ RoleName: 'old-ingest', Path: '/', MaxSessionDuration: 3600 })
  })

  // @note inferred wording
  it('refuses a missing required value, an unknown parameter and a name already taken', async () => {
    const missing = await sdkError(client.send(new AcquireRoleCommand({ TemplateArn: TEMPLATE })))
    expect(missing.name).toBe('InvalidInputException')
    expect(missing.message).toBe('A value is required for the parameter FunctionName.')
    const unknown = await sdkError(
      client.send(
        new AcquireRoleCommand({
          TemplateArn: TEMPLATE,
          ReplacementValues: { FunctionName: { Values: ['a'] }, Other: { Values: ['b'] } },
        }),
      ),
    )
    expect(unknown.name).toBe('InvalidInputException')
    const values = { FunctionName: { Values: ['twice'] } }
    await client.send(new AcquireRoleCommand({ TemplateArn: TEMPLATE, ReplacementValues: values }))
    const conflict = await sdkError(
      client.send(new AcquireRoleCommand({ TemplateArn: TEMPLATE, ReplacementValues: values })),
    )
    expect(conflict.name).toBe('NameConflictException')
    expect(conflict.$metadata.httpStatusCode).toBe(409)
  })

  it('refuses a disabled template with RoleTemplateDisabled', async () => {
    const error = await sdkError(client.send(new AcquireRoleCommand({ TemplateArn: DISABLED })))
    expect(error.name).toBe('RoleTemplateDisabledException')
    expect(iam.store.role('retired')).toBeUndefined()
  })

  it('leaves nothing behind when a policy of the template does not exist', async () => {
    const broken = createIamMock({
      fixtures: {
        RoleTemplates: [
          {
            TemplateArn: 'arn:aws:iam::aws:role-template/ecs.amazonaws.com/Task:1',
            Versions: [
              {
                MinorVersion: 1,
                RoleNamePattern: 'task',
                AssumeRolePolicyDocumentTemplate:
                  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
                ManagedPolicyArns: ['arn:aws:iam::123456789012:policy/Missing'],
              },
            ],
          },
        ],
      },
    })
    const direct = iamClient(undefined, { requestHandler: broken.requestHandler })
    const error = await sdkError(
      direct.send(
        new AcquireRoleCommand({
          TemplateArn: 'arn:aws:iam::aws:role-template/ecs.amazonaws.com/Task:1',
        }),
      ),
    )
    expect(error.name).toBe('NoSuchEntityException')
    expect(broken.store.role('task')).toBeUndefined()
  })

  it('refuses a fixture template without versions, or whose ARN is no role-template ARN', () => {
    expect(() =>
      createIamMock({ fixtures: { RoleTemplates: [{ TemplateArn: TEMPLATE, Versions: [] }] } }),
    ).toThrow('RoleTemplates[0]: Versions must hold at least one minor version')
    expect(() =>
      createIamMock({
        fixtures: {
          RoleTemplates: [{ TemplateArn: 'arn:aws:iam::123456789012:role/x', Versions: [] }],
        },
      }),
    ).toThrow(/RoleTemplates\[0\]\.TemplateArn: must be arn:aws:iam::aws:role-template/)
  })

  it('keeps the templates in snapshots', () => {
    const snapshot = iam.snapshot()
    expect(snapshot.RoleTemplates!.map((t) => t.TemplateArn)).toEqual([DISABLED, TEMPLATE])
    expect(snapshot.RoleTemplates![1]!.Versions.map((v) => v.MinorVersion)).toEqual([1, 2])
    iam.restore(snapshot)
  })
})
