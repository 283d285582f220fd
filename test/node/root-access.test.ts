import {
  DisableOrganizationsRootCredentialsManagementCommand,
  DisableOrganizationsRootSessionsCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  ListOrganizationsFeaturesCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { iamClient, sdkError, useIam } from '../helpers.js'

useIam()
const client = iamClient()

describe('centralized root access (AWS Organizations)', () => {
  it('refuses every operation for an account that belongs to no organization', async () => {
    // @note inferred: the model's error and its documentation as the message, status 400.
    for (const command of [
      new ListOrganizationsFeaturesCommand({}),
      new EnableOrganizationsRootCredentialsManagementCommand({}),
      new DisableOrganizationsRootCredentialsManagementCommand({}),
      new EnableOrganizationsRootSessionsCommand({}),
      new DisableOrganizationsRootSessionsCommand({}),
    ]) {
      const error = await sdkError(client.send(command as never))
      expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
        'OrganizationNotFoundException',
        'The request was rejected because no organization is associated with your account.',
        400,
      ])
    }
  })
})
