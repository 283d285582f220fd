import type { ActionName } from '../model/operations.js'
import {
  createAccessKey,
  deleteAccessKey,
  getAccessKeyLastUsed,
  listAccessKeys,
  updateAccessKey,
} from './access-keys.js'
import type { Action } from './context.js'
import { deleteUserPolicy, getUserPolicy, listUserPolicies, putUserPolicy } from './policies.js'
import { listUserTags, tagUser, untagUser } from './tags.js'
import { createUser, deleteUser, getUser, listUsers, updateUser } from './users.js'

/** Every implemented action, by its Query `Action` name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const actions: Record<ActionName, Action<any, unknown>> = {
  CreateAccessKey: createAccessKey,
  CreateUser: createUser,
  GetUser: getUser,
  ListUsers: listUsers,
  UpdateUser: updateUser,
  DeleteUser: deleteUser,
  ListAccessKeys: listAccessKeys,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
  TagUser: tagUser,
  UntagUser: untagUser,
  ListUserTags: listUserTags,
  PutUserPolicy: putUserPolicy,
  GetUserPolicy: getUserPolicy,
  ListUserPolicies: listUserPolicies,
  DeleteUserPolicy: deleteUserPolicy,
}
