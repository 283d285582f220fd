// `npm run generate:model`: the AWS service models of IAM and STS (model/aws/, botocore's
// service-2.json) as the tables msw-iam reads and writes every operation from, in
// src/model/generated/. Documentation is dropped; everything else the wire needs is kept:
// operations (input, output, result wrapper, errors), shapes (members in model order, required
// members, lengths, ranges, patterns, enums, list and map members) and error codes.
//
// The installed @aws-sdk/client-iam knows operations and members newer than the vendored
// botocore: those come from its schema (the `X$` arrays it exports), so that every operation the
// SDK can send exists. `--check` writes nothing and fails when the committed files differ.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const check = process.argv.includes('--check')
const require = createRequire(import.meta.url)

const read = (path) => JSON.parse(readFileSync(`${root}/${path}`, 'utf8'))
const iamSource = read('model/aws/iam-2010-05-08.service-2.json')
const stsSource = read('model/aws/sts-2011-06-15.service-2.json')
const iamSdk = await import('@aws-sdk/client-iam')
const stsSdk = await import('@aws-sdk/client-sts')
const versionOf = (name) =>
  JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version

/** One botocore shape without its documentation, in the form the tables keep. */
function shapeOf(shape) {
  const out = { type: shape.type }
  if (shape.type === 'structure') {
    out.members = Object.fromEntries(
      Object.entries(shape.members).map(([name, member]) => [name, member.shape]),
    )
    if (shape.required?.length) out.required = shape.required
  }
  if (shape.type === 'list') out.member = shape.member.shape
  if (shape.type === 'map') {
    out.key = shape.key.shape
    out.value = shape.value.shape
  }
  for (const key of ['min', 'max', 'pattern', 'enum', 'sensitive']) {
    if (shape[key] !== undefined) out[key] = shape[key]
  }
  return out
}

/** The tables of one botocore service model. */
function tablesOf(source) {
  const errors = {}
  const shapes = {}
  for (const [name, shape] of Object.entries(source.shapes)) {
    if (shape.exception) {
      const error = shape.error ?? {}
      errors[name] = {
        code: error.code ?? name,
        status: error.httpStatusCode ?? 400,
        fault: error.senderFault ? 'Sender' : 'Receiver',
      }
    } else {
      shapes[name] = shapeOf(shape)
    }
  }
  const operations = {}
  for (const [name, operation] of Object.entries(source.operations)) {
    operations[name] = {
      ...(operation.input && { input: operation.input.shape }),
      ...(operation.output && {
        output: operation.output.shape,
        result: operation.output.resultWrapper,
      }),
      errors: (operation.errors ?? []).map((error) => error.shape),
    }
  }
  return { operations, shapes, errors }
}

// --- The SDK's schema: `[3, ns, name, traits, members, memberSchemas, requiredCount]` is a
// structure, `[1, …, member]` a list, `[2, …, key, value]` a map, `[4, …]` a union (read as a
// structure), `[9, ns, name, traits, input, output]` an operation. A member schema is a number
// (0 string, 1 number, 2 boolean, 4–7 timestamp, 21 blob; | 64 a list of it, | 128 a map of it),
// another schema, or a function returning one.

const PRIMITIVES = { 0: 'string', 1: 'integer', 2: 'boolean', 4: 'timestamp', 5: 'timestamp', 6: 'timestamp', 7: 'timestamp', 21: 'blob' }

/** Reads SDK schemas into `shapes`, naming each; returns the name of `schema`. */
function sdkShapeName(schema, shapes) {
  if (typeof schema === 'function') return sdkShapeName(schema(), shapes)
  if (typeof schema === 'number') {
    const base = schema & 63
    const primitive = PRIMITIVES[base]
    if (!primitive) throw new Error(`unknown SDK schema code ${schema}`)
    const name = `__${primitive}`
    shapes[name] ??= { type: primitive }
    if (schema & 64) return (shapes[`__listOf_${primitive}`] ??= { type: 'list', member: name }), `__listOf_${primitive}`
    if (schema & 128) return (shapes[`__mapOf_${primitive}`] ??= { type: 'map', key: '__string', value: name }), `__mapOf_${primitive}`
    return name
  }
  const [kind, , name] = schema
  if (kind === 0) return sdkShapeName(schema[4], shapes)
  if (shapes[name]) return name
  if (kind === 3 || kind === 4) {
    const shape = { type: 'structure', members: {} }
    shapes[name] = shape
    const [memberNames, memberSchemas, requiredCount = 0] = [schema[4], schema[5], schema[6]]
    memberNames.forEach((member, i) => (shape.members[member] = sdkShapeName(memberSchemas[i], shapes)))
    if (requiredCount > 0) shape.required = memberNames.slice(0, requiredCount)
  } else if (kind === 1) {
    shapes[name] = { type: 'list', member: undefined }
    shapes[name].member = sdkShapeName(schema[4], shapes)
  } else if (kind === 2) {
    shapes[name] = { type: 'map', key: undefined, value: undefined }
    shapes[name].key = sdkShapeName(schema[4], shapes)
    shapes[name].value = sdkShapeName(schema[5], shapes)
  } else {
    throw new Error(`unknown SDK schema kind ${kind} (${name})`)
  }
  return name
}

/** The member names of an SDK structure schema, in its order (required members first). */
const sdkMembers = (schema) => schema[4]

/**
 * Adds what the SDK knows and the model does not: its operations, and members of shared
 * structures, each placed after the member the SDK lists it after.
 */
function mergeSdk(tables, sdk) {
  const sdkStructures = new Map()
  const sdkOperations = new Map()
  for (const value of Object.values(sdk)) {
    if (!Array.isArray(value)) continue
    if (value[0] === 3) sdkStructures.set(value[2], value)
    if (value[0] === 9) sdkOperations.set(value[2], value)
  }
  const added = { operations: [], members: [] }
  for (const [name, operation] of sdkOperations) {
    if (tables.operations[name]) continue
    const input = operation[4]()
    const output = operation[5]()
    const inputName = sdkShapeName(input, tables.shapes)
    const hasOutput = Array.isArray(output) && output[0] === 3 && sdkMembers(output).length > 0
    tables.operations[name] = {
      input: inputName,
      ...(hasOutput && { output: sdkShapeName(output, tables.shapes), result: `${name}Result` }),
      // @note The SDK's schema does not say which errors an operation declares.
      errors: [],
      sdk: true,
    }
    added.operations.push(name)
  }
  for (const [name, schema] of sdkStructures) {
    const shape = tables.shapes[name]
    if (!shape || shape.type !== 'structure') continue
    const theirs = sdkMembers(schema)
    const missing = theirs.filter((member) => !(member in shape.members))
    if (missing.length === 0) continue
    const members = Object.entries(shape.members)
    for (const member of missing) {
      const after = theirs[theirs.indexOf(member) - 1]
      const at = after === undefined ? 0 : members.findIndex(([m]) => m === after) + 1
      members.splice(at, 0, [member, sdkShapeName(schema[5][theirs.indexOf(member)], tables.shapes)])
      added.members.push(`${name}.${member}`)
    }
    shape.members = Object.fromEntries(members)
  }
  return added
}

const iam = tablesOf(iamSource)
const iamAdded = mergeSdk(iam, iamSdk)
const sts = tablesOf(stsSource)
const stsAdded = mergeSdk(sts, stsSdk)
const added = (what) =>
  `${what.operations.length} operations and ${what.members.length} members from its schema`

/**
 * A model as text inside a `String.raw` template, one entry per line — `m`etadata, `o`peration,
 * `s`hape or `e`rror, a tab, its name, a tab, its JSON — so that loading it costs one string,
 * each entry is parsed only when first used (`src/model/shapes.ts`), and diffs stay readable.
 */
function modelModule(tables, metadata, provenance) {
  const lines = [`m\tmetadata\t${JSON.stringify(metadata)}`]
  const section = (kind, entries) => {
    for (const [name, value] of Object.entries(entries)) {
      lines.push(`${kind}\t${name}\t${JSON.stringify(value)}`)
    }
  }
  section('o', tables.operations)
  section('s', tables.shapes)
  section('e', tables.errors)
  const text = lines.join('\n')
  if (text.includes('`') || text.includes('${')) throw new Error('model text cannot be a template')
  return [
    `// Generated by \`npm run generate:model\` (scripts/generate-model.mjs) from ${provenance}.`,
    '// Do not edit: regenerate. One entry per line: kind, name and JSON, tab-separated.',
    '',
    `export default String.raw\`${text}\``,
    '',
  ].join('\n')
}

function namesModule() {
  const list = (names) => names.map((name) => `  '${name}',`).join('\n')
  return [
    '// Generated by `npm run generate:model` (scripts/generate-model.mjs). Do not edit: regenerate.',
    '',
    '/** Every IAM operation: botocore 1.43.11\'s model and the installed SDK\'s newer ones. */',
    `export const IAM_OPERATIONS = [\n${list(Object.keys(iam.operations).sort())}\n] as const`,
    '',
    '/** Every STS operation of the model. */',
    `export const STS_OPERATIONS = [\n${list(Object.keys(sts.operations).sort())}\n] as const`,
    '',
    'export type IamOperationName = (typeof IAM_OPERATIONS)[number]',
    'export type StsOperationName = (typeof STS_OPERATIONS)[number]',
    '',
  ].join('\n')
}

/** Each operation's input and output types, as the SDK declares them (types only). */
function sdkTypesModule() {
  const entries = (tables, ns) =>
    Object.keys(tables.operations)
      .sort()
      .map((name) => {
        const output = tables.operations[name].output ? `${ns}.${name}CommandOutput` : 'void'
        return `  ${name}: [${ns}.${name}CommandInput, ${output}]`
      })
      .join('\n')
  return [
    '// Generated by `npm run generate:model` (scripts/generate-model.mjs). Do not edit: regenerate.',
    "import type * as iam from '@aws-sdk/client-iam'",
    "import type * as sts from '@aws-sdk/client-sts'",
    '',
    '/** Each IAM operation\'s SDK input and output (`void` for operations without a result). */',
    `export interface IamSdkTypes {\n${entries(iam, 'iam')}\n}`,
    '',
    '/** Each STS operation\'s SDK input and output. */',
    `export interface StsSdkTypes {\n${entries(sts, 'sts')}\n}`,
    '',
  ].join('\n')
}

const metadata = (source) => ({
  version: source.metadata.apiVersion,
  xmlns: source.metadata.xmlNamespace,
  signingName: source.metadata.signingName ?? source.metadata.endpointPrefix,
})

const files = {
  'src/model/generated/iam.ts': modelModule(
    iam,
    metadata(iamSource),
    `model/aws/iam-2010-05-08.service-2.json (botocore 1.43.11) and @aws-sdk/client-iam ${versionOf('@aws-sdk/client-iam')} (${added(iamAdded)})`,
  ),
  'src/model/generated/sts.ts': modelModule(
    sts,
    metadata(stsSource),
    `model/aws/sts-2011-06-15.service-2.json (botocore 1.43.11) and @aws-sdk/client-sts ${versionOf('@aws-sdk/client-sts')} (${added(stsAdded)})`,
  ),
  'src/model/generated/names.ts': namesModule(),
  'src/model/generated/sdk-types.ts': sdkTypesModule(),
}

let stale = []
for (const [path, text] of Object.entries(files)) {
  let current
  try {
    current = readFileSync(`${root}/${path}`, 'utf8')
  } catch {
    current = undefined
  }
  if (current === text) continue
  stale.push(path)
  if (!check) writeFileSync(`${root}/${path}`, text)
}
if (check && stale.length > 0) {
  console.error(`generate:model: stale, run \`npm run generate:model\`: ${stale.join(', ')}`)
  process.exit(1)
}
console.log(
  check
    ? 'generate:model: up to date'
    : `generate:model: ${stale.length ? `wrote ${stale.join(', ')}` : 'nothing changed'} (from the SDKs: ${[...iamAdded.operations, ...iamAdded.members, ...stsAdded.operations, ...stsAdded.members].join(', ')})`,
)
