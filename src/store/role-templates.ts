import { IamError } from '../errors.js'
import type { Entity } from './entity.js'
import { boolean, custom, date, fail, integer, list, plain, record, text } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { keyedTable, Table } from './table.js'

/**
 * `arn:{partition}:iam::aws:role-template/{service principal}/{name}:{major version}` (the Service
 * Authorization Reference's form).
 */
export const ROLE_TEMPLATE_ARN =
  /^arn:[\w-]+:iam::aws:role-template\/([^/\s]+)\/([\w+=,.@-]+):(\d+)$/

/** A role template of an AWS service (Role Manager), the account's view of it. */
export interface RoleTemplateRecord {
  readonly TemplateArn: string
  readonly Description?: string
  /** Whether roles may be made from it. */
  readonly Enabled: boolean
  /** The minor version used when a request names none; default: the highest. */
  readonly DefaultMinorVersion?: number
}

export interface ParameterDefinitionRecord {
  readonly Name: string
  readonly Type: 'String' | 'StringList' | 'Number' | 'NumberList' | 'Arn' | 'ArnList'
  readonly SubType?: string
  readonly Description?: string
  readonly IsRequired?: boolean
  readonly DefaultValue?: string
  readonly Immutable?: boolean
}

/** One minor version of a role template: what a role made from it gets. */
export interface RoleTemplateVersionRecord {
  readonly TemplateArn: string
  readonly MinorVersion: number
  readonly VersionEnabled: boolean
  readonly RoleNamePattern: string
  readonly RolePathPattern: string
  readonly RoleDescriptionPattern?: string
  readonly AssumeRolePolicyDocumentTemplate: string
  readonly InlinePolicyTemplates: readonly { PolicyName: string; PolicyDocument: string }[]
  readonly ManagedPolicyArns: readonly string[]
  readonly PermissionBoundaryArn?: string
  readonly ParametersDefinition: readonly ParameterDefinitionRecord[]
  readonly RoleTagsTemplate: readonly { Key: string; Value: string }[]
  readonly MaxSessionDuration?: number
  readonly CreateTimestamp: Date
  readonly UpdateTimestamp: Date
}

export const roleTemplateErrors = {
  /** @note Inferred wording. */
  notFound: (arn: string) =>
    new IamError('NoSuchEntity', `The role template ${arn} cannot be found.`, 404),
  /** @note Inferred wording. */
  noSuchVersion: (arn: string, minor: number) =>
    new IamError(
      'NoSuchEntity',
      `Minor version ${minor} of the role template ${arn} cannot be found.`,
      404,
    ),
  /** @note Inferred wording (the SDK documents the code and its meaning). */
  disabled: (arn: string) =>
    new IamError(
      'RoleTemplateDisabled',
      `The role template ${arn} is disabled and cannot be used to create roles.`,
      409,
    ),
}

/** The role templates the account can see, and their minor versions. */
export class RoleTemplates {
  readonly templates: Table<RoleTemplateRecord>
  readonly versions: Table<RoleTemplateVersionRecord>

  constructor(ctx: StoreContext) {
    this.templates = keyedTable(ctx.log, 'role templates', (template) => template.TemplateArn)
    this.versions = new Table(ctx.log, {
      name: 'role template versions',
      id: (version) => `${version.TemplateArn}#${version.MinorVersion}`,
      group: (version) => version.TemplateArn,
      order: { by: 'insertion' },
    })
  }

  /** @throws NoSuchEntity */
  get(arn: string): RoleTemplateRecord {
    const template = this.templates.get(arn)
    if (!template) throw roleTemplateErrors.notFound(arn)
    return template
  }

  /** The template's default minor version: its own, or the highest it has. */
  defaultMinor(template: RoleTemplateRecord): number {
    if (template.DefaultMinorVersion !== undefined) return template.DefaultMinorVersion
    return Math.max(...this.versions.ofGroup(template.TemplateArn).map((v) => v.MinorVersion))
  }

  /** A minor version (default: the template's default). @throws NoSuchEntity */
  version(template: RoleTemplateRecord, minor?: number): RoleTemplateVersionRecord {
    const wanted = minor ?? this.defaultMinor(template)
    const version = this.versions.get(`${template.TemplateArn}#${wanted}`)
    if (!version) throw roleTemplateErrors.noSuchVersion(template.TemplateArn, wanted)
    return version
  }
}

const parameterTypes = ['String', 'StringList', 'Number', 'NumberList', 'Arn', 'ArnList'] as const

/** A minor version in fixtures, under its template's `Versions`. */
export const roleTemplateVersionEntity: Entity<
  RoleTemplateVersionRecord,
  RoleTemplateRecord,
  IamStore
> = {
  fields: {
    MinorVersion: integer(0, 2147483647, { required: true }),
    VersionEnabled: boolean({ fallback: () => true }),
    RoleNamePattern: plain({
      required: true,
      description: 'The role name; `@{Parameter}` placeholders take AcquireRole’s values.',
    }),
    RolePathPattern: plain({ fallback: () => '/' }),
    RoleDescriptionPattern: plain(),
    AssumeRolePolicyDocumentTemplate: custom(
      { required: true },
      (raw, path) => {
        if (typeof raw === 'string') return raw
        if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
          return JSON.stringify(raw)
        }
        fail(path, 'must be a trust policy (JSON text or an object) with @{Parameter} placeholders')
      },
      { oneOf: [{ type: 'string' }, { type: 'object' }] },
    ),
    InlinePolicyTemplates: list(
      record({ PolicyName: plain({ required: true }), PolicyDocument: plain({ required: true }) }),
    ),
    ManagedPolicyArns: list(plain()),
    PermissionBoundaryArn: plain(),
    ParametersDefinition: list(
      record({
        Name: plain({ required: true }),
        Type: custom(
          { required: true },
          (raw, path) => {
            if (!parameterTypes.includes(raw as never)) {
              fail(path, `must be one of ${parameterTypes.join(', ')}`)
            }
            return raw as ParameterDefinitionRecord['Type']
          },
          { enum: parameterTypes },
        ),
        SubType: plain(),
        Description: plain(),
        IsRequired: boolean(),
        DefaultValue: plain(),
        Immutable: boolean(),
      }) as never,
    ),
    RoleTagsTemplate: list(
      record({ Key: plain({ required: true }), Value: plain({ required: true }) }),
    ),
    MaxSessionDuration: integer(3600, 43200),
    CreateTimestamp: date(),
    UpdateTimestamp: date({ fallback: undefined, description: 'Default: CreateTimestamp.' }),
  },
  errorsAt: 'MinorVersion',
  create(values, template, store) {
    const v = values as unknown as RoleTemplateVersionRecord
    const version = {
      ...v,
      TemplateArn: template.TemplateArn,
      UpdateTimestamp: v.UpdateTimestamp ?? v.CreateTimestamp,
    }
    if (store.roleTemplates.versions.has(`${template.TemplateArn}#${v.MinorVersion}`)) {
      throw new IamError(
        'EntityAlreadyExists',
        `Minor version ${v.MinorVersion} is defined twice.`,
        409,
      )
    }
    return store.roleTemplates.versions.insert(version)
  },
  records: (store, template) => store.roleTemplates.versions.ofGroup(template.TemplateArn),
}

/** Role templates in fixtures: `RoleTemplates: [{ TemplateArn, Versions: [{ MinorVersion, … }] }]`. */
export const roleTemplateEntity: Entity<RoleTemplateRecord, undefined, IamStore> = {
  fields: {
    TemplateArn: text('arnType', {
      required: true,
      description: 'arn:aws:iam::aws:role-template/{service principal}/{name}:{major version}',
    }),
    Description: plain(),
    Enabled: boolean({ fallback: () => true }),
    DefaultMinorVersion: integer(0, 2147483647, { description: 'Default: the highest version.' }),
  },
  errorsAt: 'TemplateArn',
  children: {
    Versions: { form: 'list', entity: roleTemplateVersionEntity as never },
  },
  create(values, _parent, store) {
    const template = values as unknown as RoleTemplateRecord
    if (!ROLE_TEMPLATE_ARN.test(template.TemplateArn)) {
      throw new IamError(
        'InvalidInput',
        'must be arn:aws:iam::aws:role-template/{service principal}/{name}:{major version}',
        400,
      )
    }
    if (store.roleTemplates.templates.has(template.TemplateArn)) {
      throw new IamError('EntityAlreadyExists', `${template.TemplateArn} is defined twice.`, 409)
    }
    return store.roleTemplates.templates.insert(template)
  },
  complete(template, store) {
    const versions = store.roleTemplates.versions.ofGroup(template.TemplateArn)
    if (versions.length === 0) {
      throw new IamError('InvalidInput', 'Versions must hold at least one minor version', 400)
    }
    if (
      template.DefaultMinorVersion !== undefined &&
      !versions.some((v) => v.MinorVersion === template.DefaultMinorVersion)
    ) {
      throw new IamError(
        'InvalidInput',
        `DefaultMinorVersion names no version of ${template.TemplateArn}`,
        400,
      )
    }
  },
  records: (store) => store.roleTemplates.templates.ofGroup(),
}
