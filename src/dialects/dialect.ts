import type { IamOperationName } from '../model/generated/names.js'
import type { ShapeOverrides } from '../model/shapes.js'
import type { Instant } from '../store/clock.js'
import type { IamFixture } from '../store/fixture.js'
import type { Rng } from '../store/random.js'
import type { XmlStyle } from '../wire/write.js'

export type DialectName = 'aws' | 'msdp'

/**
 * Everything that differs between IAM implementations, in one place: formats and limits, never
 * behaviour code. Actions and the store read these values; they never test the dialect's name.
 */
export interface Dialect {
  readonly name: DialectName
  /** The IAM operations this dialect has; every other one is `InvalidAction`. */
  readonly operations: ReadonlySet<IamOperationName> | 'all'
  /** AWS requires `Version=2010-05-08`; MSDP lets it be omitted. */
  readonly versionRequired: boolean
  /** MSDP keeps `Bob` and `bob` as two users; AWS refuses the second. */
  readonly caseSensitiveNames: boolean
  /** IAM model shapes this dialect constrains differently (MSDP: UserName 1..64 everywhere). */
  readonly shapes: ShapeOverrides
  /** Whether ListAccessKeys reads Marker/MaxItems (MSDP documents no paging). */
  readonly pagedAccessKeys: boolean
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
  readonly xml: XmlStyle
  newAccessKey(rng: Rng, accountId: string): { accessKeyId: string; secretAccessKey: string }
  newUserId(rng: Rng, accountId: string): string
  requestId(instant: Instant, rng: Rng): string
}
