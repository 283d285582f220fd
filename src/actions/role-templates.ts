import { IamError } from '../errors.js'
import {
  ROLE_TEMPLATE_ARN,
  roleTemplateErrors,
  type ParameterDefinitionRecord,
  type RoleTemplateRecord,
} from '../store/role-templates.js'
import type { ActionContext } from './context.js'
import { attachable, boundaryPolicy } from './managed-policies.js'
import { toRole } from './roles.js'
import { checkTags } from './tags.js'
import type { ActionNotes, IamActions } from './types.js'

/** @note Inferred wording of every InvalidInput below. */
const invalid = (message: string) => new IamError('InvalidInput', message, 400)

/** A template the ARN names. @throws InvalidInput (no role-template ARN), NoSuchEntity */
function template(ctx: ActionContext, arn: string): RoleTemplateRecord {
  if (!ROLE_TEMPLATE_ARN.test(arn)) throw invalid(`${arn} is not a valid role template ARN.`)
  return ctx.store.roleTemplates.get(arn)
}

/** Each parameter's values: those given, or its default. @throws InvalidInput */
function parameterValues(
  definitions: readonly ParameterDefinitionRecord[],
  given: Readonly<Record<string, { Values: string[] }>>,
): Map<string, { values: string[]; list: boolean }> {
  const byName = new Map(definitions.map((d) => [d.Name, d]))
  for (const name of Object.keys(given)) {
    if (!byName.has(name)) throw invalid(`The role template defines no parameter ${name}.`)
  }
  const out = new Map<string, { values: string[]; list: boolean }>()
  for (const definition of definitions) {
    const values =
      given[definition.Name]?.Values ??
      (definition.DefaultValue !== undefined ? [definition.DefaultValue] : undefined)
    if (values === undefined) {
      if (definition.IsRequired) {
        throw invalid(`A value is required for the parameter ${definition.Name}.`)
      }
      continue
    }
    const list = definition.Type.endsWith('List')
    if (!list && values.length !== 1) {
      throw invalid(`The parameter ${definition.Name} takes exactly one value.`)
    }
    const check = definition.Type.startsWith('Number')
      ? /^-?\d+(?:\.\d+)?$/
      : definition.Type.startsWith('Arn')
        ? /^arn:[\w-]+:[\w-]*:[\w-]*:[\w-]*:.+$/
        : undefined
    const bad = check ? values.find((value) => !check.test(value)) : undefined
    if (bad !== undefined) {
      throw invalid(`${bad} is not a valid ${definition.Type} value for ${definition.Name}.`)
    }
    out.set(definition.Name, { values, list })
  }
  return out
}

const PLACEHOLDER = /@\{([^}]*)\}/g

/**
 * A pattern with its `@{Parameter}` placeholders replaced: a list's values joined by commas.
 * In a JSON document (`json`), a placeholder that is a whole JSON string of a list parameter
 * becomes a JSON array, and values are escaped as JSON strings.
 *
 * @note Inferred: AWS documents the placeholders, not how lists are substituted.
 * @throws InvalidInput for a placeholder with no value
 */
function substitute(
  pattern: string,
  values: Map<string, { values: string[]; list: boolean }>,
  json = false,
): string {
  const valueOf = (name: string) => {
    const found = values.get(name)
    if (!found) throw invalid(`No value for the parameter ${name} of the role template.`)
    return found
  }
  let text = pattern
  if (json) {
    text = text.replace(/"@\{([^}]*)\}"/g, (whole, name: string) => {
      const found = valueOf(name)
      return found.list ? JSON.stringify(found.values) : whole
    })
  }
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const joined = valueOf(name).values.join(',')
    return json ? JSON.stringify(joined).slice(1, -1) : joined
  })
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/
const ROLE_PATH = /^\/(?:[\u0021-\u007E]*\/)?$/

export const roleTemplateActions = {
  /** @note Inferred: `TemplateVersionId` is `{major}.{minor}`; ManagedByType `Service`. */
  GetRoleTemplateVersion(ctx, input) {
    const found = template(ctx, input.TemplateArn)
    const version = ctx.store.roleTemplates.version(found, input.MinorVersion)
    const [, principal, name, major] = ROLE_TEMPLATE_ARN.exec(found.TemplateArn)!
    return {
      RoleTemplateVersion: {
        TemplateArn: found.TemplateArn,
        TemplateName: name,
        TemplateVersionId: `${major}.${version.MinorVersion}`,
        Description: found.Description,
        MajorVersion: Number(major),
        DefaultMinorVersion: ctx.store.roleTemplates.defaultMinor(found),
        ManagedByType: 'Service' as const,
        ManagedByValue: principal,
        Enabled: found.Enabled,
        MinorVersion: version.MinorVersion,
        RoleNamePattern: version.RoleNamePattern,
        RolePathPattern: version.RolePathPattern,
        RoleDescriptionPattern: version.RoleDescriptionPattern,
        AssumeRolePolicyDocumentTemplate: version.AssumeRolePolicyDocumentTemplate,
        InlinePolicyTemplates: version.InlinePolicyTemplates.map((p) => ({ ...p })),
        ManagedPolicyArns: [...version.ManagedPolicyArns],
        PermissionBoundaryArn: version.PermissionBoundaryArn,
        ParametersDefinition: version.ParametersDefinition.map((p) => ({ ...p })),
        RoleTagsTemplate: version.RoleTagsTemplate.map((t) => ({ ...t })),
        MaxSessionDuration: version.MaxSessionDuration,
        VersionEnabled: version.VersionEnabled,
        CreateTimestamp: version.CreateTimestamp,
        UpdateTimestamp: version.UpdateTimestamp,
      },
    }
  },

  /**
   * A role made from the template version, its placeholders replaced; then its managed
   * policies attached and its inline policies put, all or nothing.
   */
  AcquireRole(ctx, input) {
    const found = template(ctx, input.TemplateArn)
    const version = ctx.store.roleTemplates.version(found, input.TemplateMinorVersion)
    if (!found.Enabled || !version.VersionEnabled)
      throw roleTemplateErrors.disabled(found.TemplateArn)
    const values = parameterValues(version.ParametersDefinition, input.ReplacementValues ?? {})
    const roleName = substitute(version.RoleNamePattern, values)
    if (!ROLE_NAME.test(roleName)) throw invalid(`The role name ${roleName} is not valid.`)
    const path = substitute(version.RolePathPattern, values)
    if (!ROLE_PATH.test(path) || path.length > 512) throw invalid(`The path ${path} is not valid.`)
    const description =
      version.RoleDescriptionPattern === undefined
        ? undefined
        : substitute(version.RoleDescriptionPattern, values)
    if (description !== undefined && description.length > 1000) {
      throw invalid('The role description is longer than 1000 characters.')
    }
    if (ctx.store.roles.find(roleName)) {
      // @note Inferred wording (the SDK documents the code and its meaning).
      throw new IamError(
        'NameConflict',
        `The role name ${roleName} conflicts with an existing role in the account.`,
        409,
      )
    }
    const tags = version.RoleTagsTemplate.map((tag) => ({
      Key: substitute(tag.Key, values),
      Value: substitute(tag.Value, values),
    }))
    const badTag = tags.find(
      (tag) => tag.Key.length < 1 || tag.Key.length > 128 || tag.Value.length > 256,
    )
    if (badTag) throw invalid(`The tag ${badTag.Key} is not valid.`)
    checkTags(tags)
    const boundary =
      version.PermissionBoundaryArn === undefined
        ? undefined
        : ctx.store.managedPolicies.arnOfKey(
            boundaryPolicy(ctx, substitute(version.PermissionBoundaryArn, values)).key,
          )
    const role = ctx.store.roles.create({
      RoleName: roleName,
      Path: path,
      CreateDate: ctx.now,
      AssumeRolePolicyDocument: substitute(version.AssumeRolePolicyDocumentTemplate, values, true),
      Tags: tags,
      ...(description !== undefined && { Description: description }),
      ...(version.MaxSessionDuration !== undefined && {
        MaxSessionDuration: version.MaxSessionDuration,
      }),
      ...(boundary !== undefined && { PermissionsBoundary: boundary }),
      SourceRoleTemplate: {
        TemplateArn: found.TemplateArn,
        TemplateMinorVersion: version.MinorVersion,
      },
    })
    for (const arn of version.ManagedPolicyArns) {
      const policy = attachable(ctx, substitute(arn, values))
      ctx.store.managedPolicies.attach({ type: 'role', id: role.RoleId, name: 'Role' }, policy.key)
    }
    for (const policy of version.InlinePolicyTemplates) {
      ctx.store.rolePolicies.put(
        { id: role.RoleId, name: role.RoleName },
        substitute(policy.PolicyName, values),
        substitute(policy.PolicyDocument, values, true),
      )
    }
    return { Role: toRole(ctx, ctx.store.roles.byId(role.RoleId)!) }
  },
} satisfies IamActions

export const roleTemplateNotes: ActionNotes<typeof roleTemplateActions> = {
  GetRoleTemplateVersion:
    'a version of a fixture’s role template (`RoleTemplates`), its default minor version when none is named',
  AcquireRole:
    'a role from a template version, `@{Parameter}` placeholders replaced by `ReplacementValues` (or defaults), with its policies, boundary, tags and `SourceRoleTemplate`; `RoleTemplateDisabled`, `NameConflict`',
}
