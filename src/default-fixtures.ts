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

/**
 * `fixtures/msdp.json` as a module: the default state of an MSDP mock, a root user with one
 * access key (what `s3srv_config.sh --reset-iam-root` prints on a real server) and no users.
 */
export const msdpFixture: IamFixture = {
  $schema: './schema.json',
  Root: {
    AccessKeys: [
      {
        AccessKeyId: 'MSDPROOTKEYEXAMPLE001',
        SecretAccessKey: 'msdpRootSecretAccessKeyExample0123456789ab',
      },
    ],
  },
  Users: [],
}
