import type { IamFixture } from './store/fixture.js'

/**
 * `fixtures/default.json` as a module, so the default works where files cannot be read (the
 * browser). A test keeps the two identical.
 */
export const defaultFixture: IamFixture = {
  $schema: './schema.json',
  AccountId: '123456789012',
  Root: {
    AccessKeys: [
      {
        AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
    ],
  },
  Users: [],
}
