import { isoSeconds } from './clock.js'
import type { FixtureAccessKey, IamFixture } from './fixture.js'
import type { IamStore, KeyImage } from './store.js'

/**
 * The whole state of a store as a fixture, secrets included, with every default made explicit
 * (ids, dates, statuses): loading it rebuilds exactly this state. It is the store's image
 * (`IamStore#image()`, what `reset()` returns to) written in the fixture format.
 */
export function exportFixture(store: IamStore): IamFixture {
  const image = store.image()
  return {
    AccountId: store.accountId,
    Partition: store.partition,
    Root: {
      CreateDate: isoSeconds(image.root.createDate),
      AccessKeys: image.root.keys.map(exportKey),
    },
    Users: image.users.map((user) => ({
      UserName: user.userName,
      Path: user.path,
      UserId: user.userId,
      CreateDate: isoSeconds(user.createDate),
      Tags: user.tags.map((tag) => ({ ...tag })),
      ...(user.permissionsBoundary !== undefined && {
        PermissionsBoundary: user.permissionsBoundary,
      }),
      AccessKeys: user.keys.map(exportKey),
      Policies: Object.fromEntries(user.policies),
    })),
    RoleSessions: image.sessions.map((session) => ({
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      RoleArn: session.roleArn,
      RoleSessionName: session.roleSessionName,
      RoleId: session.roleId,
    })),
  }
}

function exportKey(key: KeyImage): FixtureAccessKey {
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
