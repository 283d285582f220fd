import { structure, type Operation } from './operations.js'

export const STS_VERSION = '2011-06-15'
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/'

/**
 * The STS operations msw-iam implements, in the same table form as IAM's. Members are in the
 * order of AWS's documented GetCallerIdentity sample (Arn, UserId, Account).
 */
export const stsOperations = {
  GetCallerIdentity: {
    input: {},
    output: structure('GetCallerIdentityResult', [
      ['Arn', 'string'],
      ['UserId', 'string'],
      ['Account', 'string'],
    ]),
  },
} as const satisfies Record<string, Operation>

export type StsActionName = keyof typeof stsOperations
