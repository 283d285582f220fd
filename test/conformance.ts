import { XMLParser } from 'fast-xml-parser'
import { iamModel, stsModel } from '../src/model/load.js'
import { RESPONSE_QUIRKS } from '../src/model/quirks.js'
import type { Shape, StructureShape } from '../src/model/shapes.js'
import type { ObservedAnswer } from '../src/pipeline.js'

/**
 * Checks a response body against its operation's output shape in the model: only elements the
 * shape has, values of the right type, every member the model requires (where AWS does not leave
 * it out, per the quirks table), in the envelope AWS writes. Returns what is wrong, or nothing.
 */
export function conformanceProblems(answer: ObservedAnswer): string[] {
  const problems: string[] = []
  let doc: Record<string, unknown>
  try {
    doc = parser.parse(answer.body, true) as Record<string, unknown>
  } catch (error) {
    return [`not well-formed XML: ${(error as Error).message}`]
  }
  const model = answer.service === 'sts' ? stsModel() : iamModel()
  const roots = Object.keys(doc).filter((name) => name !== '?xml')
  if (roots.length !== 1) return [`${roots.length} root elements`]
  const root = roots[0]!
  const top = doc[root] as Record<string, unknown>
  if (top['@_xmlns'] !== model.xmlns) problems.push(`${root}: xmlns is ${String(top['@_xmlns'])}`)
  const children = Object.keys(top).filter((name) => name !== '@_xmlns')
  if (answer.status >= 300) {
    if (root !== 'ErrorResponse') return [...problems, `an error answered as ${root}`]
    expectOnly(children, ['Error', 'RequestId'], root, problems)
    const error = top.Error as Record<string, unknown>
    expectOnly(Object.keys(error), ['Type', 'Code', 'Message'], 'Error', problems)
    if (error.Type !== 'Sender' && error.Type !== 'Receiver')
      problems.push(`Error.Type ${String(error.Type)}`)
    if (typeof error.Code !== 'string' || error.Code === '') problems.push('Error.Code missing')
    if (typeof top.RequestId !== 'string' || top.RequestId === '')
      problems.push('RequestId missing')
    return problems
  }
  const operation = answer.operation
  if (!operation) return [...problems, `a success without an operation (${root})`]
  if (root !== `${operation.name}Response`) problems.push(`root ${root}`)
  const expected = operation.output ? [operation.result!, 'ResponseMetadata'] : ['ResponseMetadata']
  expectOnly(children, expected, root, problems)
  for (const name of expected) if (!children.includes(name)) problems.push(`${root}: no ${name}`)
  const metadata = top.ResponseMetadata as Record<string, unknown> | undefined
  if (typeof metadata?.RequestId !== 'string') problems.push('ResponseMetadata.RequestId missing')
  if (operation.output) {
    checkStructure(operation.output, top[operation.result!], operation.result!, answer, problems)
  }
  return problems
}

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'member' || name === 'entry',
})

function expectOnly(found: string[], allowed: string[], at: string, problems: string[]): void {
  for (const name of found)
    if (!allowed.includes(name)) problems.push(`${at}: unexpected <${name}>`)
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

function checkValue(
  shape: Shape,
  value: unknown,
  at: string,
  answer: ObservedAnswer,
  problems: string[],
): void {
  switch (shape.kind) {
    case 'structure':
      return checkStructure(shape, value, at, answer, problems)
    case 'list': {
      if (value === '') return
      const node = value as Record<string, unknown>
      expectOnly(Object.keys(node), ['member'], at, problems)
      for (const item of (node.member as unknown[] | undefined) ?? []) {
        checkValue(shape.member, item, `${at}.member`, answer, problems)
      }
      return
    }
    case 'map': {
      if (value === '') return
      const node = value as Record<string, unknown>
      expectOnly(Object.keys(node), ['entry'], at, problems)
      for (const entry of (node.entry as Record<string, unknown>[] | undefined) ?? []) {
        expectOnly(Object.keys(entry), ['key', 'value'], `${at}.entry`, problems)
        checkValue(shape.key, entry.key, `${at}.entry.key`, answer, problems)
        checkValue(shape.value, entry.value, `${at}.entry.value`, answer, problems)
      }
      return
    }
  }
  if (typeof value !== 'string') return void problems.push(`${at}: not a text element`)
  const ok =
    shape.kind === 'timestamp'
      ? TIMESTAMP.test(value)
      : shape.kind === 'boolean'
        ? value === 'true' || value === 'false'
        : shape.kind === 'integer' || shape.kind === 'long'
          ? /^-?\d+$/.test(value)
          : shape.kind === 'blob'
            ? /^[A-Za-z0-9+/]*={0,2}$/.test(value)
            : true
  if (!ok) problems.push(`${at}: ${JSON.stringify(value)} is not a ${shape.kind}`)
}

function checkStructure(
  shape: StructureShape,
  value: unknown,
  at: string,
  answer: ObservedAnswer,
  problems: string[],
): void {
  const node = value === '' || value === undefined ? {} : (value as Record<string, unknown>)
  if (typeof node !== 'object') return void problems.push(`${at}: not a structure`)
  for (const name of Object.keys(node)) {
    const member = shape.member(name)
    if (!member) problems.push(`${at}: <${name}> is not a member of ${shape.name}`)
    else if (RESPONSE_QUIRKS[`${at}.${name}`] === 'omit')
      problems.push(`${at}: <${name}> AWS never sends`)
    else checkValue(member.shape, node[name], `${at}.${name}`, answer, problems)
  }
  // MSDP writes a User without Path, UserId or Arn: the required members are AWS's.
  if (answer.dialect !== 'aws') return
  for (const member of shape.members) {
    if (
      member.required &&
      !(member.name in node) &&
      RESPONSE_QUIRKS[`${at}.${member.name}`] !== 'optional'
    ) {
      problems.push(`${at}: required <${member.name}> missing`)
    }
  }
}
