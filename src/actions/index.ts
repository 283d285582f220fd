import { accessKeyActions } from './access-keys.js'
import { userPolicyActions } from './policies.js'
import { userTagActions } from './tags.js'
import type { IamActions } from './types.js'
import { userActions } from './users.js'

export { stsActions } from './sts.js'

/** Every implemented IAM action, by its Query `Action` name; the others answer NotImplemented. */
export const iamActions: IamActions = {
  ...userActions,
  ...accessKeyActions,
  ...userPolicyActions,
  ...userTagActions,
}
