import type { ActionName, OutputShape, OutputStructure } from '../model/operations.js'
import type { ScalarType, ScalarTypeName } from '../model/types.js'
import type { Instant } from '../store/clock.js'
import type { IamFixture } from '../store/fixture.js'
import type { Rng } from '../store/random.js'

export type DialectName = 'aws' | 'msdp'

/** How a dialect writes XML. */
export interface XmlDialect {
  /** Whether bodies start with `<?xml version="1.0" encoding="UTF-8"?>`. */
  readonly declaration: boolean
  /** Whether `ResponseMetadata` comes before the `{Action}Result` element. */
  readonly metadataFirst: boolean
  /** The members of an output structure, in the order (and subset) this dialect writes. */
  members(shape: OutputStructure): ReadonlyArray<readonly [string, OutputShape]>
}

/**
 * Everything that differs between IAM implementations, in one place: formats and limits, never
 * behaviour code. Actions and the store read these values; they never test the dialect's name.
 */
export interface Dialect {
  readonly name: DialectName
  /** Actions this dialect answers; every other one is `InvalidAction`. */
  readonly actions: ReadonlySet<ActionName>
  /** AWS requires `Version=2010-05-08`; MSDP lets it be omitted. */
  readonly versionRequired: boolean
  /** MSDP keeps `Bob` and `bob` as two users; AWS refuses the second. */
  readonly caseSensitiveNames: boolean
  /** Model types this dialect constrains differently (MSDP: UserName 1..64 everywhere). */
  readonly types: Partial<Record<ScalarTypeName, ScalarType>>
  /** Whether ListAccessKeys reads Marker/MaxItems (MSDP documents no paging). */
  readonly pagedAccessKeys: boolean
  /** How GetUserPolicy returns the document: URL-encoded (AWS) or as stored (MSDP). */
  readonly encodePolicyDocuments: boolean
  /**
   * The UserName the account root reports, where the dialect gives root one. Root is then also
   * addressable by that name (GetUser, the access-key actions, the policy actions, DeleteUser).
   */
  readonly rootUserName?: string
  /** Whether the root user's last Active access key is protected from deletion (MSDP). */
  readonly protectLastActiveRootKey: boolean
  /** The policy grammar PutUserPolicy enforces. @throws MalformedPolicyDocument */
  checkPolicyDocument(document: string): void
  /** The state a mock of this dialect starts from when no fixture is given. */
  readonly defaultFixture: IamFixture
  readonly xml: XmlDialect
  newAccessKey(rng: Rng, accountId: string): { accessKeyId: string; secretAccessKey: string }
  newUserId(rng: Rng, accountId: string): string
  requestId(instant: Instant, rng: Rng): string
}
