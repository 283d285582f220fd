import { IamError } from '../errors.js'
import type { ActionNotes, IamActions } from './types.js'

/**
 * Centralized root access for AWS Organizations: the mock's account stands alone (no
 * organization), so each operation is refused as AWS refuses an account outside one.
 *
 * @note inferred: the code is the model's error shape, its message the model's documentation of
 * it, the status 400 (the model gives none).
 */
function noOrganization(): never {
  throw new IamError(
    'OrganizationNotFoundException',
    'The request was rejected because no organization is associated with your account.',
    400,
  )
}

export const organizationActions = {
  ListOrganizationsFeatures: noOrganization,
  EnableOrganizationsRootCredentialsManagement: noOrganization,
  DisableOrganizationsRootCredentialsManagement: noOrganization,
  EnableOrganizationsRootSessions: noOrganization,
  DisableOrganizationsRootSessions: noOrganization,
} satisfies IamActions

const STANDALONE = '`OrganizationNotFoundException`: the mock’s account belongs to no organization'

export const organizationNotes: ActionNotes<typeof organizationActions> = {
  ListOrganizationsFeatures: STANDALONE,
  EnableOrganizationsRootCredentialsManagement: STANDALONE,
  DisableOrganizationsRootCredentialsManagement: STANDALONE,
  EnableOrganizationsRootSessions: STANDALONE,
  DisableOrganizationsRootSessions: STANDALONE,
}
