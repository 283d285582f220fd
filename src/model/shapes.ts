/**
 * The AWS service model as msw-iam reads it: the generated JSON tables (`generated/`), compiled on
 * first use into a graph of shapes with direct references, one graph per service and set of
 * dialect overrides. One vocabulary serves inputs and outputs.
 */

/** A shape as the generated tables write it (botocore's service-2.json, documentation dropped). */
export interface ShapeSource {
  readonly type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'boolean'
    | 'timestamp'
    | 'blob'
    | 'float'
    | 'double'
  readonly members?: Readonly<Record<string, string>>
  readonly required?: readonly string[]
  readonly member?: string
  readonly key?: string
  readonly value?: string
  readonly min?: number
  readonly max?: number
  readonly pattern?: string
  readonly enum?: readonly string[]
  readonly sensitive?: boolean
}

export interface OperationSource {
  readonly input?: string
  readonly output?: string
  /** The `{Action}Result` element the output is wrapped in. */
  readonly result?: string
  /** Error shape names, in the model's order. */
  readonly errors: readonly string[]
  /** Known to the installed SDK only (newer than the vendored model). */
  readonly sdk?: boolean
}

export interface ErrorSource {
  readonly code: string
  readonly status: number
  readonly fault: 'Sender' | 'Receiver'
}

export interface ModelMetadata {
  readonly version: string
  readonly xmlns: string
  readonly signingName: string
}

/**
 * The generated model text (`generated/*.ts`): one entry per line, `kind\tname\tjson`, kind
 * `m`etadata, `o`peration, `s`hape or `e`rror. Lines are indexed on first use and each entry's
 * JSON parsed when first asked for, so a mock pays for the shapes it uses, not for the model.
 */
export class ModelSource {
  private readonly index = new Map<string, string>()
  private readonly parsed = new Map<string, unknown>()
  readonly operationNames: readonly string[]
  readonly errorNames: readonly string[]
  readonly metadata: ModelMetadata

  constructor(text: string) {
    const operations: string[] = []
    const errors: string[] = []
    let start = 0
    while (start < text.length) {
      let end = text.indexOf('\n', start)
      if (end < 0) end = text.length
      const kind = text[start]!
      const tab = text.indexOf('\t', start + 2)
      const name = text.slice(start + 2, tab)
      this.index.set(`${kind}${name}`, text.slice(tab + 1, end))
      if (kind === 'o') operations.push(name)
      else if (kind === 'e') errors.push(name)
      start = end + 1
    }
    this.operationNames = operations
    this.errorNames = errors
    this.metadata = this.entry<ModelMetadata>('m', 'metadata')!
  }

  operation(name: string): OperationSource | undefined {
    return this.entry('o', name)
  }

  shape(name: string): ShapeSource | undefined {
    return this.entry('s', name)
  }

  error(name: string): ErrorSource | undefined {
    return this.entry('e', name)
  }

  private entry<T>(kind: string, name: string): T | undefined {
    const key = `${kind}${name}`
    let value = this.parsed.get(key) as T | undefined
    if (value === undefined) {
      const json = this.index.get(key)
      if (json === undefined) return undefined
      value = JSON.parse(json) as T
      this.parsed.set(key, value)
    }
    return value
  }
}

/** Constraints a dialect changes on a named shape (MSDP: `existingUserNameType` up to 64). */
export type ShapeOverrides = Readonly<Record<string, Partial<ShapeSource>>>

interface NodeBase {
  /** The model's shape name. */
  readonly name: string
}

export interface StringShape extends NodeBase {
  readonly kind: 'string'
  readonly min?: number
  readonly max?: number
  /** The model's pattern, exactly as AWS prints it in validation messages. */
  readonly pattern?: string
  readonly enum?: readonly string[]
  readonly sensitive: boolean
}

export interface NumberShape extends NodeBase {
  readonly kind: 'integer' | 'long' | 'float' | 'double'
  readonly min?: number
  readonly max?: number
}

export interface ScalarShape extends NodeBase {
  readonly kind: 'boolean' | 'timestamp' | 'blob'
}

export interface ListShape extends NodeBase {
  readonly kind: 'list'
  readonly member: Shape
  readonly min?: number
  readonly max?: number
}

export interface MapShape extends NodeBase {
  readonly kind: 'map'
  readonly key: Shape
  readonly value: Shape
  readonly min?: number
  readonly max?: number
}

export interface Member {
  /** The member name: the Query parameter and the XML element are named so. */
  readonly name: string
  /** The lowerCamel name AWS's validation messages use (`userName`). */
  readonly path: string
  readonly shape: Shape
  readonly required: boolean
}

export interface StructureShape extends NodeBase {
  readonly kind: 'structure'
  /** In model order. */
  readonly members: readonly Member[]
  readonly member: (name: string) => Member | undefined
}

export type Shape = StringShape | NumberShape | ScalarShape | ListShape | MapShape | StructureShape

export interface ModelError extends ErrorSource {
  /** The model's exception shape name, e.g. `NoSuchEntityException`. */
  readonly shape: string
}

export interface Operation {
  readonly name: string
  /** The input structure; an operation without input reads an empty one. */
  readonly input: StructureShape
  readonly output?: StructureShape
  /** The element wrapping the output, e.g. `CreateUserResult`. */
  readonly result?: string
  readonly errors: readonly ModelError[]
  /** Known to the installed SDK only: no vendored model documents it. */
  readonly sdkOnly: boolean
}

/** One service's model, compiled lazily: each shape and operation on first use. */
export class Model {
  readonly version: string
  readonly xmlns: string
  readonly signingName: string
  readonly operationNames: readonly string[]
  private readonly source: ModelSource
  private readonly overrides: ShapeOverrides
  private readonly shapes = new Map<string, Shape>()
  private readonly operations = new Map<string, Operation>()

  constructor(source: ModelSource, overrides: ShapeOverrides = {}) {
    this.source = source
    this.overrides = overrides
    this.version = source.metadata.version
    this.xmlns = source.metadata.xmlns
    this.signingName = source.metadata.signingName
    this.operationNames = source.operationNames
  }

  has(operation: string): boolean {
    return (this.names ??= new Set(this.operationNames)).has(operation)
  }

  private names: Set<string> | undefined

  /** @throws TypeError for a name the model does not know (a bug: callers check `has`). */
  operation(name: string): Operation {
    let operation = this.operations.get(name)
    if (operation) return operation
    const source = this.source.operation(name)
    if (!source) {
      throw new TypeError(`msw-iam: the model has no operation ${name}`)
    }
    operation = {
      name,
      input: source.input ? this.structure(source.input) : EMPTY,
      ...(source.output && { output: this.structure(source.output), result: source.result }),
      errors: source.errors.map((shape) => ({ shape, ...this.source.error(shape)! })),
      sdkOnly: source.sdk === true,
    }
    this.operations.set(name, operation)
    return operation
  }

  /** The error the model declares with this code (`NoSuchEntity`), if any. */
  error(code: string): ModelError | undefined {
    for (const shape of this.source.errorNames) {
      const error = this.source.error(shape)!
      if (error.code === code) return { shape, ...error }
    }
    return undefined
  }

  /** A named shape. @throws TypeError for a name the model does not know. */
  shape(name: string): Shape {
    const known = this.shapes.get(name)
    if (known) return known
    const source = this.source.shape(name)
    if (!source) {
      throw new TypeError(`msw-iam: the model has no shape ${name}`)
    }
    const merged = { ...source, ...this.overrides[name] }
    const limits = {
      ...(merged.min !== undefined && { min: merged.min }),
      ...(merged.max !== undefined && { max: merged.max }),
    }
    switch (merged.type) {
      case 'structure': {
        // Registered before its members are compiled, so a recursive shape resolves to itself.
        const members: Member[] = []
        const byName = new Map<string, Member>()
        const shape: StructureShape = {
          kind: 'structure',
          name,
          members,
          member: (member) => byName.get(member),
        }
        this.shapes.set(name, shape)
        const required = new Set(merged.required)
        for (const [member, target] of Object.entries(merged.members ?? {})) {
          const compiled: Member = {
            name: member,
            path: lowerCamel(member),
            shape: this.shape(target),
            required: required.has(member),
          }
          members.push(compiled)
          byName.set(member, compiled)
        }
        return shape
      }
      case 'list': {
        const shape = { kind: 'list', name, ...limits } as {
          -readonly [K in keyof ListShape]: ListShape[K]
        }
        this.shapes.set(name, shape)
        shape.member = this.shape(merged.member!)
        return shape
      }
      case 'map': {
        const shape = { kind: 'map', name, ...limits } as {
          -readonly [K in keyof MapShape]: MapShape[K]
        }
        this.shapes.set(name, shape)
        shape.key = this.shape(merged.key!)
        shape.value = this.shape(merged.value!)
        return shape
      }
      case 'string': {
        const shape: StringShape = {
          kind: 'string',
          name,
          ...limits,
          ...(merged.pattern !== undefined && { pattern: merged.pattern }),
          ...(merged.enum !== undefined && { enum: merged.enum }),
          sensitive: merged.sensitive === true,
        }
        this.shapes.set(name, shape)
        return shape
      }
      case 'integer':
      case 'long':
      case 'float':
      case 'double': {
        const shape: NumberShape = { kind: merged.type, name, ...limits }
        this.shapes.set(name, shape)
        return shape
      }
      default: {
        const shape: ScalarShape = { kind: merged.type, name }
        this.shapes.set(name, shape)
        return shape
      }
    }
  }

  /** A named structure shape. @throws TypeError when the shape is not a structure. */
  structure(name: string): StructureShape {
    const shape = this.shape(name)
    if (shape.kind !== 'structure') throw new TypeError(`msw-iam: shape ${name} is not a structure`)
    return shape
  }

  /** The same model with some shapes' constraints changed (a dialect's overrides). */
  withOverrides(overrides: ShapeOverrides): Model {
    return Object.keys(overrides).length === 0 ? this : new Model(this.source, overrides)
  }
}

const EMPTY: StructureShape = { kind: 'structure', name: '', members: [], member: () => undefined }

/** `UserName` → `userName`, as AWS's validation messages name members. */
export function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1)
}
