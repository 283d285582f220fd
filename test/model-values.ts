import type { Model, Shape, StringShape, StructureShape } from '../src/model/shapes.js'
import { patternRegExp } from '../src/model/patterns.js'

/**
 * One value each pattern of the model accepts and one it refuses, as Java's `Pattern.matches`
 * judges them (whole value). Every pattern of both models must be here.
 */
export const PATTERNS: Record<string, [accepted: string, refused: string]> = {
  '[\\u0020-\\u00FF]+': ['Marker text ÿ', 'tab\tinside'],
  '^o-[a-z0-9]{10,32}$': ['o-abcdefghij', 'o-ABCDEFGHIJ'],
  '[\\w._-]+': ['my_provider-1.x', 'my provider'],
  '[\\w]+': ['AKIAIOSFODNN7EXAMPLE', 'AKIA-IOSFODNN7'],
  '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$': ['my-alias-1', 'my--alias'],
  '\\d{12}': ['123456789012', '12345678901x'],
  '[\\d]+': ['123456', '12345a'],
  '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+': ['{"Version": "2012-10-17"}\n\t', 'Līst'],
  '[\\w+=,.@-]+': ['Bob+ops=1,x.y@z-w', 'bad name'],
  '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*': ['notes ¡', 'notes \u007F'],
  '[\\w-]+': ['request-id_1', 'request.id'],
  '^[a-zA-Z0-9:_.-]+$': ['channel:1.x', 'channel/1'],
  '^o-[0-9a-z]{10,32}\\/r-[0-9a-z]{4,32}[0-9a-z-\\/]*': [
    'o-abcdefghij/r-ab12/ou-ab12-abcdefgh/',
    'o-abcdefghij/x-ab12',
  ],
  '^p-[0-9a-zA-Z_]{8,128}$': ['p-FullAWSAccess', 'p-short'],
  '^[a-zA-Z0-9:/+=,.@_-]+$': ['arn:aws:iam::123456789012:user/x', 'owner id'],
  '\\u002F[\\u0021-\\u007F]*': ['/division_abc/', 'division_abc/'],
  '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)': ['/', '/no-trailing'],
  '[ -~]+': ['Param Name~', 'Param\tName'],
  '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/': ['/service-role/', '/service role/'],
  'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?': ['v12', 'v0'],
  '[A-Z0-9]+': ['PRIVATEKEY1234567890AB', 'privatekey'],
  '[:\\w]+': ['c9:1f:2e:33', 'c9-1f'],
  '^http(s?)://[a-zA-Z0-9._/-]*(\\?[a-zA-Z0-9._=&-]*)?(#[a-zA-Z0-9._/-]*)?$': [
    'https://example.com/back?x=1#top',
    'ftp://example.com/',
  ],
  '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]+': ['workflow-1 ¡', ''],
  '[\\w+=/:,.@-]+': ['arn:aws:iam::123456789012:mfa/Bob', 'GAHT 12345'],
  '[\\w-]*': ['', 'iam.service'],
  '[\\w+=,.@-]*': ['', 'bad name'],
  '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+': ['Équipe 1: dev/ops=+@', 'NOWAY!'],
  '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*': ['', 'a,b'],
  '[\\w]*': ['', 'x y'],
  // Java reads `\u10000-\u10FFFF` as `\u1000`, `0-\u10FF`, `F`, `F`: a character past U+10FF that
  // is not in another range is refused, and so is a supplementary one.
  '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+':
    ['arn:aws:iam::123456789012:role/Ωmega', 'arn:aws:iam::123456789012:role/\u{1F600}'],
  '[\\w+=,.@:-]*': ['AROA:session', 'AROA/session'],
  '[\\w+=,.@:\\/-]*': ['external:id/1', 'external id'],
  '[\\w+=,.@\\:-]*': ['federated:user', 'federated/user'],
  '[\\w+=/:,.@-]*': ['', 'serial number'],
  '[\\d]*': ['', '12a'],
}

/** Values for shapes whose pattern or meaning an example alone does not satisfy. */
const BY_SHAPE: Record<string, string> = {
  arnType: 'arn:aws:iam::123456789012:policy/example',
  accessKeyIdType: 'AKIAIOSFODNN7EXAMPLE',
  policyDocumentType:
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}',
  sessionPolicyDocumentType:
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
  authenticationCodeType: '123456',
  tokenCodeType: '123456',
  publicKeyFingerprintType: 'c9:1f:2e:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff',
  accountAliasType: 'my-alias',
  OpenIDConnectProviderUrlType: 'https://oidc.example.com',
  thumbprintType: '9e99a48a9960b14926bb7f3b02e22da2b0ab7280',
}

/** A string that meets every constraint of `shape`. @throws when none can be made */
export function validString(shape: StringShape): string {
  if (shape.enum) return shape.enum[0]!
  const min = shape.min ?? 0
  const max = shape.max ?? Math.max(min, 64)
  let value =
    BY_SHAPE[shape.name] ?? (shape.pattern ? PATTERNS[shape.pattern]?.[0] : undefined) ?? 'x'
  if (value.length === 0) value = 'x'
  while (value.length < min) value += value.at(-1)
  if (value.length > max) value = value.slice(0, max)
  if (shape.pattern !== undefined && !patternRegExp(shape.pattern).test(value)) {
    throw new Error(`no valid value for ${shape.name} (${shape.pattern}): ${JSON.stringify(value)}`)
  }
  return value
}

/** A value for every required member of `shape` (recursively), as the SDK takes input. */
export function validValue(shape: Shape): unknown {
  switch (shape.kind) {
    case 'string':
      return validString(shape)
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return shape.min ?? 1
    case 'boolean':
      return true
    case 'timestamp':
      return new Date('2024-01-01T00:00:00Z')
    case 'blob':
      return new Uint8Array([1, 2, 3])
    case 'list':
      return Array.from({ length: Math.max(shape.min ?? 1, 1) }, () => validValue(shape.member))
    case 'map':
      return { [validValue(shape.key) as string]: validValue(shape.value) }
    case 'structure': {
      // An empty structure sends no parameter at all: a member it needs must carry one.
      const input = requiredInput(shape)
      const first = shape.members[0]
      return Object.keys(input).length === 0 && first
        ? { [first.name]: validValue(first.shape) }
        : input
    }
  }
}

export function requiredInput(shape: StructureShape): Record<string, unknown> {
  return Object.fromEntries(
    shape.members.filter((member) => member.required).map((m) => [m.name, validValue(m.shape)]),
  )
}

/** Every operation of a model, compiled. */
export function operationsOf(model: Model) {
  return model.operationNames.map((name) => model.operation(name))
}
