import { isoSeconds } from './clock.js'
import type { FixtureAccessKey, IamFixture } from './fixture.js'
import type { AccessKeyRecord, IamStore } from './store.js'

/**
 * The whole state of a store as a fixture, secrets included, with every default made explicit
 * (ids, dates, statuses): loading it rebuilds exactly this state.
 */
export function exportFixture(store: IamStore): IamFixture {
  return {
    AccountId: store.accountId,
    Partition: store.partition,
    Root: {
      CreateDate: isoSeconds(store.root.createDate),
      AccessKeys: store.accessKeysOf(store.root).map(exportKey),
    },
    Users: [...store.allUsers()].map((user) => ({
      UserName: user.userName,
      Path: user.path,
      UserId: user.userId,
      CreateDate: isoSeconds(user.createDate),
      Tags: user.tags.map((tag) => ({ ...tag })),
      ...(user.permissionsBoundary !== undefined && {
        PermissionsBoundary: user.permissionsBoundary,
      }),
      AccessKeys: store.accessKeysOf(user).map(exportKey),
      Policies: Object.fromEntries(user.policies),
    })),
    RoleSessions: [...store.roleSessions()].map((session) => ({
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      RoleArn: session.roleArn,
      RoleSessionName: session.roleSessionName,
      RoleId: session.roleId,
    })),
  }
}

function exportKey(key: AccessKeyRecord): FixtureAccessKey {
  return {
    AccessKeyId: key.accessKeyId,
    SecretAccessKey: key.secretAccessKey,
    Status: key.status,
    CreateDate: isoSeconds(key.createDate),
    ...(key.lastUsed && {
      LastUsed: {
        Date: isoSeconds(key.lastUsed.date),
        ServiceName: key.lastUsed.serviceName,
        Region: key.lastUsed.region,
      },
    }),
  }
}
