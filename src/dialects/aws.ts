import { defaultFixture } from '../default-fixtures.js'
import { checkAwsPolicyDocument } from '../policy/aws-grammar.js'
import { awsIdentifier, awsSecret } from '../store/ids.js'
import { randomUuid } from '../store/random.js'
import type { Dialect } from './dialect.js'

/** Real AWS IAM: the base every other dialect describes itself against. */
export const awsDialect: Dialect = {
  name: 'aws',
  operations: 'all',
  versionRequired: true,
  caseSensitiveNames: false,
  shapes: {},
  pagedAccessKeys: true,
  protectLastActiveRootKey: false,
  checkPolicyDocument: checkAwsPolicyDocument,
  defaultFixture,
  xml: {
    declaration: false,
    metadataFirst: false,
    encodeDocuments: true,
    members: (shape) => shape.members,
  },
  newAccessKey: (rng, accountId) => ({
    accessKeyId: awsIdentifier(rng, 'AKIA', accountId, 20),
    secretAccessKey: awsSecret(rng),
  }),
  newUserId: (rng, accountId) => awsIdentifier(rng, 'AIDA', accountId, 21),
  requestId: (_instant, rng) => randomUuid(rng),
}
